"""Thin Celery wrappers around core services."""

from __future__ import annotations

from celery import shared_task

from portal.core import services
from portal.core.jobs import MAIL_TASK_OPTIONS


@shared_task(**MAIL_TASK_OPTIONS)
def contact_message_forward_task(contact_id: int) -> bool:
    return services.contact_message_forward(contact_id=contact_id)


@shared_task
def contact_messages_forward_pending_task() -> int:
    return services.contact_messages_forward_pending()


@shared_task
def contact_messages_delete_expired_task() -> int:
    return services.contact_messages_delete_expired()


@shared_task(ignore_result=True)
def heartbeat_task() -> None:
    services.heartbeat_record()


@shared_task
def ping_task(token: str) -> str:
    """Round-trip probe for operations: returns what it was given."""
    return token
