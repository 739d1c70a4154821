"""Participation's tests start from a city without the demo's defect data.

The session's database holds the seeded demo city, 352 defect reports and their reference data
included. Tests of behaviour create their own categories, statuses and reports with the
factories and count exactly those, so each test begins by removing the demo's defect data
inside its own transaction (rolled back afterwards). Tests that are about the demo ask for the
``demo_city`` fixture and keep it; so do tests against a live server, whose data is shared.
Jobs enqueued on commit (mails) run at once, since a test's transaction never commits.
"""

from __future__ import annotations

import pytest


def defect_data_clear() -> None:
    from participation.core.models import AbuseFlag, Street, Subscription
    from participation.defects.models import (
        AnswerTemplate,
        Category,
        Open311Client,
        Report,
        RoutingRule,
        Status,
    )

    Report.objects.all().delete()
    RoutingRule.objects.all().delete()
    AnswerTemplate.objects.all().delete()
    while Category.objects.exists():  # leaves first: a group is protected by its members
        Category.objects.filter(children__isnull=True).delete()
    Status.objects.all().delete()
    Open311Client.objects.all().delete()
    Street.objects.all().delete()
    Subscription.objects.all().delete()
    AbuseFlag.objects.all().delete()


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Every test starts with empty rate-limit counters (they live in the cache)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def on_commit_at_once(monkeypatch):
    """A test's transaction never commits: run the jobs enqueued on commit at once."""
    monkeypatch.setattr("portal.core.jobs.transaction.on_commit", lambda callback: callback())


@pytest.fixture(autouse=True)
def without_demo_defects(request):
    marker = request.node.get_closest_marker("django_db")
    uses_db = marker is not None or "db" in request.fixturenames
    transactional = (marker is not None and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("live_server", "transactional_db")
    )
    if uses_db and not transactional and "demo_city" not in request.fixturenames:
        request.getfixturevalue("db")
        defect_data_clear()
