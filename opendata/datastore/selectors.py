"""Reads of the data store: public tables and parametrised SQL over their rows.

Identifiers are only ever field names of the table's own `fields` list (a whitelist), quoted;
every value travels as a query parameter.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import OperationalError, connection, transaction
from django.db.backends.utils import CursorWrapper

from opendata.catalogue.models import Dataset
from opendata.datastore import db
from opendata.datastore.models import DatastoreTable
from opendata.datastore.tabular import BOOL, DATE, INT, NUMERIC, PARSERS, TEXT, TIMESTAMP
from portal.core.database import statement_canceled

ID_FIELD = {"id": "_id", "type": INT}
# CKAN's ckan.datastore.search.timeout is 60 s; here a search ends with the web request's
# own statement limit (portal/wsgi.py), long before gunicorn kills a worker after 30 s.
SEARCH_TIMEOUT_MS = 10_000
# SQLite has no statement timeout: a progress handler, called every this many virtual-machine
# steps (well under a millisecond), interrupts a query past its deadline.
SQLITE_PROGRESS_STEPS = 10_000


class QueryError(Exception):
    """A parameter names an unknown field or holds an unusable value."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter
        self.message = message


def datastore_table_get_public(*, resource_id: str) -> DatastoreTable | None:
    """The loaded table of a distribution of a published dataset, or None."""
    try:
        key = uuid.UUID(str(resource_id))
    except ValueError:
        return None
    return (
        DatastoreTable.objects.filter(
            distribution_id=key,
            distribution__dataset__state=Dataset.State.PUBLISHED,
            loaded_at__isnull=False,
        )
        .select_related("distribution")
        .first()
    )


def table_fields(table: DatastoreTable) -> list[dict[str, str]]:
    """All fields, `_id` first, as CKAN lists them."""
    return [dict(ID_FIELD), *({"id": f["id"], "type": f["type"]} for f in table.fields)]


def _value(parameter: str, column: dict[str, str], value: Any) -> Any:
    """A filter value as the column's stored type; QueryError when it cannot be one."""
    kind = column["type"]
    if value is None:
        return None
    if kind == TEXT:
        return str(value)
    if kind == BOOL and isinstance(value, bool):
        return db.to_storage(kind, value)
    if kind in (INT, NUMERIC) and isinstance(value, int | float) and not isinstance(value, bool):
        value = repr(value) if isinstance(value, float) else str(value)
    try:
        parsed = PARSERS[kind](str(value).strip())
    except ValueError:
        raise QueryError(
            parameter,
            f'invalid value "{value}" for field "{column["id"]}" of type {kind}',
        ) from None
    if kind == NUMERIC:
        return Decimal(parsed) if db.is_postgres() else float(parsed)
    if kind in (DATE, TIMESTAMP, BOOL):
        return db.to_storage(kind, parsed)
    return parsed


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _contains(column: str) -> str:
    if db.is_postgres():
        # Dates and numbers are matched by their text, as CKAN does.
        return f"CAST({db.quote(column)} AS TEXT) ILIKE %s ESCAPE '\\'"
    return f"{db.quote(column)} LIKE %s ESCAPE '\\'"


@dataclass
class SearchQuery:
    """The SQL that `datastore_search` runs: records (limit/offset) and the total."""

    table_name: str
    fields: list[dict[str, str]]
    where: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    order_by: list[str] = field(default_factory=list)
    limit: int = 100
    offset: int = 0

    def _where_sql(self) -> str:
        return f" WHERE {' AND '.join(self.where)}" if self.where else ""

    def records_sql(self) -> tuple[str, list[Any]]:
        columns = ", ".join(db.quote(f["id"]) for f in self.fields)
        sql = (
            f"SELECT {columns} FROM {db.quote(self.table_name)}{self._where_sql()}"  # noqa: S608
            f" ORDER BY {', '.join(self.order_by)} LIMIT %s OFFSET %s"
        )
        return sql, [*self.params, self.limit, self.offset]

    def count_sql(self) -> tuple[str, list[Any]]:
        sql = f"SELECT COUNT(*) FROM {db.quote(self.table_name)}{self._where_sql()}"  # noqa: S608
        return sql, list(self.params)


