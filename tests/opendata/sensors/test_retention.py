"""Raw readings are deleted after the retention period, by a beat task."""

from __future__ import annotations

import importlib.util
import types
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings as django_settings

from opendata.sensors import tasks
from opendata.sensors.models import RawObservation

pytestmark = pytest.mark.django_db


def _reading(station, moment: datetime) -> RawObservation:
    return RawObservation.objects.create(
        datastream=station.level, phenomenon_time=moment, result=1.0
    )


def test_retention_deletes_only_raw_readings_older_than_the_period(station, settings):
    settings.SENSOR_RAW_RETENTION_DAYS = 30
    now = datetime.now(UTC)
    old = _reading(station, now - timedelta(days=30, minutes=1))
    older = _reading(station, now - timedelta(days=400))
    kept = _reading(station, now - timedelta(days=29, hours=23))
    assert tasks.raw_observations_delete_expired_task() == 2
    remaining = set(
        RawObservation.objects.filter(datastream=station.level).values_list("pk", flat=True)
    )
    assert remaining == {kept.pk}
    assert old.pk not in remaining and older.pk not in remaining
    assert tasks.raw_observations_delete_expired_task() == 0  # idempotent


def test_retention_period_follows_the_setting(station, settings):
    settings.SENSOR_RAW_RETENTION_DAYS = 7
    _reading(station, datetime.now(UTC) - timedelta(days=8))
    assert tasks.raw_observations_delete_expired_task() == 1


def _base_settings_without(name: str, monkeypatch) -> types.ModuleType:
    """``portal/settings/base.py`` evaluated afresh with the variable `name` unset."""
    monkeypatch.delenv(name, raising=False)
    spec = importlib.util.find_spec("portal.settings.base")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_retention_defaults_to_30_days(station, settings, monkeypatch):
    # The default lives in the settings only (read from the environment).
    base = _base_settings_without("SENSOR_RAW_RETENTION_DAYS", monkeypatch)
    settings.SENSOR_RAW_RETENTION_DAYS = base.SENSOR_RAW_RETENTION_DAYS
    _reading(station, datetime.now(UTC) - timedelta(days=29))
    _reading(station, datetime.now(UTC) - timedelta(days=31))
    assert tasks.raw_observations_delete_expired_task() == 1


@pytest.mark.parametrize(
    "task",
    [
        "opendata.sensors.tasks.raw_observations_delete_expired_task",
        "opendata.sensors.tasks.pseudonym_keys_rotate_task",
    ],
)
def test_beat_runs_the_sensor_jobs(task):
    from portal.celery import app

    scheduled = {entry["task"] for entry in django_settings.CELERY_BEAT_SCHEDULE.values()}
    assert task in scheduled
    app.loader.import_default_modules()
    assert task in app.tasks
