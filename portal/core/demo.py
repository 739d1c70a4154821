"""Demo city Lindenhafen: districts and the departments that take on work.

`manage.py seed_demo` runs `seed()` of every installed app's `demo` module in the order of
INSTALLED_APPS, passing one DemoCity that collects what earlier steps created. Later apps
(reports, processes, datasets, sensors) add a `demo.py` of their own. Every step is
idempotent: running the command again updates rather than duplicates.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon
from django.utils.text import slugify

from portal.core.models import Department, District

DISTRICTS_FIXTURE = Path(__file__).parent / "fixtures" / "districts.geojson"
DEMO_DATA = Path(__file__).parent / "demo_data"
# The C parser reads the demo's YAML about ten times faster; both loaders build plain data only.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def demo_data_load(path: Path) -> Any:
    """The plain data (dicts, lists, strings, numbers) of one YAML file of a `demo_data/` folder."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)  # noqa: S506


def demo_data_folder_load(folder: Path) -> list[Any]:
    """The data of each YAML file in `folder`, in the order of the files' names."""
    return [demo_data_load(path) for path in sorted(folder.glob("*.yaml"))]


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


def demo_password() -> str:
    """The password every demo login gets when it is first created."""
    return os.environ.get("DEMO_PASSWORD", "lindenhafen-demo")


DEPARTMENTS: list[dict[str, str]] = demo_data_load(DEMO_DATA / "departments.yaml")


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
    for item in DEPARTMENTS:
        slug = item["slug"]
        department, _ = Department.objects.update_or_create(
            slug=slug,
            defaults={
                "name": item["name"],
                "name_en": item["name_en"],
                "kind": item["kind"],
                "email": f"{slug}@lindenhafen.example",
                "responsibilities": item["responsibilities"],
            },
        )
        departments[slug] = department
    return departments


def seed(city: DemoCity) -> None:
    city.districts = districts_load()
    city.departments = departments_load()
    city.log(f"{len(city.districts)} districts, {len(city.departments)} departments")
