"""The "Sensors" admin: registry listings, and a device token shown once on creation."""

from __future__ import annotations

import hashlib
import re

import pytest

from opendata.sensors.models import Device, RawObservation
from tests.opendata.sensors.conftest import iso, recent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/sensors_things/",
        "/admin/sensors_datastreams/",
        "/admin/sensors_devices/",
        "/admin/sensors_locations/",
        "/admin/sensors_devices/new/",
        "/admin/sensors_datastreams/new/",
    ],
)
def test_registry_pages_render_for_staff(client, city_admin, url):
    client.force_login(city_admin)
    assert client.get(url).status_code == 200


def test_sensors_menu_is_in_the_admin(client, city_admin):
    client.force_login(city_admin)
    assert "Sensor" in client.get("/admin/").content.decode()


def test_citizens_cannot_reach_the_sensor_admin(client, citizen):
    client.force_login(citizen)
    response = client.get("/admin/sensors_devices/")
    assert response.status_code in (302, 403)


def _token_in(response) -> str:
    match = re.search(r'data-testid="device-token">(scd_[^<]+)<', response.content.decode())
    assert match, "the token is shown"
    return match.group(1)


def test_creating_a_device_shows_its_token_once_and_it_works(client, city_admin, station, post):
    client.force_login(city_admin)
    response = client.post(
        "/admin/sensors_devices/new/", {"name": "Second node", "thing": station.thing.pk}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = _token_in(response)
    device = Device.objects.get(name="Second node")
    assert device.token_hash == hashlib.sha256(token.encode()).hexdigest()
    # Never shown again: neither the listing nor the edit page carries it.
    assert token not in client.get("/admin/sensors_devices/").content.decode()
    assert token not in client.get(f"/admin/sensors_devices/edit/{device.pk}/").content.decode()
    body = {
        "observations": [
            {"datastream": station.level.pk, "phenomenonTime": iso(recent()), "result": 3}
        ]
    }
    assert post(body, token).status_code == 200
    assert RawObservation.objects.filter(device=device).count() == 1


def test_replacing_a_token_stops_the_old_one(client, city_admin, station, post):
    client.force_login(city_admin)
    device = Device.objects.get(thing=station.thing)
    assert client.get(f"/admin/sensors_devices/token/{device.pk}/").status_code == 200
    new_token = _token_in(client.post(f"/admin/sensors_devices/token/{device.pk}/"))
    body = {
        "observations": [
            {"datastream": station.level.pk, "phenomenonTime": iso(recent()), "result": 3}
        ]
    }
    assert post(body, station.token).status_code == 401
    assert post(body, new_token).status_code == 200


def test_revoking_in_the_admin_refuses_the_device(client, city_admin, station, post):
    client.force_login(city_admin)
    device = Device.objects.get(thing=station.thing)
    client.post(f"/admin/sensors_devices/revoke/{device.pk}/")
    body = {
        "observations": [
            {"datastream": station.level.pk, "phenomenonTime": iso(recent()), "result": 3}
        ]
    }
    assert post(body, station.token).status_code == 401


def test_ingestion_endpoint_is_in_the_openapi_schema(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/ingest/observations" in schema
