"""Shared fixtures: the demo city and its four personas."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from portal.accounts.demo import PERSONAS


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo city is built once per test session; each test rolls back its own changes."""
    with django_db_blocker.unblock():
        call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())


@pytest.fixture
def demo_city(db):
    """The seeded demo city (see django_db_setup); tests that flush the database re-seed."""
    from portal.core.models import District

    if not District.objects.exists():
        call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())


@pytest.fixture
def personas(demo_city):
    from portal.accounts.models import User

    return {key: User.objects.get(username=key) for key, *_ in PERSONAS}


@pytest.fixture
def citizen(personas):
    return personas["citizen"]


@pytest.fixture
def moderator(personas):
    return personas["moderator"]


@pytest.fixture
def editor(personas):
    return personas["editor"]


@pytest.fixture
def city_admin(personas):
    return personas["admin"]


def _celery_connections_reset(app) -> None:
    from kombu import pools

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None
    app.__dict__.pop("backend", None)
    app._local.__dict__.pop("backend", None)


@pytest.fixture
def celery_broker(settings, monkeypatch):
    """Point this process's Celery app at another broker, as a web process would be."""
    from portal.celery import app

    saved = {
        key: app.conf[key]
        for key in ("broker_url", "result_backend", "broker_transport_options", "task_always_eager")
    }

    def configure(
        broker_url: str, result_backend: str | None = None, transport_options: dict | None = None
    ) -> None:
        settings.CELERY_TASK_ALWAYS_EAGER = False
        # Celery reads these environment variables before its configuration.
        monkeypatch.setenv("CELERY_BROKER_URL", broker_url)
        monkeypatch.setenv("CELERY_RESULT_BACKEND", result_backend or saved["result_backend"])
        app.conf.update(
            broker_url=broker_url,
            result_backend=result_backend or saved["result_backend"],
            broker_transport_options=transport_options or {},
            task_always_eager=False,
        )
        _celery_connections_reset(app)

    yield configure
    app.conf.update(saved)
    _celery_connections_reset(app)
