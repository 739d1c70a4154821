"""Staff alerts about device tokens: devices gone quiet, devices still on an ending token.

Device tokens never expire (``opendata.sensors.tokens``), so nothing stops a sensor in the
field silently; instead a daily beat job (``device_tokens_check``) mails staff, once per
device and occasion, to the thing's operator (else ``PORTAL_STAFF_EMAIL``):

- a device not heard from for ``DEVICE_TOKEN_UNUSED_ALERT_DAYS`` (counted from its creation
  when it never sent anything); told again only after it was heard from and fell silent again;
- a device that still used its previous token within the last day although that token ends
  within ``DEVICE_TOKEN_PREVIOUS_ALERT_DAYS`` after a rotation.

Each mail is claimed with a conditional update, released when sending fails (the task
retries, and the next daily run finds it again).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opendata.sensors.models import Device
from portal.core.jobs import enqueue


def devices_unused(*, now: datetime) -> Any:
    """Live devices not heard from (or, never heard from, created) before the alert period,
    not yet alerted."""
    cutoff = now - timedelta(days=settings.DEVICE_TOKEN_UNUSED_ALERT_DAYS)
    return Device.objects.filter(
        Q(last_seen_at__lt=cutoff) | Q(last_seen_at__isnull=True, created_at__lt=cutoff),
        revoked_at__isnull=True,
        unused_alerted_at__isnull=True,
    )


def devices_on_ending_previous_token(*, now: datetime) -> Any:
    """Live devices that used their previous token lately although it ends soon."""
    soon = now + timedelta(days=settings.DEVICE_TOKEN_PREVIOUS_ALERT_DAYS)
    return Device.objects.filter(
        revoked_at__isnull=True,
        previous_token_alerted_at__isnull=True,
        previous_token_valid_until__gt=now,
        previous_token_valid_until__lte=soon,
        previous_token_last_used_at__gte=now - timedelta(days=1),
    )


def device_tokens_check(*, now: datetime | None = None) -> dict[str, int]:
    """The daily beat job: enqueue one staff mail per device that needs attention."""
    from opendata.sensors.tasks import device_previous_token_notify_task, device_unused_notify_task

    now = now or timezone.now()
    unused = devices_unused(now=now).values_list("pk", flat=True)
    ending = devices_on_ending_previous_token(now=now).values_list("pk", flat=True)
    return {
        "unused": sum(enqueue(device_unused_notify_task, pk) for pk in unused),
        "previous_token": sum(enqueue(device_previous_token_notify_task, pk) for pk in ending),
    }


def _device_recipient(device: Device) -> str:
    operator = device.thing.operator
    return operator.email if operator and operator.email else settings.PORTAL_STAFF_EMAIL


def _device_mail(device: Device, *, subject: str, template: str, **context: Any) -> None:
    send_mail(
        subject=f"[{settings.WAGTAIL_SITE_NAME}] {subject}",
        message=render_to_string(
            template,
            {
                "device": device,
                "admin_url": settings.PORTAL_BASE_URL + reverse("sensors_devices:index"),
                **context,
            },
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[_device_recipient(device)],
    )


def _claimed_mail(device_id: int, claim_field: str, still_due: Any, send: Any) -> bool:
    """Claim the device's alert (conditional update), mail, release the claim on failure."""
    now = timezone.now()
    claimed = still_due(now=now).filter(pk=device_id).update(**{claim_field: now})
    if not claimed:
        return False
    device = Device.objects.select_related("thing__operator").get(pk=device_id)
    try:
        send(device)
    except Exception:
        Device.objects.filter(pk=device_id).update(**{claim_field: None})
        raise
    return True


def device_unused_notify(*, device_id: int) -> bool:
    """Tell staff once that a device has sent nothing for the alert period; False when it
    was told already or the device is back."""

    def send(device: Device) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            since = device.last_seen_at or device.created_at
            _device_mail(
                device,
                subject=_("Device “%(name)s” has sent nothing for %(days)d days")
                % {"name": device.name, "days": settings.DEVICE_TOKEN_UNUSED_ALERT_DAYS},
                template="sensors/email/device_unused.txt",
                since=date_format(timezone.localtime(since), "DATETIME_FORMAT"),
                never_seen=device.last_seen_at is None,
            )

    return _claimed_mail(device_id, "unused_alerted_at", devices_unused, send)


def device_previous_token_notify(*, device_id: int) -> bool:
    """Tell staff once that a device still sends with a previous token that ends soon."""

    def send(device: Device) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            ends = timezone.localtime(device.previous_token_valid_until)
            _device_mail(
                device,
                subject=_("Device “%(name)s” still uses its previous token, which ends on %(date)s")
                % {"name": device.name, "date": date_format(ends, "DATE_FORMAT")},
                template="sensors/email/device_previous_token.txt",
                ends=date_format(ends, "DATETIME_FORMAT"),
            )

    return _claimed_mail(
        device_id, "previous_token_alerted_at", devices_on_ending_previous_token, send
    )
