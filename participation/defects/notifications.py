"""The defect reporter's mails, each sent by a Celery job and claimed race-free.

A mail is claimed by setting its timestamp with a conditional update and released again when
sending fails, so the job's retry (or the beat sweep ``defect_mails_send_pending``) sends it
later: an outage delays a mail and never loses or doubles it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone

from participation.defects import mails
from participation.defects.links import CONFIRM_SALT, FEEDBACK_SALT, report_link_token
from participation.defects.models import Report, ReporterContact, ReportUpdate
from portal.core.jobs import enqueue


def _claim(model: Any, pk: int, field: str, extra: Q | None = None) -> bool:
    filters = Q(pk=pk, **{f"{field}__isnull": True}) & (extra or Q())
    return bool(model.objects.filter(filters).update(**{field: timezone.now()}))


def _release(model: Any, pk: int, field: str) -> None:
    model.objects.filter(pk=pk).update(**{field: None})


def report_confirmation_send(*, report_id: int) -> bool:
    """Mail the confirmation link to an anonymous reporter, once."""
    contact = ReporterContact.objects.filter(report_id=report_id).select_related("report").first()
    if contact is None or not contact.email:
        return False
    if not _claim(ReporterContact, contact.pk, "confirmation_sent_at"):
        return False
    try:
        mails.confirmation_send(
            contact=contact, token=report_link_token(contact.report, CONFIRM_SALT)
        )
    except Exception:
        _release(ReporterContact, contact.pk, "confirmation_sent_at")
        raise
    return True


def report_staff_notify(*, report_id: int) -> bool:
    """Mail the responsible unit about a new (or reassigned, or reopened) report, once."""
    report = Report.objects.select_related("department", "category", "district").get(pk=report_id)
    if report.department is None or not report.department.email:
        Report.objects.filter(pk=report_id, staff_notified_at__isnull=True).update(
            staff_notified_at=timezone.now()
        )
        return False
    if not _claim(Report, report_id, "staff_notified_at"):
        return False
    try:
        mails.unit_notify(report=report)
    except Exception:
        _release(Report, report_id, "staff_notified_at")
        raise
    return True


def report_update_notify(*, update_id: int) -> bool:
    """Mail the reporter a public status change, in their language, once."""
    update = ReportUpdate.objects.select_related("report", "status").get(pk=update_id)
    contact = ReporterContact.objects.filter(report_id=update.report_id).first()
    if not _claim(ReportUpdate, update_id, "notified_at"):
        return False
    if contact is None or not contact.email or not contact.wants_updates:
        return False
    try:
        feedback = (
            report_link_token(update.report, FEEDBACK_SALT)
            if update.status is not None and update.status.is_closed
            else None
        )
        mails.update_notify(update=update, contact=contact, feedback_token=feedback)
    except Exception:
        _release(ReportUpdate, update_id, "notified_at")
        raise
    return True


def defect_mails_send_pending(*, older_than: timedelta = timedelta(minutes=5)) -> int:
    """Enqueue every mail whose job never ran (broker down, retries exhausted)."""
    from participation.defects.tasks import (
        report_confirmation_send_task,
        report_staff_notify_task,
        report_update_notify_task,
    )

    cutoff = timezone.now() - older_than
    sent = 0
    for pk in (
        ReporterContact.objects.filter(
            confirmation_sent_at__isnull=True,
            report__moderation=Report.Moderation.PENDING,
            report__created_at__lt=cutoff,
        )
        .exclude(email="")
        .values_list("report_id", flat=True)
    ):
        sent += enqueue(report_confirmation_send_task, pk)
    for pk in Report.objects.filter(
        staff_notified_at__isnull=True, updated_at__lt=cutoff
    ).values_list("pk", flat=True):
        sent += enqueue(report_staff_notify_task, pk)
    for pk in ReportUpdate.objects.filter(
        notified_at__isnull=True, created_at__lt=cutoff
    ).values_list("pk", flat=True):
        sent += enqueue(report_update_notify_task, pk)
    return sent
