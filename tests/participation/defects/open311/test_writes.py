"""Open311 writes: POST requests (form-encoded and JSON) and servicerequestupdates.

A POST creates a report through the defect reporter's own service (channel "api"), listed at
once; bad input gets 400 naming the parameter, a missing or revoked key 403, and nothing is
half-saved.
"""

from __future__ import annotations

import json

import pytest
from django.core import mail

from participation.defects.models import Report, ReporterContact, ReportUpdate
from participation.defects.open311.services import open311_client_revoke
from tests.participation.defects.open311.conftest import ROOT

pytestmark = pytest.mark.django_db


def form(world, **overrides):
    point = world.inside()
    data = {
        "api_key": world.key,
        "service_code": "o311-light",
        "lat": str(point.y),
        "long": str(point.x),
        "description": "Die Laterne vor Hausnummer 3 ist dunkel.",
        "email": "anwohnerin@example.org",
        "first_name": "Erika",
        "last_name": "Muster",
        "phone": "0170 1234567",
    }
    return {**data, **overrides}


def counts():
    return (
        Report.objects.count(),
        ReporterContact.objects.count(),
        ReportUpdate.objects.count(),
    )


def test_form_post_creates_a_public_api_report_listed_at_once(client, world):
    response = client.post(f"{ROOT}/requests.json", form(world))
    assert response.status_code == 200, response.content
    (answer,) = response.json()
    assert set(answer) == {"service_request_id", "service_notice", "account_id"}
    assert answer["account_id"] is None
    report = Report.objects.get(pk=int(answer["service_request_id"]))
    assert report.channel == Report.Channel.API
    assert report.is_public
    assert report.category == world.light
    assert report.contact.email == "anwohnerin@example.org"
    assert report.contact.phone == "0170 1234567"
    note = report.updates.get(kind=ReportUpdate.Kind.NOTE)
    assert "Bürger-App" in note.text and not note.public
    listed = client.get(f"{ROOT}/requests.json").json()
    assert answer["service_request_id"] in {item["service_request_id"] for item in listed}
    assert "anwohnerin" not in client.get(f"{ROOT}/requests.json").content.decode()
    assert any(report.department.email in message.to for message in mail.outbox)


def test_json_post_with_attributes_and_media_url(client, world):
    body = form(
        world,
        service_code="o311-pothole",
        attribute={"depth": "deep", "lane": "rechts"},
        media_url="https://photos.example.org/pothole.jpg",
    )
    response = client.post(f"{ROOT}/requests.xml", json.dumps(body), "application/json")
    assert response.status_code == 200, response.content
    report = Report.objects.latest("pk")
    assert report.attributes == {
        "depth": "deep",
        "lane": "rechts",
        "media_url": "https://photos.example.org/pothole.jpg",
    }
    (item,) = client.get(f"{ROOT}/requests/{report.pk}.json").json()
    assert item["media_url"] == "https://photos.example.org/pothole.jpg"


def test_address_string_is_resolved_through_the_street_list(client, world):
    data = form(world, address_string="Lindenallee 12, 01234 Musterstadt")
    del data["lat"], data["long"]
    response = client.post(f"{ROOT}/requests.json", data)
    assert response.status_code == 200, response.content
    report = Report.objects.latest("pk")
    assert report.address == "Lindenallee 12, 01234 Musterstadt"
    assert report.district == world.district
    unknown = {**data, "address_string": "Nirgendwoweg 3"}
    response = client.post(f"{ROOT}/requests.json", unknown)
    assert response.status_code == 400
    assert response.json()[0]["description"].startswith("address_string:")


@pytest.mark.parametrize(
    ("overrides", "parameter"),
    [
        ({"service_code": ""}, "service_code"),
        ({"service_code": "o311-unknown"}, "service_code"),
        ({"service_code": "o311-roads"}, "service_code"),  # a group, not a service
        ({"service_code": "bad code!"}, "service_code"),
        ({"lat": "north"}, "lat/long"),
        ({"lat": "", "long": ""}, "lat/long"),
        ({"long": ""}, "lat/long"),
        ({"lat": "0", "long": "0"}, "lat/long"),  # outside the city
        ({"description": ""}, "description"),
        ({"description": "x" * 4001}, "description"),
        ({"description": "<b>laut</b>"}, "description"),
        ({"email": "not-an-address"}, "email"),
        ({"media_url": "javascript:alert(1)"}, "media_url"),
        ({"service_code": "o311-pothole"}, "attribute[depth]"),  # required, missing
        ({"service_code": "o311-pothole", "attribute[depth]": "bottomless"}, "attribute[depth]"),
        ({"first_name": "E" * 101}, "first_name"),
    ],
)
def test_bad_input_is_400_naming_the_parameter_and_saves_nothing(
    client, world, overrides, parameter
):
    before = counts()
    response = client.post(f"{ROOT}/requests.json", form(world, **overrides))
    assert response.status_code == 400, response.content
    errors = response.json()
    assert errors and all(error["code"] == 400 for error in errors)
    assert any(error["description"].startswith(f"{parameter}:") for error in errors), errors
    assert counts() == before


