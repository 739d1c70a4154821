"""Thin Celery wrappers around participation's shared services."""

from __future__ import annotations

from celery import shared_task

from participation.core import services
from portal.core.jobs import MAIL_TASK_OPTIONS


@shared_task(**MAIL_TASK_OPTIONS)
def subscription_confirmation_send_task(subscription_id: int) -> bool:
    return services.subscription_confirmation_send(subscription_id=subscription_id)
