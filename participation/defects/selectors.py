"""Reads of the defect reporter: routing, nearby duplicates, public lists and pages."""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.gis.geos import Point, Polygon
from django.db import connection
from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    FloatField,
    Func,
    Min,
    Q,
    QuerySet,
    When,
)
from django.db.models.functions import Floor

from participation.defects import reference
from participation.defects.models import (
    Category,
    Report,
    ReportPhoto,
    ReportUpdate,
    Status,
)
from participation.defects.validation import (
    EARTH_RADIUS_METRES,
    category_for_report,
    district_of,
)
from portal.core.models import Department, District

DUPLICATE_RADIUS_METRES = 50.0
DUPLICATES_SHOWN = 10


class PointX(Func):
    """A point's longitude in SQL (ST_X on PostGIS and SpatiaLite alike)."""

    function = "ST_X"
    output_field = FloatField()


class PointY(Func):
    function = "ST_Y"
    output_field = FloatField()


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
    then the category's own unit. Read from the reference snapshot, without a query."""
    return reference.snapshot().route(category, location, district.pk)


def _box_around(location: Point, metres: float) -> tuple[float, float, float, float]:
    dlat = math.degrees(metres / EARTH_RADIUS_METRES)
    dlon = dlat / max(math.cos(math.radians(location.y)), 1e-6)
    return (location.x - dlon, location.y - dlat, location.x + dlon, location.y + dlat)


def _box_sql() -> str:
    """Reports whose point lies in a box, through the spatial index on either backend.

    PostGIS uses its GiST index for ``&&`` by itself; SpatiaLite never consults its R*Tree
    unless asked through its ``SpatialIndex`` table (without it every report of the category
    is parsed: 6 ms at 3,000 reports instead of 0.7 ms).
    """
    if getattr(connection.ops, "spatialite", False):
        return (
            "r.id IN (SELECT rowid FROM SpatialIndex WHERE f_table_name = 'defects_report' AND "
            "f_geometry_column = 'location' AND search_frame = BuildMbr(%s, %s, %s, %s, 4326))"
        )
    return "r.location && ST_MakeEnvelope(%s, %s, %s, %s, 4326)"


# What a list of nearby reports shows and filters on; the rest (the geometry, for which the
# distance stands, the extra answers, the moderation history) loads only if asked for.
_NEARBY_FIELDS = (
    "id",
    "category",
    "status",
    "district",
    "department",
    "description",
    "moderation",
    "duplicate_of",
    "supporter_count",
    "created_at",
)
_NEARBY_COLUMNS = ", ".join(
    f"r.{Report._meta.get_field(name).column}"  # type: ignore[union-attr]
    for name in _NEARBY_FIELDS
)
_SQUARED_METRES = (
    "((ST_X(r.location) - %s) * %s) * ((ST_X(r.location) - %s) * %s) + "
    "((ST_Y(r.location) - %s) * %s) * ((ST_Y(r.location) - %s) * %s)"
)


def report_duplicates_nearby(
    *,
    category: Category,
    location: Point,
    radius: float = DUPLICATE_RADIUS_METRES,
    limit: int = DUPLICATES_SHOWN,
) -> list[Report]:
    """Open, visible reports of the same category within ``radius`` metres: the ``limit``
    nearest, nearest first (a citizen reads a handful, not sixty).

    One statement, written out because every report submission runs it and the ORM took ten
    times as long to build it as the database to answer it: the spatial index narrows the
    candidates to a box, the database measures, orders and limits them. Over 50 m the plane
    through the point (metres per degree at its latitude) is as good as the great circle:
    they differ by less than a millimetre. Status and category come from the reference
    snapshot.
    """
    metres_per_degree = math.radians(1) * EARTH_RADIUS_METRES
    east = metres_per_degree * math.cos(math.radians(location.y))
    x, y = location.x, location.y
    squared = [x, east, x, east, y, metres_per_degree, y, metres_per_degree]
    # Only constants and the model's own column names are formatted in; values are parameters.
    sql = (
        f"SELECT {_NEARBY_COLUMNS}, {_SQUARED_METRES} AS squared_metres "  # noqa: S608
        "FROM defects_report r JOIN defects_status s ON s.id = r.status_id "
        f"WHERE {_box_sql()} AND r.category_id = %s AND s.is_closed = %s "
        f"AND r.duplicate_of_id IS NULL AND r.moderation <> %s AND {_SQUARED_METRES} <= %s "
        "ORDER BY squared_metres, r.id LIMIT %s"
    )
    params = [
        *squared,
        *_box_around(location, radius),
        category.pk,
        False,
        Report.Moderation.REJECTED,
        *squared,
        radius * radius,
        limit,
    ]
    found = list(Report.objects.raw(sql, params))
    statuses = reference.snapshot().statuses
    for report in found:
        report.distance = math.sqrt(report.squared_metres)  # type: ignore[attr-defined]
        report.category = category
        if (status := statuses.get(report.status_id)) is not None:
            report.status = copy.copy(status)
    return found


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


