"""The simulator: daily patterns, determinism, valid readings, the back-fill and the command."""

from __future__ import annotations

import io
import itertools
import re
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from opendata.sensors import simulation
from opendata.sensors.demo import LOCAL_DEF, THINGS
from opendata.sensors.ingestion import parse as ingest
from opendata.sensors.models import Datastream, RawObservation
from opendata.sensors.pseudonyms import day_key, pseudonymise
from opendata.sensors.simulation import Simulator, backfill, readings_backfill, sun_is_down
from tests.opendata.sensors.conftest import _stream

pytestmark = pytest.mark.django_db

QUARTER = timedelta(minutes=15)
# A Tuesday and a Saturday in June (local time is UTC+2).
TUESDAY = datetime(2026, 6, 9, tzinfo=UTC)
SATURDAY = datetime(2026, 6, 13, tzinfo=UTC)
LOCAL_MAC = re.compile(r"^[0-9A-F][26AE](:[0-9A-F]{2}){5}$")


def demo_stream(definition_end: str, thing_part: str = "") -> Datastream:
    return (
        Datastream.objects.select_related("observed_property")
        .filter(
            observed_property__definition__endswith=definition_end,
            thing__name__contains=thing_part,
        )
        .order_by("pk")
        .first()
    )


def value(stream: Datastream, at: datetime, *, seed: int = 0, **options) -> float:
    (reading,) = Simulator(seed=seed, **options).readings(stream, at=at, interval=QUARTER)
    return reading.result


def local(day: datetime, hour: float) -> datetime:
    return day + timedelta(hours=hour - 2)


def daily_mean(stream: Datastream, day: datetime, hours: range) -> float:
    return sum(value(stream, local(day, hour)) for hour in hours) / len(hours)


def test_same_seed_same_readings_other_seed_other_readings(demo_city):
    stream = demo_stream("wifi-device-presence")
    at = local(TUESDAY, 12)
    first = Simulator(seed=3).readings(stream, at=at, interval=QUARTER)
    again = Simulator(seed=3).readings(stream, at=at, interval=QUARTER)
    other = Simulator(seed=4).readings(stream, at=at, interval=QUARTER)
    assert first == again
    assert {reading.subject for reading in first} != {reading.subject for reading in other}


def test_parking_fills_towards_midday_and_empties_at_night(demo_city):
    garage = demo_stream("free-parking-spaces")
    assert value(garage, local(TUESDAY, 11)) < 0.5 * value(garage, local(TUESDAY, 3))
    street = demo_stream("occupied-parking-spaces")
    assert value(street, local(SATURDAY, 13.5)) > value(street, local(SATURDAY, 16 + 6))


def test_bicycles_and_pedestrians_peak_at_the_commutes(demo_city):
    bikes = demo_stream("bicycle-count")
    morning = daily_mean(bikes, TUESDAY, range(7, 9))
    night = daily_mean(bikes, TUESDAY, range(1, 4))
    assert morning > 10 * max(night, 1)
    people = demo_stream("pedestrian-count")
    assert daily_mean(people, TUESDAY, range(17, 18)) > 5 * max(
        daily_mean(people, TUESDAY, range(2, 4)), 1
    )


def test_no2_peaks_in_the_rush_hour(demo_city):
    no2 = demo_stream("pollutant/8")
    assert daily_mean(no2, TUESDAY, range(7, 10)) > 1.5 * daily_mean(no2, TUESDAY, range(2, 5))


def test_lamps_are_lit_at_night_only_and_use_energy_then(demo_city):
    assert sun_is_down(local(TUESDAY, 0)) and not sun_is_down(local(TUESDAY, 13))
    lamp = demo_stream("lamp-status")
    energy = demo_stream("lamp-energy", thing_part=lamp.thing.name)
    assert value(lamp, local(TUESDAY, 13)) == 0
    assert value(energy, local(TUESDAY, 13)) == 0
    nights_lit = [value(lamp, local(TUESDAY + timedelta(days=d), 1)) for d in range(20)]
    assert sum(nights_lit) >= 18  # a rare fault may keep one dark
    assert value(energy, local(TUESDAY, 22.5)) == pytest.approx(38 * 0.25, abs=0.01)


def test_bins_fill_up_and_are_emptied(demo_city):
    bin_stream = demo_stream("fill-level")
    levels = [value(bin_stream, TUESDAY + QUARTER * step) for step in range(4 * 24 * 8)]
    drops = [b - a for a, b in itertools.pairwise(levels) if b - a < -30]
    assert 2 <= len(drops) <= 4  # emptied every two to four days
    assert max(levels) > 60


def test_water_levels_cross_the_warning_level_at_the_configured_rate(demo_city):
    gauge = demo_stream("water-level")
    warning = gauge.warning_threshold
    hours = [TUESDAY + timedelta(hours=h) for h in range(24 * 30)]

    def days_over(percent: float) -> int:
        simulator = Simulator(flood_percent=percent)
        over = {
            at.date()
            for at in hours
            if simulator.readings(gauge, at=at, interval=QUARTER)[0].result >= warning
        }
        return len(over)

    assert days_over(0) == 0
    assert 3 <= days_over(25) <= 15
    assert days_over(100) >= 25


