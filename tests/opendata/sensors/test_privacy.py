"""Privacy audit of ingestion: canary identifiers never stored, logged or echoed; daily keys."""

from __future__ import annotations

import logging
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opendata.sensors import pseudonyms, tasks
from opendata.sensors.models import RawObservation
from tests.opendata.sensors.conftest import CANARY, iso, recent
from tests.privacy import tables_containing

pytestmark = pytest.mark.django_db

CANARY_FORMS = ("aa:bb:cc:dd:ee:ff", "aabbccddeeff", "aa-bb-cc-dd-ee-ff", "aabb.ccdd.eeff")


def _leaks(text: str) -> bool:
    lowered = text.lower()
    return any(form in lowered for form in CANARY_FORMS)


def _tables_containing_canary() -> list[str]:
    return tables_containing(_leaks)


def _canary_batches(station) -> list:
    t = recent()
    json_form = {
        "observations": [
            {
                "datastream": station.counter.pk,
                "phenomenonTime": iso(t - timedelta(minutes=i)),
                "result": 1,
                "subject": subject,
            }
            for i, subject in enumerate(
                [CANARY, CANARY.lower(), "aabbccddeeff", "AA-BB-CC-DD-EE-FF"]
            )
        ]
    }
    data_array = [
        {
            "Datastream": {"@iot.id": station.counter.pk},
            "components": ["phenomenonTime", "result", "subject"],
            "dataArray": [
                [iso(t - timedelta(minutes=10)), 1, CANARY],
                [iso(t - timedelta(minutes=11)), 5, CANARY],  # out of range: rejected
                [iso(t + timedelta(hours=2)), 1, CANARY],  # in the future: rejected
                [iso(t - timedelta(minutes=12)), 1, ["AA:BB:CC:DD:EE:FF"]],  # wrong type
            ],
        }
    ]
    bad_other_stream = {
        "observations": [
            {"datastream": 999999999, "phenomenonTime": iso(t), "result": 1, "subject": CANARY}
        ]
    }
    return [json_form, data_array, bad_other_stream]


def test_canary_mac_is_in_no_table_no_log_no_query_and_no_response(station, post, caplog):
    caplog.set_level(logging.DEBUG)
    responses = []
    batches = _canary_batches(station)  # once: the repeat below must be the same readings
    with CaptureQueriesContext(connection) as queries:
        for body in batches:
            responses.append(post(body, station.token))
        # duplicates too
        responses.append(post(batches[0], station.token))
    assert [response.status_code for response in responses] == [200, 207, 422, 200]
    stored = RawObservation.objects.filter(datastream=station.counter)
    assert stored.count() == 5
    # One device: one pseudonym whichever way its address was written.
    assert set(stored.values_list("subject_pseudonym", flat=True)) == {
        pseudonyms.pseudonym_for_today(CANARY)
    }

    for response in responses:
        assert not _leaks(response.content.decode()), response.content
        assert not any(_leaks(f"{key}: {value}") for key, value in response.items())
    assert not any(_leaks(record.getMessage()) for record in caplog.records)
    assert not any(_leaks(str(record.args)) for record in caplog.records)
    assert not _leaks(caplog.text)
    assert queries.captured_queries, "the queries were captured"
    assert not any(_leaks(query["sql"]) for query in queries.captured_queries)
    assert _tables_containing_canary() == []


def test_the_scan_would_find_a_canary_written_anywhere(station):
    """The table scan itself works: a canary stored in clear is found."""
    station.thing.description = f"device {CANARY}"
    station.thing.save()
    assert "sensors_thing" in _tables_containing_canary()


def test_pseudonym_key_unavailable_refuses_the_batch_without_storing(station, post, monkeypatch):
    def broken(*args, **kwargs):
        raise pseudonyms.PseudonymKeyUnavailable("down")

    monkeypatch.setattr("opendata.sensors.ingestion.write.day_key", broken)
    body = {
        "observations": [
            {
                "datastream": station.counter.pk,
                "phenomenonTime": iso(recent()),
                "result": 1,
                "subject": CANARY,
            }
        ]
    }
    response = post(body, station.token)
    assert response.status_code == 503
    assert not RawObservation.objects.filter(datastream=station.counter).exists()


def _pin_day(monkeypatch, moment: datetime) -> None:
    monkeypatch.setattr(pseudonyms, "utc_now", lambda: moment)


def _pseudonym_keys_in_cache() -> list[str]:
    """The pseudonym keys the (local-memory) test cache holds."""
    return sorted(
        key.split(pseudonyms.KEY_CACHE_PREFIX, 1)[1]
        for key in list(cache._cache)  # LocMemCache in the test settings
        if pseudonyms.KEY_CACHE_PREFIX in key and cache.get(key.split(":", 2)[2]) is not None
    )


