"""The reference snapshot (categories, rules, statuses, districts) never serves stale data:
changes through the admin or any save apply to the next report, in this process and in
others, and an unreachable cache only makes it slower."""

from __future__ import annotations

import math
import random

import pytest
from django.contrib.gis.geos import Point
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from participation.defects import reference, selectors, services
from participation.defects.models import Category, RoutingRule
from participation.defects.validation import haversine_metres
from tests.factories import DepartmentFactory, DistrictFactory, ReportFactory
from tests.factories.defects import (
    CategoryFactory,
    RoutingRuleFactory,
    closed_status,
    initial_status,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    initial_status()
    return DistrictFactory()


@pytest.fixture
def category():
    return CategoryFactory(service_code="pothole", department=DepartmentFactory(slug="tiefbau"))


def submit(district, category):
    return services.report_submit(
        service_code=category.service_code,
        location=district.area.point_on_surface,
        description="Schlagloch.",
    )


def test_a_rule_saved_after_the_first_report_routes_the_next(district, category):
    assert submit(district, category).department.slug == "tiefbau"
    RoutingRuleFactory(
        category=category, district=district, department=DepartmentFactory(slug="bauhof")
    )
    assert submit(district, category).department.slug == "bauhof"


def test_a_rule_edited_in_the_admin_applies_at_once(client, persona_admin, district, category):
    rule = RoutingRuleFactory(
        category=category, district=district, department=DepartmentFactory(slug="bauhof")
    )
    assert submit(district, category).department.slug == "bauhof"
    other = DepartmentFactory(slug="stadtwerke-test")
    client.force_login(persona_admin)
    edit = reverse("defects_routing:edit", args=[rule.pk])
    response = client.post(
        edit,
        {
            "category": category.pk,
            "district": district.pk,
            "department": other.pk,
            "priority": rule.priority,
            "area": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert submit(district, category).department.slug == "stadtwerke-test"


def test_a_deactivated_category_is_refused_at_once(district, category):
    submit(district, category)
    category.active = False
    category.save()
    with pytest.raises(ValidationError) as error:
        submit(district, category)
    assert "category" in error.value.message_dict


def test_a_change_announced_by_another_process_is_read(district, category):
    depot = DepartmentFactory(slug="bauhof")
    submit(district, category)
    # Another process saved a rule: its signal changed the shared version, not ours.
    RoutingRule.objects.bulk_create([RoutingRule(category=category, department=depot, priority=0)])
    assert submit(district, category).department.slug == "tiefbau"  # not yet announced
    cache.set(reference.VERSION_KEY, "announced-elsewhere", None)
    assert submit(district, category).department.slug == "bauhof"


def test_the_snapshot_is_reread_after_its_time_even_unannounced(district, category, monkeypatch):
    submit(district, category)
    Category.objects.filter(pk=category.pk).update(active=False)  # no signal, no announcement
    later = reference.time.monotonic() + reference.REFRESH_SECONDS + 1
    monkeypatch.setattr(reference.time, "monotonic", lambda: later)
    with pytest.raises(ValidationError):
        submit(district, category)


class BrokenCache:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("cache down")

        return fail


def test_without_a_cache_reports_are_taken_and_never_stale(district, category, monkeypatch):
    monkeypatch.setattr(reference, "cache", BrokenCache())
    assert submit(district, category).department.slug == "tiefbau"
    RoutingRule.objects.bulk_create(  # unannounced: only a fresh read can see it
        [RoutingRule(category=category, department=DepartmentFactory(slug="bauhof"), priority=0)]
    )
    assert submit(district, category).department.slug == "bauhof"


def test_a_new_district_takes_reports_at_once(district, category):
    submit(district, category)
    newcomer = DistrictFactory()
    assert submit(newcomer, category).district == newcomer


def test_callers_cannot_change_the_snapshot(district, category):
    first = submit(district, category)
    first.category.name = "verändert"
    first.district.name = "verändert"
    second = submit(district, category)
    assert second.category.name != "verändert"
    assert second.district.name != "verändert"


# --- the duplicate check's query ------------------------------------------------------------


@pytest.mark.skipif(
    not getattr(connection.ops, "spatialite", False), reason="PostGIS keeps its GiST index"
)
def test_the_reports_spatial_index_is_enabled_and_filled_on_spatialite(district, category):
    ReportFactory(category=category, district=district)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT spatial_index_enabled FROM geometry_columns "
            "WHERE f_table_name = 'defects_report' AND f_geometry_column = 'location'"
        )
        assert cursor.fetchone()[0] == 1
        cursor.execute("SELECT count(*) FROM idx_defects_report_location")
        assert cursor.fetchone()[0] >= 1


def test_nearby_reports_are_those_the_great_circle_puts_within_50_m(district, category):
    here = district.area.point_on_surface
    rng = random.Random(50)
    metres_per_degree = math.radians(1) * 6_371_008.8
    reports = []
    for _ in range(60):  # scattered over 140 m by 140 m, in every direction
        east, north = rng.uniform(-70, 70), rng.uniform(-70, 70)
        place = Point(
            here.x + east / (metres_per_degree * math.cos(math.radians(here.y))),
            here.y + north / metres_per_degree,
            srid=4326,
        )
        reports.append(ReportFactory(category=category, district=district, location=place))
    truth = sorted(
        (haversine_metres(here.x, here.y, r.location.x, r.location.y), r.pk) for r in reports
    )
    within = [(metres, pk) for metres, pk in truth if metres <= 50]
    assert len(within) > 10  # enough for the limit to matter
    found = selectors.report_duplicates_nearby(category=category, location=here)
    assert [report.pk for report in found] == [pk for _, pk in within[:10]]
    for report, (metres, _) in zip(found, within, strict=False):
        assert report.distance == pytest.approx(metres, abs=0.01)
        assert report.status.is_initial and report.category == category


def test_nearby_reports_leave_out_closed_rejected_merged_and_other_categories(district, category):
    here = district.area.point_on_surface
    kept = ReportFactory(category=category, district=district, location=here)
    ReportFactory(category=CategoryFactory(), district=district, location=here)
    ReportFactory(category=category, district=district, location=here, moderation="rejected")
    ReportFactory(category=category, district=district, location=here, duplicate_of=kept)
    ReportFactory(category=category, district=district, location=here, status=closed_status())
    found = selectors.report_duplicates_nearby(category=category, location=here)
    assert [report.pk for report in found] == [kept.pk]
    far = Point(here.x, here.y + 0.01, srid=4326)
    assert selectors.report_duplicates_nearby(category=category, location=far) == []
