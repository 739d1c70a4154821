"""One server-rendered SVG line chart for every part of the portal (datasets, sensors, ...).

A caller fills a ``Chart`` with its series, says where a point lies on the x axis (a fraction
of the plot's width) and which x ticks to label, and ``chart_lay_out`` does the rest: value
axis, colours, dashes, paths and the plot box, in SVG coordinates for the template.

The value axis has at most ``MAX_TICKS`` ticks for any finite values: values far beyond the
precision of a float (say -1e15 and -1e15 + 0.25) or near its limits (±1.7e308) still give a
short, distinct list of ticks instead of a loop that never ends.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import number_format

# Line colours with at least 3:1 contrast on white (WCAG 1.4.11), told apart by dashes too.
COLOURS = ("#00506e", "#a4161a", "#1d6b2f", "#7a4b00", "#5b2a86", "#8a1f5c", "#1f4e9c", "#4a4a4a")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "12 4", "4 4", "1 2", "10 2 2 2")
MAX_SERIES = len(COLOURS)
MAX_TICKS = 20
# A step finer than this share of the values' magnitude cannot be told apart in a float.
RELATIVE_RESOLUTION = 1e-12
_ROUND_FACTORS = (1.0, 2.0, 2.5, 5.0, 10.0)
_LARGEST = sys.float_info.max
MARGINS = {"left": 64.0, "right": 16.0, "top": 16.0, "bottom": 48.0}


@dataclass
class Series:
    label: str
    points: list[tuple[Any, float]]
    colour: str = ""
    dash: str = ""
    path: str = ""


@dataclass
class Chart:
    """A line chart, laid out in SVG coordinates for the template by ``chart_lay_out``."""

    title: str
    description: str
    date_column: str
    value_column: str
    group_column: str
    series: list[Series]
    dates: list[Any]
    table_rows: list[tuple[Any, list[str]]]
    width: int = 720
    height: int = 320
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    x_ticks: list[tuple[float, str]] = field(default_factory=list)
    plot: dict[str, float] = field(default_factory=dict)
    truncated: bool = False


@dataclass(frozen=True)
class ValueAxis:
    low: float
    high: float
    ticks: tuple[float, ...]

    def fraction(self, value: float) -> float:
        """Where a value lies between low (0) and high (1); halves keep the span finite."""
        span = self.high / 2 - self.low / 2
        return (value / 2 - self.low / 2) / span if span > 0 else 0.0


def round_step(raw: float) -> float:
    """The smallest step of 1, 2, 2.5 or 5 times a power of ten that is at least ``raw``."""
    exponent = math.floor(math.log10(raw))
    for factor in _ROUND_FACTORS:
        step = factor * 10.0**exponent
        if raw <= step:
            return step
    return 10.0 ** (exponent + 1)


def nice_step(span: float) -> float:
    """A round step that divides a span into about five parts."""
    return round_step(span / 5 or 1.0)


def value_axis(low: float, high: float, *, max_ticks: int = MAX_TICKS) -> ValueAxis:
    """A value axis from zero or below over [low, high] with round, distinct ticks."""
    low = min(low, 0.0)
    half_span = high / 2 - low / 2
    magnitude = max(abs(low), abs(high))
    raw = half_span / 2.5 if half_span > 0 else 1.0
    step = round_step(max(raw, magnitude * RELATIVE_RESOLUTION, sys.float_info.min))
    while True:
        first, last = math.floor(low / step), math.ceil(high / step)
        # A quotient that underflowed to zero would leave a tiny value just outside.
        first -= first * step > low
        last += last * step < high
        if last <= first:
            last = first + 1
        if last - first < max_ticks:
            break
        step = round_step(step * 1.5)
    ticks: list[float] = []
    for index in range(first, last + 1):
        tick = min(max(index * step, -_LARGEST), _LARGEST)
        if not ticks or tick != ticks[-1]:
            ticks.append(tick)
    return ValueAxis(low=ticks[0], high=ticks[-1], ticks=tuple(ticks))


def number_label(value: float) -> str:
    return number_format(value, decimal_pos=0 if value == int(value) else 1, use_l10n=True)


def chart_lay_out(
    chart: Chart,
    *,
    x_fraction: Callable[[Any], float],
    x_ticks: Iterable[tuple[Any, str]],
    breaks_line: Callable[[Any, Any], bool] | None = None,
) -> ValueAxis:
    """Lay out every series of a chart; ``breaks_line(previous, key)`` starts a new segment."""
    left, top = MARGINS["left"], MARGINS["top"]
    plot_w = chart.width - left - MARGINS["right"]
    plot_h = chart.height - top - MARGINS["bottom"]
    values = [value for series in chart.series for _, value in series.points]
    axis = value_axis(min(values), max(values))

    def x(key: Any) -> float:
        return left + plot_w * x_fraction(key)

    def y(value: float) -> float:
        return top + plot_h * (1 - axis.fraction(value))

    for index, series in enumerate(chart.series):
        series.colour = COLOURS[index % len(COLOURS)]
        series.dash = DASHES[index % len(DASHES)]
        commands = []
        previous = None
        for position, (key, value) in enumerate(series.points):
            move = position == 0 or (breaks_line is not None and breaks_line(previous, key))
            commands.append(f"{'M' if move else 'L'}{x(key):.1f},{y(value):.1f}")
            previous = key
        series.path = " ".join(commands)
    chart.y_ticks = [(round(y(tick), 1), number_label(tick)) for tick in axis.ticks]
    chart.x_ticks = [(round(x(key), 1), label) for key, label in x_ticks]
    chart.plot = {
        "left": left,
        "top": top,
        "right": left + plot_w,
        "bottom": top + plot_h,
        "width": plot_w,
        "height": plot_h,
    }
    return axis
