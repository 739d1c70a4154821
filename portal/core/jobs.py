"""Enqueueing side jobs so that a broker outage never fails the request that caused them.

The record a job works on is always committed first; when the broker cannot take the job,
a periodic sweep (Celery beat) enqueues it again later.
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
