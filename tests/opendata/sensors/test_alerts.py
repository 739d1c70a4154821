"""Sensor alerts: thresholds with hysteresis, offline sensors, one staff mail each, the banner."""

from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from opendata.sensors import alerts
from opendata.sensors.models import Datastream, SensorAlert
from portal.core.models import Department
from tests.opendata.sensors.test_public_helpers import (
    LOCAL,
    publish,
    publish_series,
    raw_reading,
    stream_create,
    thing_create,
    window_start,
)

pytestmark = pytest.mark.django_db

THRESHOLD = SensorAlert.Kind.THRESHOLD
OFFLINE = SensorAlert.Kind.OFFLINE


@pytest.fixture
def department(demo_city):
    return Department.objects.create(
        slug="testpegel", name="Testamt Pegel", kind="administration", email="pegel@example.org"
    )


@pytest.fixture
def gauge(department):
    thing = thing_create("Testpegel Mühlenwehr", operator=department)
    return stream_create(
        thing,
        "Wasserstand Mühlenwehr",
        definition=LOCAL + "water-level",
        valid_min=0,
        valid_max=600,
        warning_threshold=200,
    )


@pytest.fixture
def bin_level(department):
    thing = thing_create("Testbehälter Markt", operator=department)
    return stream_create(
        thing,
        "Füllstand Markt",
        definition=LOCAL + "fill-level",
        unit_name="percent",
        unit_symbol="%",
        warning_threshold=85,
    )


@pytest.fixture
def evaluate(django_capture_on_commit_callbacks):
    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return alerts.alerts_evaluate(**kwargs)

    return run


def mails_for(stream: Datastream) -> list:
    return [message for message in mail.outbox if stream.name in message.subject]


def open_alert(stream: Datastream, kind: str) -> SensorAlert | None:
    return SensorAlert.objects.filter(datastream=stream, kind=kind, ended_at__isnull=True).first()


def test_threshold_opens_notifies_once_and_closes_below_the_hysteresis(bin_level, evaluate):
    raw_reading(bin_level, 84.0, minutes_ago=3)
    evaluate()
    assert open_alert(bin_level, THRESHOLD) is None
    raw_reading(bin_level, 86.0, minutes_ago=2)
    evaluate()
    alert = open_alert(bin_level, THRESHOLD)
    assert alert is not None and alert.value == 86.0 and alert.notified_at is not None
    [message] = mails_for(bin_level)
    assert message.to == ["pegel@example.org"]
    assert "86 %" in message.body and "85 %" in message.body
    raw_reading(bin_level, 90.0, minutes_ago=1.5)
    evaluate()
    assert len(mails_for(bin_level)) == 1  # once per alert, not per reading
    assert open_alert(bin_level, THRESHOLD).value == 90.0
    raw_reading(bin_level, 82.0, minutes_ago=1)  # under 85, not under 85 - 4.25
    evaluate()
    assert open_alert(bin_level, THRESHOLD) is not None
    raw_reading(bin_level, 80.0, minutes_ago=0.5)
    result = evaluate()
    assert result.closed >= 1
    assert open_alert(bin_level, THRESHOLD) is None
    assert SensorAlert.objects.get(pk=alert.pk).ended_at is not None
    raw_reading(bin_level, 88.0, minutes_ago=0.1)
    evaluate()
    assert SensorAlert.objects.filter(datastream=bin_level, kind=THRESHOLD).count() == 2
    assert len(mails_for(bin_level)) == 2


def test_person_derived_thresholds_use_published_values_not_raw_readings(department, evaluate):
    stream = stream_create(
        thing_create("Testzähler Tor", operator=department),
        "Fußgänger Tor",
        definition=LOCAL + "pedestrians-x",
        privacy_class=Datastream.PrivacyClass.PERSON_DERIVED,
        observation_type=Datastream.ObservationType.COUNT,
        warning_threshold=500,
    )
    raw_reading(stream, 900.0)
    evaluate()
    assert open_alert(stream, THRESHOLD) is None
    publish_series(stream, [520.0])
    evaluate()
    assert open_alert(stream, THRESHOLD).value == 520.0


