"""Writes of the sensor app for other apps and the app's own entry points.

Ingestion lives in ``ingestion`` (``ingestion.write`` stores batches), publication in
``publication``; this module re-exports their entry points and holds the deletion of
expired raw readings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.gis.geos import Point

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
    "alert_listeners",
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


# --- who hears of new sensor alerts -------------------------------------------------------


@dataclass(frozen=True)
class AlertEvent:
    """A new alert as other apps hear of it (plain values: they never import sensor models)."""

    alert_id: int
    kind: str
    datastream_id: int
    thing_name: str
    observed_property_slug: str  # the last segment of the observed property's definition
    location: Point | None  # the thing's first location
    value: float | None


# Told of every new alert once it is committed (``alerts._tell_listeners``); the defect
# reporter registers one that opens reports.
_alert_listeners: list[Callable[[AlertEvent], None]] = []


def alert_listener_register(listener: Callable[[AlertEvent], None]) -> None:
    """Let another part hear of new alerts (from its AppConfig.ready(); once each)."""
    if listener not in _alert_listeners:
        _alert_listeners.append(listener)


def alert_listeners() -> list[Callable[[AlertEvent], None]]:
    return list(_alert_listeners)
