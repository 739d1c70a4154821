"""Real Celery workers: tasks cross a real broker into another process.

The embedded default's filesystem transport always runs; the Redis test runs where the suite
is pointed at Redis (CI's PostGIS stage sets CELERY_BROKER_URL=redis://...).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[3]


def _database_url() -> str:
    """The URL of the database this test runs on (the test database), for the worker."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("spatialite"):
        return f"spatialite:///{db['NAME']}"
    credentials = quote(db["USER"] or "")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"])
    return f"postgis://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    def __init__(self, tmp_path: Path, broker_url: str, result_backend: str) -> None:
        self.mail_dir = tmp_path / "mail"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "PORTAL_WORKER_PROCESS": "true",
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "PORTAL_VAR_DIR": str(tmp_path / "var"),
            "DATABASE_URL": _database_url(),
            "CELERY_BROKER_URL": broker_url,
            "CELERY_RESULT_BACKEND": result_backend,
            "EMAIL_URL": f"filemail://{self.mail_dir}",
            "CACHE_URL": "locmemcache://",
        }
        self.log = tmp_path / "worker.log"
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Worker:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "portal",
                "worker",
                "--pool",
                "solo",
                "--loglevel",
                "INFO",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.process is not None
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def mails(self) -> list[str]:
        if not self.mail_dir.exists():
            return []
        return [path.read_text() for path in sorted(self.mail_dir.iterdir())]


def _filesystem_options(var: Path) -> dict[str, object]:
    queue = var / "celery" / "queue"
    for folder in (queue, var / "celery" / "processed", var / "celery" / "results"):
        folder.mkdir(parents=True, exist_ok=True)
    return {
        "data_folder_in": str(queue),
        "data_folder_out": str(queue),
        "processed_folder": str(var / "celery" / "processed"),
        "store_processed": False,
        "control_folder": str(var / "celery" / "control"),
    }


def _wait_for(predicate, *, timeout: float = 30.0, what: str, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}; worker log:\n{log.read_text()[-3000:]}")


def test_filesystem_transport_round_trip(tmp_path, celery_broker):
    from portal.core.tasks import ping_task

    var = tmp_path / "var"
    options = _filesystem_options(var)
    results = f"file://{var / 'celery' / 'results'}"
    celery_broker("filesystem://", results, options)
    with Worker(tmp_path, "filesystem://", results) as worker:
        result = ping_task.delay("hello-filesystem")
        try:
            assert result.get(timeout=60) == "hello-filesystem"
        except Exception:
            pytest.fail(worker.log.read_text()[-3000:])


redis_only = pytest.mark.skipif(
    not settings.CELERY_BROKER_URL.startswith("redis://"),
    reason="needs CELERY_BROKER_URL=redis://... (CI's PostGIS + Redis stage sets it)",
)


@redis_only
def test_web_request_task_runs_in_real_worker_over_redis(
    tmp_path, celery_broker, live_server, demo_city
):
    """A contact form POST enqueues the forward task; a worker process mails it to staff."""
    import requests

    from portal.core.models import ContactMessage

    broker = settings.CELERY_BROKER_URL
    backend = settings.CELERY_RESULT_BACKEND
    celery_broker(broker, backend, {})
    with Worker(tmp_path, broker, backend) as worker:
        session = requests.Session()
        form = session.get(f"{live_server.url}/en/contact/")
        response = session.post(
            f"{live_server.url}/en/contact/",
            data={
                "csrfmiddlewaretoken": form.cookies["csrftoken"],
                "topic": "open_data",
                "name": "Worker Test",
                "email": "worker@example.org",
                "message": "Is the parking data available as an API?",
                "consent": "on",
            },
            headers={"Referer": f"{live_server.url}/en/contact/"},
            allow_redirects=False,
            timeout=10,
        )
        assert response.status_code == 302
        contact = ContactMessage.objects.get(email="worker@example.org")
        _wait_for(lambda: worker.mails(), what="the forwarded mail", log=worker.log)
        assert "worker@example.org" in worker.mails()[0]
        contact.refresh_from_db()
        assert contact.forwarded_at is not None
