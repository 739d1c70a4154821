"""Writes of the data store: loading a CSV distribution into a table of its own, all or nothing.

A load reads the file three times, streaming (memory stays flat for large files):

1. hash it and check that it is UTF-8 text without NUL bytes (`scan_text`);
2. sniff the delimiter, check the header and the shape of every row, infer column types;
3. convert and insert the rows into a new table under a temporary name, then swap it in
   (drop the old table, rename the new one, update the record) in one short transaction.

Any problem leaves the previous table and rows as they were and records `status=failed` with
a message for staff. Loading the same file again changes nothing (checksum), and a load
claims its record with a conditional update, so two workers never load one table at once.

Loads are enqueued when a distribution is saved; a periodic sweep (`datastore_sweep`) catches
what that missed: files saved since their table last checked them (the broker was down),
claims of workers that died, and the tables such workers left behind.
"""

from __future__ import annotations

import contextlib
import csv
import io
import logging
import re
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import islice
from typing import IO, Any

from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from opendata.catalogue.models import Dataset, Distribution
from opendata.catalogue.uploads import nul_error_message, scan_text, utf8_error_message
from opendata.datastore import db
from opendata.datastore.models import DatastoreTable, OrphanedTable
from opendata.datastore.tabular import (
    INT,
    SNIFF_CHARS,
    Analysis,
    TableError,
    analyse,
    converted_rows,
    rows_iter,
    sniff_delimiter,
    stored_types,
)
from portal.core.jobs import enqueue, enqueue_on_commit

logger = logging.getLogger(__name__)

LOADABLE_FORMATS = {"CSV"}
STALE_LOADING = timedelta(hours=1)  # a claim older than this was lost with its worker
BATCH_ROWS = 5000
# A table whose file the catalogue records with another checksum is checked again this often
# even if the distribution was not saved since (a file replaced behind the catalogue's back).
RECHECK_RECORDED_CHECKSUM = timedelta(days=1)
# How long the sweep leaves a table without a record before dropping it: a margin for
# whatever still holds it (a load run by hand past the claim's hour).
ORPHAN_GRACE = timedelta(hours=1)
# Data-store tables and the temporary tables of loads: never the app's own model tables.
_TABLE_NAME = re.compile(r"datastore_[0-9a-f]{32}(?:_[0-9a-f]{8})?")
_BASE_NAME_LENGTH = len("datastore_") + 32


def table_name_for(distribution: Distribution) -> str:
    return f"datastore_{distribution.pk.hex}"


def is_loadable(distribution: Distribution) -> bool:
    return distribution.format in LOADABLE_FORMATS and bool(distribution.file)


@contextlib.contextmanager
def _binary(distribution: Distribution) -> Iterator[IO[bytes]]:
    if not distribution.file.name:
        raise ValueError(f"distribution {distribution.pk} has no file")
    stream = distribution.file.storage.open(distribution.file.name, "rb")
    try:
        yield stream
    finally:
        stream.close()


@contextlib.contextmanager
def _csv_reader(distribution: Distribution, delimiter: str) -> Iterator[Any]:
    with _binary(distribution) as stream:
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        try:
            yield csv.reader(text, delimiter=delimiter)
        finally:
            text.detach()


def _analyse(distribution: Distribution) -> Analysis:
    with _binary(distribution) as stream:
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        sample = text.read(SNIFF_CHARS)
        text.detach()
    delimiter = sniff_delimiter(sample)
    with _csv_reader(distribution, delimiter) as reader:
        return analyse(reader, delimiter)


def _execute(sql: str, params: list[Any] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])


def _create(name: str, names: list[str], kinds: list[str]) -> None:
    columns = [f"{db.quote('_id')} {db.column_type(INT)} PRIMARY KEY"]
    columns += [
        f"{db.quote(column)} {db.column_type(kind)}"
        for column, kind in zip(names, kinds, strict=True)
    ]
    _execute(f"CREATE TABLE {db.quote(name)} ({', '.join(columns)})")


