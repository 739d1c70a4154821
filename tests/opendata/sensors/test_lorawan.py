"""The Things Stack v3 webhook: recorded uplinks (re-timed to now), scopes, unknown devices."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from opendata.sensors.models import RawObservation
from opendata.sensors.tokens import device_revoke
from portal.accounts.models import ApiToken
from portal.accounts.tokens import API_TOKENS, api_token_create, api_token_revoke
from portal.core.bearer_tokens import token_hash

pytestmark = pytest.mark.django_db

URL = "/api/v1/ingest/lorawan/tts"
FIXTURES = Path(__file__).parent / "fixtures"
TIMESTAMP = re.compile(r'"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z"')


def recorded(name: str, *, latest: datetime | None = None) -> dict:
    """A recorded TTS message with every timestamp shifted so that the latest lies at
    `latest` (default: two minutes ago); fractions (nanoseconds) are kept as recorded."""
    text = (FIXTURES / name).read_text()
    moments = [datetime.fromisoformat(m.group(1) + "+00:00") for m in TIMESTAMP.finditer(text)]
    target = latest or datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=2)
    shift = target - max(moments)

    def retime(match: re.Match) -> str:
        moment = datetime.fromisoformat(match.group(1) + "+00:00") + shift
        return f'"{moment.strftime("%Y-%m-%dT%H:%M:%S")}{match.group(2) or ""}Z"'

    return json.loads(TIMESTAMP.sub(retime, text))


def lorawan_token(user) -> str:
    """An API token with the scope sensors:lorawan (created as the admin would)."""
    prefix, raw = API_TOKENS.mint()
    ApiToken.objects.create(
        user=user,
        name="The Things Stack webhook",
        prefix=prefix,
        secret_hash=token_hash(raw),
        scopes=[ApiToken.Scope.SENSORS_LORAWAN],
    )
    return raw


@pytest.fixture
def gauge(station):
    """The test station as the LoRaWAN gauge of the recorded uplinks."""
    device = station.thing.devices.get()
    device.dev_eui = "70B3D57ED0061A2F"
    device.payload_fields = {"level_cm": station.level.pk}
    device.save()
    return station


@pytest.fixture
def lamp(other_station):
    device = other_station.thing.devices.get()
    device.dev_eui = "70B3D57ED005E3C1"
    device.payload_fields = {"lamp.on": other_station.lamp.pk, "energy_wh": other_station.level.pk}
    device.save()
    return other_station


@pytest.fixture
def webhook(client, city_admin):
    token = lorawan_token(city_admin)

    def send(message, *, bearer: str | None = token, raw: bytes | None = None):
        headers = {"HTTP_ACCEPT_LANGUAGE": "en"}
        if bearer:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {bearer}"
        data = raw if raw is not None else json.dumps(message)
        return client.post(URL, data=data, content_type="application/json", **headers)

    send.token = token
    return send


def test_uplink_is_stored_at_the_earliest_gateway_time(gauge, webhook):
    message = recorded("tts_uplink_water_gauge.json")
    response = webhook(message)
    assert response.status_code == 200, response.content
    assert response.json() == {
        "received": 1,
        "accepted": 1,
        "duplicates": 0,
        "rejected": 0,
        "errors": [],
    }
    stored = RawObservation.objects.get(datastream=gauge.level)
    assert stored.result == 190.0
    times = [entry["time"] for entry in message["uplink_message"]["rx_metadata"]]
    assert stored.phenomenon_time == min(datetime.fromisoformat(t) for t in times)
    assert stored.device == gauge.thing.devices.get()


def test_a_redelivered_uplink_is_a_duplicate(gauge, webhook):
    message = recorded("tts_uplink_water_gauge.json")
    webhook(message)
    again = webhook(message)
    assert again.status_code == 200
    assert again.json()["accepted"] == 0
    assert again.json()["duplicates"] == 1
    assert RawObservation.objects.filter(datastream=gauge.level).count() == 1


def test_nested_fields_and_network_server_time_without_gateway_time(lamp, webhook):
    message = recorded("tts_uplink_street_lamp.json")
    response = webhook(message)
    assert response.status_code == 200, response.content
    assert response.json()["accepted"] == 2
    on = RawObservation.objects.get(datastream=lamp.lamp)
    assert on.result == 1.0
    assert on.phenomenon_time == datetime.fromisoformat(
        message["uplink_message"]["received_at"][:26] + "+00:00"
    )
    assert RawObservation.objects.get(datastream=lamp.level).result == 23.0


def test_out_of_range_value_names_the_payload_field(gauge, webhook):
    message = recorded("tts_uplink_water_gauge.json")
    message["uplink_message"]["decoded_payload"]["level_cm"] = 9000
    response = webhook(message)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [error["field"] for error in errors] == ["uplink_message.decoded_payload.level_cm"]
    assert "9000" not in errors[0]["message"]
    assert not RawObservation.objects.filter(datastream=gauge.level).exists()


def test_stale_uplink_names_the_time_field(gauge, webhook):
    message = recorded("tts_uplink_water_gauge.json", latest=datetime.now(UTC) + timedelta(hours=1))
    response = webhook(message)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "uplink_message.rx_metadata[1].time"


def test_unknown_dev_eui_is_422_naming_the_field(station, webhook):
    response = webhook(recorded("tts_uplink_water_gauge.json"))
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "end_device_ids.dev_eui", "message": "No device with this DevEUI."}
    ]


def test_missing_dev_eui_and_revoked_device_are_refused(gauge, webhook):
    message = recorded("tts_uplink_water_gauge.json")
    del message["end_device_ids"]["dev_eui"]
    response = webhook(message)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "end_device_ids.dev_eui"
    device_revoke(device=gauge.thing.devices.get())
    response = webhook(recorded("tts_uplink_water_gauge.json"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["message"] == "The device has been revoked."


def test_uplink_without_decoded_payload_is_refused(gauge, webhook):
    message = recorded("tts_uplink_water_gauge.json")
    del message["uplink_message"]["decoded_payload"]
    response = webhook(message)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "uplink_message.decoded_payload"


def test_uplink_without_mapped_fields_stores_nothing_and_succeeds(gauge, webhook):
    message = recorded("tts_uplink_water_gauge.json")
    message["uplink_message"]["decoded_payload"] = {"battery_v": 3.5}
    response = webhook(message)
    assert response.status_code == 200
    assert response.json()["received"] == 0
    assert not RawObservation.objects.filter(datastream=gauge.level).exists()


@pytest.mark.parametrize(
    ("name", "kind"),
    [("tts_join_accept.json", "join_accept"), ("tts_downlink_ack.json", "downlink_ack")],
)
def test_other_message_types_are_acknowledged_and_ignored(gauge, webhook, name, kind):
    before = RawObservation.objects.count()
    response = webhook(recorded(name))
    assert response.status_code == 200
    assert response.json()["ignored"] == kind
    assert response.json()["received"] == 0
    assert RawObservation.objects.count() == before


def test_unreadable_bodies_are_400(gauge, webhook):
    assert webhook(None, raw=b"{not json").status_code == 400
    response = webhook({"end_device_ids": {"dev_eui": "70B3D57ED0061A2F"}})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "uplink_message"


def test_tokens_and_scope(gauge, webhook, city_admin):
    message = recorded("tts_uplink_water_gauge.json")
    assert webhook(message, bearer=None).status_code == 401
    assert webhook(message, bearer="sct_000000000000_wrong").status_code == 401
    assert webhook(message, bearer=gauge.token).status_code == 401  # a device token
    other_scope = api_token_create(user=city_admin, name="catalogue", scopes=["catalogue:write"])
    response = webhook(message, bearer=other_scope.secret)
    assert response.status_code == 403
    assert "sensors:lorawan" in response.json()["detail"]
    api_token_revoke(token=ApiToken.objects.get(prefix=API_TOKENS.prefix_of(webhook.token)))
    assert webhook(message).status_code == 401
    assert not RawObservation.objects.filter(datastream=gauge.level).exists()