def _sort_items(sort: str) -> Iterator[tuple[str, str]]:
    """(name, direction) pairs of CKAN's sort string, e.g. `a desc, "b, c" asc`.

    A quoted name may contain commas and doubled quotes (SQL style).
    """
    position, length = 0, len(sort)
    while position < length:
        while position < length and sort[position] in " \t,":
            position += 1
        if position >= length:
            return
        if sort[position] == '"':
            name, position = "", position + 1
            while True:
                end = sort.find('"', position)
                if end == -1:
                    raise QueryError("sort", f"invalid sort {sort!r}: unclosed quote")
                name += sort[position:end]
                if sort.startswith('""', end):
                    name, position = name + '"', end + 2
                    continue
                position = end + 1
                break
        else:
            start = position
            while position < length and sort[position] not in " \t,":
                position += 1
            name = sort[start:position]
        end = sort.find(",", position)
        end = length if end == -1 else end
        direction = sort[position:end].strip()
        position = end + 1
        if direction.lower() not in ("", "asc", "desc"):
            raise QueryError("sort", f'invalid sort direction "{direction}"')
        yield name, direction.upper() or "ASC"


def _parse_sort(sort: str, columns: dict[str, dict[str, str]]) -> list[str]:
    """ORDER BY items for CKAN's sort string, of known fields only."""
    items = []
    for name, direction in _sort_items(sort):
        if name not in columns:
            raise QueryError("sort", f'field "{name}" not in table')
        # Empty values last when ascending, first when descending: PostgreSQL's default,
        # stated so that SQLite (which sorts NULL lowest) pages the same way.
        nulls = "LAST" if direction == "ASC" else "FIRST"
        items.append(f"{db.quote(name)} {direction} NULLS {nulls}")
    return items