def _insert_sqlite(name: str, names: list[str], kinds: list[str], rows: Iterable[list]) -> int:
    columns = ", ".join(db.quote(column) for column in ["_id", *names])
    placeholders = ", ".join(["%s"] * (len(names) + 1))
    sql = f"INSERT INTO {db.quote(name)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    converters = [
        (index, convert)
        for index, kind in enumerate([INT, *kinds])
        if (convert := db.storage_converter(kind)) is not None
    ]
    count = 0
    iterator = iter(rows)
    while batch := list(islice(iterator, BATCH_ROWS)):
        for row in batch:
            for index, convert in converters:
                value = row[index]
                if value is not None:
                    row[index] = convert(value)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, batch)
        count += len(batch)
    return count


def _insert_postgres(name: str, names: list[str], rows: Iterable[list]) -> int:
    from psycopg import sql as pgsql

    statement = pgsql.SQL("COPY {} ({}) FROM STDIN").format(
        pgsql.Identifier(name),
        pgsql.SQL(", ").join(pgsql.Identifier(column) for column in ["_id", *names]),
    )
    count = 0
    with (
        transaction.atomic(),
        connection.cursor() as cursor,
        cursor.cursor.copy(statement) as copy,
    ):
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _drop(name: str) -> None:
    _execute(f"DROP TABLE IF EXISTS {db.quote(name)}")


def datastore_table_drop(*, table_name: str) -> None:
    """Drop a data-store table (when its record goes); a missing table is no error."""
    _drop(table_name)


def _build_and_swap(
    *,
    table: DatastoreTable,
    distribution: Distribution,
    analysis: Analysis,
    checksum: str,
    checked_at: datetime,
) -> None:
    temporary = f"{table.table_name}_{secrets.token_hex(4)}"
    kinds = stored_types(analysis.types)
    try:
        with transaction.atomic():
            _create(temporary, analysis.names, kinds)
        with _csv_reader(distribution, analysis.delimiter) as reader:
            next(reader)  # the header
            rows = converted_rows(rows_iter(reader), analysis.types)
            if db.is_postgres():
                count = _insert_postgres(temporary, analysis.names, rows)
            else:
                count = _insert_sqlite(temporary, analysis.names, kinds, rows)
        if count != analysis.row_count:
            raise TableError(_("The file changed while it was being loaded; please try again."))
        with transaction.atomic():
            _drop(table.table_name)
            _execute(f"ALTER TABLE {db.quote(temporary)} RENAME TO {db.quote(table.table_name)}")
            now = timezone.now()
            DatastoreTable.objects.filter(pk=table.pk).update(
                fields=[
                    {"id": column, "type": kind}
                    for column, kind in zip(analysis.names, kinds, strict=True)
                ],
                row_count=count,
                status=DatastoreTable.Status.ACTIVE,
                error="",
                loaded_at=now,
                checksum_sha256=checksum,
                status_changed_at=now,
                checked_at=checked_at,
            )
            # datastore_active is part of the package: its record changed (as in CKAN).
            Dataset.objects.filter(pk=distribution.dataset_id).update(metadata_modified=now)
    except BaseException:
        with contextlib.suppress(Exception), transaction.atomic():
            _drop(temporary)
        raise


def _fail(
    table: DatastoreTable, message: str, *, checked_at: datetime | None = None
) -> DatastoreTable:
    """Record a failed load; `checked_at` when the file itself is at fault (no retry then)."""
    changes: dict[str, Any] = {"checked_at": checked_at} if checked_at else {}
    DatastoreTable.objects.filter(pk=table.pk).update(
        status=DatastoreTable.Status.FAILED,
        error=message,
        status_changed_at=timezone.now(),
        **changes,
    )
    table.refresh_from_db()
    return table


def _claim(table: DatastoreTable) -> bool:
    now = timezone.now()
    claimed = (
        DatastoreTable.objects.filter(pk=table.pk)
        .exclude(status=DatastoreTable.Status.LOADING, status_changed_at__gt=now - STALE_LOADING)
        .update(status=DatastoreTable.Status.LOADING, status_changed_at=now)
    )
    return bool(claimed)


