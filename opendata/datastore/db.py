"""What differs between PostgreSQL and SQLite for data-store tables, and identifier quoting.

Column names come from users' CSV headers: they are only ever put into SQL through `quote()`,
and only after they were checked against the table's own list of fields.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import connection

from opendata.datastore.tabular import BOOL, DATE, INT, NUMERIC, TEXT, TIMESTAMP

POSTGRES_TYPES = {
    INT: "bigint",
    NUMERIC: "numeric",
    TEXT: "text",
    DATE: "date",
    TIMESTAMP: "timestamp",
    BOOL: "boolean",
}
# SQLite keeps dates and timestamps as ISO text, which sorts and compares correctly.
SQLITE_TYPES = {
    INT: "INTEGER",
    NUMERIC: "REAL",
    TEXT: "TEXT",
    DATE: "TEXT",
    TIMESTAMP: "TEXT",
    BOOL: "INTEGER",
}


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def quote(name: str) -> str:
    """A double-quoted identifier, safe in statements that carry parameters (``%`` doubled).

    Every statement built with it must be executed with a parameter list (possibly empty),
    so that the driver turns ``%%`` back into ``%``.
    """
    if "\x00" in name:
        raise ValueError("NUL in identifier")
    return '"' + name.replace('"', '""').replace("%", "%%") + '"'


def column_type(kind: str) -> str:
    return (POSTGRES_TYPES if is_postgres() else SQLITE_TYPES)[kind]


_SQLITE_STORAGE: dict[str, Callable[[Any], Any]] = {
    BOOL: int,
    DATE: date.isoformat,
    TIMESTAMP: datetime.isoformat,
    NUMERIC: float,
}


def storage_converter(kind: str) -> Callable[[Any], Any] | None:
    """A function turning parsed values of a type into what the driver stores, or None."""
    return None if is_postgres() else _SQLITE_STORAGE.get(kind)


def to_storage(kind: str, value: Any) -> Any:
    """A parsed value as the database driver should receive it."""
    convert = storage_converter(kind)
    return value if value is None or convert is None else convert(value)


def output_converter(kind: str):
    """A function turning a stored value into what the JSON API shows (CKAN's shapes)."""
    if kind == BOOL:
        return lambda value: None if value is None else bool(value)
    if kind == NUMERIC:
        return lambda value: float(value) if isinstance(value, Decimal) else value
    if kind in (DATE, TIMESTAMP):
        return lambda value: value.isoformat() if isinstance(value, date | datetime) else value
    return None
