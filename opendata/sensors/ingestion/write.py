"""Writing batches of readings to the raw store (never public).

Ingestion order, per batch: validate every submitted reading against its datastream, replace
subject identifiers by today's pseudonyms (in memory), drop in-batch duplicates, then write
all valid rows in one statement (``bulk_create(ignore_conflicts=True)`` on SQLite). On
PostgreSQL, when no stored reading of a stream lies within the batch's span of phenomenon
times for that stream (one index probe per stream), the rows are COPied straight into the
table in a savepoint: new readings, the common case, cost no more than a raw COPY. Otherwise
(a device re-sending a batch whose answer it lost) the batch is written the careful way:
COPY into a temporary table and ``INSERT ... ON CONFLICT DO NOTHING``. Rows that exist
already (same datastream, phenomenon time and pseudonym) count as duplicates. The response
is sent only after the transaction committed, so an acknowledged reading is stored; a batch
that would commit later than half of ``settle()`` after it was stamped received is rolled
back instead (``IngestTooSlow``).

Several batches at once (the MQTT subscriber's messages): ``observations_prepare`` validates
and pseudonymises each batch (one day key, one datastream lookup per thing, one set of seen
rows for all of them: a reading repeated by a later batch counts as that batch's duplicate),
then ``prepared_write`` writes the rows of all of them in one statement on PostgreSQL (the
plain COPY as above, or one COPY tagged with each row's batch and one ``INSERT ... SELECT
... ON CONFLICT DO NOTHING RETURNING`` whose inserted rows are counted per batch) and sets
each batch's ``accepted`` and ``duplicates``; on SQLite one ``bulk_create`` per batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import cast

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables
from psycopg import sql as pgsql

from opendata.sensors.ingestion.parse import Reading, items_from_body, items_validate
from opendata.sensors.models import Datastream, Device, RawObservation
from opendata.sensors.pseudonyms import day_key, pseudonymise


def raw_retention() -> timedelta:
    """How long raw readings are kept (older ones are refused at ingestion and deleted)."""
    return timedelta(days=int(settings.SENSOR_RAW_RETENTION_DAYS))


def settle() -> timedelta:
    """How long after a reading's ``received_at`` its transaction has ended: ingestion gives
    up (rolls back, the device retries) when it reaches half of it before committing, and a
    publication's cut-off lags its clock by all of it, so that every reading received by a
    cut-off is visible to the job that uses it. The other half is the margin for the COMMIT
    itself and for the clocks of web servers and workers, which must agree (NTP)."""
    return timedelta(seconds=int(settings.SENSOR_INGEST_SETTLE_SECONDS))


class IngestTooSlow(Exception):
    """A batch was about to commit later than ``settle() / 2`` after it was stamped
    received: rolled back, so that no reading becomes visible after a cut-off it predates."""


def settle_check(received_at: datetime) -> None:
    """Raise IngestTooSlow, inside the transaction, when it is too late to commit."""
    if timezone.now() - received_at > settle() / 2:
        raise IngestTooSlow("ingestion took too long to commit; nothing was stored")


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


def _rows(
    readings: list[Reading],
    *,
    device: Device,
    received_at: datetime,
    keys: dict[str, bytes] | None = None,
    seen: set[tuple] | None = None,
) -> list[tuple]:
    """The rows to store; `keys` caches the day key and `seen` the rows of earlier batches
    (both shared by the batches written together)."""
    key = b""
    if any(reading.subject is not None for reading in readings):
        if keys is None:
            key = day_key()
        else:
            if "day" not in keys:
                keys["day"] = day_key()
            key = keys["day"]
    seen = set() if seen is None else seen
    device_id = device.pk
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
                device_id,
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


INCOMING_TABLE = "sensors_raw_incoming_parts"
# Binary COPY: the server need not parse timestamps and numbers from text.
ROW_TYPES = ("int8", "timestamptz", "float8", "varchar", "int8", "timestamptz")
INCOMING_TYPES = ("int4", *ROW_TYPES)
UNIQUE_READING = "sensors_rawobservation_unique_reading"
STORED_WITHIN_SPANS = (
    f"SELECT EXISTS (SELECT 1 FROM {RawObservation._meta.db_table} AS stored, unnest("  # noqa: S608
    "%s::bigint[], %s::timestamptz[], %s::timestamptz[]) AS span (stream, first, last)"
    " WHERE stored.datastream_id = span.stream"
    " AND stored.phenomenon_time BETWEEN span.first AND span.last)"
)


def _binary_copy(cursor, table: str, columns: Sequence[str], types: Sequence[str], rows) -> None:
    """COPY `rows` (an iterable of tuples) into `table` in PostgreSQL's binary format."""
    statement = pgsql.SQL("COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)").format(
        table=pgsql.Identifier(table),
        columns=pgsql.SQL(", ").join(pgsql.Identifier(column) for column in columns),
    )
    with cursor.cursor.copy(statement) as copy:
        copy.set_types(types)
        for row in rows:
            copy.write_row(row)


