"""A replay of what FixMyStreet's Open311 client sends and reads (it speaks XML only).

FixMyStreet posts form-encoded to ``requests.xml`` with ``api_key, service_code, lat, long,
address_string, description, email, first_name, last_name, media_url, attribute[...]`` and
reads ``service_requests/request/service_request_id``; then it syncs with
``servicerequestupdates.xml`` (POST with ``service_request_id, status, description,
updated_datetime, update_id``, and GET since a time).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from defusedxml import ElementTree as SafeET
from django.utils import timezone

from participation.defects.models import Report, ReportUpdate
from tests.participation.defects.open311.conftest import ROOT

pytestmark = pytest.mark.django_db


def test_fixmystreet_creates_a_report_and_syncs_its_status_in_xml(client, world):
    point = world.inside()
    response = client.post(
        f"{ROOT}/requests.xml",
        {
            "api_key": world.key,
            "service_code": "o311-pothole",
            "lat": f"{point.y:.6f}",
            "long": f"{point.x:.6f}",
            "address_string": "Lindenallee 3",
            "description": "Schlagloch: Tiefes Loch vor der Einfahrt\n\nBitte bald reparieren.",
            "email": "fms-user@example.org",
            "first_name": "Max",
            "last_name": "Beispiel",
            "media_url": "https://fixmystreet.example/photo/12.jpeg",
            "attribute[depth]": "deep",
            "attribute[fixmystreet_id]": "12",
            "attribute[title]": "Tiefes Loch",
            "attribute[report_url]": "https://fixmystreet.example/report/12",
            "jurisdiction_id": "musterstadt",
        },
    )
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/xml")
    root = SafeET.fromstring(response.content)
    assert root.tag == "service_requests"
    request_id = root.find("request/service_request_id").text
    assert root.find("request/service_notice").text
    report = Report.objects.get(pk=int(request_id))
    assert report.channel == Report.Channel.API and report.is_public
    assert report.attributes["depth"] == "deep"
    assert report.attributes["media_url"] == "https://fixmystreet.example/photo/12.jpeg"
    assert report.address == "Lindenallee 3"
    assert report.location.y == pytest.approx(point.y, abs=1e-6)  # lat/long win

    since = (timezone.now() - timedelta(minutes=5)).isoformat()
    response = client.post(
        f"{ROOT}/servicerequestupdates.xml",
        {
            "api_key": world.updater_key,
            "service_request_id": request_id,
            "status": "ACTION_SCHEDULED",
            "description": "Reparatur für nächste Woche geplant.",
            "updated_datetime": timezone.now().isoformat(),
            "update_id": "fms-501",
            "email": "staff@council.example",
            "first_name": "Sachbearbeiterin",
            "last_name": "Amt",
        },
    )
    assert response.status_code == 200, response.content
    root = SafeET.fromstring(response.content)
    assert root.tag == "service_request_updates"
    update_id = root.find("request_update/update_id").text
    assert ReportUpdate.objects.get(pk=int(update_id)).report_id == report.pk
    report.refresh_from_db()
    assert report.status == world.in_progress

    response = client.post(
        f"{ROOT}/servicerequestupdates.xml",
        {
            "api_key": world.updater_key,
            "service_request_id": request_id,
            "status": "FIXED",
            "description": "Loch verfüllt.",
            "updated_datetime": timezone.now().isoformat(),
            "update_id": "fms-502",
        },
    )
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.status.is_closed

    response = client.get(
        f"{ROOT}/servicerequestupdates.xml",
        {"start_date": since, "end_date": timezone.now().isoformat(), "api_key": world.key},
    )
    root = SafeET.fromstring(response.content)
    assert root.tag == "service_requests_updates"
    mine = [
        element
        for element in root.findall("request_update")
        if element.findtext("service_request_id") == request_id
    ]
    assert [e.findtext("status") for e in mine] == ["IN_PROGRESS", "FIXED"]
    assert mine[-1].findtext("description") == "Loch verfüllt."
    for element in mine:
        assert element.findtext("updated_datetime").startswith(str(timezone.now().year))
    assert b"staff@council.example" not in response.content
    assert b"fms-user@example.org" not in response.content

    response = client.get(f"{ROOT}/requests/{request_id}.xml")
    request = SafeET.fromstring(response.content).find("request")
    assert request.findtext("status") == "closed"
    assert request.findtext("status_notes") == "Loch verfüllt."
