"""/healthz reports each component and answers 503 when one is down."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.utils import timezone

from portal.core import services


@pytest.fixture
def fresh_heartbeat(db):
    services.heartbeat_record()
    yield
    cache.delete(services.HEARTBEAT_CACHE_KEY)


def test_all_components_up(client, fresh_heartbeat):
    response = client.get("/healthz")
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


def test_no_heartbeat_yet_is_unknown_not_down(client, db):
    cache.delete(services.HEARTBEAT_CACHE_KEY)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["worker"]["status"] == "unknown"


def test_stale_heartbeat_means_worker_or_beat_down(client, db, settings):
    stale = timezone.now() - timedelta(seconds=10 * settings.PORTAL_HEARTBEAT_SECONDS)
    services.heartbeat_record(at=stale)
    response = client.get("/healthz")
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
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["status"] == "down"
    assert response.json()["checks"]["database"]["status"] == "up"
    assert client.get("/").status_code == 200


def test_database_down_is_reported(client, db):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("connection refused")

    with mock.patch.object(connection, "cursor", broken_cursor):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {
        "status": "down",
        "detail": "OperationalError",
    }


def test_healthz_refuses_post(client, db):
    assert client.post("/healthz").status_code == 405