def _copy_direct(cursor, groups: Sequence[list[tuple]]) -> None:
    """COPY the rows of every group straight into the raw table (fails on a duplicate)."""
    rows = (row for group in groups for row in group)
    _binary_copy(cursor, RawObservation._meta.db_table, COLUMNS, ROW_TYPES, rows)


def _stored_within_spans(cursor, groups: Sequence[list[tuple]]) -> bool:
    """Whether any stream of the rows has a stored reading between the rows' first and last
    phenomenon time of that stream: only then can one of them be a duplicate. One index
    probe per stream."""
    spans: dict[int, list[datetime]] = {}
    for rows in groups:
        for stream_id, moment, *_rest in rows:
            span = spans.get(stream_id)
            if span is None:
                spans[stream_id] = [moment, moment]
            elif moment < span[0]:
                span[0] = moment
            elif moment > span[1]:
                span[1] = moment
    firsts, lasts = [span[0] for span in spans.values()], [span[1] for span in spans.values()]
    cursor.execute(STORED_WITHIN_SPANS, [list(spans), firsts, lasts])
    return bool(cursor.fetchone()[0])


def _insert_new(groups: Sequence[list[tuple]]) -> bool:
    """Write the groups with one plain COPY when none of their rows can exist yet; False
    (nothing written) otherwise.

    Whether one can exist is asked first rather than found out by the COPY failing: the
    server would log the failure with the conflicting key, pseudonym included. Only a batch
    that races an identical one (stored between the question and the COPY) still fails
    here, and falls back all the same.
    """
    with connection.cursor() as cursor, connection.wrap_database_errors:
        if _stored_within_spans(cursor.cursor, groups):
            return False
    try:
        with transaction.atomic(), connection.cursor() as cursor, connection.wrap_database_errors:
            _copy_direct(cursor, groups)
    except IntegrityError as exc:
        constraint = getattr(getattr(exc.__cause__, "diag", None), "constraint_name", None)
        if constraint != UNIQUE_READING:
            raise
        return False
    return True


def _copy_incoming(cursor, groups: Sequence[list[tuple]]) -> None:
    """COPY the rows of every group into the session's temporary table, each tagged with the
    number of its group."""
    cursor.execute(
        f"CREATE TEMPORARY TABLE IF NOT EXISTS {INCOMING_TABLE} ("
        " part integer, datastream_id bigint, phenomenon_time timestamptz,"
        " result double precision, subject_pseudonym varchar(16), device_id bigint,"
        " received_at timestamptz"
        ") ON COMMIT DELETE ROWS"
    )
    tagged = ((part, *row) for part, rows in enumerate(groups) for row in rows)
    _binary_copy(cursor, INCOMING_TABLE, ("part", *COLUMNS), INCOMING_TYPES, tagged)


def _insert_postgres(groups: Sequence[list[tuple]]) -> list[int]:
    """One COPY (and, when some rows exist already, one INSERT) for all groups; the rows
    inserted, per group."""
    if _insert_new(groups):
        return [len(rows) for rows in groups]

    table = pgsql.Identifier(RawObservation._meta.db_table)
    incoming = pgsql.Identifier(INCOMING_TABLE)
    columns = pgsql.SQL(", ").join(pgsql.Identifier(column) for column in COLUMNS)
    insert = pgsql.SQL(
        "INSERT INTO {table} ({columns}) SELECT {columns} FROM {incoming}"
        " ON CONFLICT (datastream_id, phenomenon_time, subject_pseudonym) DO NOTHING"
    ).format(table=table, columns=columns, incoming=incoming)
    inserted = [len(rows) for rows in groups]
    # Django's exceptions (IntegrityError, OperationalError) from the raw cursor too.
    with connection.cursor() as cursor, connection.wrap_database_errors:
        _copy_incoming(cursor, groups)
        raw = cursor.cursor
        several = len(groups) > 1
        savepoint = transaction.savepoint() if several else None
        raw.execute(insert)
        if raw.rowcount != sum(inserted):
            if not several:
                inserted[0] = raw.rowcount
            else:
                # Some rows existed already: count the inserted ones per group. The rows are
                # unique across groups (``_rows`` shares one `seen` set), so each inserted row
                # joins exactly one incoming row and thereby its group.
                transaction.savepoint_rollback(cast(str, savepoint))  # set when `several`
                several = False
                raw.execute(
                    pgsql.SQL(
                        "WITH inserted AS ({insert}"
                        " RETURNING datastream_id, phenomenon_time, subject_pseudonym)"
                        " SELECT incoming.part, count(*) FROM inserted"
                        " JOIN {incoming} AS incoming"
                        " USING (datastream_id, phenomenon_time, subject_pseudonym)"
                        " GROUP BY incoming.part"
                    ).format(insert=insert, incoming=incoming)
                )
                inserted = [0] * len(groups)
                for part, count in raw.fetchall():
                    inserted[part] = count
        if several:
            transaction.savepoint_commit(cast(str, savepoint))  # set when `several`
        raw.execute(pgsql.SQL("TRUNCATE {incoming}").format(incoming=incoming))
    return inserted


