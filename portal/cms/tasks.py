"""Thin Celery wrappers for the CMS."""

from __future__ import annotations

from celery import shared_task
from django.core.management import call_command


@shared_task(ignore_result=True)
def publish_scheduled_task() -> None:
    """Publishes pages whose scheduled time has come (Wagtail's go-live/expiry dates)."""
    call_command("publish_scheduled", verbosity=0)
