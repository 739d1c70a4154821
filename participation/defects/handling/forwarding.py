"""The mail that forwards a report to an external handler (a contractor, another authority).

It carries what the public may see of the report and staff's message, never the reporter's
contact. Sent by a Celery job with retries; the timeline entry records that it was forwarded.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from participation.defects.links import absolute_url
from participation.defects.models import ReportUpdate


def report_forward_send(*, update_id: int, email: str, message: str) -> bool:
    """Send the forward recorded by ``update_id``; False when its entry is gone."""
    update = (
        ReportUpdate.objects.select_related("report__category", "report__district", "author")
        .filter(pk=update_id)
        .first()
    )
    if update is None:
        return False
    report = update.report
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "report": report,
            "message": message,
            "sender": update.author.get_full_name() if update.author else "",
            "report_url": absolute_url(reverse("defects:report", kwargs={"pk": report.pk})),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        EmailMessage(
            subject=render_to_string("defects/email/forward_subject.txt", context).strip(),
            body=render_to_string("defects/email/forward.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[email],
        ).send()
    return True
