"""Thin Celery wrappers around participation's shared services."""

from __future__ import annotations

from celery import shared_task

from participation.core import services


@shared_task(
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=12,
    acks_late=True,
)
def subscription_confirmation_send_task(subscription_id: int) -> bool:
    return services.subscription_confirmation_send(subscription_id=subscription_id)
