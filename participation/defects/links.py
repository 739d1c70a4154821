"""Signed links in the reporter's mails: confirm a report, answer "fixed?"."""

from __future__ import annotations

from datetime import timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from participation.defects.models import Report

CONFIRM_SALT = "defects.report-confirm"
FEEDBACK_SALT = "defects.report-feedback"
UNSUBSCRIBE_SALT = "defects.report-unsubscribe"


def _closing(report: Report) -> str:
    return report.closed_at.isoformat() if report.closed_at else ""


def report_link_token(report: Report, salt: str) -> str:
    value = str(report.token)
    if salt == FEEDBACK_SALT:  # bound to this closing: a later closing needs a new link
        value = f"{value}|{_closing(report)}"
    return signing.dumps(value, salt=salt)


def report_from_link(token: str, salt: str, max_age: timedelta | None = None) -> Report:
    try:
        value = str(signing.loads(token, salt=salt, max_age=max_age)).partition("|")[0]
        return Report.objects.select_related("status").get(token=value)
    except (signing.BadSignature, Report.DoesNotExist, ValidationError, ValueError, TypeError):
        raise ValidationError({"token": _("This link is not valid.")}) from None


def absolute_url(path: str) -> str:
    from django.conf import settings

    return f"{settings.PORTAL_BASE_URL}{path}"


def report_from_feedback_link(token: str, max_age: timedelta) -> tuple[Report, bool]:
    """The report of a "fixed?" link, and whether the link answers its current closing (a
    link from an earlier closing, used again after the report was reopened and closed once
    more, must not reopen it again)."""
    report = report_from_link(token, FEEDBACK_SALT, max_age=max_age)
    closing = str(signing.loads(token, salt=FEEDBACK_SALT)).partition("|")[2]
    return report, bool(closing) and closing == _closing(report)
