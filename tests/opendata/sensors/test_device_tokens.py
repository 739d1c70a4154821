"""Device tokens never expire silently: a rotation keeps the previous token working for an
overlap, and staff are mailed about devices gone quiet or still on an ending token."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from opendata.sensors import device_alerts
from opendata.sensors.ingestion.mqtt import BatchContext, Outcome, message_prepare
from opendata.sensors.models import Device, RawObservation
from opendata.sensors.tokens import (
    DEVICE_TOKENS,
    device_revoke,
    device_token_replace,
    device_token_rotate,
)
from tests.opendata.sensors.conftest import iso

pytestmark = pytest.mark.django_db


def _readings(station, minutes: int = 10) -> dict:
    """One reading `minutes` before now (the clock may have been moved by weeks)."""
    moment = timezone.now().replace(microsecond=0) - timedelta(minutes=minutes)
    return {
        "observations": [
            {"datastream": station.level.pk, "phenomenonTime": iso(moment), "result": 5}
        ]
    }


def _device(station) -> Device:
    return Device.objects.get(thing=station.thing)


def _days_from_now(days: float):
    return timezone.now() + timedelta(days=days)


# --- Rotation ---------------------------------------------------------------------------------


def test_after_a_rotation_both_tokens_work_until_the_overlap_ends(
    station, post, settings, time_machine
):
    settings.DEVICE_TOKEN_ROTATION_OVERLAP_DAYS = 30
    old = station.token
    new = device_token_rotate(device=_device(station)).secret
    assert new != old
    assert post(_readings(station, 10), new).status_code == 200
    assert post(_readings(station, 9), old).status_code == 200  # the field device, not yet
    device = _device(station)
    assert device.previous_token_last_used_at is not None
    assert device.previous_token_valid_until == pytest.approx(
        _days_from_now(30), abs=timedelta(minutes=1)
    )
    time_machine.move_to(_days_from_now(31))
    refused = post(_readings(station, 8), old)
    assert refused.status_code == 401
    assert "replaced" in refused.json()["detail"]
    assert post(_readings(station, 7), new).status_code == 200
    assert RawObservation.objects.filter(datastream=station.level).count() == 3


def test_the_previous_token_works_over_mqtt_on_its_own_topic(station):
    old = station.token
    device_token_rotate(device=_device(station))
    topic = f"lindenhafen/sensors/{DEVICE_TOKENS.prefix_of(old)}/observations"
    payload = json.dumps({"token": old, **_readings(station)}).encode()
    prepared = message_prepare(
        topic=topic, payload=payload, root="lindenhafen/sensors", context=BatchContext()
    )
    assert not isinstance(prepared, Outcome), prepared  # rows ready to be written


def test_a_second_rotation_ends_the_first_ones_token(station, post):
    first = station.token
    second = device_token_rotate(device=_device(station)).secret
    third = device_token_rotate(device=_device(station)).secret
    assert post(_readings(station, 10), first).status_code == 401
    assert post(_readings(station, 9), second).status_code == 200
    assert post(_readings(station, 8), third).status_code == 200


def test_replacing_and_revoking_end_every_token_at_once(station, post):
    old = station.token
    rotated = device_token_rotate(device=_device(station)).secret
    replaced = device_token_replace(device=_device(station)).secret
    assert post(_readings(station, 10), old).status_code == 401
    assert post(_readings(station, 9), rotated).status_code == 401
    assert post(_readings(station, 8), replaced).status_code == 200
    rotated_again = device_token_rotate(device=_device(station)).secret
    device_revoke(device=_device(station))
    for token in (replaced, rotated_again):
        response = post(_readings(station, 7), token)
        assert response.status_code == 401 and "revoked" in response.json()["detail"]


def test_rotating_a_revoked_device_gives_no_overlap(station, post):
    device_revoke(device=_device(station))
    new = device_token_rotate(device=_device(station)).secret
    assert post(_readings(station), station.token).status_code == 401
    assert post(_readings(station), new).status_code == 200


def _token_in(response) -> str:
    match = re.search(r'data-testid="device-token">(scd_[^<]+)<', response.content.decode())
    assert match, "the token is shown"
    return match.group(1)


def test_staff_rotate_in_the_admin(client, city_admin, station, post):
    client.force_login(city_admin)
    device = _device(station)
    listing = client.get("/admin/sensors_devices/").content.decode()
    assert f"/admin/sensors_devices/rotate/{device.pk}/" in listing
    confirm = client.get(f"/admin/sensors_devices/rotate/{device.pk}/")
    assert confirm.status_code == 200 and "30" in confirm.content.decode()
    response = client.post(f"/admin/sensors_devices/rotate/{device.pk}/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    new = _token_in(response)
    assert "previous token keeps working" in response.content.decode() or (
        "bisherige Token" in response.content.decode()
    )
    assert post(_readings(station, 10), new).status_code == 200
    assert post(_readings(station, 9), station.token).status_code == 200


def test_only_staff_with_the_device_permission_rotate(client, editor, station):
    client.force_login(editor)
    device = _device(station)
    assert client.post(f"/admin/sensors_devices/rotate/{device.pk}/").status_code in (302, 403)
    assert Device.objects.get(pk=device.pk).previous_token_prefix is None


# --- Staff alerts -----------------------------------------------------------------------------


@pytest.fixture
def quiet(station, settings):
    """The station's device last heard from 31 days ago."""
    settings.DEVICE_TOKEN_UNUSED_ALERT_DAYS = 30
    settings.PORTAL_STAFF_EMAIL = "sensors-staff@example.org"
    Device.objects.filter(pk=_device(station).pk).update(last_seen_at=_days_from_now(-31))
    return station


