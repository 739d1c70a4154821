"""Writes of the sensor app: ingesting batches of readings, deleting expired raw readings.

Ingestion order, per batch: validate every submitted reading against its datastream, replace
subject identifiers by today's pseudonyms (in memory), drop in-batch duplicates, then write
all valid rows in one statement (``bulk_create(ignore_conflicts=True)`` on SQLite; on
PostgreSQL COPY into a temporary table and ``INSERT ... ON CONFLICT DO NOTHING``). Rows that
exist already (same datastream, phenomenon time and pseudonym) count as duplicates. The
response is sent only after the transaction committed, so an acknowledged reading is stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from opendata.sensors.ingest import Reading, items_from_body, items_validate
from opendata.sensors.models import Datastream, Device, RawObservation
from opendata.sensors.pseudonyms import day_key, pseudonymise, utc_now

DEFAULT_RAW_RETENTION_DAYS = 30


def raw_retention() -> timedelta:
    days = getattr(settings, "SENSOR_RAW_RETENTION_DAYS", DEFAULT_RAW_RETENTION_DAYS)
    return timedelta(days=int(days))


@dataclass
class IngestResult:
    received: int = 0
    accepted: int = 0
    duplicates: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return self.received - self.accepted - self.duplicates

    def as_dict(self) -> dict:
        return {
            "received": self.received,
            "accepted": self.accepted,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
            "errors": self.errors,
        }


def _rows(readings: list[Reading], *, device: Device, received_at: datetime) -> list[tuple]:
    key = day_key() if any(reading.subject is not None for reading in readings) else b""
    seen: set[tuple] = set()
    rows = []
    for reading in readings:
        pseudonym = "" if reading.subject is None else pseudonymise(reading.subject, key=key)
        identity = (reading.datastream_id, reading.phenomenon_time, pseudonym)
        if identity in seen:
            continue
        seen.add(identity)
        rows.append(
            (
                reading.datastream_id,
                reading.phenomenon_time,
                reading.result,
                pseudonym,
                device.pk,
                received_at,
            )
        )
    return rows


COLUMNS = (
    "datastream_id",
    "phenomenon_time",
    "result",
    "subject_pseudonym",
    "device_id",
    "received_at",
)


def _insert_sqlite(rows: list[tuple]) -> int:
    connection.ensure_connection()
    before = connection.connection.total_changes
    RawObservation.objects.bulk_create(
        [RawObservation(**dict(zip(COLUMNS, row, strict=True))) for row in rows],
        ignore_conflicts=True,
        batch_size=1000,
    )
    return connection.connection.total_changes - before


def _insert_postgres(rows: list[tuple]) -> int:
    from psycopg import sql as pgsql

    table = RawObservation._meta.db_table
    columns = pgsql.SQL(", ").join(pgsql.Identifier(column) for column in COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE IF NOT EXISTS sensors_raw_incoming ("
            " datastream_id bigint, phenomenon_time timestamptz, result double precision,"
            " subject_pseudonym varchar(16), device_id bigint, received_at timestamptz"
            ") ON COMMIT DELETE ROWS"
        )
        raw = cursor.cursor
        with raw.copy(
            pgsql.SQL("COPY sensors_raw_incoming ({}) FROM STDIN").format(columns)
        ) as copy:
            for row in rows:
                copy.write_row(row)
        raw.execute(
            pgsql.SQL(
                "INSERT INTO {table} ({columns}) SELECT {columns} FROM sensors_raw_incoming"
                " ON CONFLICT (datastream_id, phenomenon_time, subject_pseudonym) DO NOTHING"
            ).format(table=pgsql.Identifier(table), columns=columns)
        )
        inserted = raw.rowcount
        raw.execute("TRUNCATE sensors_raw_incoming")
    return inserted


def _insert(rows: list[tuple]) -> int:
    if not rows:
        return 0
    if connection.vendor == "postgresql":
        return _insert_postgres(rows)
    return _insert_sqlite(rows)


# Submitted subjects must not reach error reports (Django's, with DEBUG off) through the local
# variables of this function's frames or of any function it calls.
@sensitive_variables()
def observations_ingest(*, device: Device, body: object) -> IngestResult:
    """Store the valid readings of a parsed JSON batch from `device`; report the others.

    Raises ``ingest.BatchInvalid`` when the body's shape is wrong (nothing is stored) and
    ``pseudonyms.PseudonymKeyUnavailable`` when subjects cannot be pseudonymised.
    """
    items = items_from_body(body)
    now = timezone.now()
    datastreams = {
        stream.pk: stream
        for stream in Datastream.objects.filter(thing_id=device.thing_id, is_active=True)
    }
    readings, errors = items_validate(
        items, datastreams=datastreams, now=now, oldest=now - raw_retention()
    )
    result = IngestResult(received=len(items), errors=errors)
    rows = _rows(readings, device=device, received_at=now)
    with transaction.atomic():
        result.accepted = _insert(rows)
    result.duplicates = len(readings) - result.accepted
    return result


def raw_observations_delete_expired(*, now: datetime | None = None) -> int:
    """Delete raw readings whose phenomenon time is older than the retention period."""
    now = now or utc_now()
    deleted, _by_model = RawObservation.objects.filter(
        phenomenon_time__lt=now - raw_retention()
    ).delete()
    return deleted