def datastore_search_build(
    *,
    table: DatastoreTable,
    filters: dict[str, Any] | None = None,
    q: str | dict[str, Any] | None = None,
    fields: list[str] | None = None,
    sort: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> SearchQuery:
    all_fields = table_fields(table)
    columns = {f["id"]: f for f in all_fields}
    if fields:
        unknown = [name for name in fields if name not in columns]
        if unknown:
            raise QueryError("fields", f'field "{unknown[0]}" not in table')
        selected = [columns[name] for name in dict.fromkeys(fields)]
    else:
        selected = all_fields
    query = SearchQuery(table_name=table.table_name, fields=selected, limit=limit, offset=offset)
    for name, value in (filters or {}).items():
        if name not in columns:
            raise QueryError("filters", f'field "{name}" not in table')
        column = columns[name]
        values = value if isinstance(value, list) else [value]
        if any(v is None for v in values):
            query.where.append(f"{db.quote(name)} IS NULL")
            continue
        converted = [_value("filters", column, v) for v in values]
        if not converted:
            query.where.append("1 = 0")
        elif len(converted) == 1:
            query.where.append(f"{db.quote(name)} = %s")
            query.params.extend(converted)
        else:
            query.where.append(f"{db.quote(name)} IN ({', '.join(['%s'] * len(converted))})")
            query.params.extend(converted)
    if isinstance(q, dict):
        for name, text in q.items():
            if name not in columns:
                raise QueryError("q", f'field "{name}" not in table')
            query.where.append(_contains(name))
            query.params.append(_like_pattern(str(text)))
    elif q:
        text_columns = [f["id"] for f in all_fields if f["type"] == TEXT]
        if not text_columns:
            query.where.append("1 = 0")
        else:
            query.where.append("(" + " OR ".join(_contains(c) for c in text_columns) + ")")
            query.params.extend([_like_pattern(q)] * len(text_columns))
    query.order_by = _parse_sort(sort or "", columns)
    if not any(item.startswith(db.quote("_id") + " ") for item in query.order_by):
        query.order_by.append(f"{db.quote('_id')} ASC")  # stable pages
    return query


def _converters(fields: list[dict[str, str]]) -> list[Any]:
    return [db.output_converter(f["type"]) for f in fields]


def _convert(rows: list[tuple], converters: list[Any]) -> list[list[Any]]:
    if not any(converters):
        return [list(row) for row in rows]
    return [
        [
            convert(value) if convert else value
            for convert, value in zip(converters, row, strict=True)
        ]
        for row in rows
    ]


@contextlib.contextmanager
def _sqlite_deadline(milliseconds: int) -> Iterator[None]:
    """Interrupt this connection's statements that run past `milliseconds` from now."""
    deadline = time.monotonic() + milliseconds / 1000
    raw = connection.connection
    raw.set_progress_handler(lambda: time.monotonic() > deadline, SQLITE_PROGRESS_STEPS)
    try:
        yield
    finally:
        raw.set_progress_handler(None, 0)


@contextlib.contextmanager
def _bounded_read() -> Iterator[CursorWrapper]:
    """A cursor whose statements see one snapshot and are stopped past the search timeout.

    On PostgreSQL a transaction with a statement timeout. On SQLite a deferred transaction:
    the connection's IMMEDIATE mode, right for writers, would take the write lock for as long
    as the query runs and block ingestion; in WAL mode a deferred read blocks no writer.
    """
    if db.is_postgres():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL statement_timeout = {int(SEARCH_TIMEOUT_MS)}")
            yield cursor
        return
    with connection.cursor() as cursor, _sqlite_deadline(SEARCH_TIMEOUT_MS):
        if connection.in_atomic_block:  # inside the caller's transaction (and its snapshot)
            yield cursor
            return
        cursor.execute("BEGIN DEFERRED")
        try:
            yield cursor
        finally:
            if connection.connection.in_transaction:  # an interrupt may have ended it
                cursor.execute("ROLLBACK")  # nothing was written: the cheaper end


def _timed_out(exc: OperationalError) -> bool:
    cause = exc.__cause__
    if isinstance(cause, sqlite3.OperationalError):
        return getattr(cause, "sqlite_errorcode", None) == sqlite3.SQLITE_INTERRUPT
    return statement_canceled(exc)


def datastore_search_run(query: SearchQuery, *, include_total: bool = True) -> dict[str, Any]:
    """Rows (as lists, in field order) and the total number of matching rows.

    Both statements read one snapshot (the total matches the page), within a time bound like
    CKAN's DataStore has; past it, a QueryError.
    """
    sql, params = query.records_sql()
    try:
        with _bounded_read() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            total = None
            if include_total:
                if query.offset == 0 and len(rows) < query.limit:
                    total = len(rows)  # every match is on this page: no need to count
                else:
                    count_sql, count_params = query.count_sql()
                    cursor.execute(count_sql, count_params)
                    total = cursor.fetchone()[0]
    except OperationalError as exc:
        if _timed_out(exc):
            raise QueryError("query", "Query took too long") from None
        raise
    return {"rows": _convert(rows, _converters(query.fields)), "total": total}


def datastore_rows_iter(table: DatastoreTable, *, batch: int = 5000) -> Iterator[list[Any]]:
    """Every row in `_id` order, read in keyset pages so that memory stays flat."""
    fields = table_fields(table)
    converters = _converters(fields)
    columns = ", ".join(db.quote(f["id"]) for f in fields)
    sql = (
        f"SELECT {columns} FROM {db.quote(table.table_name)}"  # noqa: S608
        f" WHERE {db.quote('_id')} > %s ORDER BY {db.quote('_id')} LIMIT %s"
    )
    last = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(sql, [last, batch])
            rows = cursor.fetchall()
        if not rows:
            return
        yield from _convert(rows, converters)
        last = rows[-1][0]
        if len(rows) < batch:
            return