# --- public browsing: list, map, feeds --------------------------------------------------------


@dataclass(frozen=True)
class ReportFilter:
    """What the public overview, its map and its feeds are narrowed to (all optional)."""

    category_ids: tuple[int, ...] = ()
    status_id: int | None = None
    district_id: int | None = None
    created_from: datetime | None = None  # inclusive
    created_before: datetime | None = None  # exclusive


def category_with_descendants(*, category: Category) -> list[int]:
    """The category's id and those of every category below it (a group covers its members)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Category.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, queue = [], [category.pk]
    while queue:
        pk = queue.pop()
        if pk in found:
            continue
        found.append(pk)
        queue.extend(children.get(pk, []))
    return sorted(found)


def report_public_queryset(*, filters: ReportFilter | None = None) -> QuerySet[Report]:
    """Public reports (approved, not a duplicate), newest first, narrowed by ``filters``."""
    reports = Report.objects.filter(
        moderation=Report.Moderation.APPROVED, duplicate_of__isnull=True
    )
    if filters is None:
        return reports
    if filters.category_ids:
        reports = reports.filter(category_id__in=filters.category_ids)
    if filters.status_id is not None:
        reports = reports.filter(status_id=filters.status_id)
    if filters.district_id is not None:
        reports = reports.filter(district_id=filters.district_id)
    if filters.created_from is not None:
        reports = reports.filter(created_at__gte=filters.created_from)
    if filters.created_before is not None:
        reports = reports.filter(created_at__lt=filters.created_before)
    return reports


def report_public_list(*, filters: ReportFilter | None = None) -> QuerySet[Report]:
    """The rows of the public list and feeds: with category, status and district joined."""
    return report_public_queryset(filters=filters).select_related(
        "category", "category__parent", "status", "district"
    )


def public_point(*, x: float, y: float, sensitive: bool) -> tuple[float, float]:
    """(lon, lat) as published: ``report_public_location`` on bare coordinates."""
    if not sensitive:
        return x, y
    snapped = report_public_location(
        report=Report(location=Point(x, y, srid=4326), category=Category(sensitive=True))
    )
    return snapped.x, snapped.y


# The map's grid: CELLS_PER_TILE cells across a 256-pixel tile, i.e. 64-pixel cells.
CELLS_PER_TILE = 4
MAP_MIN_ZOOM, MAP_MAX_ZOOM = 0, 19
MAP_MAX_CELLS = 5000
# Sensitive reports enter a cluster's mean at the centre of a cell at least this large
# (0.001° ≈ 111 m north-south, ≈ 68 m east-west at 52° N): never finer than the 50 m grid.
SENSITIVE_CLUSTER_CELL = 0.001


@dataclass(frozen=True)
class MapCell:
    """A cell of the map's grid: a cluster of ``count`` reports, or one report if count is 1."""

    count: int
    lon: float
    lat: float
    report: Report | None = None


def map_cell_degrees(*, zoom: int) -> float:
    return 360.0 / (2**zoom) / CELLS_PER_TILE


