"""Thin Celery wrappers around the sensor services (for Celery beat)."""

from __future__ import annotations

from celery import shared_task

from opendata.sensors import pseudonyms, services


@shared_task(soft_time_limit=600, time_limit=660)
def raw_observations_delete_expired_task() -> int:
    """Delete raw readings older than the retention period (idempotent)."""
    return services.raw_observations_delete_expired()


@shared_task(
    autoretry_for=(pseudonyms.PseudonymKeyUnavailable,),
    retry_backoff=30,
    max_retries=5,
    soft_time_limit=30,
    time_limit=60,
)
def pseudonym_keys_rotate_task() -> int:
    """Delete the pseudonym keys of earlier days and create today's (idempotent)."""
    return pseudonyms.pseudonym_keys_rotate()
