"""The datastream chart: the catalogue's server-rendered SVG line chart on a time axis.

It fills the catalogue's ``previews.Chart`` with the same colours, dashes, tick steps and
number labels, so both charts look and read alike. The catalogue lays out whole days; sensor
windows are 15 minutes or an hour, so the x axis here is laid out in seconds, and a line is
broken where windows are missing instead of bridging the gap.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opendata.catalogue.public.previews import (
    COLOURS,
    DASHES,
    MAX_SERIES,
    Chart,
    Series,
    _nice_step,
    _number_label,
)
from opendata.sensors.models import Datastream, PublishedObservation
from opendata.sensors.public.selectors import cell_label


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
    left, right, top, bottom = 64.0, 16.0, 16.0, 48.0
    plot_w, plot_h = chart.width - left - right, chart.height - top - bottom
    values = [value for series in chart.series for _, value in series.points]
    low, high = min(min(values), 0.0), max(values)
    step = _nice_step(high - low)
    low = math.floor(low / step) * step
    high = math.ceil(high / step) * step if high > low else low + step
    span = max((end - start).total_seconds(), 1.0)

    def x(moment: datetime) -> float:
        return left + plot_w * (moment - start).total_seconds() / span

    def y(value: float) -> float:
        return top + plot_h * (1 - (value - low) / (high - low))

    for index, series in enumerate(chart.series):
        series.colour = COLOURS[index % len(COLOURS)]
        series.dash = DASHES[index % len(DASHES)]
        commands = []
        previous: datetime | None = None
        for moment, value in series.points:
            gap = previous is None or moment - previous > 2 * window
            commands.append(f"{'M' if gap else 'L'}{x(moment):.1f},{y(value):.1f}")
            previous = moment
        series.path = " ".join(commands)
    tick = low
    while tick <= high + step / 2:
        chart.y_ticks.append((round(y(tick), 1), _number_label(tick)))
        tick += step
    tick_format = "TIME_FORMAT" if end - start <= timedelta(days=1) else "SHORT_DATE_FORMAT"
    for i in range(5):
        moment = timezone.localtime(start + (end - start) * i / 4)
        chart.x_ticks.append((round(x(moment), 1), date_format(moment, tick_format)))
    chart.plot = {
        "left": left,
        "top": top,
        "right": left + plot_w,
        "bottom": top + plot_h,
        "width": plot_w,
        "height": plot_h,
    }
    chart.description = _(
        "Line chart of %(value)s from %(first)s to %(last)s, %(count)s lines: %(names)s. "
        "Values range from %(low)s to %(high)s."
    ) % {
        "value": chart.value_column,
        "first": date_format(timezone.localtime(start), "SHORT_DATETIME_FORMAT"),
        "last": date_format(timezone.localtime(end), "SHORT_DATETIME_FORMAT"),
        "count": len(chart.series),
        "names": ", ".join(series.label for series in chart.series),
        "low": _number_label(min(values)),
        "high": _number_label(max(values)),
    }
    return chart
