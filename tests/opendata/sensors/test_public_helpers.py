"""Builders for the public-view and alert tests: published releases written directly.

The publication jobs are tested elsewhere; these tests need releases with known values,
suppressed cells and noise, so they write Release and PublishedObservation rows themselves.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from django.contrib.gis.geos import Point

from opendata.sensors.models import (
    Datastream,
    Location,
    ObservedProperty,
    PublishedObservation,
    RawObservation,
    Release,
    Sensor,
    Thing,
)
from portal.core.models import Department

LOCAL = "https://lindenhafen.example/def/observed-property/"
EEA = "http://dd.eionet.europa.eu/vocabulary/aq/pollutant/"


def window_start(minutes_ago: int, window: int = 15) -> datetime:
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    start = now - timedelta(minutes=minutes_ago)
    return start - timedelta(minutes=start.minute % window)


def thing_create(
    name: str, *, lon: float = 8.61, lat: float = 50.95, operator: Department | None = None
) -> Thing:
    thing = Thing.objects.create(name=name, operator=operator)
    thing.locations.add(Location.objects.create(name=name, location=Point(lon, lat, srid=4326)))
    return thing


def stream_create(
    thing: Thing,
    name: str,
    *,
    definition: str,
    property_name: str | None = None,
    **fields,
) -> Datastream:
    prop, _created = ObservedProperty.objects.get_or_create(
        definition=definition, defaults={"name": property_name or name}
    )
    sensor, _created = Sensor.objects.get_or_create(name=f"{name} sensor")
    fields.setdefault("unit_name", "centimetre")
    fields.setdefault("unit_symbol", "cm")
    return Datastream.objects.create(
        name=name, thing=thing, sensor=sensor, observed_property=prop, **fields
    )


def publish(
    datastream: Datastream,
    start: datetime,
    cells: dict[str, float | None],
    *,
    epsilon: float = 0.0,
    method: str = "mean",
    code_version: str = "test-1",
) -> Release:
    """One release for the window at `start`: a cell per key; None means suppressed."""
    end = start + timedelta(minutes=datastream.window_minutes)
    release = Release.objects.create(
        datastream=datastream,
        window_start=start,
        window_end=end,
        created_at=end + timedelta(minutes=1),
        method=method,
        parameters={"k": datastream.k_minimum, "epsilon": epsilon} if epsilon else {"k": 10},
        code_version=code_version,
        epsilon_spent=epsilon,
        readings_used=12,
        digest=hashlib.sha256(f"{datastream.pk}{start}".encode()).hexdigest(),
    )
    for cell, value in cells.items():
        PublishedObservation.objects.create(
            datastream=datastream,
            release=release,
            phenomenon_time_start=start,
            phenomenon_time_end=end,
            result_time=end,
            result=value,
            suppressed=value is None,
            cell=cell,
        )
    return release


def publish_series(datastream: Datastream, values: list[float | None], **kwargs) -> None:
    """Consecutive windows ending before now, the last value the latest."""
    window = datastream.window_minutes
    first = window_start(window * len(values), window)
    for index, value in enumerate(values):
        publish(datastream, first + timedelta(minutes=window * index), {"": value}, **kwargs)


def raw_reading(datastream: Datastream, value: float, *, minutes_ago: float = 1) -> None:
    RawObservation.objects.create(
        datastream=datastream,
        phenomenon_time=datetime.now(UTC) - timedelta(minutes=minutes_ago),
        result=value,
    )
