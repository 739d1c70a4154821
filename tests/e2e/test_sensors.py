"""Sensor pages in a browser: map and table, a datastream's chart and table, the flood banner."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.e2e.axe import violations as _violations

pytestmark = pytest.mark.browser

LANGUAGES = ["de", "en"]
E2E_PROPERTY = "https://lindenhafen.example/def/e2e/water-level"


def path(route: str, language: str = "de", *args) -> str:
    with translation.override(language):
        return reverse(route, args=args or None)


@pytest.fixture
def gauge(site, django_db_blocker):
    """A public gauge of its own with a day of published values (committed, then deleted)."""
    from opendata.sensors.models import ObservedProperty, Sensor, SensorAlert
    from tests.opendata.sensors.test_public_helpers import (
        publish_series,
        stream_create,
        thing_create,
    )

    with django_db_blocker.unblock():
        last_alert = SensorAlert.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        thing = thing_create("E2E-Pegel Schleuse", lon=8.6, lat=50.96)
        stream = stream_create(
            thing,
            "Wasserstand E2E-Pegel Schleuse",
            definition=E2E_PROPERTY,
            property_name="E2E-Wasserstand",
            valid_min=0,
            valid_max=600,
            warning_threshold=250,
        )
        publish_series(stream, [120.0 + (index % 7) * 2.5 for index in range(60)])
    try:
        yield stream
    finally:
        with django_db_blocker.unblock():
            from django.core.cache import cache

            SensorAlert.objects.filter(pk__gt=last_alert).delete()
            locations = list(thing.locations.all())
            thing.delete()
            for location in locations:
                location.delete()
            ObservedProperty.objects.filter(definition=E2E_PROPERTY).delete()
            Sensor.objects.filter(name=f"{stream.name} sensor").delete()
            cache.clear()


@pytest.mark.parametrize("language", LANGUAGES)
def test_sensor_map_shows_the_table_and_a_marker_per_located_thing(site, page, gauge, language):
    page.goto(site.url + path("sensors-map", language))
    assert page.locator("html").get_attribute("lang") == language
    table = page.locator("#sensor-table")
    assert table.is_visible()
    row = page.locator("#sensor-table tbody", has_text="E2E-Pegel Schleuse")
    assert row.locator("a").inner_text() == "E2E-Wasserstand"
    assert ("127,5 cm" if language == "de" else "127.5 cm") in row.inner_text()
    page.wait_for_selector("#sensor-map[data-loaded]")
    markers = page.locator("#sensor-map .leaflet-marker-icon")
    assert markers.count() == int(page.locator("#sensor-map").get_attribute("data-loaded")) > 0
    assert _violations(page) == []


def test_map_markers_work_by_keyboard(site, page, gauge):
    page.goto(site.url + path("sensors-map"))
    page.wait_for_selector("#sensor-map[data-loaded]")
    marker = page.locator('#sensor-map .leaflet-marker-icon[alt="E2E-Pegel Schleuse"]')
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.alt === 'E2E-Pegel Schleuse'"):
            break
    else:
        pytest.fail("the gauge's marker cannot be reached by Tab")
    assert marker.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "E2E-Pegel Schleuse" in popup.inner_text()
    popup.locator("a", has_text="E2E-Wasserstand").click()
    page.wait_for_url(re.compile(rf"/{gauge.pk}/$"))
    assert page.locator("h1").inner_text() == gauge.name


@pytest.mark.parametrize("language", LANGUAGES)
def test_datastream_page_has_a_chart_a_paged_table_and_a_period_choice(site, page, gauge, language):
    page.goto(site.url + path("sensors-datastream", language, gauge.pk))
    assert page.locator("figure.chart svg[role=img]").is_visible()
    assert page.locator("#values tbody tr").count() == 50
    assert _violations(page) == []
    page.locator('nav a[rel="next"]').click()
    page.wait_for_url(re.compile(r"page=2"))
    assert page.locator("#values tbody tr").count() == 10
    page.locator("#period").select_option("7d")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"period=7d"))
    assert page.locator("#period").input_value() == "7d"
    with page.expect_download() as info:
        page.locator(f'a[href*="{gauge.pk}/download.csv?period=7d"]').click()
    with open(info.value.path(), encoding="utf-8-sig") as handle:
        lines = handle.read().splitlines()
    assert lines[0].startswith("datastream_id,phenomenon_time_start")
    assert len(lines) == 61


@pytest.mark.parametrize("language", LANGUAGES)
def test_warning_banner_while_a_water_level_is_over_its_threshold(
    site, page, gauge, django_db_blocker, language
):
    from opendata.sensors.alerts import alerts_evaluate
    from tests.opendata.sensors.test_public_helpers import raw_reading

    with django_db_blocker.unblock():
        raw_reading(gauge, 263.5, minutes_ago=1)
        alerts_evaluate()
    page.goto(site.url + path("sensors-map", language))
    banner = page.locator(".sensor-warning[role=alert]")
    assert banner.is_visible()
    text = banner.inner_text()
    assert "E2E-Pegel Schleuse" in text
    assert "263" not in text  # the raw reading is not shown; no published window is over
    assert "250 cm" in text
    assert _violations(page) == []
    page.goto(site.url + ("/en/" if language == "en" else "/"))
    assert page.locator(".sensor-warning[role=alert]").is_visible()
    assert _violations(page) == []
    banner_link = page.locator(".sensor-warning a", has_text="E2E-Pegel Schleuse")
    banner_link.click()
    page.wait_for_url(re.compile(rf"/{gauge.pk}/$"))
    with django_db_blocker.unblock():
        raw_reading(gauge, 140.0, minutes_ago=0.5)
        alerts_evaluate()
    page.reload()
    assert page.locator(".sensor-warning").count() == 0
