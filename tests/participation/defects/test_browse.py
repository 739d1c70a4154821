"""The public overview of reports: list, filters, paging, the map's GeoJSON, the report page."""

from __future__ import annotations

import json
import math
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.gis.geos import Point
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone, translation

from participation.defects import selectors
from participation.defects.models import Report
from tests.factories import CategoryFactory, DistrictFactory, ReportFactory
from tests.factories.defects import (
    ReporterContactFactory,
    ReportUpdateFactory,
    StatusFactory,
    closed_status,
    initial_status,
)

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def url(name: str, *args, language: str = "de", **query) -> str:
    with translation.override(language):
        address = reverse(name, args=args or None)
    if query:
        address += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return address


def rows(response) -> list[int]:
    """Report numbers in the list's table, in order."""
    html = response.content.decode()
    table = html.split('id="report-table"', 1)[1] if 'id="report-table"' in html else ""
    numbers = []
    for chunk in table.split('<th scope="row"><a href="')[1:]:
        numbers.append(int(chunk.split(">#", 1)[1].split("<", 1)[0]))
    return numbers


@pytest.fixture
def city():
    """Two districts, a group with two categories, a sensitive category, three statuses."""
    received = initial_status()
    fixed = closed_status()
    progress = StatusFactory(slug="test-progress", name="In Arbeit", name_en="In progress")
    north, south = DistrictFactory(), DistrictFactory()
    light = CategoryFactory(service_code="light", name="Beleuchtung", name_en="Lighting")
    lamp = CategoryFactory(service_code="lamp", parent=light, name="Laterne", name_en="Lamp")
    sign = CategoryFactory(service_code="sign", parent=light, name="Schild", name_en="Sign")
    pothole = CategoryFactory(service_code="pothole", name="Schlagloch", name_en="Pothole")
    shelter = CategoryFactory(
        service_code="shelter", name="Notunterkunft", name_en="Shelter", sensitive=True
    )
    return {
        "received": received,
        "fixed": fixed,
        "progress": progress,
        "north": north,
        "south": south,
        "light": light,
        "lamp": lamp,
        "sign": sign,
        "pothole": pothole,
        "shelter": shelter,
    }


def test_list_shows_public_reports_only(client, city):
    shown = ReportFactory(category=city["pothole"], district=city["north"])
    pending = ReportFactory(category=city["pothole"], moderation=Report.Moderation.PENDING)
    rejected = ReportFactory(category=city["pothole"], moderation=Report.Moderation.REJECTED)
    duplicate = ReportFactory(category=city["pothole"], duplicate_of=shown)
    response = client.get(url("defects:list"))
    assert response.status_code == 200
    assert rows(response) == [shown.pk]
    for hidden in (pending, rejected, duplicate):
        assert f"#{hidden.pk}<" not in response.content.decode()


def test_list_rows_carry_category_status_text_district_date_supporters(client, city):
    report = ReportFactory(
        category=city["lamp"], district=city["north"], status=city["progress"], supporter_count=7
    )
    html = client.get(url("defects:list", language="en")).content.decode()
    row = html.split(f">#{report.pk}</a>", 1)[1].split("</tr>", 1)[0]
    assert "Lighting: Lamp" in row
    assert 'class="status status-yellow"' in row and "In progress" in row  # colour and text
    assert city["north"].name in row
    assert f'datetime="{report.created_at.astimezone(BERLIN).date().isoformat()}T' in row
    assert "<td>7</td>" in row


def test_list_pages_by_25_newest_first(client, city):
    now = timezone.now()
    reports = [
        ReportFactory(category=city["pothole"], created_at=now - timedelta(hours=n))
        for n in range(30)
    ]
    first = client.get(url("defects:list"))
    assert rows(first) == [r.pk for r in reports[:25]]
    assert "30 Meldungen" in first.content.decode()
    second = client.get(url("defects:list", page=2))
    assert rows(second) == [r.pk for r in reports[25:]]
    assert client.get(url("defects:list", page=99)).status_code == 200  # last page


