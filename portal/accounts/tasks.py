"""Thin Celery wrappers around the accounts' services."""

from __future__ import annotations

from celery import shared_task

from portal.accounts import services
from portal.core.jobs import MAIL_TASK_OPTIONS


@shared_task(**MAIL_TASK_OPTIONS)
def account_mail_send_task(mail_id: int) -> bool:
    return services.account_mail_send(mail_id=mail_id)


@shared_task
def account_mails_send_pending_task() -> int:
    return services.account_mails_send_pending()


@shared_task
def api_tokens_warn_expiring_task() -> int:
    return services.api_tokens_warn_expiring()
