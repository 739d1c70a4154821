"""What the sensor benchmarks share: the bench station, its readings and the raw write.

``station_prepare()`` creates (once per run) a bench thing with 20 public datastreams and one
WiFi device counter (person-derived: 10% of the readings carry a fake MAC that ingestion
pseudonymises), a device and its token, and deletes the thing's earlier raw readings. The
HTTP, MQTT and SensorThings benchmarks use it; ``_raw_write`` is the ingestion benchmarks'
baseline. Not a benchmark module itself (the runner loads ``bench_*.py`` only).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

BATCH = 10_000
ROUNDS = 10
STREAMS = 20
SUBJECT_SHARE = 10  # every 10th reading is a WiFi sighting with a MAC address
# The baseline's rows sit half a second after the subject's: never a duplicate of them.
BASELINE_SHIFT = timedelta(milliseconds=500)
state: dict[str, object] = {}


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _readings(batch: int, base: datetime) -> list[tuple[int, datetime, float, str | None]]:
    """(datastream, time, result, subject) of one batch: distinct times per batch."""
    streams: list[int] = state["streams"]  # type: ignore[assignment]
    counter: int = state["counter"]  # type: ignore[assignment]
    readings = []
    for index in range(BATCH):
        # Every reading has its own whole second, so that none is a duplicate.
        moment = base + timedelta(seconds=batch * BATCH + index)
        if index % SUBJECT_SHARE == 0:
            mac = f"02:00:{batch % 256:02x}:{index >> 8 & 255:02x}:{index & 255:02x}:01"
            readings.append((counter, moment, 1.0, mac))
        else:
            value = round((index * 7.31 + batch) % 1000, 2)
            readings.append((streams[index % STREAMS], moment, value, None))
    return readings


def _observations(readings) -> list[dict]:
    observations = []
    for stream, moment, value, subject in readings:
        item = {"datastream": stream, "phenomenonTime": _iso(moment), "result": value}
        if subject is not None:
            item["subject"] = subject
        observations.append(item)
    return observations


def _body(readings) -> bytes:
    return json.dumps({"observations": _observations(readings)}).encode()


def _rows(readings, device_id: int, received_at: datetime) -> list[tuple]:
    """The rows ingestion would store for `readings` (pseudonyms with today's key)."""
    from opendata.sensors.pseudonyms import day_key, pseudonymise

    key = day_key()
    return [
        (
            stream,
            moment,
            value,
            "" if subject is None else pseudonymise(subject, key=key),
            device_id,
            received_at,
        )
        for stream, moment, value, subject in readings
    ]


def _vacuum(*models) -> None:
    """VACUUM (ANALYZE) the models' tables on PostgreSQL (untimed), after deleting an earlier
    round's or run's rows: otherwise autovacuum goes through them while others are timed."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in models:
                cursor.execute(f"VACUUM (ANALYZE) {model._meta.db_table}")


def _raw_table_settle() -> None:
    from opendata.sensors.models import RawObservation

    _vacuum(RawObservation)


def station_prepare() -> None:
    """The bench station, its streams, device and token in ``state`` (once per run)."""
    if "token" in state:
        return
    from django.contrib.gis.geos import Point

    from opendata.sensors.models import (
        Datastream,
        Location,
        ObservedProperty,
        RawObservation,
        Sensor,
        Thing,
    )
    from opendata.sensors.tokens import device_create

    thing, _ = Thing.objects.get_or_create(name="Benchmark station")
    location, _ = Location.objects.get_or_create(
        name="Benchmark station", defaults={"location": Point(8.6, 50.95, srid=4326)}
    )
    thing.locations.set([location])
    sensor, _ = Sensor.objects.get_or_create(name="Benchmark sensor")
    streams = []
    for number in range(STREAMS):
        prop, _ = ObservedProperty.objects.get_or_create(
            name=f"Benchmark property {number}",
            defaults={"definition": f"https://example.org/bench/{number}"},
        )
        stream, _ = Datastream.objects.get_or_create(
            thing=thing,
            observed_property=prop,
            defaults={
                "name": f"Benchmark stream {number}",
                "sensor": sensor,
                "unit_name": "unit",
                "valid_min": 0,
                "valid_max": 1000,
            },
        )
        streams.append(stream.pk)
    wifi, _ = ObservedProperty.objects.get_or_create(
        name="Benchmark WiFi devices", defaults={"definition": "https://example.org/bench/wifi"}
    )
    counter, _ = Datastream.objects.get_or_create(
        thing=thing,
        observed_property=wifi,
        defaults={
            "name": "Benchmark WiFi counter",
            "sensor": sensor,
            "unit_name": "count",
            "observation_type": Datastream.ObservationType.COUNT,
            "valid_min": 1,
            "valid_max": 1,
            "privacy_class": Datastream.PrivacyClass.PERSON_DERIVED,
        },
    )
    created = device_create(thing=thing, name="Benchmark node")
    state.update(
        streams=streams, counter=counter.pk, token=created.secret, device=created.device.pk
    )
    RawObservation.objects.filter(datastream__thing=thing).delete()
    _raw_table_settle()


def _raw_write(rows: str = "rows"):
    def run() -> None:
        from django.db import connection, transaction

        from opendata.sensors.ingestion.write import COLUMNS
        from opendata.sensors.models import RawObservation

        batch = next(state[rows])  # type: ignore[call-overload]
        table = RawObservation._meta.db_table
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                columns = ", ".join(COLUMNS)
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in batch:
                        copy.write_row(row)
            else:
                placeholders = ", ".join(["%s"] * len(COLUMNS))
                # Model metadata, not input: the names are fixed.
                statement = f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({placeholders})"  # noqa: S608
                cursor.executemany(statement, batch)

    return run