def datastore_delete(*, distribution: Distribution) -> None:
    """Remove a distribution's table and record (its rows are no longer published)."""
    DatastoreTable.objects.filter(distribution=distribution).delete()


def datastore_load(*, distribution: Distribution, force: bool = False) -> DatastoreTable | None:
    """Load a CSV distribution's file into its table; None when it has nothing to load.

    Returns the record, with status active (loaded now or already up to date), failed (with
    the reason in `error`; earlier rows are kept) or loading (another worker is at it).
    Every outcome but an internal error records when the file was checked (`checked_at`,
    taken before reading it): the sweep loads again what was saved after that.
    """
    started = timezone.now()
    if not is_loadable(distribution):
        datastore_delete(distribution=distribution)
        return None
    table, _created = DatastoreTable.objects.get_or_create(
        distribution=distribution, defaults={"table_name": table_name_for(distribution)}
    )
    try:
        with _binary(distribution) as stream:
            scan = scan_text(stream)
    except FileNotFoundError:
        return _fail(
            table,
            _("The file of this distribution is missing from the storage."),
            checked_at=started,
        )
    up_to_date = table.status == DatastoreTable.Status.ACTIVE and (
        table.checksum_sha256 == scan.sha256
    )
    if up_to_date and not force:
        DatastoreTable.objects.filter(pk=table.pk).update(checked_at=started)
        table.checked_at = started
        return table
    if not _claim(table):
        table.refresh_from_db()
        return table
    try:
        if scan.bad_utf8:
            raise TableError(utf8_error_message(*scan.bad_utf8))
        if scan.nul:
            raise TableError(nul_error_message(*scan.nul))
        if scan.size == 0:
            raise TableError(_("The file is empty."))
        analysis = _analyse(distribution)
        _build_and_swap(
            table=table,
            distribution=distribution,
            analysis=analysis,
            checksum=scan.sha256,
            checked_at=started,
        )
    except TableError as exc:
        logger.info("datastore load of %s failed: %s", distribution.pk, exc)
        return _fail(table, str(exc), checked_at=started)
    except Exception:
        # Not marked as checked: a fault of the database or the storage, which the sweep
        # retries once it is over.
        logger.exception("datastore load of %s failed", distribution.pk)
        _fail(
            table,
            _("Loading failed because of an internal error; the previous rows are kept."),
        )
        raise
    table.refresh_from_db()
    return table


def distribution_saved(distribution: Distribution) -> None:
    """A saved CSV upload is (re)loaded after commit; an unchanged file is skipped there.

    Registered with the catalogue's write services in ``DatastoreConfig.ready()``.
    """
    # The task module wraps this one: the one lazy import the layers allow.
    from opendata.datastore.tasks import datastore_load_task

    if (
        is_loadable(distribution)
        or DatastoreTable.objects.filter(distribution_id=distribution.pk).exists()
    ):
        enqueue_on_commit(datastore_load_task, str(distribution.pk))


def datastore_table_removed(*, table: DatastoreTable) -> None:
    """The rows go with their record, also when a distribution's deletion cascades to it."""
    datastore_table_drop(table_name=table.table_name)
    # datastore_active is part of the package record (cached under metadata_modified).
    Dataset.objects.filter(distributions__id=table.distribution_id).update(
        metadata_modified=timezone.now()
    )


