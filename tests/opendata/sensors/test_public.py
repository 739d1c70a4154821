"""Public sensor pages: map, datastream pages, downloads and home tiles show published data only."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from opendata.sensors import air_quality, selectors
from opendata.sensors.models import Datastream, RawObservation
from tests.opendata.sensors.conftest import CANARY, iso, recent, station_create
from tests.opendata.sensors.test_public_helpers import (
    EEA,
    LOCAL,
    publish,
    publish_series,
    stream_create,
    thing_create,
    window_start,
)

pytestmark = pytest.mark.django_db

PERSON = Datastream.PrivacyClass.PERSON_DERIVED
CRITICAL = Datastream.PrivacyClass.CRITICAL_INTERNAL


def url(name: str, language: str = "de", *args) -> str:
    with translation.override(language):
        return reverse(name, args=args or None)


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.fixture
def gauge(demo_city):
    thing = thing_create("Testpegel Auenbrücke")
    stream = stream_create(
        thing,
        "Wasserstand Auenbrücke",
        definition=LOCAL + "water-level-test",
        property_name="Testwasserstand",
        valid_min=0,
        valid_max=600,
        warning_threshold=180,
    )
    publish_series(stream, [101.25, 102.5, 103.75, 141.5])
    return stream


@pytest.fixture
def counter(demo_city):
    """A person-derived stream with one suppressed and one noisy window."""
    thing = thing_create("Testzähler Brunnenplatz", lon=8.62)
    stream = stream_create(
        thing,
        "Fußgänger Brunnenplatz",
        definition=LOCAL + "pedestrians-test",
        property_name="Testfußgänger",
        unit_name="count",
        unit_symbol="",
        observation_type=Datastream.ObservationType.COUNT,
        privacy_class=PERSON,
        noise_epsilon_per_day=1.0,
    )
    publish(stream, window_start(60), {"": 57.0}, epsilon=0.25)
    publish(stream, window_start(45), {"": None})
    publish(stream, window_start(30), {"": 64.0}, epsilon=0.25)
    return stream


@pytest.fixture
def internal(demo_city):
    thing = thing_create("Testdruck Hochbehälter Süd", lon=8.63)
    stream = stream_create(
        thing,
        "Netzdruck Hochbehälter Süd",
        definition=LOCAL + "pressure-test",
        unit_name="bar",
        unit_symbol="bar",
        privacy_class=CRITICAL,
    )
    publish_series(stream, [777.125, 777.125])
    return stream


# --- sensor map -----------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "en"])
def test_map_lists_things_with_their_latest_published_value(client, gauge, counter, language):
    response = client.get(url("sensors-map", language), HTTP_ACCEPT_LANGUAGE=language)
    html = body(response)
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert "Testpegel Auenbrücke" in html
    assert "141,5 cm" in html if language == "de" else "141.5 cm" in html
    assert "102" not in html  # older windows are not current values
    assert "64" in html
    assert reverse("sensors-datastream", args=[gauge.pk]) in html
    assert 'id="sensor-map"' in html and "hidden" in html  # the map waits for JavaScript
    heading = "Sensor map" if language == "en" else "Sensor"
    assert heading in html
    menu_entry = "Sensor data" if language == "en" else "Sensordaten"
    assert f'aria-current="page">{menu_entry}</a>' in html  # the main navigation leads here


def test_map_filters_by_observed_property(client, gauge, counter):
    response = client.get(
        url("sensors-map", "en"),
        {"property": counter.observed_property_id},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    html = body(response)
    assert "Testzähler Brunnenplatz" in html
    assert "Testpegel Auenbrücke" not in html
    bad = client.get(url("sensors-map", "en"), {"property": "999999"}, HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 200
    assert "Choose a property from the list." in body(bad)
    assert 'id="error-summary"' in body(bad)


def test_map_geojson_has_the_same_things_and_values(client, gauge, counter):
    with translation.override("en"):
        response = client.get(url("sensors-map-geojson", "en"), HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Type"].startswith("application/geo+json")
    collection = json.loads(body(response))
    features = {feature["properties"]["name"]: feature for feature in collection["features"]}
    feature = features["Testpegel Auenbrücke"]
    assert feature["geometry"]["coordinates"] == [8.61, 50.95]
    assert feature["properties"]["streams"] == [
        {
            "name": "Testwasserstand",
            "url": url("sensors-datastream", "en", gauge.pk),
            "value": "141.5 cm",
        }
    ]


def test_map_query_count_does_not_grow_with_things(
    client, gauge, counter, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        client.get(url("sensors-map"))
    for index in range(5):
        thing = thing_create(f"Weiterer Pegel {index}")
        stream = stream_create(thing, f"Pegel {index}", definition=LOCAL + "water-level-test")
        publish_series(stream, [1.0, 2.0])
    with django_assert_max_num_queries(20):
        assert "Weiterer Pegel 4" in body(client.get(url("sensors-map")))


# --- nothing internal, withheld or raw --------------------------------------------------------


def test_internal_streams_appear_nowhere(client, internal, gauge):
    pages = [
        client.get(url("sensors-map")),
        client.get(url("sensors-map", "en")),
        client.get(url("sensors-map-geojson")),
        client.get("/"),
    ]
    for page in pages:
        text = body(page)
        assert "Hochbehälter Süd" not in text
        assert "777.125" not in text and "777,125" not in text
    for name in ("sensors-datastream", "sensors-datastream-csv", "sensors-datastream-json"):
        assert client.get(url(name, "de", internal.pk)).status_code == 404


def test_withheld_values_are_noted_not_shown_and_left_out_of_downloads(client, counter):
    page = body(client.get(url("sensors-datastream", "en", counter.pk), HTTP_ACCEPT_LANGUAGE="en"))
    assert "1 value in this period was withheld because it counted fewer than 10" in page
    assert page.count(">withheld<") == 1
    assert "2 releases, each with ε = 0.25" in page
    rows = list(
        csv.DictReader(
            io.StringIO(
                body(client.get(url("sensors-datastream-csv", "de", counter.pk))).lstrip("\ufeff")
            )
        )
    )
    assert [row["result"] for row in rows] == ["57.0", "64.0"]
    assert {row["epsilon"] for row in rows} == {"0.25"}
    data = json.loads(body(client.get(url("sensors-datastream-json", "de", counter.pk))))
    assert [row["result"] for row in data["observations"]] == [57.0, 64.0]


def test_canary_subjects_and_raw_person_readings_never_reach_public_pages(
    client, post, counter, demo_city
):
    station = station_create("Kanarienzähler")
    answer = post(
        {
            "observations": [
                {
                    "datastream": station.counter.pk,
                    "phenomenonTime": iso(recent(3)),
                    "result": 1,
                    "subject": CANARY,
                }
            ]
        },
        station.token,
    )
    assert answer.status_code == 200
    pseudonym = RawObservation.objects.get(datastream=station.counter).subject_pseudonym
    # A raw reading of the person-derived counter with a value that was never published.
    RawObservation.objects.create(datastream=counter, phenomenon_time=recent(2), result=4321.0)
    publish(station.counter, window_start(30), {"": 12.0})
    texts = [body(client.get(url("sensors-map", language))) for language in ("de", "en")] + [
        body(client.get(url("sensors-map-geojson"))),
        body(client.get(url("sensors-datastream", "de", station.counter.pk))),
        body(client.get(url("sensors-datastream", "en", counter.pk))),
        body(client.get(url("sensors-datastream-csv", "de", station.counter.pk) + "?period=all")),
        body(client.get(url("sensors-datastream-json", "de", counter.pk) + "?period=all")),
        body(client.get("/")),
    ]
    for text in texts:
        assert CANARY not in text
        assert CANARY.replace(":", "").lower() not in text.lower()
        assert pseudonym not in text
        assert "4321" not in text and "4.321" not in text


# --- datastream page ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "en"])
def test_datastream_page_has_chart_table_provenance_and_links(client, gauge, language):
    from opendata.catalogue.models import Dataset

    dataset = Dataset.objects.published().first()
    gauge.dataset = dataset
    gauge.save(update_fields=["dataset"])
    html = body(
        client.get(url("sensors-datastream", language, gauge.pk), HTTP_ACCEPT_LANGUAGE=language)
    )
    assert '<svg viewBox="0 0 720 320" role="img"' in html
    assert html.count('<path d="M') == 1
    assert 'id="values"' in html
    assert ("141,5 cm" if language == "de" else "141.5 cm") in html
    assert "<code>mean</code>" in html and "<code>test-1</code>" in html
    assert f"/sta/v1.1/Datastreams({gauge.pk})" in html
    with translation.override(language):
        assert reverse("catalogue-dataset", kwargs={"name": dataset.name}) in html
    assert url("sensors-datastream-csv", language, gauge.pk) + "?period=24h" in html
    if language == "en":
        assert "How these values were made" in html


def test_period_selection_and_paging(client, gauge):
    publish(gauge, window_start(60 * 24 * 3), {"": 99.5})
    day = body(client.get(url("sensors-datastream", "en", gauge.pk), HTTP_ACCEPT_LANGUAGE="en"))
    week = body(
        client.get(
            url("sensors-datastream", "en", gauge.pk), {"period": "7d"}, HTTP_ACCEPT_LANGUAGE="en"
        )
    )
    assert "99.5" not in day and "99.5" in week
    bad = body(
        client.get(
            url("sensors-datastream", "en", gauge.pk), {"period": "year"}, HTTP_ACCEPT_LANGUAGE="en"
        )
    )
    assert "Choose a period from the list." in bad
    assert (
        client.get(url("sensors-datastream-csv", "en", gauge.pk), {"period": "year"}).status_code
        == 400
    )
    long = stream_create(thing_create("Langer Pegel"), "Lang", definition=LOCAL + "water-level-x")
    publish_series(long, [float(value) for value in range(60)])
    first = body(client.get(url("sensors-datastream", "en", long.pk), HTTP_ACCEPT_LANGUAGE="en"))
    assert "Values 1 to 50 of 60, newest first" in first
    assert 'rel="next"' in first
    second = body(
        client.get(url("sensors-datastream", "en", long.pk), {"page": 2}, HTTP_ACCEPT_LANGUAGE="en")
    )
    assert "Values 51 to 60 of 60" in second


def test_page_without_published_values_says_so(client, demo_city):
    stream = stream_create(
        thing_create("Leerer Pegel"), "Leer", definition=LOCAL + "water-level-test"
    )
    html = body(client.get(url("sensors-datastream", "en", stream.pk), HTTP_ACCEPT_LANGUAGE="en"))
    assert "No values were published in this period." in html
    assert "<svg viewBox" not in html


def test_downloads_are_streamed_attachments_with_the_published_values(client, gauge):
    publish(gauge, window_start(60 * 24 * 3), {"": 99.5})
    response = client.get(url("sensors-datastream-csv", "de", gauge.pk))
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"] == f'attachment; filename="datastream-{gauge.pk}-24h.csv"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    rows = list(csv.DictReader(io.StringIO(body(response).lstrip("\ufeff"))))
    assert [float(row["result"]) for row in rows] == [101.25, 102.5, 103.75, 141.5]
    assert rows[0]["unit"] == "cm" and rows[0]["method"] == "mean"
    everything = client.get(url("sensors-datastream-json", "de", gauge.pk), {"period": "all"})
    assert everything["Content-Disposition"].endswith(f'datastream-{gauge.pk}-all.json"')
    data = json.loads(body(everything))
    assert data["datastream"]["id"] == gauge.pk
    assert data["datastream"]["sensorthings"].endswith(f"/sta/v1.1/Datastreams({gauge.pk})")
    assert [row["result"] for row in data["observations"]] == [99.5, 101.25, 102.5, 103.75, 141.5]


# --- live tiles -------------------------------------------------------------------------------


def test_air_quality_bands_follow_the_environment_agency():
    assert air_quality.band_for("pm25", 5.4).rank == 1
    assert air_quality.band_for("pm25", 15).rank == 2
    assert air_quality.band_for("pm25", 30.2).rank == 3
    assert air_quality.band_for("no2", 61).rank == 4
    assert air_quality.band_for("no2", 100.6).rank == 5
    band = air_quality.band_of({"pm25": {"value": 4}, "no2": {"value": 45}})
    with translation.override("en"):
        assert band.label == "moderate"


def test_home_tiles_sum_free_parking_and_rate_air_and_water(client, gauge, demo_city):
    before = selectors.tiles_data()["parking"]  # the demo city's own published values
    for index, free in enumerate((120, 80)):
        thing = thing_create(f"Testparkhaus {index}")
        stream = stream_create(
            thing,
            f"Frei {index}",
            definition=LOCAL + "free-parking-spaces",
            unit_name="parking space",
            unit_symbol="",
            observation_type=Datastream.ObservationType.COUNT,
        )
        publish_series(stream, [1.0, float(free)])
    zone = stream_create(
        thing_create("Testparkzone"),
        "Belegt",
        definition=LOCAL + "occupied-parking-spaces",
        observation_type=Datastream.ObservationType.COUNT,
        valid_min=0,
        valid_max=45,
    )
    publish_series(zone, [40.0])  # 45 spaces, 40 taken: 5 free
    old = stream_create(
        thing_create("Altes Parkhaus"),
        "Frei alt",
        definition=LOCAL + "free-parking-spaces",
        observation_type=Datastream.ObservationType.COUNT,
    )
    publish(old, window_start(60 * 10), {"": 500.0})  # not current: left out
    station = thing_create("Testluft Markt")
    pm25 = stream_create(
        station, "PM2.5 Markt", definition=EEA + "6001", unit_symbol="µg/m³", window_minutes=60
    )
    no2 = stream_create(
        station, "NO2 Markt", definition=EEA + "8", unit_symbol="µg/m³", window_minutes=60
    )
    publish_series(pm25, [3.0, 12.0])
    publish_series(no2, [20.0, 75.0])
    gauge.observed_property.definition = LOCAL + "water-level"
    gauge.observed_property.save()
    with translation.override("en"):
        html = body(client.get("/en/", HTTP_ACCEPT_LANGUAGE="en"))
    tiles = html[html.index('class="sensor-tiles"') :]
    assert "Live from the city's sensors" in tiles
    free = before["free"] + 205
    assert f'<span class="tile-value">{free}</span>' in tiles
    assert f"free spaces in {before['sites'] + 3} car parks and zones" in tiles
    assert "Testluft Markt: PM2.5 12 µg/m³, NO<sub>2</sub> 75 µg/m³ (poor)" in tiles
    assert selectors.tiles_data()["air"]["band"].rank >= 4
    assert "Testpegel Auenbrücke</a>:" in tiles and "141.5 cm" in tiles
    assert "below the warning level of 180 cm" in tiles


def test_daily_totals_are_labelled_in_the_table_and_left_out_of_chart_and_current(client, counter):
    day_start = window_start(24 * 60, 60).replace(hour=0, minute=0)
    total = publish(counter, day_start, {}, epsilon=0.25, method="daily total")
    total.window_end = day_start + timedelta(days=1)
    total.save()
    publish(counter, day_start, {"day": 4321.0})  # an own release: cells keep their times
    refused = publish(counter, window_start(15), {}, method="refused: privacy budget exhausted")
    assert not refused.observations.exists()

    current = selectors.latest_values([counter.pk])[counter.pk]
    assert [value.value for value in current] == [64.0]  # not the refused, not the total
    charted = selectors.window_values(datastream=counter, since=day_start)
    assert 4321.0 not in [row.result for row in charted]
    assert 4321.0 in [
        row.result for row in selectors.published_values(datastream=counter, since=day_start)
    ]

    with translation.override("en"):
        assert selectors.cell_label("day") == "Daily total"
        assert selectors.cell_label("day:district:3") == "Daily total, District 3"
    with translation.override("de"):
        page = body(
            client.get(
                url("sensors-datastream", "de", counter.pk) + "?period=7d",
                HTTP_ACCEPT_LANGUAGE="de",
            )
        )
    assert "4321" in page
    assert "Tagessumme" in page