def _mails_about(device: Device) -> list:
    return [m for m in mail.outbox if device.name in m.subject]


def test_staff_hear_once_of_a_device_silent_for_30_days(quiet, post):
    device = _device(quiet)
    device_alerts.device_tokens_check()
    [alert] = _mails_about(device)
    assert alert.to == ["sensors-staff@example.org"]
    assert "30" in alert.subject and f"scd_{device.token_prefix}" in alert.body
    device_alerts.device_tokens_check()
    assert len(_mails_about(device)) == 1  # once
    # Heard from again, then silent again: a new alert.
    assert post(_readings(quiet), quiet.token).status_code == 200
    assert _device(quiet).unused_alerted_at is None
    Device.objects.filter(pk=device.pk).update(last_seen_at=_days_from_now(-40))
    device_alerts.device_tokens_check()
    assert len(_mails_about(device)) == 2


def test_a_device_never_heard_from_counts_from_its_creation(station, settings):
    settings.DEVICE_TOKEN_UNUSED_ALERT_DAYS = 30
    device = _device(station)
    device_alerts.device_tokens_check()
    assert not _mails_about(device)
    Device.objects.filter(pk=device.pk).update(created_at=_days_from_now(-31))
    device_alerts.device_tokens_check()
    assert len(_mails_about(device)) == 1


def test_revoked_devices_and_recent_ones_raise_no_alert(quiet, other_station):
    device_revoke(device=_device(quiet))
    device_alerts.device_tokens_check()
    assert not _mails_about(_device(quiet))
    assert not _mails_about(_device(other_station))


def test_the_tokens_keep_working_while_staff_are_alerted(quiet, post):
    device_alerts.device_tokens_check()
    assert post(_readings(quiet), quiet.token).status_code == 200  # never a silent expiry


def test_a_failed_alert_mail_is_retried(quiet, monkeypatch):
    def down(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr(device_alerts, "send_mail", down)
    device = _device(quiet)
    with pytest.raises(OSError):
        device_alerts.device_unused_notify(device_id=device.pk)
    assert _device(quiet).unused_alerted_at is None  # released for the retry
    monkeypatch.undo()
    assert device_alerts.device_unused_notify(device_id=device.pk) is True
    assert len(_mails_about(device)) == 1


def test_staff_hear_of_a_device_still_on_a_previous_token_that_ends_soon(
    station, post, settings, time_machine
):
    settings.DEVICE_TOKEN_ROTATION_OVERLAP_DAYS = 30
    settings.DEVICE_TOKEN_PREVIOUS_ALERT_DAYS = 7
    device_token_rotate(device=_device(station))
    time_machine.move_to(_days_from_now(25))
    assert post(_readings(station, 10), station.token).status_code == 200  # still the old one
    device_alerts.device_tokens_check()
    [alert] = _mails_about(_device(station))
    assert "previous" in alert.subject or "bisherige" in alert.subject
    device_alerts.device_tokens_check()
    assert len(_mails_about(_device(station))) == 1


def test_no_previous_token_alert_once_the_device_switched(station, post, settings, time_machine):
    settings.DEVICE_TOKEN_ROTATION_OVERLAP_DAYS = 30
    new = device_token_rotate(device=_device(station)).secret
    assert post(_readings(station, 10), station.token).status_code == 200
    time_machine.move_to(_days_from_now(25))
    assert post(_readings(station, 9), new).status_code == 200
    device_alerts.device_tokens_check()
    assert not _mails_about(_device(station))