def _loads_due(now: datetime) -> QuerySet[Distribution]:
    """Distributions whose table is missing, out of date or claimed by a worker that died."""
    loadable = Q(format__in=LOADABLE_FORMATS) & ~Q(file="")
    never_loaded = loadable & (
        Q(datastore_table__isnull=True) | Q(datastore_table__status=DatastoreTable.Status.PENDING)
    )
    # Saved since its table last looked at the file: replaced (or no longer a CSV upload)
    # while the broker could not take the load.
    saved_since_check = Q(datastore_table__isnull=False) & (
        Q(datastore_table__checked_at__isnull=True)
        | Q(datastore_table__checked_at__lt=F("modified"))
    )
    recorded_checksum_differs = (
        loadable
        & Q(datastore_table__status=DatastoreTable.Status.ACTIVE)
        & ~Q(checksum_sha256="")
        & ~Q(checksum_sha256=F("datastore_table__checksum_sha256"))
        & Q(datastore_table__checked_at__lt=now - RECHECK_RECORDED_CHECKSUM)
    )
    loading = Q(datastore_table__status=DatastoreTable.Status.LOADING)
    claim_lost = loading & Q(datastore_table__status_changed_at__lte=now - STALE_LOADING)
    claim_held = loading & Q(datastore_table__status_changed_at__gt=now - STALE_LOADING)
    return Distribution.objects.filter(
        never_loaded | saved_since_check | recorded_checksum_differs | claim_lost
    ).exclude(claim_held)


def _tables_present() -> set[str]:
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
    return {name for name in names if _TABLE_NAME.fullmatch(name)}


def _orphans(names: set[str], now: datetime) -> set[str]:
    """Of these tables, those no record points at and no load in progress is building."""
    bases = {name[:_BASE_NAME_LENGTH] for name in names}
    recorded = set(
        DatastoreTable.objects.filter(table_name__in=bases).values_list("table_name", flat=True)
    )
    loading = set(
        DatastoreTable.objects.filter(
            table_name__in=bases,
            status=DatastoreTable.Status.LOADING,
            status_changed_at__gt=now - STALE_LOADING,
        ).values_list("table_name", flat=True)
    )

    def is_orphan(name: str) -> bool:
        base = name[:_BASE_NAME_LENGTH]
        if name == base:
            return base not in recorded
        return base not in loading  # a temporary table lives only while its load holds the claim

    return {name for name in names if is_orphan(name)}


def datastore_orphans_drop(*, now: datetime | None = None) -> int:
    """Drop data-store tables that have been orphans for the grace period; note new ones."""
    now = now or timezone.now()
    # Listed before the records are read: a load that starts in between is not in the list.
    orphans = _orphans(_tables_present(), now)
    OrphanedTable.objects.exclude(name__in=orphans).delete()  # gone, or a record came
    OrphanedTable.objects.bulk_create(
        [OrphanedTable(name=name, first_seen_at=now) for name in sorted(orphans)],
        ignore_conflicts=True,
    )
    dropped = 0
    due = OrphanedTable.objects.filter(first_seen_at__lte=now - ORPHAN_GRACE)
    for name in due.values_list("name", flat=True):
        with transaction.atomic():
            if _orphans(_tables_present() & {name}, now):  # still there and nobody's
                _drop(name)
                dropped += 1
                logger.warning("dropped the orphaned data-store table %s", name)
            OrphanedTable.objects.filter(name=name).delete()
    return dropped


@dataclass(frozen=True)
class SweepResult:
    loads_enqueued: int
    loads_due: int
    orphans_dropped: int


def datastore_sweep() -> SweepResult:
    """What the loads enqueued on save missed, for Celery beat.

    Enqueues the loads of CSV files never loaded, saved since their table last checked them
    (their job could not be queued), recorded by the catalogue with another checksum than
    the loaded one, or claimed by a worker that died (the load takes a stale claim over);
    drops tables that such workers left behind. The loads themselves skip unchanged files.
    """
    # The task module wraps this one: the one lazy import the layers allow.
    from opendata.datastore.tasks import datastore_load_task

    now = timezone.now()
    due = list(_loads_due(now).order_by("modified").values_list("pk", flat=True).distinct())
    enqueued = 0
    for pk in due:
        if not enqueue(datastore_load_task, str(pk)):
            break  # the broker is down: the next sweep tries again, without waiting on each
        enqueued += 1
    return SweepResult(
        loads_enqueued=enqueued, loads_due=len(due), orphans_dropped=datastore_orphans_drop(now=now)
    )
