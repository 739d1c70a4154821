"""Shared fixtures: the demo city and its personas, personas built from factories, the clock.

The demo city is the smoke layer: its personas (``citizen``, ``editor``...) are the demo's
users. New tests use the ``persona_*`` fixtures and ``make_persona``, which build users from
the factories and depend on no demo content.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from portal.accounts.demo import PERSONAS
from tests.clock import PhaseClock
from tests.factories.accounts import persona_create


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker, django_db_keepdb):
    """The test database with the demo city, built once per session.

    Unlike pytest-django's own fixture this always sets up the default database, also for
    sessions whose tests reach it only through the shared live server (browser and API
    client tests carry no django_db mark). Each db test rolls back its own changes.
    """
    from django.test.utils import setup_databases, teardown_databases

    verbosity = request.config.option.verbose
    with django_db_blocker.unblock():
        config = setup_databases(
            verbosity=verbosity, interactive=False, aliases={"default"}, keepdb=django_db_keepdb
        )
        call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            try:
                teardown_databases(config, verbosity=verbosity)
            except Exception as exc:  # a lingering connection must not fail the run
                request.node.warn(
                    pytest.PytestWarning(f"could not drop the test database: {exc!r}")
                )


@pytest.fixture(autouse=True)
def _cache_failures_forgotten():
    """A test that breaks the cache must not leave later tests skipping it."""
    from portal.core import cache_safe

    cache_safe.reset()
    yield
    cache_safe.reset()


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


@pytest.fixture(scope="session")
def _shared_live_server(django_db_setup, django_db_blocker):
    """One live server for the session, on the seeded database.

    pytest-django's `live_server` makes every test transactional, which empties the database
    after each test; re-seeding the demo city would cost seconds per test.
    """
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("localhost:0")
    yield server
    server.stop()


@pytest.fixture
def seeded_live_server(_shared_live_server, django_db_blocker):
    """The shared live server, with database access for the test and the server thread.

    No per-test isolation: for read-mostly tests through real clients (browsers, API
    clients); tests that write use names of their own and clean up.
    """
    with django_db_blocker.unblock():
        from portal.core.models import District

        if not District.objects.exists():
            call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
        yield _shared_live_server


# --- personas built from factories (no demo content) ---------------------------------------


@pytest.fixture
def make_persona(db):
    """``make_persona("editor", permissions=["catalogue.add_dataset"])``: a new user in a role
    (citizen, moderator, editor, reviewer, staff, admin); see ``persona_create``."""
    return persona_create


@pytest.fixture
def persona_citizen(make_persona):
    return make_persona("citizen")


@pytest.fixture
def persona_moderator(make_persona):
    return make_persona("moderator")


@pytest.fixture
def persona_editor(make_persona):
    return make_persona("editor")


@pytest.fixture
def persona_reviewer(make_persona):
    return make_persona("reviewer")


@pytest.fixture
def persona_staff(make_persona):
    return make_persona("staff")


@pytest.fixture
def persona_admin(make_persona):
    return make_persona("admin")


# --- the clock ----------------------------------------------------------------------------


@pytest.fixture
def phase_clock(time_machine) -> PhaseClock:
    """Pins the clock relative to a phase and moves it: ``phase_clock.before(phase)``,
    ``.during(phase)``, ``.after(phase)``, ``.at(moment)`` (see tests/clock.py)."""
    return PhaseClock(time_machine)


@pytest.fixture(autouse=True)
def fresh_defect_reference_data():
    """The defect reporter keeps categories, rules and districts per process; every test's
    database is new (rolled back), so no test may read the last one's snapshot."""
    from participation.defects import reference

    reference.forget()
    yield
    reference.forget()
