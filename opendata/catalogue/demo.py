"""Demo catalogue: about 40 datasets of Lindenhafen with real, generated CSV and GeoJSON files."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.contrib.gis.geos import MultiPolygon, Point
from django.core.files.base import ContentFile
from django.db import transaction

from opendata.catalogue.models import (
    DataService,
    Dataset,
    DataTheme,
    Distribution,
    Publisher,
)
from opendata.catalogue.services import dataset_save
from opendata.catalogue.vocabularies import Theme
from portal.core.demo import DemoCity, demo_data_load

MUNICIPALITY_KEY = "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/069990001"

DEMO_DATA = Path(__file__).parent / "demo_data"
# `kind` selects the generated files: "points" (CSV and GeoJSON), "series" or "table" (CSV).
DATASETS: list[dict[str, Any]] = demo_data_load(DEMO_DATA / "datasets.yaml")
# The portal's own APIs, listed in the catalogue as data services (dcat:DataService).
SERVICES: list[dict[str, Any]] = demo_data_load(DEMO_DATA / "services.yaml")


def publishers_ensure(city: DemoCity) -> dict[str, Publisher]:
    publishers = {}
    for slug, department in city.departments.items():
        publisher, _ = Publisher.objects.update_or_create(
            name=slug,
            defaults={
                "title": department.name,
                "title_en": department.name_en,
                "email": department.email,
                "department": department,
                "description": department.responsibilities,
            },
        )
        publishers[slug] = publisher
    return publishers


def services_ensure(publisher: Publisher) -> None:
    for item in SERVICES:
        fields = {name: value for name, value in item.items() if name != "name"}
        DataService.objects.get_or_create(
            name=item["name"], defaults={**fields, "publisher": publisher}
        )


def _random_point(rng: random.Random, area: MultiPolygon) -> Point:
    xmin, ymin, xmax, ymax = area.extent
    while True:
        point = Point(rng.uniform(xmin, xmax), rng.uniform(ymin, ymax), srid=4326)
        if area.contains(point):
            return point


def _csv(rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _files(kind: str, name: str, title: str, city: DemoCity) -> dict[str, bytes]:
    """Generated content for one dataset, deterministic per name."""
    rng = random.Random(name)  # noqa: S311 - reproducible demo data, not security
    districts = list(city.districts.values())
    if kind == "points":
        features, rows = [], [["id", "name", "stadtteil", "lat", "lon", "wert"]]
        for number in range(1, rng.randint(12, 40)):
            district = rng.choice(districts)
            point = _random_point(rng, district.area)
            value = rng.randint(1, 500)
            label = f"{title} {number}"
            features.append(
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "Point",
                        "coordinates": [round(point.x, 6), round(point.y, 6)],
                    },
                    "properties": {
                        "id": number,
                        "name": label,
                        "stadtteil": district.name,
                        "wert": value,
                    },
                }
            )
            rows.append([number, label, district.name, round(point.y, 6), round(point.x, 6), value])
        geojson = json.dumps(
            {"type": "FeatureCollection", "features": features}, ensure_ascii=False
        ).encode("utf-8")
        return {"CSV": _csv(rows), "GEOJSON": geojson}
    if kind == "series":
        rows = [["datum", "stadtteil", "wert"]]
        today = city.now.date()
        for day in range(60, 0, -1):
            for district in districts:
                rows.append(
                    [
                        (today - timedelta(days=day)).isoformat(),
                        district.name,
                        round(rng.uniform(10, 100), 1),
                    ]
                )
        return {"CSV": _csv(rows)}
    rows = [["kategorie", "wert", "anteil_prozent"]]
    for number in range(1, 13):
        rows.append([f"Kategorie {number}", rng.randint(5, 900), round(rng.uniform(1, 30), 1)])
    return {"CSV": _csv(rows)}


@transaction.atomic
def seed(city: DemoCity) -> None:
    publishers = publishers_ensure(city)
    city_area = MultiPolygon(
        *[polygon for d in city.districts.values() for polygon in d.area], srid=4326
    ).unary_union
    if city_area.geom_type == "Polygon":
        city_area = MultiPolygon(city_area, srid=4326)
    # The migration creates the vocabulary; a flushed test database has lost it.
    all_themes = {code: DataTheme.objects.get_or_create(code=code)[0] for code in Theme.values}
    for index, item in enumerate(DATASETS):
        name, title, publisher = item["name"], item["title"], item["publisher"]
        if Dataset.objects.filter(name=name).exists():
            continue  # editors may have changed it: never overwrite
        dataset = Dataset(
            name=name,
            **{
                "state": Dataset.State.PUBLISHED,
                "title": title,
                "title_en": item["title_en"],
                "description": item["description"],
                "description_en": item["description_en"],
                "publisher": publishers[publisher],
                "contact_name": publishers[publisher].title,
                "contact_email": publishers[publisher].email,
                "licence": "dl-zero-de/2.0" if index % 3 == 0 else "dl-by-de/2.0",
                "attribution": f"Stadt {city.name}",
                "issued": (city.now - timedelta(days=30 * (index % 24) + 40)).date(),
                "modified": city.now - timedelta(days=index % 20),
                "accrual_periodicity": item["frequency"],
                "temporal_start": (city.now - timedelta(days=365)).date(),
                "spatial": city_area,
                "political_geocoding_uri": MUNICIPALITY_KEY,
                "access_rights": "PUBLIC",
                "provenance": "Erhoben von der Stadt Lindenhafen (Demonstrationsdaten).",
                "version": "1.0",
            },
        )
        dataset.themes = [all_themes[code] for code in item["themes"]]
        dataset.keywords.add(*item["keywords"])
        distributions = []
        for position, (file_format, content) in enumerate(
            _files(item["kind"], name, title, city).items()
        ):
            extension = "geojson" if file_format == "GEOJSON" else "csv"
            distribution = Distribution(
                title=f"{title} ({file_format.replace('GEOJSON', 'GeoJSON')})",
                format=file_format,
                licence=dataset.licence,
                position=position,
                byte_size=len(content),
                checksum_sha256=hashlib.sha256(content).hexdigest(),
            )
            distribution.file.save(f"{name}.{extension}", ContentFile(content), save=False)
            distributions.append(distribution)
        dataset.distributions = distributions
        dataset_save(dataset=dataset, user=None, source="import")
    services_ensure(publishers["smart-city"])
    city.log(f"{len(DATASETS)} datasets from {len(publishers)} publishers with CSV/GeoJSON files")
