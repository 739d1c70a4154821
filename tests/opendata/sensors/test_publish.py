"""Publication jobs: window aggregation, placement, k suppression, provenance, idempotency."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import h3
import pytest
from django.contrib.gis.geos import Point, Polygon
from django.db import IntegrityError

from opendata.sensors import publication as publish
from opendata.sensors import services, tasks
from opendata.sensors.models import (
    Datastream,
    FeatureOfInterest,
    Location,
    ObservedProperty,
    PrivacyBudgetEntry,
    PublishedObservation,
    RawObservation,
    Release,
    Sensor,
    Thing,
)
from opendata.sensors.publication import provenance, write

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("publication_clock")]


POINT = Point(8.6, 50.95, srid=4326)
HOUR = timedelta(hours=1)
QUARTER = timedelta(minutes=15)


def hours_ago(hours: int) -> datetime:
    """A whole UTC hour `hours` ago (windows of 15 and 60 minutes start on it)."""
    now = datetime.now(UTC)
    return now.replace(minute=0, second=0, microsecond=0) - timedelta(hours=hours)


def stream_create(
    name: str,
    *,
    privacy: str = Datastream.PrivacyClass.PUBLIC,
    kind: str = Datastream.ObservationType.MEASUREMENT,
    aggregation: str = "",
    window: int = 15,
    epsilon: float | None = None,
    valid_max: float | None = None,
    location: bool = True,
) -> Datastream:
    thing = Thing.objects.create(name=f"{name} thing")
    if location:
        thing.locations.add(Location.objects.create(name=f"{name} place", location=POINT))
    return Datastream.objects.create(
        name=name,
        thing=thing,
        sensor=Sensor.objects.create(name=f"{name} sensor"),
        observed_property=ObservedProperty.objects.create(
            name=name, definition=f"https://example.org/{name}"
        ),
        unit_name="unit",
        observation_type=kind,
        privacy_class=privacy,
        aggregation=aggregation,
        window_minutes=window,
        noise_epsilon_per_day=epsilon,
        valid_max=valid_max,
    )


def people_counter(name: str = "counter", **fields) -> Datastream:
    return stream_create(
        name,
        privacy=Datastream.PrivacyClass.PERSON_DERIVED,
        kind=Datastream.ObservationType.COUNT,
        aggregation=Datastream.Aggregation.SUM,
        **fields,
    )


def device_counter(name: str = "wifi", **fields) -> Datastream:
    return stream_create(
        name,
        privacy=Datastream.PrivacyClass.PERSON_DERIVED,
        kind=Datastream.ObservationType.COUNT,
        aggregation=Datastream.Aggregation.DISTINCT_SUBJECTS,
        **fields,
    )


def add(stream: Datastream, at: datetime, result: float, subject: str = "", received=None):
    """A raw reading; received a minute after its phenomenon time unless said otherwise."""
    return RawObservation.objects.create(
        datastream=stream,
        phenomenon_time=at,
        result=result,
        subject_pseudonym=subject,
        received_at=received or at + timedelta(minutes=1),
    )


def add_devices(stream: Datastream, at: datetime, devices: int, *, prefix: str = "d") -> None:
    RawObservation.objects.bulk_create(
        RawObservation(
            datastream=stream,
            phenomenon_time=at + timedelta(seconds=index),
            result=1,
            subject_pseudonym=f"{prefix}{index:015x}"[:16],
            received_at=at + timedelta(minutes=1),
        )
        for index in range(devices)
    )


def cell_of(release: Release) -> PublishedObservation:
    return release.observations.get()


# --- aggregation over time ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aggregation", "expected"),
    [
        (Datastream.Aggregation.MEAN, 20.0),
        (Datastream.Aggregation.SUM, 60.0),
        (Datastream.Aggregation.MAX, 35.0),
        (Datastream.Aggregation.LAST, 15.0),
    ],
)
def test_window_value_follows_the_streams_aggregation(aggregation, expected):
    stream = stream_create("level", aggregation=aggregation)
    start = hours_ago(3)
    for minute, value in ((1, 10), (14, 15), (7, 35)):
        add(stream, start + timedelta(minutes=minute), value)
    add(stream, start + QUARTER, 99)  # the next window's first reading
    add(stream, start - timedelta(seconds=1), 77)  # the previous window's last

    release = publish.publish_window(stream, start)

    assert release is not None
    assert (release.window_start, release.window_end) == (start, start + QUARTER)
    assert cell_of(release).result == expected
    assert release.readings_used == 3
    assert release.parameters["aggregation"] == aggregation


def test_distinct_subjects_counts_devices_once_per_window():
    stream = device_counter(window=60)
    start = hours_ago(3)
    add_devices(stream, start, 12)
    add_devices(stream, start + timedelta(minutes=30), 12)  # the same 12 devices again
    add_devices(stream, start + timedelta(minutes=40), 3, prefix="e")

    release = publish.publish_window(stream, start)

    assert cell_of(release).result == 15
    assert release.readings_used == 27


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (Datastream.ObservationType.MEASUREMENT, Datastream.Aggregation.MEAN),
        (Datastream.ObservationType.COUNT, Datastream.Aggregation.SUM),
        (Datastream.ObservationType.TRUTH, Datastream.Aggregation.LAST),
    ],
)
def test_default_aggregation_depends_on_the_observation_type(kind, expected):
    stream = stream_create(f"default {kind[-12:]}", kind=kind)
    start = hours_ago(2)
    add(stream, start + timedelta(minutes=2), 1)
    add(stream, start + timedelta(minutes=9), 0)
    release = publish.publish_window(stream, start)
    assert release.parameters["aggregation"] == expected
    assert cell_of(release).result == {"mean": 0.5, "sum": 1.0, "last": 0.0}[expected]


def test_window_start_must_be_aligned_and_the_window_closed():
    stream = stream_create("level")
    with pytest.raises(ValueError, match="window_start"):
        publish.publish_window(stream, hours_ago(2) + timedelta(minutes=5))
    open_window = datetime.now(UTC).replace(second=0, microsecond=0)
    open_window -= timedelta(minutes=open_window.minute % 15)
    add(stream, open_window, 3, received=datetime.now(UTC))
    assert publish.publish_window(stream, open_window) is None
    assert publish.publish_window(stream, hours_ago(2)) is None  # no readings
    assert not Release.objects.filter(datastream=stream).exists()


def test_grace_period_keeps_a_just_closed_window_open(settings):
    settings.SENSOR_PUBLICATION_GRACE_SECONDS = 300
    stream = stream_create("level")
    start = hours_ago(2)
    add(stream, start, 5)
    closes = start + QUARTER
    assert publish.publish_due(now=closes + timedelta(seconds=299)) == 0
    assert publish.publish_due(now=closes + timedelta(seconds=300)) == 1


# --- aggregation over space --------------------------------------------------------------------


def test_person_derived_stream_is_published_on_its_h3_cell_not_the_point():
    stream = people_counter()
    start = hours_ago(3)
    add(stream, start, 12)
    add(stream, start + QUARTER, 14)

    assert publish.publish_due() == 2

    index = h3.latlng_to_cell(POINT.y, POINT.x, 8)
    rows = PublishedObservation.objects.filter(datastream=stream)
    assert {row.cell for row in rows} == {f"h3:{index}"}
    features = {row.feature_of_interest_id for row in rows}
    assert len(features) == 1  # created once, reused
    feature = FeatureOfInterest.objects.get(pk=features.pop())
    assert feature.feature.geom_type == "Polygon"
    assert feature.feature.contains(POINT)
    assert not feature.feature.equals(POINT)
    # Another stream in the same cell reuses the hexagon.
    other = people_counter("other counter")
    add(other, start, 11)
    publish.publish_due(datastream_ids=[other.pk])
    assert cell_of(Release.objects.get(datastream=other)).feature_of_interest_id == feature.pk


def test_public_stream_is_published_on_its_location_point():
    stream = stream_create("level")
    add(stream, hours_ago(2), 5)
    release = publish.publish_window(stream, hours_ago(2))
    row = cell_of(release)
    assert row.cell == ""
    assert row.feature_of_interest.feature.equals(POINT)
    again = stream_create("level two")
    again.feature_of_interest = FeatureOfInterest.objects.create(name="river", feature=POINT)
    again.save()
    add(again, hours_ago(2), 5)
    assert cell_of(publish.publish_window(again, hours_ago(2))).feature_of_interest.name == "river"


def test_a_feature_another_job_created_meanwhile_is_reused_not_doubled(monkeypatch):
    """Two jobs (streams of one cell, or of one place) create its feature at the same moment:
    the second's insert is refused by the unique key and it takes the first's."""
    from django.db.models import QuerySet

    index = h3.latlng_to_cell(POINT.y, POINT.x, 8)
    stream = people_counter()
    add(stream, hours_ago(2), 12)
    real_get = QuerySet.get
    raced = []

    def get_after_the_other_job(self, *args, **kwargs):
        # The first lookup finds nothing; the other job creates the feature right after it.
        if self.model is FeatureOfInterest and not raced:
            raced.append(True)
            try:
                return real_get(self, *args, **kwargs)
            finally:
                FeatureOfInterest.objects.create(
                    key=f"h3:{index}", name="made by the other job", feature=POINT.buffer(0.01)
                )
        return real_get(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "get", get_after_the_other_job)
    assert publish.publish_due() == 1
    assert raced
    features = FeatureOfInterest.objects.filter(key=f"h3:{index}")
    assert [feature.name for feature in features] == ["made by the other job"]
    assert cell_of(Release.objects.get(datastream=stream)).feature_of_interest == features[0]


def test_existing_features_get_their_key_and_the_oldest_of_duplicates_keeps_its_role():
    import importlib

    from django.apps import apps

    fill = importlib.import_module("opendata.sensors.migrations.0006_feature_of_interest_key")
    index = h3.latlng_to_cell(POINT.y, POINT.x, 8)
    ring = [(lng, lat) for lat, lng in h3.cell_to_boundary(index)]
    hexagon = Polygon([*ring, ring[0]], srid=4326)
    first, second = (
        FeatureOfInterest.objects.create(name=f"H3 {index}", feature=hexagon) for _ in range(2)
    )
    place = FeatureOfInterest.objects.create(name="level place", feature=POINT)
    drawn = FeatureOfInterest.objects.create(name="district", feature=hexagon)
    fill.keys_fill(apps, None)
    keys = dict(FeatureOfInterest.objects.values_list("pk", "key"))
    assert keys[first.pk] == f"h3:{index}" and keys[second.pk] is None
    assert keys[place.pk] == publish.point_feature_key("level place", POINT)
    assert keys[drawn.pk] is None  # drawn by staff: no publication key
    assert publish.h3_feature(index) == first
    stream = stream_create("level")
    add(stream, hours_ago(2), 5)
    assert cell_of(publish.publish_window(stream, hours_ago(2))).feature_of_interest == place


# --- k suppression -----------------------------------------------------------------------------


def test_counter_windows_below_k_are_suppressed_and_no_published_cell_is_below_k():
    stream = people_counter(window=15)
    start = hours_ago(4)
    counts = [0, 3, 9, 10, 11, 40, 1, 25]
    for index, count in enumerate(counts):
        add(stream, start + index * QUARTER, count)

    assert publish.publish_due() == len(counts)

    rows = PublishedObservation.objects.filter(datastream=stream).order_by("phenomenon_time_start")
    assert [row.result for row in rows] == [None, None, None, 10, 11, 40, None, 25]
    assert [row.suppressed for row in rows] == [c < 10 for c in counts]
    assert all(row.result >= stream.k_minimum for row in rows if not row.suppressed)


def test_device_counter_is_suppressed_below_k_distinct_devices():
    stream = device_counter(window=15)
    for repeat in range(4):  # 36 readings of the same 9 devices
        add_devices(stream, hours_ago(3) + repeat * timedelta(seconds=30), 9)
    add_devices(stream, hours_ago(3) + QUARTER, 10)
    publish.publish_due()
    rows = list(
        PublishedObservation.objects.filter(datastream=stream).order_by("phenomenon_time_start")
    )
    assert [(row.suppressed, row.result) for row in rows] == [(True, None), (False, 10.0)]


def test_smart_meter_sums_are_published_only_over_k_households():
    stream = stream_create(
        "district heating",
        privacy=Datastream.PrivacyClass.PERSON_DERIVED,
        kind=Datastream.ObservationType.MEASUREMENT,
        aggregation=Datastream.Aggregation.SUM,
        window=60,
    )
    start = hours_ago(5)
    for meter in range(9):  # 9 households, lots of energy
        add(stream, start + timedelta(minutes=meter), 50.0, subject=f"m{meter:015d}")
    for meter in range(12):
        add(stream, start + HOUR + timedelta(minutes=meter), 1.5, subject=f"m{meter:015d}")
    publish.publish_due()
    rows = list(
        PublishedObservation.objects.filter(datastream=stream).order_by("phenomenon_time_start")
    )
    assert [(row.suppressed, row.result) for row in rows] == [(True, None), (False, 18.0)]


# --- provenance, idempotency -------------------------------------------------------------------


def test_release_records_its_provenance_and_a_digest_of_its_cells():
    stream = people_counter()
    add(stream, hours_ago(2), 12)
    release = publish.publish_window(stream, hours_ago(2))
    assert "k-anonymity (k=10)" in release.method
    assert release.parameters["k"] == 10
    assert release.parameters["spatial_unit"] == "h3 resolution 8"
    assert release.parameters["grace_seconds"] == 120
    assert release.parameters["noise"] is None
    assert "+src." in release.code_version and len(release.code_version) <= 64
    assert len(release.digest) == 64
    assert publish.release_digest(release) == release.digest
    # The digest covers the published values: another value, another digest.
    row = cell_of(release)
    row.result = 13
    row.save()
    assert publish.release_digest(release) != release.digest


def test_code_version_works_without_git(monkeypatch, settings):
    settings.SENSOR_CODE_VERSION = ""
    monkeypatch.delenv("SENSOR_CODE_VERSION", raising=False)
    monkeypatch.setattr(provenance, "_git_describe", lambda: "")
    publish.code_version.cache_clear()
    try:
        version = publish.code_version()
        assert version.startswith("0.1.0+src.")
        settings.SENSOR_CODE_VERSION = "v2.3.1"
        publish.code_version.cache_clear()
        assert publish.code_version() == f"v2.3.1+src.{version.rsplit('.', 1)[1]}"
    finally:
        publish.code_version.cache_clear()


def test_republishing_is_byte_identical_without_fresh_noise():
    stream = device_counter(window=60, epsilon=2.0)
    start = hours_ago(3)
    add_devices(stream, start, 60)
    sent = []

    def record(release):
        sent.append(release.pk)

    write._release_listeners.append(record)
    try:
        first = publish.publish_window(stream, start)
        rows = list(PublishedObservation.objects.filter(release=first).values())
        entries = list(PrivacyBudgetEntry.objects.filter(datastream=stream).values())
        for _attempt in range(3):
            again = publish.publish_window(stream, start)
            assert again.pk == first.pk and again.digest == first.digest
        assert publish.publish_due() == 0
    finally:
        write._release_listeners.remove(record)
    assert sent == [first.pk]
    assert list(PublishedObservation.objects.filter(release=first).values()) == rows
    assert list(PrivacyBudgetEntry.objects.filter(datastream=stream).values()) == entries
    assert publish.release_digest(first) == first.digest
    assert first.parameters["noise"]["mechanism"].startswith("discrete Laplace")
    assert first.parameters["noise"]["scale"] == pytest.approx(1 / first.epsilon_spent)


def test_late_readings_are_counted_and_not_published():
    stream = people_counter(window=60)
    start = hours_ago(5)
    add(stream, start + timedelta(minutes=5), 20)
    release = publish.publish_window(stream, start)
    before = cell_of(release).result
    late_at = datetime.now(UTC) + timedelta(seconds=1)
    add(stream, start + timedelta(minutes=30), 7, received=late_at)
    add(stream, start + timedelta(minutes=31), 8, received=late_at)

    later = late_at + timedelta(seconds=1)
    assert publish.publish_due(now=later) == 0
    release.refresh_from_db()
    assert release.late_readings == 2
    assert release.readings_used == 1
    assert cell_of(release).result == before == 20
    assert publish.release_digest(release) == release.digest
    # Counted once, however often the job runs.
    publish.publish_due(now=later)
    publish.publish_window(stream, start, now=later)
    release.refresh_from_db()
    assert release.late_readings == 2


def test_publishing_twice_makes_one_release():
    stream = people_counter()
    add(stream, hours_ago(2), 12)
    first = publish.publish_window(stream, hours_ago(2))
    second = publish.publish_window(stream, hours_ago(2))
    assert first.pk == second.pk
    assert Release.objects.filter(datastream=stream).count() == 1
    assert PublishedObservation.objects.filter(datastream=stream).count() == 1


def test_a_concurrent_job_that_loses_the_race_returns_the_stored_release(monkeypatch):
    """Both jobs saw no release; the second insert hits the unique constraint."""
    stream = people_counter()
    add(stream, hours_ago(2), 12)
    winner = publish.publish_window(stream, hours_ago(2))
    real_stored = write._stored
    calls = []

    def blind_once(*args):
        calls.append(args)
        return None if len(calls) <= 2 else real_stored(*args)

    monkeypatch.setattr(write, "_stored", blind_once)
    loser = publish.publish_window(stream, hours_ago(2))
    assert loser.pk == winner.pk
    assert Release.objects.filter(datastream=stream).count() == 1


def test_a_job_killed_mid_release_leaves_nothing_half_published(monkeypatch):
    stream = device_counter(window=60, epsilon=1.0)
    add_devices(stream, hours_ago(2), 30)

    def killed(*args, **kwargs):
        raise IntegrityError("worker lost")  # also what a killed connection looks like

    monkeypatch.setattr(PrivacyBudgetEntry.objects, "bulk_create", killed)
    with pytest.raises(IntegrityError):
        publish.publish_window(stream, hours_ago(2))
    assert not Release.objects.filter(datastream=stream).exists()
    assert not PublishedObservation.objects.filter(datastream=stream).exists()
    monkeypatch.undo()
    assert publish.publish_window(stream, hours_ago(2)) is not None


# --- what is published at all ------------------------------------------------------------------


def test_critical_internal_streams_are_never_published():
    stream = stream_create("pressure", privacy=Datastream.PrivacyClass.CRITICAL_INTERNAL)
    add(stream, hours_ago(2), 4.2)
    assert publish.publish_window(stream, hours_ago(2)) is None
    publish.publish_due()
    assert publish.publish_due(datastream_ids=[stream.pk]) == 0
    assert tasks.publish_datastream_task(stream.pk) == 0
    assert stream.pk not in publish.publishable_datastream_ids()
    assert not Release.objects.filter(datastream=stream).exists()
    assert not PublishedObservation.objects.filter(datastream=stream).exists()


def test_inactive_streams_are_still_published():
    stream = stream_create("old gauge")
    stream.is_active = False
    stream.save()
    add(stream, hours_ago(2), 1)
    assert publish.publish_due(datastream_ids=[stream.pk]) == 1


def test_beat_sweep_enqueues_one_job_per_publishable_stream(monkeypatch):
    public = stream_create("level")
    person = people_counter()
    critical = stream_create("pressure", privacy=Datastream.PrivacyClass.CRITICAL_INTERNAL)
    silent = stream_create("silent")  # no readings: nothing to do
    for stream in (public, person, critical):
        add(stream, hours_ago(2), 12)
    sent = []
    monkeypatch.setattr(tasks, "enqueue", lambda task, *args: sent.append((task.name, args)))
    tasks.publish_due_task()
    ids = [args[0] for name, args in sent if name.endswith("publish_datastream_task")]
    assert public.pk in ids and person.pk in ids
    assert critical.pk not in ids and silent.pk not in ids
    assert len(ids) == len(set(ids))
    assert tasks.publish_datastream_task(person.pk) == 1
    assert Release.objects.filter(datastream=person).count() == 1


def test_a_release_uses_what_was_received_by_its_cut_off_which_lags_the_clock():
    stream = stream_create("level")
    start = hours_ago(2)
    now = datetime.now(UTC)
    add(stream, start, 10, received=now - timedelta(seconds=45))  # committed surely
    add(stream, start + timedelta(minutes=1), 20, received=now - timedelta(seconds=10))
    release = publish.publish_window(stream, start, now=now)
    assert release.created_at == now - services.settle()
    assert (release.readings_used, cell_of(release).result) == (1, 10.0)
    again = publish.publish_window(stream, start, now=now + timedelta(minutes=1))
    assert (again.pk, again.late_readings) == (release.pk, 1)


def test_the_frequent_sweep_reads_recent_days_and_the_deep_sweep_the_whole_retention(
    monkeypatch,
):
    stream = stream_create("level")
    now = datetime.now(UTC)
    recent_window, old_window = hours_ago(2), hours_ago(24 * 5)
    add(stream, recent_window, 1)
    released_old = hours_ago(24 * 6)
    add(stream, released_old, 2)
    assert publish.publish_due(datastream_ids=[stream.pk]) == 2  # no `since`: everything
    # A device that was offline for days uploaded its buffer minutes ago: a window never
    # released, and a late reading for a released one.
    uploaded = now - timedelta(minutes=5)
    add(stream, old_window, 3, received=uploaded)
    add(stream, released_old + timedelta(minutes=5), 4, received=uploaded)

    assert tasks.publish_datastream_task(stream.pk) == 0  # beyond the 48-hour horizon
    assert not Release.objects.filter(datastream=stream, window_start=old_window).exists()
    assert Release.objects.get(datastream=stream, window_start=released_old).late_readings == 0

    sent = []
    monkeypatch.setattr(tasks, "enqueue", lambda task, *args: sent.append((task.name, args)))
    tasks.publish_due_task(deep=True)
    assert (stream.pk, True) in [args for name, args in sent if name.endswith("datastream_task")]
    assert tasks.publish_datastream_task(stream.pk, True) == 1
    assert Release.objects.get(datastream=stream, window_start=old_window).readings_used == 1
    assert Release.objects.get(datastream=stream, window_start=released_old).late_readings == 1


def test_the_sweep_horizon_is_the_start_of_a_utc_day(settings):
    settings.SENSOR_PUBLICATION_LOOKBACK_HOURS = 30
    now = datetime(2026, 5, 3, 5, 30, tzinfo=UTC)
    assert publish.sweep_horizon(now) == datetime(2026, 5, 1, tzinfo=UTC)
    settings.SENSOR_PUBLICATION_LOOKBACK_HOURS = 48
    assert publish.sweep_horizon(now) == datetime(2026, 5, 1, tzinfo=UTC)
    assert publish.sweep_horizon(now + timedelta(hours=19)) == datetime(2026, 5, 2, tzinfo=UTC)
    with pytest.raises(ValueError, match="since"):
        publish.publish_due(since=datetime(2026, 5, 1, 6, tzinfo=UTC))


def test_max_windows_limits_one_run_and_the_next_run_continues():
    stream = stream_create("level")
    start = hours_ago(6)
    for index in range(8):
        add(stream, start + index * QUARTER, index)
    assert publish.publish_due(max_windows=3, datastream_ids=[stream.pk]) == 3
    assert publish.publish_due(datastream_ids=[stream.pk]) == 5


def test_refusals_are_logged_without_personal_data(caplog):
    caplog.set_level(logging.INFO, logger="opendata.sensors.publication")
    stream = device_counter(window=60, epsilon=1e-9)  # a share below one nano-epsilon
    add_devices(stream, hours_ago(2), 30)
    assert publish.publish_window(stream, hours_ago(2)) is None
    refusal = Release.objects.get(datastream=stream)
    assert refusal.method == publish.REFUSED_BUDGET
    assert not refusal.observations.exists()
    assert "privacy budget" in caplog.text
    assert "d000" not in caplog.text
