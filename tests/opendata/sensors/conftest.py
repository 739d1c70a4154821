"""Fixtures of the sensor tests: a thing of their own with a device and its token."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.gis.geos import Point
from django.core.cache import cache

from opendata.sensors.models import Datastream, Location, ObservedProperty, Sensor, Thing
from opendata.sensors.tokens import device_create

INGEST_URL = "/api/v1/ingest/observations"
CANARY = "AA:BB:CC:DD:EE:FF"


@dataclass
class Station:
    thing: Thing
    level: Datastream  # water level, 0..600 cm
    counter: Datastream  # WiFi device counter, person-derived
    lamp: Datastream  # street light on/off
    token: str


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


_anchor: dict[str, datetime] = {}


@pytest.fixture(autouse=True)
def _recent_anchor():
    """recent() counts back from one moment per test (its first call), so that readings
    built twice in a test are the same readings even when a second ticks over between."""
    _anchor.clear()
    yield
    _anchor.clear()


def recent(minutes: int = 10) -> datetime:
    if "now" not in _anchor:
        _anchor["now"] = datetime.now(UTC).replace(microsecond=0)
    return _anchor["now"] - timedelta(minutes=minutes)


def _stream(thing: Thing, name: str, **fields) -> Datastream:
    sensor = Sensor.objects.create(name=f"{name} sensor")
    prop = ObservedProperty.objects.create(name=name, definition="https://example.org/" + name)
    return Datastream.objects.create(
        name=name, thing=thing, sensor=sensor, observed_property=prop, **fields
    )


def station_create(name: str = "Test gauge") -> Station:
    thing = Thing.objects.create(name=name)
    location = Location.objects.create(name=name, location=Point(8.6, 50.95, srid=4326))
    thing.locations.add(location)
    level = _stream(
        thing,
        f"{name} level",
        unit_name="centimetre",
        unit_symbol="cm",
        valid_min=0,
        valid_max=600,
    )
    counter = _stream(
        thing,
        f"{name} wifi",
        unit_name="count",
        observation_type=Datastream.ObservationType.COUNT,
        valid_min=1,
        valid_max=1,
        privacy_class=Datastream.PrivacyClass.PERSON_DERIVED,
    )
    lamp = _stream(
        thing,
        f"{name} lamp",
        unit_name="true/false",
        observation_type=Datastream.ObservationType.TRUTH,
    )
    created = device_create(thing=thing, name=f"{name} node")
    return Station(thing=thing, level=level, counter=counter, lamp=lamp, token=created.secret)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def station(db) -> Station:
    return station_create()


@pytest.fixture
def other_station(db) -> Station:
    return station_create("Other gauge")


@pytest.fixture
def post(client):
    def send(body, token: str | None = None, raw: bytes | None = None):
        # Messages are asserted in English; without the header the API answers in German.
        headers = {"HTTP_ACCEPT_LANGUAGE": "en"}
        if token:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        data = raw if raw is not None else json.dumps(body)
        return client.post(INGEST_URL, data=data, content_type="application/json", **headers)

    return send


# Publication closes days at UTC midnight, and a sweep publishes every stream's closed
# windows. Tests that place readings hours before "now" and count what a sweep publishes
# would, run at 00:30, close a day and get daily totals they do not expect, and, run minutes
# after the demo city was seeded, also get the demo's newly closed windows. So they run on a
# clock set to a midday before the demo city's readings, which then are never due.
PUBLICATION_MIDDAY = datetime(2026, 5, 20, 12, 0, 7, tzinfo=UTC)


@pytest.fixture
def publication_clock(time_machine):
    time_machine.move_to(PUBLICATION_MIDDAY, tick=True)
