"""The batched publication sweep: one pass of aggregates per stream, releases written in
chunks under one lock, daily totals from the run's own aggregates. It must publish exactly
what publishing window by window publishes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from opendata.sensors import publication as publish
from opendata.sensors.models import Datastream, PublishedObservation, Release
from opendata.sensors.publication import aggregation as agg
from opendata.sensors.publication import window as publication_window
from opendata.sensors.publication import write
from tests.opendata.sensors.test_publish import (
    HOUR,
    QUARTER,
    add,
    add_devices,
    device_counter,
    hours_ago,
    people_counter,
    stream_create,
)

pytestmark = pytest.mark.django_db


def published(stream: Datastream) -> list[tuple]:
    return list(
        PublishedObservation.objects.filter(datastream=stream)
        .order_by("phenomenon_time_start", "cell")
        .values_list("phenomenon_time_start", "cell", "result", "suppressed")
    )


def releases(stream: Datastream) -> list[tuple]:
    return list(
        Release.objects.filter(datastream=stream)
        .order_by("window_start", "window_end")
        .values_list("window_start", "window_end", "readings_used", "digest", "method")
    )


def fill(stream: Datastream, start, windows: int) -> None:
    for window in range(windows):
        for reading in range(3):
            at = start + window * QUARTER + reading * timedelta(minutes=4)
            add(stream, at, float(window * 10 + reading))


@pytest.mark.parametrize(
    "aggregation",
    [
        Datastream.Aggregation.MEAN,
        Datastream.Aggregation.SUM,
        Datastream.Aggregation.MAX,
        Datastream.Aggregation.LAST,
    ],
)
def test_the_sweep_publishes_what_window_by_window_publishes(aggregation):
    start = hours_ago(3)
    swept = stream_create("swept", aggregation=aggregation)
    single = stream_create("single", aggregation=aggregation)
    fill(swept, start, 8)
    fill(single, start, 8)
    now = start + 8 * QUARTER + publish.grace() + timedelta(minutes=1)
    assert publish.publish_due(now=now, datastream_ids=[swept.pk]) == 8
    for window in range(8):
        assert publish.publish_window(single, start + window * QUARTER, now=now) is not None
    assert [row[1:] for row in published(swept)] == [row[1:] for row in published(single)]
    assert [row[2] for row in releases(swept)] == [3] * 8


def test_last_value_takes_the_highest_id_among_equal_times_and_skips_late_readings():
    stream = stream_create("gate", aggregation=Datastream.Aggregation.LAST)
    start = hours_ago(2)
    end = start + QUARTER
    add(stream, start + timedelta(minutes=5), 1.0, subject="a")
    add(stream, start + timedelta(minutes=5), 2.0, subject="b")  # same time, higher id
    now = end + publish.grace() + timedelta(minutes=1)
    add(stream, start + timedelta(minutes=9), 3.0, received=now + timedelta(minutes=5))  # late
    assert publish.publish_due(now=now, datastream_ids=[stream.pk]) == 1
    assert published(stream)[0][2] == 2.0


def test_windows_are_written_in_chunks_and_a_lost_race_keeps_the_stored_release(monkeypatch):
    stream = people_counter()
    start = hours_ago(3)
    for window in range(5):
        add(stream, start + window * QUARTER, 12.0)
    now = start + 5 * QUARTER + publish.grace() + timedelta(minutes=1)
    # Another job published the third window, but this one's lookup under the lock missed it.
    other = publish.publish_window(stream, start + 2 * QUARTER, now=now)
    real = write._stored_between
    calls = []

    def blind_once(*args):
        calls.append(args)
        return {} if len(calls) == 1 else real(*args)

    monkeypatch.setattr(write, "WRITE_CHUNK", 2)
    monkeypatch.setattr(write, "_stored_between", blind_once)
    monkeypatch.setattr(write, "_stored", lambda *args: None)  # blind in the sweep, too
    policy = publish.policy_for(stream)
    placement = publish.placement_for(stream, policy)
    written = publication_window._publish_windows(
        stream, policy, placement, [start + n * QUARTER for n in range(5)], cutoff=now
    )
    monkeypatch.undo()
    assert len(written) == 5
    assert [created for _release, created, _aggregate in written] == [
        True,
        True,
        False,
        True,
        True,
    ]
    assert written[2][0].pk == other.pk
    assert Release.objects.filter(datastream=stream).count() == 5
    assert PublishedObservation.objects.filter(datastream=stream).count() == 5


@pytest.mark.parametrize("kind", ["counter", "devices"])
def test_daily_total_is_the_same_from_the_runs_aggregates_and_recomputed(kind):
    day_start = hours_ago(24 * 3).replace(hour=0)
    streams = []
    for name in ("same-run", "later"):
        if kind == "counter":
            stream = people_counter(f"{name} counter", window=60)
            for hour in range(24):
                add(stream, day_start + hour * HOUR, 3.0 if hour < 6 else 25.0)
        else:
            stream = device_counter(f"{name} wifi", window=60)
            for hour in range(24):
                add_devices(stream, day_start + hour * HOUR, 4 if hour < 6 else 30)
        streams.append(stream)
    now = day_start + timedelta(days=1, hours=1)
    same_run, later = streams
    assert publish.publish_due(now=now, datastream_ids=[same_run.pk]) == 25
    # The other stream: windows first, the daily total in a run of its own (recomputed).
    policy = publish.policy_for(later)
    placement = publish.placement_for(later, policy)
    starts = [day_start + hour * HOUR for hour in range(24)]
    publication_window._publish_windows(later, policy, placement, starts, cutoff=now)
    assert publish.publish_daily_total(later, day_start.date(), now=now) is not None
    day = agg.day_bounds(day_start.date())
    first = Release.objects.get(datastream=same_run, window_start=day[0], window_end=day[1])
    second = Release.objects.get(datastream=later, window_start=day[0], window_end=day[1])
    assert first.observations.get().result == second.observations.get().result
    assert first.observations.get().suppressed == second.observations.get().suppressed
    assert first.readings_used == second.readings_used
    assert [row[2:] for row in published(same_run)] == [row[2:] for row in published(later)]


def test_window_summaries_count_every_reading_and_aggregate_those_received_by_the_cutoff():
    stream = stream_create("summary")
    start = hours_ago(2)
    add(stream, start, 10.0)
    add(stream, start + timedelta(minutes=1), 20.0)
    cutoff = start + timedelta(minutes=30)
    add(stream, start + timedelta(minutes=2), 90.0, received=cutoff + timedelta(seconds=1))
    add(stream, start + QUARTER, 5.0, received=cutoff + timedelta(seconds=1))
    summaries = agg.window_summaries(
        stream, start=start, end=start + HOUR, received_until=cutoff, latest=True, subjects=True
    )
    first = summaries[agg.window_index(start, QUARTER)]
    assert (first.stored, first.readings, first.total, first.maximum) == (3, 2, 30.0, 20.0)
    assert first.with_subjects == 0 and first.latest is not None
    late = summaries[agg.window_index(start + QUARTER, QUARTER)]
    assert (late.stored, late.readings, late.total) == (1, 0, None)
    assert {w: s.stored for w, s in summaries.items()} == agg.window_counts(
        stream, start=start, end=start + HOUR
    )
