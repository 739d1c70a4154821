"""Thin Celery wrappers around the data-store services."""

from __future__ import annotations

import dataclasses

from celery import shared_task

from opendata.catalogue.models import Distribution
from opendata.datastore import services


@shared_task(
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=5,
    acks_late=True,
    soft_time_limit=1800,
    time_limit=1900,
)
def datastore_load_task(distribution_id: str, force: bool = False) -> str | None:
    distribution = Distribution.objects.filter(pk=distribution_id).first()
    if distribution is None:
        return None  # deleted since: nothing to do
    table = services.datastore_load(distribution=distribution, force=force)
    return table.status if table else None


@shared_task(soft_time_limit=300, time_limit=330)
def datastore_sweep_task() -> dict[str, int]:
    """For Celery beat: loads whose job never ran or whose worker died, and orphaned tables."""
    return dataclasses.asdict(services.datastore_sweep())
