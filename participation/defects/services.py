"""Writes of the defect reporter: submit, confirm, support, moderate, change status, merge.

Every service writes in one transaction and sends mail only through Celery jobs enqueued on
commit (``portal.core.jobs``); a broker or mail outage delays a mail and loses nothing, because
each mail is claimed race-free by a timestamp that a beat sweep finds missing later.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from participation.core.images import image_sanitize
from participation.defects import reference
from participation.defects.links import (
    CONFIRM_SALT,
    UNSUBSCRIBE_SALT,
    report_from_feedback_link,
    report_from_link,
)
from participation.defects.models import (
    Report,
    ReporterContact,
    ReportPhoto,
    ReportSupport,
    ReportUpdate,
    Status,
)
from participation.defects.selectors import report_route
from participation.defects.validation import (
    attributes_clean,
    category_for_report,
    description_clean,
    district_of,
)
from portal.core.jobs import enqueue_on_commit
from portal.core.models import Department

MAX_PHOTOS = 3


# --- submit ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    phone: str = ""

    def __bool__(self) -> bool:
        return bool(self.email or self.phone or self.first_name or self.last_name)


def initial_status() -> Status:
    status = reference.snapshot().initial()
    if status is None:
        raise ValidationError({"status": _("No initial status is configured.")})
    return status


def report_submit(
    *,
    service_code: str,
    location: Point,
    description: str,
    channel: str = Report.Channel.WEB,
    address: str = "",
    contact: Contact | None = None,
    photos: list[Any] | tuple[Any, ...] = (),
    attributes: dict[str, Any] | None = None,
    reporter: Any = None,
    recorded_by: Any = None,
    trusted: bool = False,
    now: datetime | None = None,
) -> Report:
    """Validate, route and store a new report with its photos and contact; then mail on commit.

    Reports from an account, from a trusted API client or recorded by staff (phone, counter)
    are published at once; anonymous ones once confirmed through the e-mailed link or approved
    by a moderator. Photos are public only after moderation. Nothing is stored when any part
    is invalid.
    """
    from participation.defects.tasks import report_confirmation_send_task, report_staff_notify_task

    now = now or timezone.now()
    contact = contact or Contact()
    category = category_for_report(service_code)
    district = district_of(location)
    text = description_clean(description)
    answers = attributes_clean(category, attributes or {})
    if len(photos) > MAX_PHOTOS:
        raise ValidationError({"photos": _("At most three photos, please.")})
    images = [image_sanitize(photo) for photo in photos]
    if contact.email:
        try:
            if len(contact.email) > 254:  # the column's (and RFC 5321's) limit
                raise ValidationError("too long")
            validate_email(contact.email)
        except ValidationError:
            raise ValidationError({"email": _("Please enter a valid e-mail address.")}) from None
    authenticated = bool(getattr(reporter, "is_authenticated", False))
    published = authenticated or trusted or recorded_by is not None
    with transaction.atomic():
        report = Report.objects.create(
            category=category,
            status=initial_status(),
            department=report_route(category=category, location=location, district=district),
            district=district,
            location=location,
            address=address.strip()[:200],
            description=text,
            attributes=answers,
            channel=channel,
            moderation=Report.Moderation.APPROVED if published else Report.Moderation.PENDING,
            published_at=now if published else None,
            reporter=reporter if authenticated else None,
            created_at=now,
            updated_at=now,
        )
        for image in images:
            ReportPhoto.objects.create(report=report, image=image)
        email = contact.email or (getattr(reporter, "email", "") if authenticated else "")
        if contact or email:
            ReporterContact.objects.create(
                report=report,
                email=email,
                first_name=contact.first_name[:100],
                last_name=contact.last_name[:100],
                phone=contact.phone[:40],
                # Staff recording a call write in the admin's language, not the caller's.
                language=settings.LANGUAGE_CODE
                if recorded_by is not None
                else (translation.get_language() or settings.LANGUAGE_CODE),
            )
        ReportUpdate.objects.create(
            report=report,
            kind=ReportUpdate.Kind.CREATED,
            status=report.status,
            author=recorded_by,
            created_at=now,
            notified_at=now,  # the confirmation mail below stands for it
        )
        if not published and contact.email:
            enqueue_on_commit(report_confirmation_send_task, report.pk)
        enqueue_on_commit(report_staff_notify_task, report.pk)
    return report


# --- the citizen's links ----------------------------------------------------------------------


def report_confirm(*, token: str, now: datetime | None = None) -> tuple[Report, bool]:
    """Publish an anonymous report through its e-mailed link; (report, confirmed just now).

    A link used again confirms nothing more and says so; a rejected report stays rejected.
    """
    report = report_from_link(token, CONFIRM_SALT, max_age=timedelta(days=30))
    now = now or timezone.now()
    with transaction.atomic():
        claimed = Report.objects.filter(
            pk=report.pk, confirmed_at__isnull=True, moderation=Report.Moderation.PENDING
        ).update(
            confirmed_at=now,
            moderation=Report.Moderation.APPROVED,
            published_at=now,
            updated_at=now,
        )
        if claimed:
            ReportUpdate.objects.create(
                report=report, kind=ReportUpdate.Kind.CONFIRMED, created_at=now, notified_at=now
            )
    report.refresh_from_db()
    return report, bool(claimed)


def report_feedback(*, token: str, fixed: bool, now: datetime | None = None) -> tuple[Report, bool]:
    """The reporter's answer to "fixed?" after closing; "no" reopens the report.

    Returns (report, reopened). Answering twice, or after a later reopening, changes nothing.
    """
    report, current = report_from_feedback_link(token, max_age=timedelta(days=90))
    if fixed or not current or not report.status.is_closed:
        return report, False
    reopened_status = Status.objects.filter(is_closed=False).exclude(is_initial=True).first()
    reopened_status = reopened_status or initial_status()
    now = now or timezone.now()
    with transaction.atomic():
        claimed = Report.objects.filter(pk=report.pk, status__is_closed=True).update(
            status=reopened_status, closed_at=None, updated_at=now
        )
        if claimed:
            ReportUpdate.objects.create(
                report=report,
                kind=ReportUpdate.Kind.REOPENED,
                status=reopened_status,
                text=_("The reporter says the problem is not fixed."),
                created_at=now,
                notified_at=now,  # the reporter said it: no mail back to them
            )
            _notify_unit_on_commit(report.pk, force=True)
    report.refresh_from_db()
    return report, bool(claimed)


def supporter_key(*, user: Any = None, session_key: str = "") -> str:
    """One key per account, or per anonymous browser session (hashed: no raw session keys)."""
    if getattr(user, "is_authenticated", False):
        return f"user:{user.pk}"
    if not session_key:
        raise ValidationError({"support": _("Please allow cookies to support a report.")})
    return "session:" + hashlib.sha256(session_key.encode()).hexdigest()[:40]


def report_support(*, report: Report, key: str, now: datetime | None = None) -> bool:
    """Count a "me too" once per supporter; True when it was new."""
    if not report.is_public or report.status.is_closed:
        raise ValidationError({"support": _("This report cannot be supported.")})
    try:
        with transaction.atomic():
            ReportSupport.objects.create(report=report, supporter_key=key)
            Report.objects.filter(pk=report.pk).update(supporter_count=F("supporter_count") + 1)
    except IntegrityError:
        return False
    report.refresh_from_db(fields=["supporter_count"])
    return True


# --- staff ----------------------------------------------------------------------------------


def report_moderate(
    *,
    report: Report,
    approve: bool,
    reason: str = "",
    by: Any = None,
    photos_public: list[int] | None = None,
    now: datetime | None = None,
) -> Report:
    """Approve or reject a report (a rejection needs its reason); release chosen photos."""
    now = now or timezone.now()
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Please give the reason for the rejection.")})
    with transaction.atomic():
        report.moderation = Report.Moderation.APPROVED if approve else Report.Moderation.REJECTED
        report.moderation_reason = reason.strip()
        report.updated_at = now
        if not approve:
            report.published_at = None
        elif report.published_at is None:
            report.published_at = now
        report.save(update_fields=["moderation", "moderation_reason", "published_at", "updated_at"])
        if photos_public is not None:
            report.photos.update(public=False)
            report.photos.filter(pk__in=photos_public).update(public=approve)
        ReportUpdate.objects.create(
            report=report,
            kind=ReportUpdate.Kind.MODERATED,
            text=reason.strip(),
            public=False,
            author=by,
            created_at=now,
            notified_at=now,
        )
    return report


def report_status_change(
    *,
    report: Report,
    status: Status,
    text: str = "",
    by: Any = None,
    public: bool = True,
    answered_by_city: bool = False,
    external_ref: str = "",
    now: datetime | None = None,
) -> ReportUpdate:
    """Set a new status with an optional public answer; the reporter is mailed on commit.

    A public change by staff (``by``) or by the city's back office (``answered_by_city``,
    e.g. through Open311) is the report's first answer if none came before.
    """
    from participation.defects.tasks import (
        report_subscribers_notify_task,
        report_update_notify_task,
    )

    now = now or timezone.now()
    text = text.strip()
    if text:
        text = description_clean(text, field="text")
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        locked.status = status
        locked.updated_at = now
        fields = ["status", "updated_at"]
        if status.is_closed and locked.closed_at is None:
            locked.closed_at = now
            fields.append("closed_at")
        if not status.is_closed and locked.closed_at is not None:
            locked.closed_at = None
            fields.append("closed_at")
        if public and locked.first_answer_at is None and (by is not None or answered_by_city):
            locked.first_answer_at = now
            fields.append("first_answer_at")
        locked.save(update_fields=fields)
        update = ReportUpdate.objects.create(
            report=locked,
            kind=ReportUpdate.Kind.STATUS,
            status=status,
            text=text,
            public=public,
            author=by,
            created_at=now,
            external_ref=external_ref,
        )
        if public:
            enqueue_on_commit(report_update_notify_task, update.pk)
            enqueue_on_commit(report_subscribers_notify_task, update.pk)
        else:
            ReportUpdate.objects.filter(pk=update.pk).update(notified_at=now)
    report.refresh_from_db()
    return update


def report_note_add(
    *, report: Report, text: str, by: Any, now: datetime | None = None
) -> ReportUpdate:
    """An internal note: never public, never mailed."""
    now = now or timezone.now()
    return ReportUpdate.objects.create(
        report=report,
        kind=ReportUpdate.Kind.NOTE,
        text=description_clean(text, field="text"),
        public=False,
        author=by,
        created_at=now,
        notified_at=now,
    )


def report_assign(
    *, report: Report, department: Department, by: Any, now: datetime | None = None
) -> Report:
    now = now or timezone.now()
    with transaction.atomic():
        Report.objects.filter(pk=report.pk).update(department=department, updated_at=now)
        ReportUpdate.objects.create(
            report=report,
            kind=ReportUpdate.Kind.ASSIGNED,
            text=department.name,
            public=False,
            author=by,
            created_at=now,
            notified_at=now,
        )
        _notify_unit_on_commit(report.pk, force=True)
    report.refresh_from_db()
    return report


def report_merge(
    *, duplicate: Report, into: Report, by: Any, now: datetime | None = None
) -> Report:
    """Mark ``duplicate`` as a duplicate of ``into``: its supporters count for ``into``, its
    reporter follows ``into``, and it leaves the public map (its page points to ``into``)."""
    if duplicate.pk == into.pk or into.duplicate_of_id is not None:
        raise ValidationError({"into": _("Choose a different report that is not a duplicate.")})
    now = now or timezone.now()
    already = _("This report is merged into another one already.")
    with transaction.atomic():
        closed = Status.objects.filter(is_closed=True).order_by("order").last()
        # Claimed: merging twice (or two staff at once) must not count the supporters twice.
        claimed = Report.objects.filter(pk=duplicate.pk, duplicate_of__isnull=True).update(
            duplicate_of=into,
            updated_at=now,
            status=closed or duplicate.status,
            closed_at=now,
        )
        if not claimed:
            raise ValidationError({"duplicate": already})
        Report.objects.filter(pk=into.pk).update(
            supporter_count=F("supporter_count") + duplicate.supporter_count + 1, updated_at=now
        )
        ReportUpdate.objects.create(
            report=duplicate,
            kind=ReportUpdate.Kind.MERGED,
            text=str(_("Merged into report #%(id)s.") % {"id": into.pk}),
            author=by,
            created_at=now,
            notified_at=now,
        )
        ReportUpdate.objects.create(
            report=into,
            kind=ReportUpdate.Kind.MERGED,
            text=str(_("Report #%(id)s was merged into this one.") % {"id": duplicate.pk}),
            public=False,
            author=by,
            created_at=now,
            notified_at=now,
        )
    into.refresh_from_db()
    return into


def _notify_unit_on_commit(report_id: int, *, force: bool = False) -> None:
    from participation.defects.tasks import report_staff_notify_task

    if force:
        Report.objects.filter(pk=report_id).update(staff_notified_at=None)
    enqueue_on_commit(report_staff_notify_task, report_id)


# --- retention ------------------------------------------------------------------------------


def reporter_contacts_delete_expired(*, now: datetime | None = None) -> int:
    """Delete reporters' contact data a configured number of days after the report closed."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.DEFECTS_CONTACT_RETENTION_DAYS)
    deleted, _ = ReporterContact.objects.filter(
        report__closed_at__isnull=False, report__closed_at__lt=cutoff
    ).delete()
    return deleted


def report_unsubscribe(*, token: str) -> Report:
    """No more status mails to the reporter of this report."""
    report = report_from_link(token, UNSUBSCRIBE_SALT)
    ReporterContact.objects.filter(report=report).update(wants_updates=False)
    return report
