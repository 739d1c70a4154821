"""Every device has its own rate-limit budget: a scraper on the same address stops no sensor."""

from __future__ import annotations

import pytest

from portal.core import ratelimit
from portal.core.ratelimit import Rate
from tests.opendata.sensors.conftest import iso, recent

NOW = 1_800_000_010.0  # 10 s into a 60-s window


@pytest.fixture(autouse=True)
def limits(settings, monkeypatch):
    monkeypatch.setattr(ratelimit, "_now", lambda: NOW)
    settings.API_RATE_LIMIT_ANON = Rate(3, 60)
    settings.API_RATE_LIMIT_DEVICE = Rate(5, 60)
    return settings


def _reading(station, minutes: int) -> dict:
    return {
        "observations": [
            {"datastream": station.level.pk, "phenomenonTime": iso(recent(minutes)), "result": 80}
        ]
    }


def test_an_anonymous_flood_does_not_stop_a_device_on_the_same_address(client, station, post):
    for _ in range(10):
        client.get("/api/v1/themes/")
    assert client.get("/api/v1/themes/").status_code == 429
    response = post(_reading(station, 5), station.token)
    assert response.status_code == 200
    assert response["RateLimit-Limit"] == "5"
    assert response["RateLimit-Remaining"] == "4"


def test_a_device_has_its_own_bucket(station, other_station, post):
    for minutes in range(5):
        assert post(_reading(station, minutes + 1), station.token).status_code == 200
    over = post(_reading(station, 9), station.token)
    assert over.status_code == 429 and over["Retry-After"] == "50"
    # Another device on the same address is not affected.
    assert post(_reading(other_station, 1), other_station.token).status_code == 200


def test_a_bad_device_token_counts_as_anonymous(post, station):
    for _ in range(3):
        assert post(_reading(station, 1), "scd_000000000000_nope").status_code == 401
    assert post(_reading(station, 1), "scd_000000000000_nope").status_code == 429
