"""Thin Celery wrappers around the defect reporter's services (ids in, idempotent)."""

from __future__ import annotations

from celery import shared_task

from participation.defects import catalogue, notifications, services
from participation.defects.handling import forwarding
from portal.core.jobs import MAIL_TASK_OPTIONS


@shared_task(**MAIL_TASK_OPTIONS)
def report_confirmation_send_task(report_id: int) -> bool:
    return notifications.report_confirmation_send(report_id=report_id)


@shared_task(**MAIL_TASK_OPTIONS)
def report_staff_notify_task(report_id: int) -> bool:
    return notifications.report_staff_notify(report_id=report_id)


@shared_task(**MAIL_TASK_OPTIONS)
def report_update_notify_task(update_id: int) -> bool:
    return notifications.report_update_notify(update_id=update_id)


@shared_task(**MAIL_TASK_OPTIONS)
def report_subscribers_notify_task(update_id: int) -> int:
    return notifications.report_subscribers_notify(update_id=update_id)


@shared_task(**MAIL_TASK_OPTIONS)
def defect_digest_send_task(subscription_id: int) -> bool:
    return notifications.defect_digest_send(subscription_id=subscription_id)


@shared_task
def defect_digests_enqueue_task() -> int:
    return notifications.defect_digests_enqueue()


@shared_task
def defect_mails_send_pending_task() -> int:
    return notifications.defect_mails_send_pending()


@shared_task
def reporter_contacts_delete_expired_task() -> int:
    return services.reporter_contacts_delete_expired()


@shared_task(**MAIL_TASK_OPTIONS)
def report_forward_send_task(forward_id: int) -> bool:
    return forwarding.report_forward_send(forward_id=forward_id)


@shared_task
def defect_statistics_dataset_update_task() -> str | None:
    return catalogue.defect_statistics_dataset_update()
