"""The ``georeport`` client from PyPI reads services and requests from a live server.

The live server sees only committed data: the world is created under
``django_db_blocker.unblock()`` and deleted afterwards.
"""

from __future__ import annotations

import pytest
from georeport import GeoReport

from participation.defects.models import Category, Open311Client, Report, Status
from tests.participation.defects.open311.conftest import world_create


@pytest.fixture
def live_world(seeded_live_server, django_db_blocker, monkeypatch):
    monkeypatch.setattr("portal.core.jobs.transaction.on_commit", lambda callback: None)
    with django_db_blocker.unblock():
        world = world_create()
    try:
        yield world
    finally:
        with django_db_blocker.unblock():
            Report.objects.filter(category__service_code__startswith="o311-").delete()
            Category.objects.filter(parent__isnull=False, service_code__startswith="o311-").delete()
            Category.objects.filter(service_code__startswith="o311-").delete()
            Status.objects.filter(slug__startswith="test-").delete()
            Open311Client.objects.filter(pk__in=[world.client.pk, world.updater.pk]).delete()
            world.district.streets.all().delete()
            world.district.delete()


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_georeport_reads_services_definitions_and_requests(
    seeded_live_server, live_world, output_format
):
    client = GeoReport(
        f"{seeded_live_server.url}/open311/v2",
        jurisdiction="musterstadt",
        output_format=output_format,
    )
    services = client.get_service_list()
    codes = {service["service_code"] for service in services}
    assert {"o311-pothole", "o311-light", "o311-shelter"} <= codes

    definition = client.get_service_definition("o311-pothole")
    attributes = definition["attributes"]
    if output_format == "xml":
        attributes = attributes["attribute"]
    assert [a["code"] for a in attributes] == ["depth", "lane"]

    requests = client.get_service_requests(service_code="o311-pothole,o311-light")
    requests = requests if isinstance(requests, list) else [requests]
    ids = {r["service_request_id"] for r in requests}
    assert ids == {str(live_world.open_report.pk), str(live_world.closed_report.pk)}

    closed = client.get_service_requests(service_code="o311-pothole", status="closed")
    closed = closed if isinstance(closed, list) else [closed]
    assert [r["service_request_id"] for r in closed] == [str(live_world.closed_report.pk)]

    one = client.get_service_request(str(live_world.open_report.pk))
    assert one["service_code"] == "o311-light"
    assert one["status"] == "open"
    assert one["address"] == "Marktplatz 1"
