"""The datastream chart: the catalogue's server-rendered SVG line chart on a time axis.

It fills the portal's one ``Chart`` (``portal.core.charts``), which the catalogue's previews
use too, so both charts look and read alike. The catalogue lays out whole days; sensor
windows are 15 minutes or an hour, so the x axis here is laid out in seconds, and a line is
broken where windows are missing instead of bridging the gap.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opendata.sensors.models import Datastream, PublishedObservation
from opendata.sensors.selectors import cell_label
from portal.core.charts import MAX_SERIES, Chart, Series, chart_lay_out, number_label


def datastream_chart(
    *,
    datastream: Datastream,
    rows: Iterable[PublishedObservation],
    start: datetime,
    end: datetime,
) -> Chart | None:
    """A line per cell over [start, end]; None when no line has two values."""
    by_cell: dict[str, list[tuple[datetime, float]]] = {}
    for row in rows:
        if row.suppressed or row.result is None:
            continue
        if row.cell not in by_cell and len(by_cell) >= MAX_SERIES:
            continue
        by_cell.setdefault(row.cell, []).append((row.phenomenon_time_start, row.result))
    if not by_cell or max(len(points) for points in by_cell.values()) < 2:
        return None
    name = datastream.observed_property.name
    unit = datastream.unit_symbol or datastream.unit_name
    chart = Chart(
        title=datastream.name,
        description="",
        date_column=_("Time"),
        value_column=f"{name} ({unit})" if unit else name,
        group_column=_("area") if len(by_cell) > 1 else "",
        series=[
            Series(cell_label(cell) or name, sorted(points))
            for cell, points in sorted(by_cell.items())
        ],
        dates=[],
        table_rows=[],
    )
    return _layout(chart, start=start, end=end, window=timedelta(minutes=datastream.window_minutes))


def _layout(chart: Chart, *, start: datetime, end: datetime, window: timedelta) -> Chart:
    values = [value for series in chart.series for _, value in series.points]
    span = max((end - start).total_seconds(), 1.0)
    tick_format = "TIME_FORMAT" if end - start <= timedelta(days=1) else "SHORT_DATE_FORMAT"
    moments = (timezone.localtime(start + (end - start) * i / 4) for i in range(5))
    chart_lay_out(
        chart,
        x_fraction=lambda moment: (moment - start).total_seconds() / span,
        x_ticks=[(moment, date_format(moment, tick_format)) for moment in moments],
        breaks_line=lambda previous, moment: moment - previous > 2 * window,
    )
    chart.description = _(
        "Line chart of %(value)s from %(first)s to %(last)s, %(count)s lines: %(names)s. "
        "Values range from %(low)s to %(high)s."
    ) % {
        "value": chart.value_column,
        "first": date_format(timezone.localtime(start), "SHORT_DATETIME_FORMAT"),
        "last": date_format(timezone.localtime(end), "SHORT_DATETIME_FORMAT"),
        "count": len(chart.series),
        "names": ", ".join(series.label for series in chart.series),
        "low": number_label(min(values)),
        "high": number_label(max(values)),
    }
    return chart