def test_list_filters_by_group_category_status_district_and_period(client, city):
    day = datetime(2025, 3, 10, 12, tzinfo=BERLIN)
    lamp = ReportFactory(category=city["lamp"], district=city["north"], created_at=day)
    sign = ReportFactory(
        category=city["sign"],
        district=city["south"],
        status=city["progress"],
        created_at=day + timedelta(days=5),
    )
    pothole = ReportFactory(category=city["pothole"], district=city["north"], created_at=day)

    def shown(**query):
        response = client.get(url("defects:list", **query))
        assert response.status_code == 200, response.content[:500]
        return sorted(rows(response))

    assert shown(category="light") == sorted([lamp.pk, sign.pk])  # the whole group
    assert shown(category="lamp") == [lamp.pk]
    assert shown(status="test-progress") == [sign.pk]
    assert shown(district=city["north"].slug) == sorted([lamp.pk, pothole.pk])
    assert shown(date_from="2025-03-11") == [sign.pk]
    assert shown(date_to="2025-03-10") == sorted([lamp.pk, pothole.pk])  # the whole last day
    assert shown(date_from="2025-03-10", date_to="2025-03-15", category="sign") == [sign.pk]
    assert shown(category="light", district=city["north"].slug) == [lamp.pk]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"date_from": "gestern"}, "date_from"),
        ({"date_to": "2025-02-30"}, "date_to"),
        ({"date_from": "99999-01-01"}, "date_from"),
        ({"date_from": "2025-03-10", "date_to": "2025-03-01"}, "date_to"),
        ({"category": "no-such-code"}, "category"),
        ({"status": "nope"}, "status"),
        ({"district": "x" * 300}, "district"),
        ({"page": "abc"}, "page"),
        ({"page": "9" * 40}, "page"),
    ],
)
def test_bad_filter_input_is_a_400_naming_the_field(client, city, query, field):
    ReportFactory(category=city["pothole"])
    response = client.get(url("defects:list", language="en", **query))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html
    labels = {
        "date_from": "Reported from",
        "date_to": "Reported until",
        "category": "Category",
        "status": "Status",
        "district": "District",
        "page": "Page",
    }
    summary = html.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    assert labels[field] in summary


def test_list_query_count_does_not_grow_with_reports(client, city, django_assert_max_num_queries):
    for _index in range(3):
        ReportFactory(category=city["lamp"], district=city["north"])
    with django_assert_max_num_queries(22) as few:
        client.get(url("defects:list", category="light"))
    for index in range(40):
        ReportFactory(category=[city["lamp"], city["sign"]][index % 2], district=city["south"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("defects:list", category="light"))
    assert len(rows(response)) == 25


# --- GeoJSON ---------------------------------------------------------------------------------


def geojson(client, **query):
    response = client.get(url("defects:geojson", **query))
    expected = "application/geo+json" if response.status_code == 200 else "application/json"
    assert response["Content-Type"].startswith(expected), response.content[:300]
    return response.status_code, json.loads(response.content)


def test_geojson_lists_public_reports_as_points_when_zoomed_in(client, city):
    north = city["north"].area.point_on_surface
    shown = ReportFactory(category=city["pothole"], location=north)
    ReportFactory(category=city["pothole"], location=north, moderation=Report.Moderation.PENDING)
    ReportFactory(category=city["pothole"], location=north, moderation=Report.Moderation.REJECTED)
    ReportFactory(category=city["pothole"], location=north, duplicate_of=shown)
    status, body = geojson(client, zoom=19)
    assert status == 200
    assert [f["id"] for f in body["features"]] == [shown.pk]
    feature = body["features"][0]
    assert feature["geometry"]["coordinates"] == [round(north.x, 6), round(north.y, 6)]
    assert feature["properties"]["url"] == url("defects:report", shown.pk)
    assert feature["properties"]["colour"] == "red"
    assert body["total"] == 1


def cell_point(zoom: int, x: float = 8.6, y: float = 50.95, share: float = 0.3) -> Point:
    """A point ``share`` into its grid cell at ``zoom`` (so that small offsets stay inside)."""
    cell = selectors.map_cell_degrees(zoom=zoom)
    return Point(
        (math.floor(x / cell) + share) * cell, (math.floor(y / cell) + share) * cell, srid=4326
    )


def test_geojson_clusters_a_city_view_on_a_grid(client, city):
    centre = cell_point(12)
    for n in range(12):  # within 100 m: one cell at the city zoom
        ReportFactory(
            category=city["pothole"], location=Point(centre.x + n * 1e-4, centre.y, srid=4326)
        )
    far = cell_point(12, x=8.7, y=51.0)
    alone = ReportFactory(category=city["lamp"], location=far)
    status, body = geojson(client)
    assert status == 200
    clusters = [f for f in body["features"] if f["properties"]["cluster"]]
    assert [c["properties"]["count"] for c in clusters] == [12]
    assert clusters[0]["geometry"]["coordinates"][0] == pytest.approx(centre.x + 5.5e-4)
    singles = [f for f in body["features"] if not f["properties"]["cluster"]]
    assert [f["id"] for f in singles] == [alone.pk]
    assert body["total"] == 13
    _status, filtered = geojson(client, category="light")
    assert filtered["total"] == 1
    _status, boxed = geojson(
        client, zoom=12, bbox=f"{far.x - 0.01},{far.y - 0.01},{far.x + 0.01},{far.y + 0.01}"
    )
    assert [f.get("id") for f in boxed["features"]] == [alone.pk]


def test_geojson_never_emits_an_exact_sensitive_location(client, city):
    exact = Point(8.612345, 50.954321, srid=4326)
    report = ReportFactory(category=city["shelter"], location=exact)
    published = selectors.report_public_location(report=report)
    assert (published.x, published.y) != (exact.x, exact.y)
    for zoom in (19, 16, 12):
        _status, body = geojson(client, zoom=zoom)
        [feature] = body["features"]
        assert feature["geometry"]["coordinates"] == [round(published.x, 6), round(published.y, 6)]
    # In a cluster, the sensitive member enters at a coarse cell's centre, not exactly.
    ReportFactory(category=city["shelter"], location=Point(8.61240, 50.95440, srid=4326))
    _status, body = geojson(client, zoom=12)
    [cluster] = body["features"]
    cell = selectors.map_cell_degrees(zoom=12)
    assert cluster["properties"]["count"] == 2
    assert cluster["geometry"]["coordinates"] == [
        pytest.approx((math.floor(8.612345 / cell) + 0.5) * cell, abs=1e-6),
        pytest.approx((math.floor(50.954321 / cell) + 0.5) * cell, abs=1e-6),
    ]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"bbox": "a,b,c,d"}, "bbox"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "1e400,0,2,1"}, "bbox"),
        ({"bbox": "8.7,50,8.6,51"}, "bbox"),
        ({"bbox": "nan,50,8.6,51"}, "bbox"),
        ({"zoom": "99999999999999999999999"}, "zoom"),
        ({"zoom": "-1"}, "zoom"),
        ({"zoom": "drei"}, "zoom"),
        ({"date_from": "2025-13-01"}, "date_from"),
        ({"category": "nope"}, "category"),
    ],
)
def test_geojson_bad_parameters_are_a_400_naming_them(client, city, query, field):
    status, body = geojson(client, **query)
    assert status == 400
    assert list(body["errors"]) == [field]