def test_pseudonyms_are_stable_within_a_day_and_change_after_rotation(monkeypatch):
    _pin_day(monkeypatch, datetime(2026, 5, 1, 0, 0, 5, tzinfo=UTC))
    morning = pseudonyms.pseudonym_for_today(CANARY)
    _pin_day(monkeypatch, datetime(2026, 5, 1, 23, 59, 59, tzinfo=UTC))
    assert pseudonyms.pseudonym_for_today("aa-bb-cc-dd-ee-ff") == morning
    assert pseudonyms.pseudonym_for_today("02:00:00:00:00:01") != morning
    assert re.fullmatch("[0-9a-f]{16}", morning)  # 64 bits in hex

    _pin_day(monkeypatch, datetime(2026, 5, 2, 0, 0, 30, tzinfo=UTC))
    assert tasks.pseudonym_keys_rotate_task() == 1  # yesterday's key deleted
    next_day = pseudonyms.pseudonym_for_today(CANARY)
    assert next_day != morning
    # Yesterday's pseudonym cannot be recomputed: its key is gone; asking for it makes a new one.
    assert cache.get(pseudonyms.key_cache_name(date(2026, 5, 1))) is None
    assert _pseudonym_keys_in_cache() == ["2026-05-02"]


def test_no_key_older_than_a_day_remains_after_rotation(monkeypatch):
    for day in (1, 2, 3):
        _pin_day(monkeypatch, datetime(2026, 5, day, 12, tzinfo=UTC))
        pseudonyms.day_key()
    # Keys are set to expire shortly after their day; in the local-memory cache an old key
    # that was never read is still there until it is deleted.
    _pin_day(monkeypatch, datetime(2026, 5, 4, 0, 1, tzinfo=UTC))
    pseudonyms.pseudonym_keys_rotate()
    assert _pseudonym_keys_in_cache() == ["2026-05-04"]
    assert pseudonyms.pseudonym_keys_rotate() == 0  # idempotent


def test_day_key_expires_shortly_after_its_day(monkeypatch):
    _pin_day(monkeypatch, datetime(2026, 5, 1, 6, 0, tzinfo=UTC))
    timeout = pseudonyms._key_timeout(date(2026, 5, 1))
    expected = timedelta(hours=18) + pseudonyms.KEY_GRACE
    assert timeout == int(expected.total_seconds())
    assert timedelta(minutes=5) >= pseudonyms.KEY_GRACE


def test_key_creation_is_race_safe(monkeypatch):
    """Two workers creating the day's key at once end with the same key (cache.add)."""
    _pin_day(monkeypatch, datetime(2026, 5, 1, 0, 0, tzinfo=UTC))
    name = pseudonyms.key_cache_name(date(2026, 5, 1))
    real_get = cache.get
    calls = {"n": 0}

    def get_racing(key, *args, **kwargs):
        # The first read misses; meanwhile another worker stores its key.
        calls["n"] += 1
        if key == name and calls["n"] == 1:
            cache.set(name, b"w" * pseudonyms.KEY_BYTES)
            return None
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", get_racing)
    assert pseudonyms.day_key() == b"w" * pseudonyms.KEY_BYTES


def test_keys_are_never_in_the_database(station, post, monkeypatch):
    post(
        {
            "observations": [
                {
                    "datastream": station.counter.pk,
                    "phenomenonTime": iso(recent()),
                    "result": 1,
                    "subject": CANARY,
                }
            ]
        },
        station.token,
    )
    key = pseudonyms.day_key()
    assert tables_containing(lambda text: key.hex() in text.lower()) == []
    assert tables_containing(lambda text: key.decode("latin-1") in text) == []


def test_a_failing_write_leaks_no_subject_into_logs_or_the_error_page(
    station, client, caplog, monkeypatch
):
    import json

    def broken(rows):
        raise RuntimeError("disk full")

    monkeypatch.setattr("opendata.sensors.ingestion.write._insert", broken)
    caplog.set_level(logging.DEBUG)
    client.raise_request_exception = False
    body = {
        "observations": [
            {
                "datastream": station.counter.pk,
                "phenomenonTime": iso(recent()),
                "result": 1,
                "subject": CANARY,
            }
        ]
    }
    response = client.post(
        "/api/v1/ingest/observations",
        data=json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {station.token}",
    )
    assert response.status_code == 500
    assert not _leaks(response.content.decode())
    assert any(record.exc_info for record in caplog.records)  # the error was logged
    assert not _leaks(caplog.text)
    assert not RawObservation.objects.filter(datastream=station.counter).exists()


def _one_canary(station) -> dict:
    return {
        "observations": [
            {
                "datastream": station.counter.pk,
                "phenomenonTime": iso(recent()),
                "result": 1,
                "subject": CANARY,
            }
        ]
    }


@pytest.mark.parametrize(
    "where",
    ["opendata.sensors.ingestion.parse.parse_datetime", "opendata.sensors.ingestion.write._insert"],
)
def test_error_reports_hide_the_submitted_subjects(station, monkeypatch, where):
    """Django's error reports (mail to admins, DEBUG off) show local variables of every frame;
    those of ingestion are hidden, also in the functions it calls."""
    import sys

    from django.views.debug import ExceptionReporter

    from opendata.sensors import services
    from opendata.sensors.models import Device

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(where, broken)
    device = Device.objects.get(thing=station.thing)
    try:
        # The body is built in the call, so that this test's own frame does not hold it.
        services.observations_ingest(device=device, body=_one_canary(station))
    except RuntimeError:
        reporter = ExceptionReporter(None, *sys.exc_info())
        text = reporter.get_traceback_text()
        html = reporter.get_traceback_html()
    else:
        pytest.fail("the write did not fail")
    assert "observations_ingest" in text  # the frames are there
    assert not _leaks(text)
    assert not _leaks(html)