def _insert_many(groups: Sequence[list[tuple]]) -> list[int]:
    """Write the rows of several groups (unique across them); the rows inserted, per group."""
    if not any(groups):
        return [0] * len(groups)
    if connection.vendor == "postgresql":
        return _insert_postgres(groups)
    return [_insert_sqlite(rows) if rows else 0 for rows in groups]


def _insert(rows: list[tuple]) -> int:
    return _insert_many([rows])[0]


@dataclass
class PreparedBatch:
    """A validated batch whose rows (pseudonymised) are ready to be written."""

    result: IngestResult
    rows: list[tuple]
    valid: int  # readings that passed validation (written, or duplicates)


# Submitted subjects must not reach error reports (Django's, with DEBUG off) through the local
# variables of this function's frames or of any function it calls.
@sensitive_variables()
def observations_prepare(
    *,
    device: Device,
    body: object,
    now: datetime | None = None,
    streams: dict[int, dict[int, Datastream]] | None = None,
    keys: dict[str, bytes] | None = None,
    seen: set[tuple] | None = None,
) -> PreparedBatch:
    """Validate and pseudonymise a parsed JSON batch from `device`; nothing is written.

    `streams` (active datastreams by thing), `keys` and `seen` may be shared by batches that
    are written together. Raises ``ingest.BatchInvalid`` when the body's shape is wrong and
    ``pseudonyms.PseudonymKeyUnavailable`` when subjects cannot be pseudonymised.
    """
    items = items_from_body(body)
    now = now or timezone.now()
    datastreams = None if streams is None else streams.get(device.thing_id)
    if datastreams is None:
        datastreams = {
            stream.pk: stream
            for stream in Datastream.objects.filter(thing_id=device.thing_id, is_active=True)
        }
        if streams is not None:
            streams[device.thing_id] = datastreams
    readings, errors = items_validate(
        items, datastreams=datastreams, now=now, oldest=now - raw_retention()
    )
    rows = _rows(readings, device=device, received_at=now, keys=keys, seen=seen)
    return PreparedBatch(
        result=IngestResult(received=len(items), errors=errors), rows=rows, valid=len(readings)
    )


def _count(prepared: PreparedBatch, accepted: int) -> None:
    prepared.result.accepted = accepted
    prepared.result.duplicates = prepared.valid - accepted


@sensitive_variables()
def prepared_write(batches: Sequence[PreparedBatch]) -> None:
    """Write the rows of all `batches` in one bulk write, in a transaction (a savepoint within
    one); sets each batch's ``accepted`` and ``duplicates``. A database error leaves nothing
    of them written."""
    with transaction.atomic():
        inserted = _insert_many([prepared.rows for prepared in batches])
    for prepared, accepted in zip(batches, inserted, strict=True):
        _count(prepared, accepted)


@sensitive_variables()
def observations_ingest(*, device: Device, body: object) -> IngestResult:
    """Store the valid readings of a parsed JSON batch from `device`; report the others.

    Raises ``ingest.BatchInvalid`` when the body's shape is wrong (nothing is stored),
    ``pseudonyms.PseudonymKeyUnavailable`` when subjects cannot be pseudonymised and
    ``IngestTooSlow`` when the write took too long (nothing is stored).
    """
    now = timezone.now()
    prepared = observations_prepare(device=device, body=body, now=now)
    with transaction.atomic():
        accepted = _insert(prepared.rows)
        settle_check(now)
    _count(prepared, accepted)
    return prepared.result
