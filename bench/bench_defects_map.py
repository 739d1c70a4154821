"""Defect map: GET the overview map's GeoJSON for the whole city (zoom 12, server-side grid
clustering) over 100,000 public reports, against the SELECT statements of reports that request
runs, captured once and replayed on a plain cursor (goal: within 3x).

``prepare()`` writes 100,000 approved reports (a tenth in a sensitive category) spread over
the demo city's bounding box with ``bulk_create``, once per run.
"""

from __future__ import annotations

import random
from datetime import timedelta

from bench.run import Benchmark, http_get

REPORTS = 100_000
CITY_BBOX = (8.55, 50.90, 8.75, 51.05)  # the demo city's area (tests/factories/geometry.py)
state: dict[str, str] = {}


def _reference_data():
    from participation.defects.models import Category, Status
    from portal.core.models import District

    status = Status.objects.filter(is_initial=True).first() or Status.objects.create(
        slug="bench-received",
        name="Eingegangen",
        name_en="Received",
        colour="red",
        is_initial=True,
    )
    categories = [
        Category.objects.get_or_create(
            service_code=f"bench-{index}",
            defaults={
                "name": f"Bench {index}",
                "name_en": f"Bench {index}",
                "sensitive": index == 0,
            },
        )[0]
        for index in range(10)
    ]
    districts = list(District.objects.all()[:20])
    return status, categories, districts


def prepare() -> None:
    from django.contrib.gis.geos import Point
    from django.utils import timezone

    from participation.defects.models import Report

    status, categories, districts = _reference_data()
    Report.objects.filter(description__startswith="Bench report").delete()
    rng = random.Random(13)
    west, south, east, north = CITY_BBOX
    now = timezone.now()
    batch = []
    for index in range(REPORTS):
        created = now - timedelta(minutes=5 * index)
        batch.append(
            Report(
                category=categories[index % len(categories)],
                status=status,
                district=districts[index % len(districts)],
                location=Point(rng.uniform(west, east), rng.uniform(south, north), srid=4326),
                description=f"Bench report {index}",
                channel=Report.Channel.WEB,
                moderation=Report.Moderation.APPROVED,
                created_at=created,
                updated_at=created,
            )
        )
        if len(batch) == 5000:
            Report.objects.bulk_create(batch)
            batch = []
    Report.objects.bulk_create(batch)
    from django.urls import reverse
    from django.utils import translation

    with translation.override("de"):
        state["url"] = reverse("defects:geojson") + "?zoom=12"
    print(f"prepared: {REPORTS:,} public defect reports")


def _raw_queries():
    """The SELECTs of reports that the request runs, replayed on a cursor."""
    cache: dict[str, list[str]] = {}

    def run() -> None:
        from django.db import connection

        if "queries" not in cache:
            from django.test import Client
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as captured:
                Client(HTTP_HOST="localhost").get(state["url"])
            cache["queries"] = [
                query["sql"]
                for query in captured.captured_queries
                if query["sql"].lstrip().upper().startswith("SELECT")
                and "defects_report" in query["sql"]
            ]
            assert cache["queries"], "the request read no reports"
        with connection.cursor() as cursor:
            for sql in cache["queries"]:
                cursor.execute(sql)
                cursor.fetchall()

    return run


BENCHMARKS = [
    Benchmark(
        "defect map GeoJSON, city view of 100,000",
        http_get(lambda: state["url"]),
        _raw_queries(),
        "its SELECTs, raw cursor",
        rounds=10,
    )
]
