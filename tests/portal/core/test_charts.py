"""The one chart builder: a short, distinct, covering value axis for any finite values."""

from __future__ import annotations

import math
import sys
from datetime import date, timedelta

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from portal.core.charts import MAX_TICKS, Chart, Series, chart_lay_out, value_axis

finite = st.floats(allow_nan=False, allow_infinity=False)
PRECISION_PAIR = (-1e15, -1e15 + 0.25)
LIMITS = (-sys.float_info.max, sys.float_info.max)


@settings(max_examples=300, deadline=None)
@given(st.lists(finite, min_size=1, max_size=20))
@example(list(PRECISION_PAIR))
@example(list(LIMITS))
@example([5e-324, 0.0])
@example([0.0])
def test_value_axis_has_at_most_twenty_round_ticks_that_cover_the_values(values):
    low, high = min(values), max(values)
    axis = value_axis(low, high)

    assert 2 <= len(axis.ticks) <= MAX_TICKS
    assert all(math.isfinite(tick) for tick in axis.ticks)
    assert list(axis.ticks) == sorted(set(axis.ticks)), "ticks ascend and are distinct"
    assert axis.low <= min(low, 0.0)
    assert axis.high >= high
    for value in values:
        assert -1e-9 <= axis.fraction(value) <= 1 + 1e-9


def test_the_pair_below_float_precision_gives_a_short_axis_at_once():
    axis = value_axis(*PRECISION_PAIR)

    assert len(axis.ticks) <= MAX_TICKS
    assert axis.low <= PRECISION_PAIR[0]
    assert axis.high >= PRECISION_PAIR[1]


def test_ordinary_values_keep_their_round_steps():
    axis = value_axis(3.0, 47.0)

    assert axis.ticks == (0.0, 10.0, 20.0, 30.0, 40.0, 50.0)


def test_all_zero_values_get_an_axis_from_zero_to_one():
    assert value_axis(0.0, 0.0).ticks == (0.0, 1.0)


@settings(max_examples=100, deadline=None)
@given(st.lists(finite, min_size=2, max_size=12))
@example(list(PRECISION_PAIR))
@example(list(LIMITS))
def test_a_laid_out_chart_stays_inside_its_plot(values):
    start = date(2026, 1, 1)
    points = [(start + timedelta(days=i), value) for i, value in enumerate(values)]
    chart = Chart("t", "", "day", "value", "", [Series("s", points)], [], [])
    span = len(values) - 1

    chart_lay_out(
        chart,
        x_fraction=lambda day: (day - start).days / span,
        x_ticks=[(start, "first")],
    )

    assert len(chart.y_ticks) <= MAX_TICKS
    top, bottom = chart.plot["top"], chart.plot["bottom"]
    assert all(top - 0.1 <= y <= bottom + 0.1 for y, _ in chart.y_ticks)
    ys = [float(command.split(",")[1]) for command in chart.series[0].path.split()]
    assert all(top - 0.1 <= y <= bottom + 0.1 for y in ys)


@pytest.mark.django_db
def test_dataset_preview_of_values_below_float_precision_ends(tmp_path, settings):
    """The CSV that made the old tick loop spin forever now gives a chart with few ticks."""
    from django.core.files.base import ContentFile

    from opendata.catalogue.models import Distribution
    from opendata.catalogue.public.previews import time_series

    settings.MEDIA_ROOT = str(tmp_path)
    distribution = Distribution(format="CSV", title="t")
    distribution.file.save(
        "precision.csv",
        ContentFile(b"date,value\n2026-01-01,-1000000000000000\n2026-01-02,-999999999999999.75\n"),
        save=False,
    )

    chart = time_series(distribution, title="precision")

    assert chart is not None
    assert 2 <= len(chart.y_ticks) <= MAX_TICKS


def test_sensor_chart_of_values_below_float_precision_ends():
    from datetime import UTC, datetime

    from opendata.sensors.models import Datastream, ObservedProperty, PublishedObservation
    from opendata.sensors.public.charts import datastream_chart

    stream = Datastream(name="Pegel", window_minutes=15, unit_symbol="cm")
    stream.observed_property = ObservedProperty(name="Pegel")
    start = datetime(2026, 1, 1, tzinfo=UTC)
    rows = [
        PublishedObservation(
            cell="",
            suppressed=False,
            result=value,
            phenomenon_time_start=start + timedelta(minutes=15 * i),
        )
        for i, value in enumerate(PRECISION_PAIR)
    ]

    chart = datastream_chart(
        datastream=stream, rows=rows, start=start, end=start + timedelta(hours=1)
    )

    assert chart is not None
    assert 2 <= len(chart.y_ticks) <= MAX_TICKS
