"""Writes of the Open311 interface: API clients' keys, requests and status updates they send.

Reports are created through the defect reporter's own ``report_submit`` (channel "api",
trusted) and status updates through ``report_status_change``, so that Open311 refuses the
same input as the web form and routes, stores and mails the same way.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.gis.geos import Point
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from participation.defects.models import Open311Client, Report, ReportUpdate, Status
from participation.defects.open311.selectors import OPEN311_KEYS
from participation.defects.services import (
    Contact,
    report_note_add,
    report_status_change,
    report_submit,
)
from portal.core.bearer_tokens import token_hash


def open311_client_create(
    *, name: str, contact_email: str = "", may_update: bool = False
) -> tuple[Open311Client, str]:
    """A new client and its key; the key is returned this once and only its hash is stored."""
    name = name.strip()[:100]
    if not name:
        raise ValidationError({"name": _("Please give the client a name.")})
    if contact_email:
        try:
            validate_email(contact_email)
        except ValidationError:
            raise ValidationError(
                {"contact_email": _("Please enter a valid e-mail address.")}
            ) from None
    prefix, raw = OPEN311_KEYS.mint()
    client = Open311Client.objects.create(
        name=name,
        contact_email=contact_email,
        prefix=prefix,
        secret_hash=token_hash(raw),
        may_update=may_update,
    )
    return client, raw


def open311_client_revoke(*, client: Open311Client, now: datetime | None = None) -> Open311Client:
    """Revoke once; revoking again keeps the first time (conditional update)."""
    now = now or timezone.now()
    Open311Client.objects.filter(pk=client.pk, revoked_at__isnull=True).update(revoked_at=now)
    client.refresh_from_db(fields=["revoked_at"])
    return client


def open311_request_create(
    *,
    client: Open311Client,
    service_code: str,
    location: Point,
    description: str,
    address: str = "",
    contact: Contact | None = None,
    attributes: dict[str, Any] | None = None,
    media_url: str = "",
) -> Report:
    """A report from an Open311 client: published at once (the client is trusted), its
    ``media_url`` kept as a link (never fetched), and an internal note naming the client."""
    with transaction.atomic():
        report = report_submit(
            service_code=service_code,
            location=location,
            description=description,
            channel=Report.Channel.API,
            address=address,
            contact=contact,
            attributes=attributes,
            trusted=True,
        )
        if media_url:
            report.attributes = {**report.attributes, "media_url": media_url}
            Report.objects.filter(pk=report.pk).update(attributes=report.attributes)
        report_note_add(
            report=report,
            text=_("Received through Open311 from “%(client)s”.") % {"client": client.name},
            by=None,
        )
    return report


def open311_update_receive(
    *,
    client: Open311Client,
    report: Report,
    status: Status,
    description: str = "",
    updated_at: datetime | None = None,
    update_id: str = "",
) -> tuple[ReportUpdate, bool]:
    """A status change (with an optional public answer) from a back-office client; only
    clients allowed to send updates may (``may_update``); a time in the future counts as now.

    Returns (update, stored now). The client's own ``update_id`` makes a retry harmless: the
    same id again returns the update stored the first time. A public change from the city's
    back office is the report's first answer if none came before.
    """
    if not client.may_update or client.revoked_at is not None:
        raise PermissionDenied(_("This api_key may not send status updates."))
    reference = f"open311:{client.pk}:{update_id}" if update_id else ""
    if reference:
        earlier = ReportUpdate.objects.filter(external_ref=reference).first()
        if earlier is not None:
            return _same_update(earlier, report), False
    now = timezone.now()
    try:
        update = report_status_change(
            report=report,
            status=status,
            text=description,
            by=None,
            public=True,
            answered_by_city=True,
            external_ref=reference,
            now=min(updated_at, now) if updated_at is not None else now,
        )
    except IntegrityError:  # the same retry arrived twice at once: the other one stored it
        return _same_update(ReportUpdate.objects.get(external_ref=reference), report), False
    return update, True


def _same_update(earlier: ReportUpdate, report: Report) -> ReportUpdate:
    if earlier.report_id != report.pk:
        raise ValidationError(
            {"update_id": _("This update_id was already sent for another service request.")}
        )
    return earlier
