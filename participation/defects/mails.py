"""The defect reporter's mails: rendered in the recipient's language, plain text.

Citizens' mails carry a one-click unsubscribe link (in the body and as RFC 8058
``List-Unsubscribe`` headers). Only the notifications module calls these, inside a claim.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from participation.defects.links import UNSUBSCRIBE_SALT, absolute_url, report_link_token
from participation.defects.models import Report, ReporterContact, ReportUpdate


def _send(*, to: str, subject: str, body: str, unsubscribe: str | None = None) -> None:
    headers = {}
    if unsubscribe:
        headers["List-Unsubscribe"] = f"<{unsubscribe}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers,
    ).send()


def _report_url(report: Report) -> str:
    return absolute_url(reverse("defects:report", kwargs={"pk": report.pk}))


def _unsubscribe_url(report: Report) -> str:
    token = report_link_token(report, UNSUBSCRIBE_SALT)
    return absolute_url(reverse("defects:unsubscribe", kwargs={"token": token}))


def confirmation_send(*, contact: ReporterContact, token: str) -> None:
    with translation.override(contact.language):
        report = contact.report
        context: dict[str, Any] = {
            "report": report,
            "confirm_url": absolute_url(reverse("defects:confirm", kwargs={"token": token})),
            "report_url": _report_url(report),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        _send(
            to=contact.email,
            subject=render_to_string("defects/email/confirm_subject.txt", context).strip(),
            body=render_to_string("defects/email/confirm.txt", context),
        )


def unit_notify(*, report: Report) -> None:
    """To the responsible unit, in German (the administration's language)."""
    if report.department is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "report": report,
            "admin_url": absolute_url(f"/admin/defects/report/edit/{report.pk}/"),
            "report_url": _report_url(report),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        _send(
            to=report.department.email,
            subject=render_to_string("defects/email/unit_subject.txt", context).strip(),
            body=render_to_string("defects/email/unit.txt", context),
        )


def update_notify(
    *, update: ReportUpdate, contact: ReporterContact, feedback_token: str | None
) -> None:
    with translation.override(contact.language):
        report = update.report
        unsubscribe = _unsubscribe_url(report)
        context = {
            "report": report,
            "update": update,
            "report_url": _report_url(report),
            "unsubscribe_url": unsubscribe,
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        if feedback_token:
            context["fixed_url"] = absolute_url(
                reverse("defects:feedback", kwargs={"token": feedback_token, "answer": "yes"})
            )
            context["not_fixed_url"] = absolute_url(
                reverse("defects:feedback", kwargs={"token": feedback_token, "answer": "no"})
            )
        _send(
            to=contact.email,
            subject=render_to_string("defects/email/update_subject.txt", context).strip(),
            body=render_to_string("defects/email/update.txt", context),
            unsubscribe=unsubscribe,
        )
