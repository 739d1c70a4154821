"""Reading CSV files for the data store: delimiter, header, shape and column types.

Pure functions over text, without the database, so that they are cheap to test.

Type inference looks at every non-empty cell of a column and picks the most specific type that
all of them fit, in this order: bool, int, numeric, date, timestamp, text.

* bool: ``true``/``false`` in any case (not 0/1, which are integers, nor ja/nein).
* int: optional sign and digits without leading zeros, within 64 bits. ``007`` or the postcode
  ``01067`` stay text, so that no leading zero is lost.
* numeric: a decimal point (``3.5``, ``-0.25``, ``1e-3``). German decimal commas (``3,5``) are
  read as numbers only when the file is *not* comma-separated and every value of the column is
  digits with at most one comma; they are stored as ``3.5``. Thousands separators
  (``1.234,5`` or ``1,234.5``) are ambiguous and keep the column text. A column that mixes
  ``3.5`` and ``3,5`` stays text.
* date: ISO ``2024-05-31`` or German ``31.05.2024``.
* timestamp: ISO ``2024-05-31T14:30[:00[.123]]`` (``T`` or space, optional ``Z``/offset) or
  German ``31.05.2024 14:30[:00]``; date-only values fit a timestamp column too. Values with an
  offset are converted to UTC and stored without a zone (like CKAN's ``timestamp``).
* text: everything else. Empty (or whitespace-only) cells are NULL in every type.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from django.utils.translation import gettext as _

DELIMITERS = (",", ";", "\t", "|")
SNIFF_CHARS = 64 * 1024
MAX_NAME_BYTES = 63  # PostgreSQL truncates longer identifiers
MAX_COLUMNS = 1000
RAGGED_SHOWN = 5
INT_LIMIT = 2**63

BOOL, INT, NUMERIC, NUMERIC_COMMA, DATE, TIMESTAMP, TEXT = (
    "bool",
    "int",
    "numeric",
    "numeric_comma",  # only during inference; becomes numeric
    "date",
    "timestamp",
    "text",
)
PREFERENCE = (BOOL, INT, NUMERIC, NUMERIC_COMMA, DATE, TIMESTAMP)
TYPES = (INT, NUMERIC, TEXT, DATE, TIMESTAMP, BOOL)  # CKAN's type names, as stored

csv.field_size_limit(16 * 1024 * 1024)


class TableError(Exception):
    """The file cannot be loaded; the message is meant for the staff who uploaded it."""


_INT = re.compile(r"[+-]?(?:0|[1-9]\d*)")
_NUMERIC = re.compile(r"[+-]?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_NUMERIC_COMMA = re.compile(r"[+-]?(?:0|[1-9]\d*)(?:,\d+)?")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DE_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO_TIMESTAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_DE_TIMESTAMP = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?")


def parse_bool(value: str) -> bool:
    lowered = value.lower()
    if lowered == "true":
        return True
    if lowered == "false":
        return False
    raise ValueError(value)


def parse_int(value: str) -> int:
    if not _INT.fullmatch(value):
        raise ValueError(value)
    number = int(value)
    if not -INT_LIMIT <= number < INT_LIMIT:
        raise ValueError(value)
    return number


def parse_numeric(value: str) -> str:
    """The number as a canonical string (exact; the database parses it)."""
    if not _NUMERIC.fullmatch(value):
        raise ValueError(value)
    return value.lstrip("+")


def parse_numeric_comma(value: str) -> str:
    if not _NUMERIC_COMMA.fullmatch(value):
        raise ValueError(value)
    return value.lstrip("+").replace(",", ".")


def parse_date(value: str) -> date:
    if _ISO_DATE.fullmatch(value):
        return date.fromisoformat(value)
    match = _DE_DATE.fullmatch(value)
    if match:
        day, month, year = (int(part) for part in match.groups())
        return date(year, month, day)
    raise ValueError(value)


def parse_timestamp(value: str) -> datetime:
    if _ISO_TIMESTAMP.fullmatch(value):
        moment = datetime.fromisoformat(value)
    else:
        match = _DE_TIMESTAMP.fullmatch(value)
        if not match:
            raise ValueError(value)
        day, month, year, hour, minute, second = (int(part or 0) for part in match.groups())
        # Data-store timestamps are naive UTC, as the column type "timestamp" stores them.
        moment = datetime(year, month, day, hour, minute, second)  # noqa: DTZ001
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


PARSERS: dict[str, Callable[[str], Any]] = {
    BOOL: parse_bool,
    INT: parse_int,
    NUMERIC: parse_numeric,
    NUMERIC_COMMA: parse_numeric_comma,
    DATE: parse_date,
    TIMESTAMP: parse_timestamp,
    TEXT: str,
}


def sniff_delimiter(sample: str) -> str:
    """The delimiter among , ; tab | that splits the first lines most consistently."""
    lines = sample.splitlines()[:50]
    if len(sample) >= SNIFF_CHARS and len(lines) > 1:
        lines = lines[:-1]  # the last line of a cut sample may be incomplete
    best, best_score = ",", (0, 0.0)
    for delimiter in DELIMITERS:
        try:
            rows = [row for row in csv.reader(lines, delimiter=delimiter) if row]
        except csv.Error:
            continue
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        consistent = sum(1 for row in rows if len(row) == width) / len(rows)
        score = (1 if consistent > 0.9 else 0, consistent * width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def header_check(header: list[str]) -> list[str]:
    """Column names from the header row: stripped, non-empty, unique, usable as identifiers."""
    names = [name.strip() for name in header]
    if not any(names):
        raise TableError(_("The first row must contain the column names; it is empty."))
    if len(names) > MAX_COLUMNS:
        raise TableError(_("The file has more than %(max)s columns.") % {"max": MAX_COLUMNS})
    empty = [str(position) for position, name in enumerate(names, 1) if not name]
    if empty:
        raise TableError(
            _("Every column needs a name in the first row; column(s) %(columns)s have none.")
            % {"columns": ", ".join(empty)}
        )
    spellings: dict[str, list[str]] = {}
    for name in names:
        # Case-insensitive: some databases and many tools do not tell "Wert" from "wert".
        spellings.setdefault(name.lower(), []).append(name)
    duplicates = [
        " / ".join(f"“{name}”" for name in dict.fromkeys(group))
        for group in spellings.values()
        if len(group) > 1
    ]
    if duplicates:
        raise TableError(
            _("Column names must be unique; these occur more than once: %(names)s.")
            % {"names": ", ".join(duplicates)}
        )
    for name in names:
        if name.startswith("_"):
            raise TableError(
                _("Column names must not start with “_” (reserved): “%(name)s”.") % {"name": name}
            )
        if len(name.encode("utf-8")) > MAX_NAME_BYTES:
            raise TableError(
                _("The column name “%(name)s” is longer than %(max)s bytes.")
                % {"name": name, "max": MAX_NAME_BYTES}
            )
    return names


@dataclass
class Analysis:
    names: list[str]
    types: list[str]
    delimiter: str
    row_count: int = 0
    ragged: list[tuple[int, int]] = field(default_factory=list)
    ragged_count: int = 0


def _is_blank(row: list[str]) -> bool:
    return not row or all(not cell.strip() for cell in row)


def rows_iter(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    """(line number, row) of the data rows, without blank rows; the header is already read."""
    try:
        for row in reader:
            if not _is_blank(row):
                yield reader.line_num, row  # type: ignore[attr-defined]
    except csv.Error as exc:
        raise TableError(
            _("The CSV structure is broken in line %(line)s: %(error)s")
            % {"line": reader.line_num, "error": exc}  # type: ignore[attr-defined]
        ) from None


def analyse(reader: Iterator[list[str]], delimiter: str) -> Analysis:
    """Read the whole file once: header, shape and the type of each column."""
    try:
        header = next(reader)
    except StopIteration:
        raise TableError(_("The file is empty.")) from None
    except csv.Error as exc:
        raise TableError(
            _("The CSV structure is broken in line %(line)s: %(error)s") % {"line": 1, "error": exc}
        ) from None
    names = header_check(header)
    width = len(names)
    allowed = [NUMERIC_COMMA] if delimiter != "," else []
    candidates: list[set[str]] = [
        {BOOL, INT, NUMERIC, *allowed, DATE, TIMESTAMP} for _column in range(width)
    ]
    seen = [False] * width
    analysis = Analysis(names=names, types=[], delimiter=delimiter)
    for line, row in rows_iter(reader):
        if len(row) != width:
            analysis.ragged_count += 1
            if len(analysis.ragged) < RAGGED_SHOWN:
                analysis.ragged.append((line, len(row)))
            continue
        analysis.row_count += 1
        for index, cell in enumerate(row):
            remaining = candidates[index]
            if not remaining:
                continue
            value = cell.strip()
            if not value:
                continue
            seen[index] = True
            for kind in tuple(remaining):
                try:
                    PARSERS[kind](value)
                except ValueError:
                    remaining.discard(kind)
    if analysis.ragged:
        lines = ", ".join(
            _("line %(line)s has %(found)s") % {"line": line, "found": found}
            for line, found in analysis.ragged
        )
        more = analysis.ragged_count - len(analysis.ragged)
        raise TableError(
            _(
                "Every row must have as many columns as the header (%(expected)s); "
                "%(count)s row(s) do not: %(lines)s"
            )
            % {"expected": width, "count": analysis.ragged_count, "lines": lines}
            + (_(" and %(more)s more.") % {"more": more} if more else ".")
        )
    for index in range(width):
        chosen = TEXT
        if seen[index]:
            chosen = next((kind for kind in PREFERENCE if kind in candidates[index]), TEXT)
        analysis.types.append(chosen)  # NUMERIC_COMMA kept: the conversion needs it
    return analysis


def stored_types(types: list[str]) -> list[str]:
    """CKAN's type names for the columns (numeric with decimal commas is numeric)."""
    return [NUMERIC if kind == NUMERIC_COMMA else kind for kind in types]


def converted_rows(rows: Iterable[tuple[int, list[str]]], types: list[str]) -> Iterator[list[Any]]:
    """Rows as Python values: `_id` first (1, 2, ...), empty cells None."""
    parsers = [PARSERS[kind] for kind in types]
    text = [kind == TEXT for kind in types]
    for number, (_line, row) in enumerate(rows, 1):
        values: list[Any] = [number]
        for index, cell in enumerate(row):
            if text[index]:
                values.append(cell if cell.strip() else None)
                continue
            value = cell.strip()
            values.append(parsers[index](value) if value else None)
        yield values
