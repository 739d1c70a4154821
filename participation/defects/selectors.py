"""Reads of the defect reporter: routing, nearby duplicates, public lists and pages."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.contrib.gis.geos import Point, Polygon
from django.db.models import Q

from participation.defects.models import Category, Report, ReportPhoto, ReportUpdate, RoutingRule
from participation.defects.validation import (
    EARTH_RADIUS_METRES,
    category_for_report,
    distance_metres,
    district_of,
)
from portal.core.models import Department, District

DUPLICATE_RADIUS_METRES = 50.0


def category_lineage(category: Category) -> list[Category]:
    """The category, its group, the group's group, ... (a rule on a group covers its members)."""
    lineage, seen = [], set()
    current: Category | None = category
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        lineage.append(current)
        current = current.parent
    return lineage


def report_route(*, category: Category, location: Point, district: District) -> Department | None:
    """The unit responsible: the first rule (by priority) of the nearest category in the
    lineage whose area or district contains the point; a rule without either covers the city;
    then the category's own unit."""
    for member in category_lineage(category):
        rule = (
            RoutingRule.objects.filter(category=member)
            .filter(
                Q(area__isnull=True, district__isnull=True)
                | Q(district=district)
                | Q(area__contains=location)
            )
            .select_related("department")
            .order_by("priority", "pk")
            .first()
        )
        if rule is not None:
            return rule.department
        if member.department_id is not None:
            return member.department
    return None


def _bbox_around(location: Point, metres: float) -> Polygon:
    dlat = math.degrees(metres / EARTH_RADIUS_METRES)
    dlon = dlat / max(math.cos(math.radians(location.y)), 1e-6)
    box = Polygon.from_bbox(
        (location.x - dlon, location.y - dlat, location.x + dlon, location.y + dlat)
    )
    box.srid = 4326
    return box


def report_duplicates_nearby(
    *, category: Category, location: Point, radius: float = DUPLICATE_RADIUS_METRES
) -> list[Report]:
    """Open, visible reports of the same category within ``radius`` metres, nearest first."""
    candidates = (
        Report.objects.filter(
            category=category,
            status__is_closed=False,
            duplicate_of__isnull=True,
            location__intersects=_bbox_around(location, radius),
        )
        .exclude(moderation=Report.Moderation.REJECTED)
        .select_related("status", "category")
    )
    near = [(distance_metres(location, r.location), r) for r in candidates]
    return [r for d, r in sorted(near, key=lambda pair: (pair[0], pair[1].pk)) if d <= radius]


def report_public_detail(*, pk: int) -> Report | None:
    return (
        Report.objects.select_related("category", "status", "district", "department")
        .filter(pk=pk)
        .first()
    )


def report_public_timeline(*, report: Report) -> list[ReportUpdate]:
    """What the public sees of the history: public entries, without who wrote them."""
    return list(
        report.updates.filter(public=True)
        .exclude(kind__in=[ReportUpdate.Kind.NOTE, ReportUpdate.Kind.MODERATED])
        .select_related("status")
    )


def report_public_photos(*, report: Report) -> list[ReportPhoto]:
    return list(report.photos.filter(public=True))


SENSITIVE_GRID_METRES = 50.0


def report_public_location(*, report: Report) -> Point:
    """The published location: exact, or snapped to a 50 m grid for sensitive categories."""
    if not report.category.sensitive:
        return report.location
    step_lat = math.degrees(SENSITIVE_GRID_METRES / EARTH_RADIUS_METRES)
    step_lon = step_lat / max(math.cos(math.radians(round(report.location.y, 2))), 1e-6)
    return Point(
        (math.floor(report.location.x / step_lon) + 0.5) * step_lon,
        (math.floor(report.location.y / step_lat) + 0.5) * step_lat,
        srid=4326,
    )


# --- the citizen's report form ----------------------------------------------------------------

CategoryChoices = list[tuple[str, "str | list[tuple[str, str]]"]]


def category_choices() -> CategoryChoices:
    """Active categories a report can name (no groups), for a select with option groups:
    categories without a group first as plain options, then one group per parent."""
    categories = list(
        Category.objects.filter(active=True)
        .select_related("parent")
        .order_by("parent__order", "parent__name", "order", "name")
    )
    with_children = {c.parent_id for c in categories if c.parent_id is not None}
    plain: list[tuple[str, str]] = []
    groups: dict[int, tuple[str, list[tuple[str, str]]]] = {}
    for category in categories:
        if category.pk in with_children:
            continue
        option = (category.service_code, category.label)
        if category.parent is None:
            plain.append(option)
        else:
            groups.setdefault(category.parent.pk, (category.parent.label, []))[1].append(option)
    return [*plain, *groups.values()]


@dataclass(frozen=True)
class NearbyReport:
    report: Report
    distance: float  # metres


@dataclass(frozen=True)
class ReportDraft:
    """What the citizen chose in the first step: checked, with the public reports nearby."""

    category: Category
    location: Point
    duplicates: list[NearbyReport] = field(default_factory=list)


def report_draft_check(*, service_code: str, location: Point) -> ReportDraft:
    """Check category and place of a report to be written (ValidationError naming
    ``category`` or ``location``) and find the public open reports of the category nearby."""
    category = category_for_report(service_code)
    district_of(location)
    nearby = [
        NearbyReport(report=report, distance=distance_metres(location, report.location))
        for report in report_duplicates_nearby(category=category, location=location)
        if report.is_public
    ]
    return ReportDraft(category=category, location=location, duplicates=nearby)
