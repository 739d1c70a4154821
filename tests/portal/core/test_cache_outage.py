"""A cache outage degrades pages and read APIs to uncached answers, never to a 500.

Wagtail reads the cache on every page (site root paths), so the whole backend fails open
(portal/core/cache_safe.py); only ``strict_cache()`` users see the errors.
"""

from __future__ import annotations

import logging
import time

import pytest
from django.core.cache import cache
from django.urls import reverse
from redis.exceptions import RedisError

from opendata.catalogue.models import Dataset
from portal.core import cache_safe, services
from tests.faults import DEAD_REDIS_URL, hanging_redis_url, redis_cache_at


@pytest.fixture
def redis_down(monkeypatch):
    with redis_cache_at(DEAD_REDIS_URL, monkeypatch):
        yield


@pytest.fixture
def dataset(demo_city):
    return Dataset.objects.published().order_by("name").first()


def test_home_page_answers_with_the_cache_down(client, demo_city, redis_down):
    assert client.get("/").status_code == 200
    assert client.get("/en/").status_code == 200


def test_dataset_page_answers_with_the_cache_down(client, dataset, redis_down):
    assert client.get(reverse("catalogue-dataset", args=[dataset.name])).status_code == 200


def test_package_show_answers_with_the_cache_down(client, dataset, redis_down):
    response = client.get(f"/api/3/action/package_show?id={dataset.name}")
    assert response.status_code == 200
    assert response.json()["result"]["name"] == dataset.name


def test_sensor_map_answers_with_the_cache_down(client, demo_city, redis_down):
    assert client.get(reverse("sensors-map")).status_code == 200


def test_outage_is_logged_once_not_per_call(client, demo_city, redis_down, caplog):
    with caplog.at_level(logging.WARNING, logger="portal.core.cache_safe"):
        for _ in range(3):
            assert client.get("/").status_code == 200
    assert caplog.text.count("The cache is unavailable") == 1


def test_strict_cache_still_raises(redis_down):
    assert cache.get("anything", "miss") == "miss"
    with pytest.raises(RedisError):
        cache_safe.strict_cache().get("anything")


@pytest.mark.timeout(60)
def test_a_redis_that_never_answers_costs_a_page_about_half_a_second(
    client, demo_city, monkeypatch
):
    with hanging_redis_url() as url, redis_cache_at(url, monkeypatch):
        started = time.monotonic()
        assert client.get("/").status_code == 200
        first = time.monotonic() - started
        # After the first timeout the process skips the cache for a few seconds.
        started = time.monotonic()
        assert client.get("/").status_code == 200
        second = time.monotonic() - started
    assert first < 3.0
    assert second < first


def test_a_heartbeat_that_was_not_stored_fails_its_task(redis_down):
    """Otherwise the health check would trust a worker whose cache is gone."""
    with pytest.raises(RedisError):
        services.heartbeat_record()
