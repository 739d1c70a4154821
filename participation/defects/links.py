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


def report_link_token(report: Report, salt: str) -> str:
    return signing.dumps(str(report.token), salt=salt)


def report_from_link(token: str, salt: str, max_age: timedelta | None = None) -> Report:
    try:
        value = signing.loads(token, salt=salt, max_age=max_age)
        return Report.objects.select_related("status").get(token=value)
    except (signing.BadSignature, Report.DoesNotExist, ValidationError, ValueError, TypeError):
        raise ValidationError({"token": _("This link is not valid.")}) from None


def absolute_url(path: str) -> str:
    from django.conf import settings

    return f"{settings.PORTAL_BASE_URL}{path}"