def test_geojson_query_count_does_not_grow_with_reports(
    client, city, django_assert_max_num_queries
):
    for index in range(50):
        ReportFactory(category=city["lamp"], location=Point(8.6 + index * 0.002, 50.95, srid=4326))
    with django_assert_max_num_queries(5):
        status, body = geojson(client, zoom=19, category="light")
    assert status == 200 and body["total"] == 50


# --- the report page -------------------------------------------------------------------------


def test_report_page_has_map_coordinates_timeline_legend_and_feed_links(client, city):
    report = ReportFactory(category=city["lamp"], district=city["north"])
    ReportUpdateFactory(report=report, kind="status", status=city["progress"], text="Wir prüfen.")
    html = client.get(url("defects:report", report.pk, language="en")).content.decode()
    location = report.location
    assert 'id="report-map"' in html and "hidden" in html.split('id="report-map"')[1][:30]
    assert f'data-lat="{location.y:.6f}"' in html
    assert f"latitude {floatformat(location.y, -5)}" in html  # rounded as the template does
    assert 'class="timeline-entry status-yellow"' in html and "Wir prüfen." in html
    assert "What the colours mean" in html and "yellow: in progress" in html
    assert url("defects:feed-category", "lamp", language="en") in html
    assert url("defects:feed-district", city["north"].slug, language="en") in html


def test_report_page_of_a_sensitive_category_shows_the_rounded_location_only(client, city):
    exact = Point(8.612345, 50.954321, srid=4326)
    report = ReportFactory(category=city["shelter"], location=exact, address="Hauptstraße 1")
    html = client.get(url("defects:report", report.pk)).content.decode()
    published = selectors.report_public_location(report=report)
    assert f'data-lat="{published.y:.6f}"' in html
    assert "50.954321" not in html and "50,95432" not in html and "8.612345" not in html
    assert "Hauptstraße 1" not in html


def test_pages_are_in_english_under_en(client, city):
    ReportFactory(category=city["pothole"], status=city["fixed"])
    html = client.get(url("defects:list", language="en")).content.decode()
    assert '<html lang="en">' in html
    assert "Defect reports" in html and "Pothole" in html and "Fixed" in html
    html = client.get(url("defects:statistics", language="en")).content.decode()
    assert "Statistics of the defect reports" in html
    de = client.get(url("defects:list")).content.decode()
    assert "Mängelmeldungen" in de and "Schlagloch" in de and "Erledigt" in de


def test_personal_data_never_reaches_list_map_or_page(client, city):
    report = ReportFactory(category=city["pothole"])
    ReporterContactFactory(
        report=report, email="canary@example.org", first_name="Kanari", last_name="Vogel"
    )
    for address in (
        url("defects:list"),
        url("defects:geojson"),
        url("defects:report", report.pk),
        url("defects:feed"),
        url("defects:statistics"),
    ):
        body = client.get(address).content.decode()
        assert "canary@example.org" not in body and "Kanari" not in body, address
