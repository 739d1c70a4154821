"""The mail that forwards a report to an external handler (a contractor, another authority).

It carries what the public may see of the report and staff's message, never the reporter's
contact. Sent by a Celery job with retries; the timeline entry records that it was forwarded.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from participation.defects.links import absolute_url
from participation.defects.models import ReportForward


def report_forward_send(*, forward_id: int) -> bool:
    """Send a recorded forward once; False when it is gone or went out already.

    Marked sent only after the mail server took it: a failure leaves it for the job's retry
    and then for the pending-mail sweep (at least once, as every mail of the reporter).
    """
    forward = (
        ReportForward.objects.select_related(
            "update__report__category", "update__report__district", "update__author"
        )
        .filter(pk=forward_id, sent_at__isnull=True)
        .first()
    )
    if forward is None:
        return False
    update = forward.update
    report = update.report
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "report": report,
            "message": forward.message,
            "sender": update.author.get_full_name() if update.author else "",
            "report_url": absolute_url(reverse("defects:report", kwargs={"pk": report.pk})),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        EmailMessage(
            subject=render_to_string("defects/email/forward_subject.txt", context).strip(),
            body=render_to_string("defects/email/forward.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[forward.email],
        ).send()
    ReportForward.objects.filter(pk=forward.pk).update(sent_at=timezone.now())
    return True
