"""Open311 fixtures: a small world of statuses, categories, reports and API clients."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.gis.geos import Point
from jsonschema import Draft7Validator
from referencing import Registry
from referencing.jsonschema import DRAFT7

from participation.defects.models import Category, Open311Client, Report, Status
from participation.defects.open311.services import open311_client_create
from portal.core.models import District
from tests.factories import (
    CategoryFactory,
    DistrictFactory,
    ReporterContactFactory,
    ReportFactory,
    StatusFactory,
)
from tests.factories.defects import closed_status, initial_status
from tests.factories.participation import StreetFactory

SCHEMAS = Path("/work/shared/standards/open311-georeport-v2")
ROOT = "/open311/v2"
CANARY_EMAIL = "canary.reporter@example.org"
CANARY_NAME = "Kanarienvogel"
CANARY_PHONE = "+49 170 5550199"


def schema_validator(name: str) -> Draft7Validator:
    """A validator for one of the official schemas, resolving their relative $refs."""
    resources = [
        (path.name, DRAFT7.create_resource(json.loads(path.read_text())))
        for path in SCHEMAS.glob("*.json")
    ]
    registry = Registry().with_resources(resources)
    schema = json.loads((SCHEMAS / name).read_text())
    return Draft7Validator(schema, registry=registry, format_checker=Draft7Validator.FORMAT_CHECKER)


@dataclass
class World:
    district: District
    pothole: Category
    light: Category
    group: Category
    sensitive: Category
    open_report: Report
    closed_report: Report
    sensitive_report: Report
    pending_report: Report
    in_progress: Status
    fixed: Status
    client: Open311Client
    key: str
    updater: Open311Client
    updater_key: str

    def inside(self) -> Point:
        return self.district.area.point_on_surface


def world_create() -> World:
    district = DistrictFactory()
    initial_status()
    fixed = closed_status()
    in_progress = StatusFactory(slug="test-in-progress", colour=Status.Colour.YELLOW, order=50)
    StatusFactory(slug="test-rejected", colour=Status.Colour.GREY, is_closed=True, order=95)
    group = CategoryFactory(service_code="o311-roads", name="Straßen", name_en="Roads")
    pothole = CategoryFactory(
        parent=group,
        service_code="o311-pothole",
        name="Schlagloch",
        name_en="Pothole",
        description="Schäden an der Fahrbahn",
        keywords="Straße,Loch",
        attributes=[
            {
                "code": "depth",
                "datatype": "singlevaluelist",
                "description": "Wie tief?",
                "required": True,
                "order": 1,
                "values": [{"key": "flat", "name": "flach"}, {"key": "deep", "name": "tief"}],
            },
            {"code": "lane", "datatype": "string", "description": "Fahrspur", "order": 2},
        ],
    )
    light = CategoryFactory(service_code="o311-light", name="Straßenlaterne", name_en="Light")
    sensitive = CategoryFactory(
        service_code="o311-shelter", name="Notunterkunft", name_en="Shelter", sensitive=True
    )
    CategoryFactory(service_code="o311-retired", name="Alt", active=False)
    centre = district.area.point_on_surface
    open_report = ReportFactory(
        category=light, district=district, location=centre, address="Marktplatz 1"
    )
    closed_report = ReportFactory(
        category=pothole,
        district=district,
        location=centre,
        status=fixed,
        attributes={"depth": "deep"},
    )
    sensitive_report = ReportFactory(
        category=sensitive,
        district=district,
        location=Point(centre.x + 0.00013, centre.y + 0.00017, srid=4326),
        address="Geheimweg 7",
    )
    pending_report = ReportFactory(
        category=light, district=district, moderation=Report.Moderation.PENDING
    )
    for report in (open_report, closed_report, sensitive_report, pending_report):
        ReporterContactFactory(
            report=report, email=CANARY_EMAIL, first_name=CANARY_NAME, phone=CANARY_PHONE
        )
    client, key = open311_client_create(name="Bürger-App")
    updater, updater_key = open311_client_create(name="Bauhof", may_update=True)
    StreetFactory(name="Lindenallee", district=district)
    return World(
        district=district,
        pothole=pothole,
        light=light,
        group=group,
        sensitive=sensitive,
        open_report=open_report,
        closed_report=closed_report,
        sensitive_report=sensitive_report,
        pending_report=pending_report,
        in_progress=in_progress,
        fixed=fixed,
        client=client,
        key=key,
        updater=updater,
        updater_key=updater_key,
    )


@pytest.fixture
def world(db) -> World:
    return world_create()
