"""Device tokens: how a sensor device proves who it is when it sends readings.

A token reads ``scd_<prefix>_<secret>``: the prefix (12 hex digits) is stored in clear to
find the device, of the whole token only the SHA-256 hash is stored, and the comparison is
constant-time. As with the portal's API tokens (``portal.accounts.tokens``) an unsalted
SHA-256 suffices: the secret carries 256 bits of entropy. The token is shown exactly once,
when it is created or replaced.

Device tokens never expire: a sensor in the field must not stop silently. Instead staff
rotate a token (``device_token_rotate``): the new one works at once and the previous one
keeps working for ``DEVICE_TOKEN_ROTATION_OVERLAP_DAYS``, so that the device can be
reconfigured without a gap; ``device_token_replace`` (a token that leaked) ends the old one
at once. Staff are mailed about devices gone quiet or still on an ending previous token
(``opendata.sensors.device_alerts``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from opendata.sensors.models import Device, Thing
from portal.core.bearer_tokens import TokenKind, token_hash, token_matches

DEVICE_TOKENS = TokenKind(marker="scd_")
LAST_SEEN_RESOLUTION = timedelta(minutes=1)
# Fields a rotation or replacement resets (the previous token and what was said about it).
_NO_PREVIOUS_TOKEN: dict[str, Any] = {
    "previous_token_prefix": None,
    "previous_token_hash": "",
    "previous_token_valid_until": None,
    "previous_token_last_used_at": None,
    "previous_token_alerted_at": None,
}


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
    """A new token for the device; every old one stops working at once (a token that leaked).
    Also un-revokes the device."""
    prefix, raw = DEVICE_TOKENS.mint()
    Device.objects.filter(pk=device.pk).update(
        token_prefix=prefix, token_hash=token_hash(raw), revoked_at=None, **_NO_PREVIOUS_TOKEN
    )
    device.refresh_from_db()
    return CreatedDevice(device=device, secret=raw)


@transaction.atomic
def device_token_rotate(*, device: Device, now: datetime | None = None) -> CreatedDevice:
    """A new token, while the current one keeps working for the overlap
    (DEVICE_TOKEN_ROTATION_OVERLAP_DAYS); a token from an earlier rotation ends now.

    A revoked device gets a new token without overlap: its old one was stopped on purpose.
    """
    now = now or timezone.now()
    current = Device.objects.select_for_update().get(pk=device.pk)
    if current.revoked:
        return device_token_replace(device=device)
    prefix, raw = DEVICE_TOKENS.mint()
    Device.objects.filter(pk=device.pk).update(
        **_NO_PREVIOUS_TOKEN
        | {
            "previous_token_prefix": current.token_prefix,
            "previous_token_hash": current.token_hash,
            "previous_token_valid_until": now
            + timedelta(days=settings.DEVICE_TOKEN_ROTATION_OVERLAP_DAYS),
        },
        token_prefix=prefix,
        token_hash=token_hash(raw),
    )
    device.refresh_from_db()
    return CreatedDevice(device=device, secret=raw)


def device_revoke(*, device: Device) -> Device:
    """Revoke once; revoking again keeps the first time (conditional update)."""
    Device.objects.filter(pk=device.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    device.refresh_from_db(fields=["revoked_at"])
    return device


def device_authenticate(raw: str) -> Device:
    """The live device for this token (its current one, or its previous one during the
    overlap after a rotation), or DeviceTokenInvalid."""
    raw = raw.strip()
    prefix = DEVICE_TOKENS.prefix_of(raw)
    if prefix is None:
        raise DeviceTokenInvalid(_("Invalid device token."))
    device = Device.objects.filter(Q(token_prefix=prefix) | Q(previous_token_prefix=prefix)).first()
    if device is None:
        raise DeviceTokenInvalid(_("Invalid device token."))
    now = timezone.now()
    previous = device.token_prefix != prefix
    if not token_matches(device.previous_token_hash if previous else device.token_hash, raw):
        raise DeviceTokenInvalid(_("Invalid device token."))
    if device.revoked:
        raise DeviceTokenInvalid(_("The device token has been revoked."))
    valid_until = device.previous_token_valid_until
    if previous and (valid_until is None or valid_until <= now):
        raise DeviceTokenInvalid(_("The device token has been replaced by a newer one."))
    device_seen(device, now=now, previous_token=previous)
    return device


def device_seen(device: Device, *, now: datetime, previous_token: bool = False) -> None:
    """Note the contact (at most once a minute per device): it ends an unused-device alert,
    and a contact with the previous token tells staff the device still needs the new one."""
    changes: dict[str, Any] = {}
    if device.last_seen_at is None or device.last_seen_at < now - LAST_SEEN_RESOLUTION:
        changes.update(last_seen_at=now, unused_alerted_at=None)
    last_previous = device.previous_token_last_used_at
    if previous_token and (last_previous is None or last_previous < now - LAST_SEEN_RESOLUTION):
        changes["previous_token_last_used_at"] = now
    if changes:
        Device.objects.filter(pk=device.pk).update(**changes)
        for name, value in changes.items():
            setattr(device, name, value)


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
