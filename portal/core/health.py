"""Checks behind /healthz/ready: each returns a status and never raises.

``/healthz`` (liveness) touches none of them. The readiness report costs a database, cache
and broker round trip, so each process computes it at most once per
``READINESS_CACHE_SECONDS`` and serves that answer to every caller in between.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime

from django.conf import settings
from django.db import connection
from django.utils import timezone

from portal.celery import app as celery_app
from portal.core.cache_safe import strict_cache
from portal.core.services import HEARTBEAT_CACHE_KEY

UP, DOWN, UNKNOWN = "up", "down", "unknown"


@dataclass
class Check:
    status: str
    detail: str = ""

    def as_dict(self) -> dict[str, str]:
        return {key: value for key, value in asdict(self).items() if value}


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return Check(DOWN, type(exc).__name__)
    return Check(UP, connection.vendor)


def check_cache() -> Check:
    key = f"portal:healthz:{uuid.uuid4().hex}"
    cache = strict_cache()  # the cache's errors, not its fail-open answers
    try:
        cache.set(key, "ok", timeout=10)
        ok = cache.get(key) == "ok"
        cache.delete(key)
    except Exception as exc:
        return Check(DOWN, type(exc).__name__)
    return Check(UP) if ok else Check(DOWN, "value not read back")


def check_broker() -> Check:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return Check(UP, "eager")
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return Check(DOWN, type(exc).__name__)
    return Check(UP, celery_app.conf.broker_url.split("://", 1)[0])


def last_beat_tick() -> datetime | None:
    try:
        value = strict_cache().get(HEARTBEAT_CACHE_KEY)
    except Exception:
        return None
    return datetime.fromisoformat(value) if value else None


def check_worker_and_beat(*, now: datetime | None = None) -> tuple[Check, Check, datetime | None]:
    """Beat schedules the heartbeat and a worker executes it: a fresh tick proves both."""
    tick = last_beat_tick()
    if tick is None:
        return Check(UNKNOWN, "no heartbeat yet"), Check(UNKNOWN, "no heartbeat yet"), None
    age = ((now or timezone.now()) - tick).total_seconds()
    fresh = age <= 3 * settings.PORTAL_HEARTBEAT_SECONDS
    status = UP if fresh else DOWN
    detail = f"last heartbeat {int(age)} s ago"
    return Check(status, detail), Check(status, detail), tick


def health_report() -> tuple[bool, dict[str, object]]:
    checks = {
        "database": check_database(),
        "cache": check_cache(),
        "broker": check_broker(),
    }
    worker, beat, tick = check_worker_and_beat()
    checks["worker"] = worker
    checks["beat"] = beat
    # "unknown" right after start is not an outage; "down" is.
    healthy = all(check.status != DOWN for check in checks.values())
    report: dict[str, object] = {
        "status": "ok" if healthy else "error",
        "checks": {name: check.as_dict() for name, check in checks.items()},
        "last_beat_tick": tick.isoformat() if tick else None,
    }
    return healthy, report


READINESS_CACHE_SECONDS = 5.0
_last_report: tuple[float, bool, dict[str, object]] | None = None
_report_lock = threading.Lock()


def health_report_cached(*, max_age: float = READINESS_CACHE_SECONDS) -> tuple[bool, dict]:
    """``health_report()``, computed at most once per `max_age` seconds in this process
    (kept in memory: the cache is one of the things it checks)."""
    global _last_report
    with _report_lock:  # concurrent callers wait for one round trip instead of making theirs
        if _last_report is not None and time.monotonic() - _last_report[0] < max_age:
            return _last_report[1], _last_report[2]
        healthy, report = health_report()
        _last_report = (time.monotonic(), healthy, report)
    return healthy, report


def health_report_forget() -> None:
    global _last_report
    with _report_lock:
        _last_report = None
