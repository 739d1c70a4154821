"""List pages and APIs run the same number of queries for 15 projects as for 500."""

from __future__ import annotations

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.cms.demo import projects_bulk_add
from portal.cms.models import ProjectPage

PATHS = [
    "/",
    "/en/",
    "/projekte/",
    "/en/projects/",
    "/api/v1/projects/?lang=de",
    "/projekte/?status=planned",
]


def _queries(client, path: str) -> int:
    # One frozen instant for both calls: caches keyed by the time window (the home page's
    # sensor tiles) would otherwise miss when a slow machine crosses a window boundary.
    with time_machine.travel(timezone.now(), tick=False):
        client.get(path)  # warm per-process caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.slow
def test_query_count_does_not_grow_with_500_projects(client, demo_city):
    before = {path: _queries(client, path) for path in PATHS}
    projects_bulk_add(500)
    assert ProjectPage.objects.count() > 500
    after = {path: _queries(client, path) for path in PATHS}
    assert after == before
    assert max(after.values()) <= 25
