"""With the cache down, the pseudonym key store fails closed and everything else carries on."""

from __future__ import annotations

import pytest
from redis.exceptions import RedisError

from opendata.sensors import pseudonyms
from opendata.sensors.models import RawObservation
from tests.faults import DEAD_REDIS_URL, redis_cache_at
from tests.opendata.sensors.conftest import CANARY, iso, recent


@pytest.fixture
def redis_down(monkeypatch):
    with redis_cache_at(DEAD_REDIS_URL, monkeypatch):
        yield


def test_readings_with_subjects_are_refused_with_503_and_retry_after(station, post, redis_down):
    reading = {
        "datastream": station.counter.pk,
        "phenomenonTime": iso(recent()),
        "result": 1,
        "subject": CANARY,
    }
    response = post({"observations": [reading]}, station.token)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert not RawObservation.objects.filter(datastream=station.counter).exists()


def test_readings_without_subjects_are_still_stored(station, post, redis_down):
    reading = {"datastream": station.level.pk, "phenomenonTime": iso(recent()), "result": 120}
    response = post({"observations": [reading]}, station.token)
    assert response.status_code == 200
    assert RawObservation.objects.filter(datastream=station.level).count() == 1


def test_key_rotation_fails_loudly_rather_than_pretending_it_deleted(redis_down):
    """A key that could not be deleted must fail the task (and be retried), not pass."""
    with pytest.raises(RedisError):
        pseudonyms.pseudonym_keys_rotate()
