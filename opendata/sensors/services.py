"""Writes of the sensor app for other apps and the app's own entry points.

Ingestion lives in ``ingestion`` (``ingestion.write`` stores batches), publication in
``publication``; this module re-exports their entry points and holds the deletion of
expired raw readings.
"""

from __future__ import annotations

from datetime import datetime

from opendata.sensors.alerts import AlertEvent, alert_listener_register
from opendata.sensors.ingestion.write import (
    IngestResult,
    IngestTooSlow,
    observations_ingest,
    raw_retention,
    settle,
)
from opendata.sensors.models import RawObservation
from opendata.sensors.pseudonyms import utc_now
from opendata.sensors.publication import (
    publish_daily_total,
    publish_due,
    publish_window,
)

__all__ = [
    "AlertEvent",
    "IngestResult",
    "IngestTooSlow",
    "alert_listener_register",
    "observations_ingest",
    "publish_daily_total",
    "publish_due",
    "publish_window",
    "raw_observations_delete_expired",
    "raw_retention",
    "settle",
]


def raw_observations_delete_expired(*, now: datetime | None = None) -> int:
    """Delete raw readings whose phenomenon time is older than the retention period."""
    now = now or utc_now()
    deleted, _by_model = RawObservation.objects.filter(
        phenomenon_time__lt=now - raw_retention()
    ).delete()
    return deleted
