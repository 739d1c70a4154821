"""Demo city Lindenhafen: districts and the departments that take on work.

`manage.py seed_demo` runs `seed()` of every installed app's `demo` module in the order of
INSTALLED_APPS, passing one DemoCity that collects what earlier steps created. Later apps
(reports, processes, datasets, sensors) add a `demo.py` of their own. Every step is
idempotent: running the command again updates rather than duplicates.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.contrib.gis.geos import GEOSGeometry, MultiPolygon
from django.utils.text import slugify

from portal.core.models import Department, District

DISTRICTS_FIXTURE = Path(__file__).parent / "fixtures" / "districts.geojson"


@dataclass
class DemoCity:
    name: str
    now: datetime
    log: Callable[[str], None]
    districts: dict[str, District] = field(default_factory=dict)
    departments: dict[str, Department] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)
    pages: dict[str, Any] = field(default_factory=dict)


# (slug, German name, English name, kind, responsibilities)
DEPARTMENTS = [
    (
        "smart-city",
        "Stabsstelle Smart City",
        "Smart City Unit",
        "administration",
        "Strategy, steering group, open data, participation platform",
    ),
    (
        "tiefbauamt",
        "Tiefbauamt",
        "Civil Engineering Office",
        "administration",
        "Roads, pavements, cycle paths, bridges, traffic signs",
    ),
    (
        "gruenflaechenamt",
        "Grünflächenamt",
        "Parks and Green Spaces Office",
        "administration",
        "Parks, playgrounds, street trees, cemeteries",
    ),
    (
        "ordnungsamt",
        "Ordnungsamt",
        "Public Order Office",
        "administration",
        "Abandoned vehicles, illegal dumping, noise, parking enforcement",
    ),
    (
        "umweltamt",
        "Umweltamt",
        "Environment Office",
        "administration",
        "Air quality, noise mapping, climate adaptation, water bodies",
    ),
    (
        "stadtplanungsamt",
        "Stadtplanungsamt",
        "Urban Planning Office",
        "administration",
        "Land-use planning, district development, mobility planning",
    ),
    (
        "digitalisierung",
        "Amt für Digitalisierung und IT",
        "Digitalisation and IT Office",
        "administration",
        "Data platform, sensors network, public WiFi, IT security",
    ),
    (
        "stadtwerke",
        "Stadtwerke Lindenhafen",
        "Lindenhafen Public Utilities",
        "municipal_company",
        "Energy, district heating, drinking water, street lighting, charging points",
    ),
    (
        "awb",
        "Abfallwirtschaftsbetrieb Lindenhafen",
        "Lindenhafen Waste Management",
        "municipal_company",
        "Waste collection, public bins, recycling centres, street cleaning",
    ),
    (
        "verkehrsbetriebe",
        "Lindenhafener Verkehrsbetriebe",
        "Lindenhafen Public Transport",
        "municipal_company",
        "Buses, trams, stops, parking garages, bike sharing",
    ),
    (
        "stadtentwaesserung",
        "Stadtentwässerung Lindenhafen",
        "Lindenhafen Drainage Services",
        "municipal_company",
        "Sewers, drains, flood protection, gauges",
    ),
]


def districts_load(*, path: Path = DISTRICTS_FIXTURE) -> dict[str, District]:
    collection = json.loads(path.read_text(encoding="utf-8"))
    districts = {}
    for feature in collection["features"]:
        props = feature["properties"]
        geometry = GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)
        if geometry.geom_type == "Polygon":
            geometry = MultiPolygon(geometry, srid=4326)
        district, _ = District.objects.update_or_create(
            number=props["number"],
            defaults={
                "name": props["name"],
                "slug": slugify(props["name"].replace("ö", "oe").replace("ü", "ue")),
                "population": props.get("population"),
                "area": geometry,
            },
        )
        districts[district.slug] = district
    return districts


def departments_load() -> dict[str, Department]:
    departments = {}
    for slug, name, name_en, kind, responsibilities in DEPARTMENTS:
        department, _ = Department.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_en": name_en,
                "kind": kind,
                "email": f"{slug}@lindenhafen.example",
                "responsibilities": responsibilities,
            },
        )
        departments[slug] = department
    return departments


def seed(city: DemoCity) -> None:
    city.districts = districts_load()
    city.departments = departments_load()
    city.log(f"{len(city.districts)} districts, {len(city.departments)} departments")
