"""The defect reporter's mails, each sent by a Celery job and claimed race-free.

A mail is claimed by setting its timestamp with a conditional update and released again when
sending fails, so the job's retry (or the beat sweep ``defect_mails_send_pending``) sends it
later: an outage delays a mail and never loses or doubles it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from participation.core.models import Subscription
from participation.core.selectors import subscriptions_due_for_digest, subscriptions_of
from participation.core.services import absolute_url, in_language, subscriber_notify
from participation.defects import mails
from participation.defects.links import CONFIRM_SALT, FEEDBACK_SALT, report_link_token
from participation.defects.models import Report, ReporterContact, ReportForward, ReportUpdate
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
    """Enqueue every mail whose job never ran (broker down, retries exhausted), forwards
    to external handlers included."""
    from participation.defects.tasks import (
        report_confirmation_send_task,
        report_forward_send_task,
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
    for pk in ReportForward.objects.filter(
        sent_at__isnull=True, update__created_at__lt=cutoff
    ).values_list("pk", flat=True):
        sent += enqueue(report_forward_send_task, pk)
    return sent


# --- subscribers (participation.core's subscriptions) -----------------------------------------

SUBSCRIPTION_TOPIC = "defects"
DIGEST_INTERVAL = timedelta(days=7)


def report_subscribers_notify(*, update_id: int) -> int:
    """Mail a public status change to everyone following the report; each once."""
    update = ReportUpdate.objects.select_related("report__category", "status").get(pk=update_id)
    if not update.public or update.status is None:
        return 0
    sent = 0
    for subscription in subscriptions_of(update.report, topic=SUBSCRIPTION_TOPIC):
        subject = in_language(
            subscription.language,
            lambda: str(
                _("Report #%(id)s: %(status)s")
                % {"id": update.report_id, "status": update.status.label}  # type: ignore[union-attr]
            ),
        )
        sent += subscriber_notify(
            subscription=subscription,
            key=f"defects.update:{update.pk}",
            subject=subject,
            body_template="defects/email/subscriber_update.txt",
            context={
                "report": update.report,
                "update": update,
                "report_url": absolute_url(
                    reverse("defects:report", kwargs={"pk": update.report_id})
                ),
            },
        )
    return sent


def defect_digests_enqueue(*, now: datetime | None = None) -> int:
    """Enqueue the weekly digest of every area subscription that is due."""
    from participation.defects.tasks import defect_digest_send_task

    now = now or timezone.now()
    due = subscriptions_due_for_digest(
        topic=SUBSCRIPTION_TOPIC, before=now - DIGEST_INTERVAL + timedelta(hours=1)
    )
    return sum(enqueue(defect_digest_send_task, pk) for pk in due.values_list("pk", flat=True))


def defect_digest_send(*, subscription_id: int, now: datetime | None = None) -> bool:
    """Reports published in the subscriber's district since the last digest, in one mail
    (a report approved today counts today, whenever it was sent)."""
    now = now or timezone.now()
    subscription = (
        Subscription.objects.select_related("district")
        .filter(pk=subscription_id, confirmed_at__isnull=False, district__isnull=False)
        .first()
    )
    if subscription is None:
        return False
    since = max(
        subscription.last_digest_at or now - DIGEST_INTERVAL,
        subscription.confirmed_at or now - DIGEST_INTERVAL,
    )
    reports = list(
        Report.objects.filter(
            district=subscription.district,
            published_at__gte=since,
            published_at__lt=now,
            moderation=Report.Moderation.APPROVED,
            duplicate_of__isnull=True,
        )
        .select_related("category", "status")
        .order_by("published_at", "pk")[:100]
    )
    sent = False
    if reports:
        subject = in_language(
            subscription.language,
            lambda: str(
                _("New defect reports in %(district)s") % {"district": subscription.district}
            ),
        )
        sent = subscriber_notify(
            subscription=subscription,
            key=f"defects.digest:{now:%G-W%V}",
            subject=subject,
            body_template="defects/email/digest.txt",
            context={
                "district": subscription.district,
                "reports": [
                    {
                        "report": report,
                        "url": absolute_url(reverse("defects:report", kwargs={"pk": report.pk})),
                    }
                    for report in reports
                ],
            },
        )
    Subscription.objects.filter(pk=subscription.pk).update(last_digest_at=now)
    return sent
