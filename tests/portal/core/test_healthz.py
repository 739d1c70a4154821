"""/healthz: a free liveness check for anyone; /healthz/ready: each component, for operators."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.utils import timezone

from portal.core import health, services
from tests.faults import DEAD_REDIS_URL, redis_cache_at

TOKEN = "t" * 40
READY = "/healthz/ready"
BEARER = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}


@pytest.fixture(autouse=True)
def _fresh_report(settings):
    settings.HEALTHZ_TOKEN = TOKEN
    health.health_report_forget()
    yield
    health.health_report_forget()


@pytest.fixture
def fresh_heartbeat(db):
    services.heartbeat_record()
    yield
    cache.delete(services.HEARTBEAT_CACHE_KEY)


def test_liveness_is_ok_and_names_no_backend(client, db, django_assert_num_queries):
    with (
        mock.patch.object(health, "health_report", side_effect=AssertionError("asked")),
        django_assert_num_queries(0),
    ):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert response["Cache-Control"].startswith("max-age=0")
    assert client.head("/healthz").status_code == 200


def test_readiness_needs_staff_or_the_token(client, citizen, city_admin):
    for headers in ({}, {"HTTP_AUTHORIZATION": "Bearer wrong"}, {"HTTP_AUTHORIZATION": TOKEN}):
        refused = client.get(READY, **headers)
        assert refused.status_code == 403
        assert "database" not in refused.content.decode()
    client.force_login(citizen)
    assert client.get(READY).status_code == 403
    client.force_login(city_admin)
    assert client.get(READY).status_code in (200, 503)


def test_readiness_without_a_configured_token_is_staff_only(client, db, settings):
    settings.HEALTHZ_TOKEN = ""
    assert client.get(READY, HTTP_AUTHORIZATION="Bearer ").status_code == 403


def test_all_components_up(client, fresh_heartbeat):
    response = client.get(READY, **BEARER)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["status"] for name, check in body["checks"].items()} == {
        "database": "up",
        "cache": "up",
        "broker": "up",
        "worker": "up",
        "beat": "up",
    }
    assert body["last_beat_tick"] is not None
    assert response["Cache-Control"].startswith("max-age=0")


def test_readiness_is_computed_at_most_once_per_few_seconds(client, db, monkeypatch):
    clock = {"now": 1000.0}
    monkeypatch.setattr(health.time, "monotonic", lambda: clock["now"])
    with mock.patch.object(health, "health_report", return_value=(True, {"status": "ok"})) as run:
        for _ in range(5):
            assert client.get(READY, **BEARER).status_code == 200
        assert run.call_count == 1
        clock["now"] += health.READINESS_CACHE_SECONDS + 0.1
        client.get(READY, **BEARER)
        assert run.call_count == 2


def test_no_heartbeat_yet_is_unknown_not_down(client, db):
    cache.delete(services.HEARTBEAT_CACHE_KEY)
    response = client.get(READY, **BEARER)
    assert response.status_code == 200
    assert response.json()["checks"]["worker"]["status"] == "unknown"


def test_stale_heartbeat_means_worker_or_beat_down(client, db, settings):
    stale = timezone.now() - timedelta(seconds=10 * settings.PORTAL_HEARTBEAT_SECONDS)
    services.heartbeat_record(at=stale)
    response = client.get(READY, **BEARER)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["worker"]["status"] == "down"
    assert body["checks"]["beat"]["status"] == "down"


@pytest.fixture
def broker_down(celery_broker):
    """A broker URL nobody listens on (port 9, discard, is closed on loopback)."""
    celery_broker("redis://127.0.0.1:9/0")


def test_broker_down_is_reported_and_pages_still_work(client, demo_city, broker_down):
    response = client.get(READY, **BEARER)
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["status"] == "down"
    assert response.json()["checks"]["database"]["status"] == "up"
    assert client.get("/").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_cache_down_is_reported_with_its_error(client, db, monkeypatch):
    with redis_cache_at(DEAD_REDIS_URL, monkeypatch):
        response = client.get(READY, **BEARER)
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == {"status": "down", "detail": "ConnectionError"}


def test_database_down_is_reported(client, db):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("connection refused")

    with mock.patch.object(connection, "cursor", broken_cursor):
        response = client.get(READY, **BEARER)
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {
        "status": "down",
        "detail": "OperationalError",
    }


def test_healthz_refuses_post(client, db):
    assert client.post("/healthz").status_code == 405
    assert client.post(READY, **BEARER).status_code == 405