def test_wifi_counters_report_one_reading_per_fake_mac(demo_city):
    stream = demo_stream("wifi-device-presence")
    at = local(TUESDAY, 12.5)
    readings = Simulator().readings(stream, at=at, interval=QUARTER)
    assert len(readings) >= 10
    assert all(reading.result == 1 for reading in readings)
    assert all(LOCAL_MAC.match(reading.subject) for reading in readings)
    assert len({reading.subject for reading in readings}) == len(readings)
    assert all(at - QUARTER < reading.phenomenon_time <= at for reading in readings)
    night = Simulator().readings(stream, at=local(TUESDAY, 3.5), interval=QUARTER)
    assert len(night) < len(readings) / 4


def test_unknown_streams_get_a_fallback_and_meters_report_per_flat(station):
    meters = _stream(
        station.thing,
        "District heating",
        unit_name="kilowatt hour",
        unit_symbol="kWh",
        valid_min=0,
        valid_max=100,
        privacy_class=Datastream.PrivacyClass.PERSON_DERIVED,
    )
    readings = Simulator().readings(meters, at=local(TUESDAY, 19), interval=QUARTER)
    assert len({reading.subject for reading in readings}) == simulation.METERED_FLATS
    assert all(0 < reading.result < 5 for reading in readings)
    for stream in (station.level, station.lamp):
        results = [value(stream, TUESDAY + timedelta(hours=h)) for h in range(24)]
        assert all(stream.valid_min is None or r >= stream.valid_min for r in results)
        assert all(stream.valid_max is None or r <= stream.valid_max for r in results)
        assert len(set(results)) > 1


def test_every_simulated_reading_of_the_demo_passes_validation(demo_city):
    streams = {
        stream.pk: stream
        for stream in Datastream.objects.filter(
            thing__name__in=[spec.name for spec in THINGS]
        ).select_related("observed_property")
    }
    now = timezone.now().replace(microsecond=0)
    simulator = Simulator(flood_percent=50)
    body = {
        "observations": [
            reading.as_json()
            for stream in streams.values()
            for step in range(0, 96, 3)
            for reading in simulator.readings(stream, at=now - QUARTER * step, interval=QUARTER)
        ]
    }
    items = ingest.items_from_body(body)
    readings, errors = ingest.items_validate(
        items, datastreams=streams, now=now, oldest=now - timedelta(days=2)
    )
    assert errors == []
    assert len(readings) == len(items) > len(streams) * 32


def test_the_session_seed_back_filled_the_demo_sensors(demo_city):
    for spec in THINGS:
        assert RawObservation.objects.filter(datastream__thing__name=spec.name).exists(), spec.name
    wifi = demo_stream("wifi-device-presence")
    assert RawObservation.objects.filter(datastream=wifi).exclude(subject_pseudonym="").exists()


def test_back_fill_is_idempotent_and_uses_throwaway_keys_for_past_days(station):
    wifi = station.counter.observed_property
    wifi.definition = LOCAL_DEF + "wifi-device-presence"
    wifi.save()
    now = timezone.now()
    streams = [station.level, station.counter, station.lamp]
    started = time.perf_counter()
    first = readings_backfill(streams=streams, now=now, days=3, publish=False)
    elapsed = time.perf_counter() - started
    assert first.rows > 3 * 96 * 2
    assert elapsed < 20
    again = readings_backfill(streams=streams, now=now, days=3, publish=False)
    assert again.rows == 0
    stored = RawObservation.objects.filter(datastream=station.counter)
    assert stored.count() > 0
    assert all(len(row.subject_pseudonym) == 16 for row in stored)

    # The pseudonyms of past days are not those today's key would give: the day's key was
    # a throwaway one, and it is gone.
    simulator = Simulator()
    yesterday = now - timedelta(days=1, hours=2)
    at = backfill._floor(yesterday, backfill.BACKFILL_STEP)
    subjects = [
        reading.subject
        for step in range(8)
        for reading in simulator.readings(station.counter, at=at - QUARTER * step, interval=QUARTER)
    ]
    assert subjects
    todays = {pseudonymise(subject, key=day_key()) for subject in subjects}
    today_start = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    stored_before_today = set(
        stored.filter(phenomenon_time__lt=today_start).values_list("subject_pseudonym", flat=True)
    )
    assert stored_before_today and not (todays & stored_before_today)


def test_back_fill_publishes_when_publication_exists(station):
    report = readings_backfill(streams=[station.level], now=timezone.now(), days=1)
    try:
        from opendata.sensors.publication import publish_due  # noqa: F401
    except ImportError:
        assert report.releases is None
    else:
        assert report.releases is not None and report.releases > 0


def test_simulate_command_sends_through_the_http_endpoint(demo_city, client, monkeypatch, settings):
    """One tick of the command, with its HTTP sender posting through the test client."""
    from opendata.sensors.management.commands import simulate_sensors

    settings.DEBUG = True
    answers = []

    def send(self, simulated, body):
        response = client.post(
            simulate_sensors.INGEST_PATH,
            data=body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {simulated.token}",
        )
        answers.append(response.status_code)
        return str(response.status_code)

    monkeypatch.setattr(simulate_sensors.HttpSender, "send", send)
    before = RawObservation.objects.count()
    out = io.StringIO()
    call_command("simulate_sensors", "--once", "--interval", "900", stdout=out)
    assert answers and set(answers) == {200}
    assert len(answers) >= len(THINGS) - 2  # a WiFi counter may hear nobody at night
    assert RawObservation.objects.count() > before + len(THINGS)
    assert "readings" in out.getvalue()


def test_simulate_command_refuses_outside_debug_without_consent(demo_city, settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="replace-tokens"):
        call_command("simulate_sensors", "--once", stdout=io.StringIO())
