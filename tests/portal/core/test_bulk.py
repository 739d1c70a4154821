"""copy_insert: many rows of one model in one write, with their ids set."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction

from opendata.sensors.models import Datastream, ObservedProperty, Release, Sensor, Thing
from portal.core.bulk import copy_insert

pytestmark = pytest.mark.django_db

START = datetime(2026, 5, 1, tzinfo=UTC)


@pytest.fixture
def stream() -> Datastream:
    return Datastream.objects.create(
        name="bulk",
        thing=Thing.objects.create(name="bulk thing"),
        sensor=Sensor.objects.create(name="bulk sensor"),
        observed_property=ObservedProperty.objects.create(
            name="bulk property", definition="https://example.org/bulk"
        ),
        unit_name="unit",
    )


def _releases(stream: Datastream, count: int, *, first: int = 0) -> list[Release]:
    return [
        Release(
            datastream=stream,
            window_start=START + timedelta(hours=first + hour),
            window_end=START + timedelta(hours=first + hour + 1),
            method="mean over a 60-minute window",
            parameters={"k": None, "note": 'quotes " and \\ backslashes\tand tabs', "n": hour},
            code_version="test",
            digest=f"{hour:064x}",
        )
        for hour in range(count)
    ]


def test_rows_are_stored_with_their_ids_and_values(stream):
    releases = _releases(stream, 50)
    copy_insert(releases)
    assert all(release.pk is not None and not release._state.adding for release in releases)
    assert len({release.pk for release in releases}) == 50
    stored = {release.pk: release for release in Release.objects.filter(datastream=stream)}
    assert set(stored) == {release.pk for release in releases}
    for release in releases:
        again = stored[release.pk]
        assert (again.window_start, again.window_end) == (release.window_start, release.window_end)
        assert again.parameters == release.parameters  # JSON with characters COPY escapes
        assert again.created_at == release.created_at  # the field default, as save() uses
    # The sequence moved on: an ordinary insert afterwards gets a fresh id.
    later = Release.objects.create(
        datastream=stream, window_start=START - timedelta(hours=1), window_end=START, digest="0"
    )
    assert later.pk not in stored


def test_a_constraint_violation_writes_nothing(stream):
    copy_insert(_releases(stream, 3))
    clash = _releases(stream, 5, first=1)  # its first four windows exist already
    with pytest.raises(IntegrityError), transaction.atomic():  # Django's, on every database
        copy_insert(clash)
    assert Release.objects.filter(datastream=stream).count() == 3


def test_unsaved_related_objects_and_saved_instances_are_refused(stream):
    unsaved_stream = Datastream(name="never saved")
    release = _releases(stream, 1)[0]
    release.datastream = unsaved_stream
    with pytest.raises(ValueError, match="unsaved related object"):
        copy_insert([release])
    copy_insert(stored := _releases(stream, 1))
    with pytest.raises(ValueError, match="unsaved instances"):
        copy_insert(stored)
