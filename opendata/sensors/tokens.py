"""Device tokens: how a sensor device proves who it is when it sends readings.

A token reads ``scd_<prefix>_<secret>``: the prefix (12 hex digits) is stored in clear to
find the device, of the whole token only the SHA-256 hash is stored, and the comparison is
constant-time. As with the portal's API tokens (``portal.accounts.tokens``) an unsalted
SHA-256 suffices: the secret carries 256 bits of entropy. The token is shown exactly once,
when it is created or replaced.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from opendata.sensors.models import Device, Thing
from portal.core.bearer_tokens import TokenKind, token_hash, token_matches

DEVICE_TOKENS = TokenKind(marker="scd_")
LAST_SEEN_RESOLUTION = timedelta(minutes=1)


class DeviceTokenInvalid(Exception):
    """A token was sent but is unknown, malformed or revoked."""


@dataclass(frozen=True)
class CreatedDevice:
    device: Device
    secret: str  # the whole token, to show exactly once


@transaction.atomic
def device_create(*, thing: Thing, name: str) -> CreatedDevice:
    prefix, raw = DEVICE_TOKENS.mint()
    device = Device.objects.create(
        thing=thing, name=name, token_prefix=prefix, token_hash=token_hash(raw)
    )
    return CreatedDevice(device=device, secret=raw)


@transaction.atomic
def device_token_replace(*, device: Device) -> CreatedDevice:
    """A new token for the device (the old one stops working); also un-revokes it."""
    prefix, raw = DEVICE_TOKENS.mint()
    Device.objects.filter(pk=device.pk).update(
        token_prefix=prefix, token_hash=token_hash(raw), revoked_at=None
    )
    device.refresh_from_db()
    return CreatedDevice(device=device, secret=raw)


def device_revoke(*, device: Device) -> Device:
    """Revoke once; revoking again keeps the first time (conditional update)."""
    Device.objects.filter(pk=device.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    device.refresh_from_db(fields=["revoked_at"])
    return device


def device_authenticate(raw: str) -> Device:
    """The live device for this token, or DeviceTokenInvalid."""
    raw = raw.strip()
    prefix = DEVICE_TOKENS.prefix_of(raw)
    if prefix is None:
        raise DeviceTokenInvalid(_("Invalid device token."))
    device = Device.objects.filter(token_prefix=prefix).first()
    if device is None or not token_matches(device.token_hash, raw):
        raise DeviceTokenInvalid(_("Invalid device token."))
    if device.revoked:
        raise DeviceTokenInvalid(_("The device token has been revoked."))
    now = timezone.now()
    if device.last_seen_at is None or device.last_seen_at < now - LAST_SEEN_RESOLUTION:
        Device.objects.filter(pk=device.pk).update(last_seen_at=now)
        device.last_seen_at = now
    return device


def raw_device_token(request: HttpRequest) -> str | None:
    """The token of ``Authorization: Bearer <token>``, or None."""
    header = request.META.get("HTTP_AUTHORIZATION", "").strip()
    scheme, _sep, rest = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return rest.strip() or None


_UNSET = object()


def device_from_request(request: HttpRequest) -> Device | None:
    """The request's live device, looked up once per request (the rate limiter and the
    ingestion view both ask); None without a device token, DeviceTokenInvalid for a bad one."""
    cached = getattr(request, "_portal_device", _UNSET)
    if cached is _UNSET:
        raw = raw_device_token(request)
        if raw is None:
            cached = None
        else:
            try:
                cached = device_authenticate(raw)
            except DeviceTokenInvalid as exc:
                cached = exc
        request._portal_device = cached  # type: ignore[attr-defined]
    if isinstance(cached, DeviceTokenInvalid):
        raise cached
    return cached  # type: ignore[return-value]


def device_client_identity(request: HttpRequest) -> str | None:
    """The rate limiter's name for the request's device (``device:<id>``), so that each
    device has its own budget; None without a valid device token (registered with
    ``portal.core.ratelimit`` by ``SensorsConfig.ready()``)."""
    raw = raw_device_token(request)
    if raw is None or DEVICE_TOKENS.prefix_of(raw.strip()) is None:
        return None  # not a device token: no database query
    try:
        device = device_from_request(request)
    except DeviceTokenInvalid:
        return None  # counted as anonymous; ingestion itself answers 401
    return None if device is None else f"device:{device.pk}"
