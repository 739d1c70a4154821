"""Writes of the core app: contact messages and the beat heartbeat."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from portal.core.cache_safe import strict_cache
from portal.core.jobs import enqueue, enqueue_on_commit
from portal.core.models import ContactMessage

HEARTBEAT_CACHE_KEY = "portal:beat:last-tick"
CONTACT_MESSAGE_RETENTION = timedelta(days=180)


def contact_message_submit(
    *, topic: str, name: str, email: str, message: str, page_url: str = ""
) -> ContactMessage:
    """Store the message first, then forward it to staff once the transaction has committed.

    A failing mail server never loses the message: it stays stored and the task retries.
    """
    from portal.core.tasks import contact_message_forward_task

    with transaction.atomic():
        contact = ContactMessage.objects.create(
            topic=topic,
            name=name,
            email=email,
            message=message,
            page_url=page_url[:500],
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        enqueue_on_commit(contact_message_forward_task, contact.pk)
    return contact


def contact_messages_forward_pending(*, older_than: timedelta = timedelta(minutes=5)) -> int:
    """Enqueue messages whose forwarding never happened (broker was down, retries ran out)."""
    from portal.core.tasks import contact_message_forward_task

    pending = ContactMessage.objects.filter(
        forwarded_at__isnull=True, created_at__lt=timezone.now() - older_than
    ).values_list("pk", flat=True)
    return sum(enqueue(contact_message_forward_task, pk) for pk in pending)


def contact_message_forward(*, contact_id: int) -> bool:
    """Mail one message to the staff address; returns False when it was forwarded already."""
    # Claim the message race-free so that two workers never send it twice.
    claimed = ContactMessage.objects.filter(pk=contact_id, forwarded_at__isnull=True).update(
        forwarded_at=timezone.now()
    )
    if not claimed:
        return False
    contact = ContactMessage.objects.get(pk=contact_id)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            send_mail(
                subject=f"[{settings.WAGTAIL_SITE_NAME}] {contact.get_topic_display()}",
                message=render_to_string("core/email/contact_message.txt", {"contact": contact}),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[settings.PORTAL_STAFF_EMAIL],
            )
    except Exception:
        # Release the claim so that the retry can send it.
        ContactMessage.objects.filter(pk=contact_id).update(forwarded_at=None)
        raise
    return True


def contact_messages_delete_expired(*, now: datetime | None = None) -> int:
    cutoff = (now or timezone.now()) - CONTACT_MESSAGE_RETENTION
    deleted, _ = ContactMessage.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def heartbeat_record(*, at: datetime | None = None) -> None:
    """Beat schedules this and a worker runs it: a recent tick proves both are alive."""
    # Strict: a tick that was not stored must fail the task, or the health check would
    # believe a worker whose cache is gone.
    strict_cache().set(HEARTBEAT_CACHE_KEY, (at or timezone.now()).isoformat(), timeout=None)