def test_missing_unknown_and_revoked_keys_are_403(client, world):
    before = counts()
    for key in ("", "o311_000000000000_nope", "sct_abc", world.key + "x"):
        response = client.post(f"{ROOT}/requests.json", form(world, api_key=key))
        assert response.status_code == 403
        assert response.json()[0]["description"].startswith("api_key:")
    open311_client_revoke(client=world.client)
    response = client.post(f"{ROOT}/requests.xml", form(world))
    assert response.status_code == 403
    assert b"<errors><error><code>403</code>" in response.content
    assert counts() == before


def test_bad_bodies_are_400(client, world):
    for body, content_type in [
        ("[" * 100_000, "application/json"),
        ("{", "application/json"),
        ("[1, 2]", "application/json"),
        (json.dumps({"api_key": world.key, "description": {"nested": [1]}}), "application/json"),
        (b"\xff\xfe", "application/json"),
    ]:
        response = client.post(f"{ROOT}/requests.json", body, content_type)
        assert response.status_code == 400, (body[:20], response.content)
        assert response.json()[0]["code"] == 400


# --- servicerequestupdates -------------------------------------------------------------------


def update_form(world, **overrides):
    data = {
        "api_key": world.updater_key,
        "service_request_id": str(world.open_report.pk),
        "status": "IN_PROGRESS",
        "description": "Ein Trupp ist bestellt.",
        "updated_datetime": "2024-05-01T10:00:00+02:00",
        "update_id": "fms-77",
    }
    return {**data, **overrides}


def test_updates_post_changes_the_status_with_a_public_answer(client, world):
    response = client.post(f"{ROOT}/servicerequestupdates.json", update_form(world))
    assert response.status_code == 200, response.content
    (answer,) = response.json()
    update = ReportUpdate.objects.get(pk=int(answer["update_id"]))
    world.open_report.refresh_from_db()
    assert world.open_report.status == world.in_progress
    assert update.text == "Ein Trupp ist bestellt." and update.public
    response = client.post(
        f"{ROOT}/servicerequestupdates.json",
        update_form(world, status="FIXED", description="", update_id="fms-78"),
    )
    assert response.status_code == 200
    world.open_report.refresh_from_db()
    assert world.open_report.status == world.fixed and world.open_report.closed_at
    (item,) = client.get(f"{ROOT}/requests/{world.open_report.pk}.json").json()
    assert item["status"] == "closed"


def test_an_update_from_the_back_office_is_the_first_answer(client, world):
    assert world.open_report.first_answer_at is None
    response = client.post(f"{ROOT}/servicerequestupdates.json", update_form(world))
    assert response.status_code == 200, response.content
    world.open_report.refresh_from_db()
    assert world.open_report.first_answer_at is not None


def test_a_retried_update_is_stored_once_and_answers_the_same_id(client, world):
    first = client.post(f"{ROOT}/servicerequestupdates.json", update_form(world))
    stored = ReportUpdate.objects.filter(report=world.open_report).count()
    again = client.post(f"{ROOT}/servicerequestupdates.json", update_form(world))
    assert again.status_code == 200, again.content
    assert again.json() == first.json()
    assert ReportUpdate.objects.filter(report=world.open_report).count() == stored
    # Without an update_id nothing can be recognised: each post is a new update.
    for _ in range(2):
        client.post(f"{ROOT}/servicerequestupdates.json", update_form(world, update_id=""))
    assert ReportUpdate.objects.filter(report=world.open_report).count() == stored + 2


def test_an_update_id_sent_again_for_another_request_is_refused(client, world):
    client.post(f"{ROOT}/servicerequestupdates.json", update_form(world))
    before = counts()
    response = client.post(
        f"{ROOT}/servicerequestupdates.json",
        update_form(world, service_request_id=str(world.closed_report.pk)),
    )
    assert response.status_code == 400
    assert response.json()[0]["description"].startswith("update_id:")
    assert counts() == before


def test_updates_post_needs_a_client_that_may_update(client, world):
    before = counts()
    assert (
        client.post(
            f"{ROOT}/servicerequestupdates.json", update_form(world, api_key=world.key)
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"{ROOT}/servicerequestupdates.json", update_form(world, api_key="")
        ).status_code
        == 403
    )
    assert counts() == before


@pytest.mark.parametrize(
    ("overrides", "status", "parameter"),
    [
        ({"status": "MELTED"}, 400, "status"),
        ({"status": ""}, 400, "status"),
        ({"service_request_id": ""}, 400, "service_request_id"),
        ({"service_request_id": "999999999"}, 404, "service_request_id"),
        ({"service_request_id": "abc"}, 404, "service_request_id"),
        ({"updated_datetime": "yesterday"}, 400, "updated_datetime"),
        ({"description": "<script>x</script>"}, 400, "description"),
    ],
)
def test_bad_updates_name_the_parameter_and_change_nothing(
    client, world, overrides, status, parameter
):
    before = counts()
    response = client.post(f"{ROOT}/servicerequestupdates.json", update_form(world, **overrides))
    assert response.status_code == status, response.content
    assert response.json()[0]["description"].startswith(f"{parameter}:")
    assert counts() == before
    world.open_report.refresh_from_db()
    assert world.open_report.status.is_initial