def report_map_cells(
    *,
    filters: ReportFilter | None = None,
    zoom: int,
    bbox: tuple[float, float, float, float] | None = None,
) -> tuple[list[MapCell], bool]:
    """Public reports clustered on a grid of the zoom level's size, in the database.

    One GROUP BY over the filtered reports (the cluster's position is the mean of its
    members, sensitive members entering at a coarse cell's centre, never exactly), then one
    query for the cells that hold a single report (shown as that report, at its published
    location). Returns the cells, most populous first, at most ``MAP_MAX_CELLS``, and
    whether cells were left off.
    """
    cell = map_cell_degrees(zoom=zoom)
    coarse = max(cell, SENSITIVE_CLUSTER_CELL)
    x, y = PointX("location"), PointY("location")
    sensitive = Q(category__sensitive=True)
    # Sensitive reports enter every step (the area asked for, the cells) only by their coarse
    # cell's centre: shrinking the area cannot home in on where they are.
    reports = report_public_queryset(filters=filters).annotate(
        public_x=Case(
            When(sensitive, then=(Floor(x / coarse) + 0.5) * coarse),
            default=x,
            output_field=FloatField(),
        ),
        public_y=Case(
            When(sensitive, then=(Floor(y / coarse) + 0.5) * coarse),
            default=y,
            output_field=FloatField(),
        ),
    )
    if bbox is not None:
        west, south, east, north = bbox
        box = Polygon.from_bbox(bbox)
        box.srid = 4326
        reports = reports.filter(
            Q(category__sensitive=False, location__intersects=box)
            | Q(
                category__sensitive=True,
                public_x__gte=west,
                public_x__lte=east,
                public_y__gte=south,
                public_y__lte=north,
            )
        )
    rows = list(
        reports.annotate(
            cell_x=Floor(F("public_x") / cell),
            cell_y=Floor(F("public_y") / cell),
        )
        .values("cell_x", "cell_y")
        .annotate(count=Count("pk"), lon=Avg("public_x"), lat=Avg("public_y"), first=Min("pk"))
        .order_by("-count", "cell_x", "cell_y")[: MAP_MAX_CELLS + 1]
    )
    truncated = len(rows) > MAP_MAX_CELLS
    rows = rows[:MAP_MAX_CELLS]
    single_ids = [row["first"] for row in rows if row["count"] == 1]
    singles = {
        report.pk: report
        for report in Report.objects.filter(pk__in=single_ids).select_related("category", "status")
    }
    cells = []
    for row in rows:
        report = singles.get(row["first"]) if row["count"] == 1 else None
        if report is not None:
            point = report_public_location(report=report)
            cells.append(MapCell(count=1, lon=point.x, lat=point.y, report=report))
        else:
            cells.append(MapCell(count=row["count"], lon=row["lon"], lat=row["lat"]))
    return cells, truncated


def category_tree() -> list[tuple[Category, int]]:
    """Every category with its depth, groups followed by their members (one query)."""
    categories = list(Category.objects.select_related("parent"))
    children: dict[int | None, list[Category]] = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category)
    tree: list[tuple[Category, int]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for category in children.get(parent_id, []):
            if all(seen.pk != category.pk for seen, _depth in tree):
                tree.append((category, depth))
                walk(category.pk, depth + 1)

    walk(None, 0)
    return tree


def status_list() -> QuerySet[Status]:
    return Status.objects.all()


def district_list() -> QuerySet[District]:
    return District.objects.all()


def category_by_code(*, service_code: str) -> Category | None:
    return Category.objects.filter(service_code=service_code).first()


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
    distance: float | None  # metres; None for sensitive categories (it would locate them)


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
        NearbyReport(
            report=report,
            distance=None if category.sensitive else report.distance,  # type: ignore[attr-defined]
        )
        for report in report_duplicates_nearby(category=category, location=location)
        if report.is_public
    ]
    return ReportDraft(category=category, location=location, duplicates=nearby)
