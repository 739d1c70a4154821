"""Thin Celery wrappers around the harvest services."""

from __future__ import annotations

from celery import shared_task

from opendata.harvest import services


@shared_task(acks_late=True, soft_time_limit=3300, time_limit=3600)
def harvest_source_run_task(source_id: int, job_id: int) -> str:
    """Run one queued harvest job; running it again changes nothing (the job is claimed)."""
    return services.harvest_source_run(source_id=source_id, job_id=job_id).status


@shared_task
def harvest_sources_queue_active_task() -> int:
    return services.harvest_sources_queue_active()
