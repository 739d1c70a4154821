"""Previews of distribution files: a paged CSV table, GeoJSON features and a time-series chart.

Files are streamed and reading stops as soon as the requested page is complete, so that a
large file never has to be loaded into memory. Every failure of a file becomes a message for
the reader, never an exception.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opendata.catalogue.models import Distribution
from portal.core.charts import MAX_SERIES, Chart, Series, chart_lay_out, number_label

ROWS_PER_PAGE = 25
FEATURES_PER_PAGE = 50
MAX_PAGE = 10_000
MAX_COLUMNS = 50
MAX_CELL = 300
MAX_GEOJSON_BYTES = 5 * 1024 * 1024
MAX_SERIES_ROWS = 5_000
SNIFF_BYTES = 8192

PREVIEWABLE_FORMATS = {"CSV", "GEOJSON"}


class PreviewError(Exception):
    """A file that cannot be previewed; the message is shown to the reader."""


@dataclass
class TablePage:
    header: list[str]
    rows: list[list[str]]
    number: int
    has_next: bool
    first_row: int  # 1-based number of the first row on this page

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def last_row(self) -> int:
        return self.first_row + len(self.rows) - 1


def is_previewable(distribution: Distribution) -> bool:
    return bool(distribution.file) and distribution.format in PREVIEWABLE_FORMATS


def _clip(value: str) -> str:
    return value if len(value) <= MAX_CELL else value[: MAX_CELL - 1] + "…"


def _open_text(distribution: Distribution) -> io.TextIOWrapper:
    if not distribution.file:
        raise PreviewError(_("Only files stored on this portal can be previewed."))
    try:
        binary = distribution.file.open("rb")
    except OSError:
        raise PreviewError(_("The file could not be read.")) from None
    return io.TextIOWrapper(binary, encoding="utf-8-sig", errors="replace", newline="")


def _csv_rows(text: io.TextIOWrapper) -> Iterator[list[str]]:
    sample = text.read(SNIFF_BYTES)
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    text.seek(0)
    return csv.reader(text, dialect)


def csv_page(distribution: Distribution, number: int) -> TablePage:
    """One page of a CSV file: the header row and up to ROWS_PER_PAGE data rows."""
    number = max(1, min(number, MAX_PAGE))
    text = _open_text(distribution)
    try:
        reader = _csv_rows(text)
        header = next(reader, None)
        if header is None:
            raise PreviewError(_("The file is empty."))
        header = [_clip(cell) for cell in header[:MAX_COLUMNS]]
        skip = (number - 1) * ROWS_PER_PAGE
        rows: list[list[str]] = []
        has_next = False
        for index, row in enumerate(reader):
            if index < skip:
                continue
            if len(rows) == ROWS_PER_PAGE:
                has_next = True
                break
            cells = [_clip(cell) for cell in row[:MAX_COLUMNS]]
            cells += [""] * (len(header) - len(cells))
            rows.append(cells)
    except csv.Error as exc:
        raise PreviewError(_("The file is not valid CSV (%(error)s).") % {"error": exc}) from None
    except OSError:
        raise PreviewError(_("The file could not be read.")) from None
    finally:
        text.close()
    if not rows and number > 1:
        raise PreviewError(_("This page of the preview is empty: the file has fewer rows."))
    return TablePage(header, rows, number, has_next, skip + 1)


def geojson_features(distribution: Distribution, number: int = 1) -> dict[str, Any]:
    """One page of the features' properties as a table; the map shows all of them."""
    if not distribution.file:
        raise PreviewError(_("Only files stored on this portal can be previewed."))
    try:
        size = distribution.file.size
    except OSError:
        raise PreviewError(_("The file could not be read.")) from None
    if size > MAX_GEOJSON_BYTES:
        raise PreviewError(_("The file is too large for a preview; please download it."))
    try:
        with distribution.file.open("rb") as handle:
            data = json.load(handle)
    except OSError:
        raise PreviewError(_("The file could not be read.")) from None
    except (ValueError, UnicodeDecodeError):
        raise PreviewError(_("The file is not valid GeoJSON.")) from None
    if not isinstance(data, dict):
        raise PreviewError(_("The file is not valid GeoJSON."))
    if data.get("type") == "Feature":
        features = [data]
    elif data.get("type") == "FeatureCollection" and isinstance(data.get("features"), list):
        features = data["features"]
    else:
        raise PreviewError(_("The file is not valid GeoJSON."))
    columns: list[str] = []
    for feature in features:
        properties = feature.get("properties") if isinstance(feature, dict) else None
        for key in properties or {}:
            if key not in columns and len(columns) < MAX_COLUMNS:
                columns.append(str(key))
    features = [feature for feature in features if isinstance(feature, dict)]
    number = max(1, min(number, MAX_PAGE))
    start = (number - 1) * FEATURES_PER_PAGE
    if start and start >= len(features):
        raise PreviewError(_("This page of the preview is empty: the file has fewer features."))
    rows = []
    for feature in features[start : start + FEATURES_PER_PAGE]:
        properties = feature.get("properties") or {}
        geometry = feature.get("geometry") or {}
        rows.append(
            {
                "geometry": _geometry_label(geometry),
                "cells": [_clip(_plain(properties.get(column))) for column in columns],
            }
        )
    return {
        "columns": columns,
        "rows": rows,
        "count": len(features),
        "number": number,
        "first_row": start + 1,
        "last_row": start + len(rows),
        "has_previous": number > 1,
        "has_next": start + FEATURES_PER_PAGE < len(features),
    }


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _geometry_label(geometry: dict[str, Any]) -> str:
    kind = geometry.get("type", "") if isinstance(geometry, dict) else ""
    coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
    if kind == "Point" and isinstance(coordinates, list) and len(coordinates) >= 2:
        try:
            return f"{float(coordinates[1]):.5f}, {float(coordinates[0]):.5f}"
        except (TypeError, ValueError):
            return kind
    return str(kind)