def test_offline_opens_once_and_closes_with_the_next_reading(bin_level, evaluate):
    bin_level.offline_after_minutes = 30
    bin_level.save()
    raw_reading(bin_level, 10.0, minutes_ago=20)
    evaluate()
    assert open_alert(bin_level, OFFLINE) is None
    evaluate(now=timezone.now() + timedelta(minutes=15))
    alert = open_alert(bin_level, OFFLINE)
    assert alert is not None
    evaluate(now=timezone.now() + timedelta(minutes=20))
    assert len(mails_for(bin_level)) == 1
    assert "has sent no reading for 30 minutes" in mails_for(bin_level)[0].body or (
        "30 Minuten" in mails_for(bin_level)[0].body
    )
    raw_reading(bin_level, 11.0, minutes_ago=0)
    evaluate()
    assert open_alert(bin_level, OFFLINE) is None


def test_a_stream_that_never_sent_is_offline_after_its_period(department, evaluate):
    stream = stream_create(
        thing_create("Stummer Pegel", operator=department),
        "Stumm",
        definition=LOCAL + "water-level",
        offline_after_minutes=5,
    )
    evaluate()
    assert open_alert(stream, OFFLINE) is None
    evaluate(now=timezone.now() + timedelta(minutes=6))
    assert open_alert(stream, OFFLINE) is not None


def test_a_failing_mail_server_keeps_the_alert_pending_and_a_later_sweep_sends_it(
    bin_level, evaluate, monkeypatch
):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("mail server away")

    monkeypatch.setattr(alerts, "send_mail", refuse)
    raw_reading(bin_level, 95.0)
    evaluate()  # the eager task retries, gives up; enqueue logs it
    alert = open_alert(bin_level, THRESHOLD)
    assert alert is not None and alert.notified_at is None
    assert mails_for(bin_level) == []
    monkeypatch.undo()
    later = timezone.now() + timedelta(minutes=3)
    evaluate(now=later)
    alert.refresh_from_db()
    assert alert.notified_at is not None
    assert len(mails_for(bin_level)) == 1
    evaluate(now=later + timedelta(minutes=3))
    assert len(mails_for(bin_level)) == 1


def test_notify_is_idempotent(bin_level, evaluate):
    raw_reading(bin_level, 95.0)
    evaluate()
    alert = open_alert(bin_level, THRESHOLD)
    assert alerts.alert_notify(alert_id=alert.pk) is False
    assert len(mails_for(bin_level)) == 1


def test_thing_without_operator_mails_the_portal_staff(settings, demo_city, evaluate):
    stream = stream_create(
        thing_create("Herrenloser Behälter"),
        "Füllstand herrenlos",
        definition=LOCAL + "fill-level",
        warning_threshold=50,
    )
    raw_reading(stream, 60.0)
    evaluate()
    assert mails_for(stream)[0].to == [settings.PORTAL_STAFF_EMAIL]


@pytest.mark.parametrize("language", ["de", "en"])
def test_banner_appears_on_every_page_while_a_water_level_is_over_its_threshold(
    client, gauge, bin_level, evaluate, language
):
    home = "/en/" if language == "en" else "/"
    with translation.override(language):
        sensors = reverse("sensors-map")
    raw_reading(gauge, 150.0, minutes_ago=2)
    evaluate()
    assert (
        'class="alert-banner alert-danger sensor-warning"' not in client.get(home).content.decode()
    )
    raw_reading(gauge, 212.5, minutes_ago=1)
    raw_reading(bin_level, 99.0)
    evaluate()
    for path in (home, sensors):
        html = client.get(path, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        start = html.index('class="alert-banner alert-danger sensor-warning" role="alert"')
        banner = html[start : html.index("</div>", html.index("</div>", start) + 1)]
        assert "Testpegel Mühlenwehr" in banner
        assert "212" not in banner  # raw readings never reach a page: no window is out yet
        assert "200 cm" in banner
        assert "<time datetime=" in banner
        with translation.override(language):
            assert reverse("sensors-datastream", args=[gauge.pk]) in banner
        if language == "en":
            assert "Flood warning" in banner
        assert "Testbehälter Markt" not in banner  # full bins go to staff only
    publish(gauge, window_start(15), {"": 207.5})  # the window over the threshold is out
    alerts.cache_clear()
    html = client.get(home, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert ("207,5 cm" if language == "de" else "207.5 cm") in html
    raw_reading(gauge, 185.0, minutes_ago=0.5)  # under 200, but within the hysteresis
    evaluate()
    assert "Testpegel Mühlenwehr" in client.get(home).content.decode()
    raw_reading(gauge, 150.0, minutes_ago=0.1)
    evaluate()
    html = client.get(home).content.decode()
    assert "sensor-warning" not in html
