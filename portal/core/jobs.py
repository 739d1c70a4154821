"""Enqueueing side jobs so that a broker outage never fails the request that caused them.

The record a job works on is always committed first; when the broker cannot take the job,
a periodic sweep (Celery beat) enqueues it again later.

The pattern to copy: one service writes everything in one transaction and, inside it,
registers the job with ``enqueue_on_commit``; the job is sent only if the write commits, and a
thin task (taking ids, idempotent) calls the service that does the work::

    # myapp/services.py
    def report_submit(*, text: str) -> Report:
        # The task module wraps the services: the one lazy import the layers allow.
        from myapp.tasks import report_confirm_task

        with transaction.atomic():
            report = Report.objects.create(text=text)
            enqueue_on_commit(report_confirm_task, report.pk)
        return report

    # myapp/tasks.py
    @shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
    def report_confirm_task(report_id: int) -> bool:
        return services.report_confirm(report_id=report_id)  # claims with update()

A real one: ``portal.core.services.contact_message_submit`` (with its beat sweep
``contact_messages_forward_pending``). When the job belongs to another app, the writing app
calls a hook that app registered in its ``AppConfig.ready()``: the catalogue's
``services.distribution_save`` runs the data store's ``distribution_saved``, which enqueues
the load on commit.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import Task
from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue(task: Task, *args: Any) -> bool:
    """Send a task now; log and return False instead of raising when it cannot be sent."""
    try:
        task.apply_async(args=args)
    except Exception:
        logger.warning(
            "could not enqueue %s; the periodic sweep will retry", task.name, exc_info=True
        )
        return False
    return True


def enqueue_on_commit(task: Task, *args: Any) -> None:
    transaction.on_commit(lambda: enqueue(task, *args))


# Celery options of a task that sends mail: SMTP errors are OSErrors; retry for about a day
# with growing pauses, and acknowledge only when done so that a lost worker loses no mail.
MAIL_TASK_OPTIONS: dict[str, Any] = {
    "autoretry_for": (OSError,),
    "retry_backoff": 30,
    "retry_backoff_max": 3600,
    "max_retries": 12,
    "acks_late": True,
}