# --- time series -------------------------------------------------------------------------


def _as_date(value: str) -> date | None:
    value = value.strip()
    if len(value) < 8:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _as_number(value: str) -> float | None:
    value = value.strip()
    if not value:
        return None
    try:
        number = float(value.replace(",", ".") if value.count(",") == 1 else value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def time_series(distribution: Distribution, *, title: str) -> Chart | None:
    """A chart when the CSV has a date column and a numeric column, else None."""
    if not distribution.file or distribution.format != "CSV":
        return None
    try:
        text = _open_text(distribution)
    except PreviewError:
        return None
    try:
        reader = _csv_rows(text)
        header = next(reader, None)
        sample = [row for _, row in zip(range(20), reader, strict=False)]
        if not header or not sample:
            return None
        date_index = _column(header, sample, _as_date)
        value_index = _column(header, sample, _as_number, exclude={date_index}, last=True)
        if date_index is None or value_index is None:
            return None
        group_index = _group_column(header, sample, exclude={date_index, value_index})
        values: dict[str, dict[date, list[float]]] = {}
        truncated = False
        rows = iter(sample)
        count = 0
        for row in _chain(rows, reader):
            count += 1
            if count > MAX_SERIES_ROWS:
                truncated = True
                break
            if len(row) <= max(date_index, value_index):
                continue
            day, number = _as_date(row[date_index]), _as_number(row[value_index])
            if day is None or number is None:
                continue
            group = row[group_index].strip() if group_index is not None else ""
            if group not in values and len(values) >= MAX_SERIES:
                continue
            values.setdefault(group, {}).setdefault(day, []).append(number)
    except (csv.Error, OSError):
        return None
    finally:
        text.close()
    if not values:
        return None
    series = [
        Series(
            label or header[value_index], [(d, sum(v) / len(v)) for d, v in sorted(by_day.items())]
        )
        for label, by_day in sorted(values.items())
    ]
    if max(len(s.points) for s in series) < 2:
        return None
    return _layout(
        Chart(
            title=title,
            description="",
            date_column=header[date_index],
            value_column=header[value_index],
            group_column=header[group_index] if group_index is not None else "",
            series=series,
            dates=[],
            table_rows=[],
            truncated=truncated,
        )
    )


def _chain(first: Iterator[list[str]], rest: Iterator[list[str]]) -> Iterator[list[str]]:
    yield from first
    yield from rest


def _column(header, sample, parse, *, exclude=frozenset(), last=False) -> int | None:
    indexes = [i for i in range(len(header)) if i not in exclude]
    if last:
        indexes.reverse()
    for index in indexes:
        cells = [row[index] for row in sample if len(row) > index]
        if cells and all(parse(cell) is not None for cell in cells):
            return index
    return None


def _group_column(header, sample, *, exclude) -> int | None:
    for index in range(len(header)):
        if index in exclude:
            continue
        cells = [row[index].strip() for row in sample if len(row) > index]
        if cells and all(_as_number(c) is None and _as_date(c) is None for c in cells):
            return index
    return None


def _layout(chart: Chart) -> Chart:
    dates = sorted({d for s in chart.series for d, _ in s.points})
    all_values = [v for s in chart.series for _, v in s.points]
    first, last = dates[0], dates[-1]
    span_days = max((last - first).days, 1)
    chart_lay_out(
        chart,
        x_fraction=lambda day: (day - first).days / span_days,
        x_ticks=[
            (day, date_format(day, "SHORT_DATE_FORMAT"))
            for day in (first + (last - first) * i / 4 for i in range(5))
        ],
    )
    by_series = [dict(s.points) for s in chart.series]
    chart.dates = dates
    chart.table_rows = [
        (d, [number_label(p[d]) if d in p else "" for p in by_series]) for d in dates
    ]
    names = ", ".join(s.label for s in chart.series)
    chart.description = _(
        "Line chart of %(value)s by %(date)s from %(first)s to %(last)s, "
        "%(count)s lines: %(names)s. Values range from %(low)s to %(high)s."
    ) % {
        "value": chart.value_column,
        "date": chart.date_column,
        "first": date_format(first, "DATE_FORMAT"),
        "last": date_format(last, "DATE_FORMAT"),
        "count": len(chart.series),
        "names": names,
        "low": number_label(min(all_values)),
        "high": number_label(max(all_values)),
    }
    return chart
