"""Privacy audit across ingestion and publication.

Canary MAC addresses, smart-meter ids and number plates are sent as ``subject`` through the
real HTTP ingestion endpoint; after publication neither they nor their pseudonyms are in any
table but the raw one, in no published row, release or feature of interest, and in no log
line; after the key rotation no key older than a day exists.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache

from opendata.sensors import pseudonyms, services
from opendata.sensors import publication as publish
from opendata.sensors.models import (
    Datastream,
    FeatureOfInterest,
    PrivacyBudgetEntry,
    PublishedObservation,
    RawObservation,
    Release,
)
from tests.opendata.sensors.conftest import iso
from tests.privacy import table_values, tables_containing

pytestmark = pytest.mark.django_db

CANARY_MACS = ["AA:BB:CC:DD:EE:FF", "02:1A:2B:3C:4D:5E"]
CANARY_METERS = ["DE0001234567890123456789012345678", "1ESY1161234567"]
CANARY_PLATES = ["LH-XY 987", "HH AB 1234"]
CANARY_FORMS = {
    form
    for canary in CANARY_MACS + CANARY_METERS + CANARY_PLATES
    for form in (canary.lower(), pseudonyms.canonical(canary), canary.lower().replace(" ", "-"))
}
FILLER = 12  # further subjects, so that windows reach k and are published


def _stream(station, name: str, aggregation: str, **fields) -> Datastream:
    return Datastream.objects.create(
        name=name,
        thing=station.thing,
        sensor=station.counter.sensor,
        observed_property=station.counter.observed_property,
        unit_name="count",
        observation_type=Datastream.ObservationType.COUNT,
        privacy_class=Datastream.PrivacyClass.PERSON_DERIVED,
        aggregation=aggregation,
        window_minutes=60,
        **fields,
    )


def _observations(stream: Datastream, subjects: list[str], start: datetime, result=1) -> list:
    return [
        {
            "datastream": stream.pk,
            "phenomenonTime": iso(start + timedelta(seconds=7 * index)),
            "result": result,
            "subject": subject,
        }
        for index, subject in enumerate(subjects)
    ]


def test_canaries_reach_no_published_row_release_feature_or_log_line(station, post, caplog):
    caplog.set_level(logging.DEBUG)
    wifi = station.counter
    wifi.aggregation = Datastream.Aggregation.DISTINCT_SUBJECTS
    wifi.window_minutes = 60
    wifi.noise_epsilon_per_day = 4.0
    wifi.save()
    meters = _stream(station, "heat meters", Datastream.Aggregation.SUM, valid_max=100)
    plates = _stream(station, "plates", Datastream.Aggregation.DISTINCT_SUBJECTS)
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) - timedelta(hours=3)
    fillers = [f"02:00:00:00:{index // 256:02x}:{index % 256:02x}" for index in range(FILLER)]
    macs = CANARY_MACS + fillers
    body = {
        "observations": [
            *_observations(wifi, macs, start),
            *_observations(wifi, macs[:3], start + timedelta(hours=1)),  # suppressed window
            *_observations(meters, CANARY_METERS + [f"METER-{i}" for i in range(FILLER)], start, 3),
            *_observations(plates, CANARY_PLATES + [f"LH-A {i}" for i in range(FILLER)], start),
        ]
    }
    response = post(body, station.token)
    assert response.status_code == 200, response.content
    pseudonyms_stored = set(
        RawObservation.objects.filter(datastream__in=[wifi, meters, plates]).values_list(
            "subject_pseudonym", flat=True
        )
    )
    assert len(pseudonyms_stored) == len(macs) + 2 * (2 + FILLER)

    # Once the readings just received have settled (the publication's cut-off passed them).
    assert publish.publish_due(now=datetime.now(UTC) + services.settle()) >= 4

    published = PublishedObservation.objects.filter(datastream__in=[wifi, meters, plates])
    # Meters and plates carry no noise and reach k; the WiFi window's noisy count may not.
    # (Run just after UTC midnight, yesterday's daily totals are published too.)
    windows = published.exclude(cell__startswith="day")
    assert windows.filter(datastream__in=[meters, plates], suppressed=False).count() == 2
    assert published.filter(suppressed=True).exists()
    secrets_ = {form.lower() for form in CANARY_FORMS} | pseudonyms_stored

    def leaks(text: str) -> bool:
        lowered = text.lower()
        return any(secret in lowered for secret in secrets_)

    from django.db import connection

    with connection.cursor() as cursor:
        for model in (PublishedObservation, Release, FeatureOfInterest, PrivacyBudgetEntry):
            rows = table_values(cursor, model._meta.db_table)
            assert rows, model
            assert not any(leaks(str(value)) for row in rows for value in row), model
    assert tables_containing(leaks) == [RawObservation._meta.db_table]
    assert not any(leaks(record.getMessage()) for record in caplog.records)
    assert not leaks(caplog.text)

    # Rotation: the next day, only that day's key exists; published data stays as it was.
    digests = dict(Release.objects.values_list("pk", "digest"))
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    original_now = pseudonyms.utc_now
    pseudonyms.utc_now = lambda: tomorrow
    try:
        pseudonyms.pseudonym_keys_rotate()
        keys = sorted(
            key.rsplit(pseudonyms.KEY_CACHE_PREFIX, 1)[1]
            for key in list(cache._cache)
            if pseudonyms.KEY_CACHE_PREFIX in key
        )
        assert keys == [tomorrow.date().isoformat()]
        publish.publish_due()
    finally:
        pseudonyms.utc_now = original_now
    assert dict(Release.objects.filter(pk__in=digests).values_list("pk", "digest")) == digests
    for release in Release.objects.filter(pk__in=digests):
        assert publish.release_digest(release) == release.digest
