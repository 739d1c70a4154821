"""Open311 reads: discovery, services, service definitions, requests, tokens, updates.

Every JSON answer validates against the official GeoReport v2 schemas; XML is well-formed
and carries the same data; only public reports appear, never anything of the reporter.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import xmltodict
from defusedxml import ElementTree as SafeET
from django.utils import timezone

from participation.defects.models import Report
from participation.defects.selectors import report_public_location
from participation.defects.services import report_status_change
from tests.factories import ReportFactory, ReportUpdateFactory
from tests.participation.defects.open311.conftest import (
    CANARY_EMAIL,
    CANARY_NAME,
    CANARY_PHONE,
    ROOT,
    schema_validator,
)

pytestmark = pytest.mark.django_db


def get_json(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def get_xml(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/xml")
    SafeET.fromstring(response.content)  # well-formed, and parsed safely
    return xmltodict.parse(response.content)


def as_list(value):
    return value if isinstance(value, list) else [value]


def xml_value(value):
    """What a JSON value reads like in XML (booleans as true/false, null as empty)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def assert_no_canary(content: bytes) -> None:
    text = content.decode()
    for canary in (CANARY_EMAIL, CANARY_NAME, CANARY_PHONE):
        assert canary not in text


def test_discovery_names_the_v2_endpoint_in_json_and_xml(client, world):
    data = get_json(client, "/open311/discovery.json")
    (endpoint,) = data["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://testserver/open311/v2"
    assert set(endpoint["formats"]) == {"text/xml", "application/json"}
    xml = get_xml(client, "/open311/discovery.xml")["discovery"]
    assert xml["endpoints"]["endpoint"]["url"] == endpoint["url"]
    assert xml["endpoints"]["endpoint"]["formats"]["format"] == endpoint["formats"]


def test_services_lists_active_leaf_categories_valid_by_schema(client, world):
    data = get_json(client, f"{ROOT}/services.json")
    schema_validator("services.json").validate(data)
    by_code = {service["service_code"]: service for service in data}
    assert {"o311-pothole", "o311-light", "o311-shelter"} <= set(by_code)
    assert "o311-roads" not in by_code  # a group, not a service
    assert "o311-retired" not in by_code
    pothole = by_code["o311-pothole"]
    assert pothole == {
        "service_code": "o311-pothole",
        "service_name": "Schlagloch",
        "description": "Schäden an der Fahrbahn",
        "metadata": True,
        "type": "realtime",
        "keywords": "Straße,Loch",
        "group": "Straßen",
    }
    assert by_code["o311-light"]["metadata"] is False
    xml = get_xml(client, f"{ROOT}/services.xml")
    xml_by_code = {s["service_code"]: s for s in as_list(xml["services"]["service"])}
    assert {k: xml_value(v) for k, v in pothole.items()} == xml_by_code["o311-pothole"]


def test_service_definition_from_the_category_attributes(client, world):
    data = get_json(client, f"{ROOT}/services/o311-pothole.json")
    schema_validator("service-definition.json").validate(data)
    assert data["service_code"] == "o311-pothole"
    depth, lane = data["attributes"]
    assert depth == {
        "variable": True,
        "code": "depth",
        "datatype": "singlevaluelist",
        "required": True,
        "datatype_description": None,
        "order": 1,
        "description": "Wie tief?",
        "values": [{"key": "flat", "name": "flach"}, {"key": "deep", "name": "tief"}],
    }
    assert lane["required"] is False and "values" not in lane
    xml = get_xml(client, f"{ROOT}/services/o311-pothole.xml")["service_definition"]
    xml_depth = xml["attributes"]["attribute"][0]
    assert xml_depth["values"]["value"] == depth["values"]
    assert xml_depth["required"] == "true" and xml_depth["order"] == "1"


def test_unknown_service_definition_is_404_in_open311_format(client, world):
    response = client.get(f"{ROOT}/services/nope.json")
    assert response.status_code == 404
    (error,) = response.json()
    assert error["code"] == 404 and "service_code" in error["description"]
    response = client.get(f"{ROOT}/services/nope.xml")
    root = SafeET.fromstring(response.content)
    assert root.tag == "errors" and root.find("error/code").text == "404"


def test_requests_list_public_reports_only_valid_by_schema(client, world):
    data = get_json(client, f"{ROOT}/requests.json")
    schema_validator("requests.json").validate(data)
    ids = {item["service_request_id"] for item in data}
    assert str(world.open_report.pk) in ids and str(world.closed_report.pk) in ids
    assert str(world.pending_report.pk) not in ids
    item = next(i for i in data if i["service_request_id"] == str(world.open_report.pk))
    assert item["status"] == "open"
    assert item["service_code"] == "o311-light"
    assert item["address"] == "Marktplatz 1"
    assert item["agency_responsible"] == world.light.department.name
    assert item["lat"] == pytest.approx(world.open_report.location.y)
    assert item["requested_datetime"].endswith(("+01:00", "+02:00"))  # aware, in Berlin time
    closed = next(i for i in data if i["service_request_id"] == str(world.closed_report.pk))
    assert closed["status"] == "closed"


def test_sensitive_reports_are_published_on_the_grid_without_address(client, world):
    (item,) = get_json(client, f"{ROOT}/requests/{world.sensitive_report.pk}.json")
    published = report_public_location(report=world.sensitive_report)
    assert (item["lat"], item["long"]) == (round(published.y, 7), round(published.x, 7))
    assert item["lat"] != pytest.approx(world.sensitive_report.location.y, abs=1e-7)
    assert item["address"] is None


def test_no_reporter_data_in_any_answer(client, world):
    paths = [
        "/open311/discovery.json",
        f"{ROOT}/services.json",
        f"{ROOT}/requests.json",
        f"{ROOT}/requests.xml",
        f"{ROOT}/requests/{world.open_report.pk}.xml",
        f"{ROOT}/tokens/{world.open_report.token}.json",
        f"{ROOT}/servicerequestupdates.xml",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200
        assert_no_canary(response.content)


def test_requests_json_and_xml_carry_the_same_data(client, world):
    data = get_json(client, f"{ROOT}/requests.json")
    xml = get_xml(client, f"{ROOT}/requests.xml")
    assert [{k: xml_value(v) for k, v in item.items()} for item in data] == as_list(
        xml["service_requests"]["request"]
    )


def test_requests_filters(client, world):
    def ids(**params):
        return {
            i["service_request_id"] for i in get_json(client, f"{ROOT}/requests.json", **params)
        }

    open_id, closed_id = str(world.open_report.pk), str(world.closed_report.pk)
    assert ids(status="closed") >= {closed_id} and open_id not in ids(status="closed")
    assert open_id in ids(status="open") and closed_id not in ids(status="open")
    assert ids(service_code="o311-pothole") == {closed_id}
    assert ids(service_code="o311-pothole,o311-light") == {open_id, closed_id}
    pending = world.pending_report.pk
    assert ids(service_request_id=f"{open_id},{pending}") == {open_id}
    old = ReportFactory(category=world.light, created_at=timezone.now() - timedelta(days=120))
    assert str(old.pk) not in ids()  # the specification's default: the last 90 days
    start = (timezone.now() - timedelta(days=130)).isoformat()
    end = (timezone.now() - timedelta(days=110)).isoformat()
    assert ids(start_date=start, end_date=end) == {str(old.pk)}
    assert str(old.pk) in ids(service_request_id=str(old.pk))  # ids override the period


def test_requests_paging_extension(client, world):
    for _ in range(3):
        ReportFactory(category=world.light)
    first = client.get(f"{ROOT}/requests.json", {"service_code": "o311-light", "page_size": 2})
    assert len(first.json()) == 2
    assert 'rel="next"' in first["Link"] and "page=2" in first["Link"]
    second = client.get(
        f"{ROOT}/requests.json", {"service_code": "o311-light", "page_size": 2, "page": 2}
    )
    assert len(second.json()) == 2  # open_report + 3 new ones = 4
    seen = {i["service_request_id"] for i in first.json() + second.json()}
    assert len(seen) == 4


def test_request_list_queries_do_not_grow_with_the_reports(
    client, world, django_assert_max_num_queries
):
    for _ in range(20):
        report = ReportFactory(category=world.light)
        ReportUpdateFactory(report=report, kind="status", text="In Arbeit")
    with django_assert_max_num_queries(8):
        assert len(client.get(f"{ROOT}/requests.json").json()) >= 20


def test_status_notes_show_the_latest_public_answer(client, world):
    report_status_change(report=world.open_report, status=world.in_progress, text="Bestellt.")
    report_status_change(
        report=world.open_report, status=world.in_progress, text="Intern", public=False
    )
    (item,) = get_json(client, f"{ROOT}/requests/{world.open_report.pk}.json")
    assert item["status_notes"] == "Bestellt."


def test_single_request_404_for_pending_unknown_and_garbage(client, world):
    for pk in (world.pending_report.pk, 999_999_999, "abc", "9" * 40):
        response = client.get(f"{ROOT}/requests/{pk}.json")
        assert response.status_code == 404
        assert response.json()[0]["code"] == 404


def test_token_gives_the_id_once_public(client, world):
    (pending,) = get_json(client, f"{ROOT}/tokens/{world.pending_report.token}.json")
    assert pending == {"service_request_id": None, "token": str(world.pending_report.token)}
    Report.objects.filter(pk=world.pending_report.pk).update(moderation=Report.Moderation.APPROVED)
    xml = get_xml(client, f"{ROOT}/tokens/{world.pending_report.token}.xml")
    assert xml["service_requests"]["request"]["service_request_id"] == str(world.pending_report.pk)
    assert client.get(f"{ROOT}/tokens/not-a-token.json").status_code == 404


def test_service_request_updates_list_public_status_changes(client, world):
    public = report_status_change(report=world.open_report, status=world.fixed, text="Repariert.")
    report_status_change(report=world.open_report, status=world.fixed, text="x", public=False)
    report_status_change(report=world.pending_report, status=world.fixed, text="nicht öffentlich")
    data = get_json(client, f"{ROOT}/servicerequestupdates.json")
    assert [u["update_id"] for u in data] == [str(public.pk)]
    assert data[0] == {
        "update_id": str(public.pk),
        "service_request_id": str(world.open_report.pk),
        "status": "FIXED",
        "updated_datetime": data[0]["updated_datetime"],
        "description": "Repariert.",
        "media_url": None,
    }
    xml = get_xml(client, f"{ROOT}/servicerequestupdates.xml")
    assert xml["service_requests_updates"]["request_update"]["status"] == "FIXED"
    later = (timezone.now() + timedelta(hours=1)).isoformat()
    assert get_json(client, f"{ROOT}/servicerequestupdates.json", start_date=later) == []


def test_jurisdiction_id_accepted_and_checked_only_when_configured(client, world, settings):
    assert client.get(f"{ROOT}/services.json", {"jurisdiction_id": "any"}).status_code == 200
    settings.OPEN311_JURISDICTION_ID = "musterstadt.de"
    ok = client.get(f"{ROOT}/services.json", {"jurisdiction_id": "musterstadt.de"})
    assert ok.status_code == 200
    wrong = client.get(f"{ROOT}/services.json", {"jurisdiction_id": "elsewhere"})
    assert wrong.status_code == 404 and "jurisdiction_id" in wrong.json()[0]["description"]


def test_unknown_paths_formats_and_methods_answer_in_open311_format(client, world):
    assert client.get("/open311/v2/nothing.xml").status_code == 404
    assert SafeET.fromstring(client.get("/open311/v2/nothing.xml").content).tag == "errors"
    html = client.get(f"{ROOT}/services.html")
    assert html.status_code == 404 and html.json()[0]["code"] == 404
    delete = client.delete(f"{ROOT}/requests.json")
    assert delete.status_code == 405 and json.loads(delete.content)[0]["code"] == 405
