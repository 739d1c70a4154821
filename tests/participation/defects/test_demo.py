"""The demo city's defect reporter: complete, routed, inside the city, idempotent."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from participation.core import demo as core_demo
from participation.core.models import Street
from participation.defects import demo
from participation.defects.demo_reports import street_phrases, working_days_after
from participation.defects.models import (
    Category,
    Report,
    ReporterContact,
    ReportSupport,
    ReportUpdate,
    RoutingRule,
    Status,
)
from participation.defects.selectors import report_route
from portal.core.demo import DemoCity
from portal.core.models import Department, DepartmentMembership, District

pytestmark = pytest.mark.django_db


def _city() -> DemoCity:
    city = DemoCity(name="Lindenhafen", now=timezone.now(), log=io.StringIO().write)
    city.districts = {d.slug: d for d in District.objects.all()}
    city.departments = {d.slug: d for d in Department.objects.all()}
    city.users = {u.username: u for u in get_user_model().objects.all()}
    return city


def _demo_reports():
    return Report.objects.filter(category__service_code__in=_codes())


def _codes() -> list[str]:
    return [child["code"] for group in demo.CATEGORIES for child in group.get("children", [])]


def _counts() -> tuple:
    return (
        Status.objects.count(),
        Category.objects.count(),
        RoutingRule.objects.count(),
        Street.objects.count(),
        Report.objects.count(),
        ReportUpdate.objects.count(),
        ReportSupport.objects.count(),
        ReporterContact.objects.count(),
        DepartmentMembership.objects.count(),
        list(Report.objects.order_by("pk").values_list("status_id", "updated_at")),
    )


def test_seeding_twice_changes_nothing_and_keeps_staff_edits(demo_city):
    category = Category.objects.get(service_code="strasse.schlagloch")
    Category.objects.filter(pk=category.pk).update(name="Schlagloch (von der Redaktion)")
    report = _demo_reports().filter(status__is_closed=False).first()
    fixed = Status.objects.get(slug="erledigt")
    Report.objects.filter(pk=report.pk).update(status=fixed)
    before = _counts()
    core_demo.seed(_city())
    demo.seed(_city())
    assert _counts() == before
    assert Category.objects.get(pk=category.pk).name == "Schlagloch (von der Redaktion)"
    assert Report.objects.get(pk=report.pk).status == fixed


def test_the_category_tree_covers_the_studys_infrastructure(demo_city):
    groups = Category.objects.filter(
        parent__isnull=True, service_code__in=[group["code"] for group in demo.CATEGORIES]
    )
    assert groups.count() == len(demo.CATEGORIES) >= 13
    assert all(group.children.count() >= 2 for group in groups)
    leaves = Category.objects.filter(service_code__in=_codes())
    assert leaves.filter(sensitive=True).exists()
    assert set(leaves.exclude(sensor_kind="").values_list("sensor_kind", flat=True)) >= {
        "fill",
        "lamp_on",
        "charging",
        "water",
    }
    light = leaves.get(service_code="beleuchtung.leuchte")
    assert {a["code"]: a["datatype"] for a in light.attributes} == {
        "lamp_number": "string",
        "light_state": "singlevaluelist",
    }
    assert all(c.name and c.name_en and c.description and c.description_en for c in leaves)


def test_every_category_routes_to_a_unit_in_every_district(demo_city):
    for category in Category.objects.filter(service_code__in=_codes()):
        for district in District.objects.filter(number__lt=500):
            unit = report_route(
                category=category, location=district.area.point_on_surface, district=district
            )
            assert unit is not None, (category.service_code, district.slug)


def test_the_port_district_has_its_own_route_for_roads(demo_city):
    pothole = Category.objects.get(service_code="strasse.schlagloch")
    port = District.objects.get(slug="hafenviertel")
    elsewhere = District.objects.get(slug="altstadt")
    assert (
        report_route(category=pothole, location=port.area.point_on_surface, district=port).slug
        == "hafenbetriebe"
    )
    assert (
        report_route(
            category=pothole, location=elsewhere.area.point_on_surface, district=elsewhere
        ).slug
        == "tiefbauamt"
    )


def test_reports_exist_in_every_status_and_channel(demo_city):
    reports = _demo_reports()
    assert 250 <= reports.count() <= 600
    statuses = set(reports.values_list("status__slug", flat=True))
    assert statuses == {s["slug"] for s in demo.STATUSES}
    assert set(reports.values_list("channel", flat=True)) == set(Report.Channel.values)
    assert set(reports.values_list("moderation", flat=True)) == set(Report.Moderation.values)
    assert reports.filter(duplicate_of__isnull=False).count() >= 5
    assert reports.filter(channel="sensor").count() >= 5
    assert reports.filter(supporter_count__gt=0).exists()


def test_timelines_agree_with_the_status(demo_city):
    reports = _demo_reports().prefetch_related("updates__status").select_related("status")
    for report in reports:
        updates = list(report.updates.all())
        assert updates[0].kind == "created" and updates[0].created_at == report.created_at
        with_status = [u for u in updates if u.status_id and u.kind != "merged"]
        if report.duplicate_of_id is None:
            assert with_status[-1].status_id == report.status_id, report.pk
        else:
            assert report.status.slug == "duplikat"
        assert all(u.created_at <= timezone.now() for u in updates)
        assert all(u.notified_at is not None for u in updates)  # no mail left to send
        assert report.staff_notified_at is not None
        assert (report.closed_at is not None) == report.status.is_closed
        if report.moderation == "rejected":
            assert report.moderation_reason and report.status.slug == "abgelehnt"


def test_most_first_answers_come_within_three_working_days(demo_city):
    answered = _demo_reports().filter(first_answer_at__isnull=False)
    kept = [r for r in answered if r.first_answer_at <= working_days_after(r.created_at, 3)]
    assert len(kept) / answered.count() >= 0.75


def test_contacts_are_few_and_use_example_addresses(demo_city):
    contacts = ReporterContact.objects.filter(report__in=_demo_reports())
    assert 1 <= contacts.count() <= 30
    assert all(c.email.endswith("@example.org") for c in contacts)


def test_streets_lie_inside_their_districts(demo_city):
    streets = Street.objects.select_related("district").filter(district__number__lt=500)
    assert streets.count() >= 6 * 8
    for street in streets:
        assert street.district.area.contains(street.line), street
        assert street.last_number > street.first_number
    per_district = {
        d: streets.filter(district=d).count() for d in District.objects.filter(number__lt=500)
    }
    assert all(6 <= n <= 12 for n in per_district.values())


def test_no_demo_report_lies_outside_the_city(demo_city):
    for report in _demo_reports().select_related("district"):
        assert report.district.area.contains(report.location), report.pk


def test_the_handlers_work_for_their_units(demo_city):
    users = get_user_model().objects
    central = users.get(username="maengelmelder")
    assert central.has_perm("defects.handle_all_reports")
    assert DepartmentMembership.objects.filter(
        user__username="tiefbau", department__slug="tiefbauamt"
    ).exists()
    assert DepartmentMembership.objects.filter(
        user__username="stadtwerke", department__slug="stadtwerke"
    ).exists()
    clerk = users.get(username="tiefbau")
    assert not clerk.has_perm("defects.handle_all_reports")


def test_street_phrases_use_the_right_preposition():
    assert street_phrases("Lindenstraße") == ("in der Lindenstraße", "an der Lindenstraße")
    assert street_phrases("Erlenweg") == ("im Erlenweg", "am Erlenweg")
    assert street_phrases("Marktplatz") == ("am Marktplatz", "am Marktplatz")
    assert street_phrases("Am Stadtpark") == ("Am Stadtpark", "Am Stadtpark")
