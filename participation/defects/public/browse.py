"""What the public sees of reports: the filtered overview (list and map) and the map's GeoJSON.

The list is the page's content and works without JavaScript; the map above it is an
enhancement drawn from ``defects:geojson`` with the same filters. The GeoJSON lives under the
same language prefix as the page (``/maengelmelder/meldungen.geojson``,
``/en/defects/meldungen.geojson``): its labels (category, status) are in the page's language,
and it is the page's own data feed, not a developers' API (that is Open311, with its own
paths and error format).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from participation.defects import selectors
from participation.defects.public.filters import MapForm, ReportFilterForm

PER_PAGE = 25
CITY_ZOOM = 12  # the zoom the GeoJSON assumes when none is given: the whole city


def _errors(form: Any) -> dict[str, list[str]]:
    return {
        field: [str(message) for message in messages] for field, messages in form.errors.items()
    }


def report_list(request: HttpRequest) -> HttpResponse:
    form = ReportFilterForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    page_number = request.GET.get("page", "1")
    if valid and not (
        page_number.isascii() and page_number.isdigit() and 0 < int(page_number) < 10**9
    ):
        form.add_error(None, _("Page: give a page number such as 2."))
        valid = False
    context: dict[str, Any] = {"form": form, "valid": valid}
    if not valid:
        context["reports_page"] = None
        return render(request, "defects/public/list.html", context, status=400)
    filters = form.report_filter() if form.is_bound else selectors.ReportFilter()
    reports = selectors.report_public_list(filters=filters)
    paginator = Paginator(reports, PER_PAGE)
    page = paginator.get_page(page_number)
    query = {k: v for k, v in request.GET.items() if k != "page" and v}
    status_counts = (
        selectors.report_public_queryset(filters=filters)
        .values("status__slug")
        .annotate(n=Count("pk"))
    )
    counts = {row["status__slug"]: row["n"] for row in status_counts}
    statuses = list(selectors.status_list())
    context.update(
        reports_page=page,
        count=paginator.count,
        status_counts=[(status, counts.get(status.slug, 0)) for status in statuses],
        statuses=statuses,
        query=urlencode(query),
        geojson_url=reverse("defects:geojson") + (f"?{urlencode(query)}" if query else ""),
        feed_url=reverse("defects:feed"),
        filtered=bool(query),
    )
    return render(request, "defects/public/list.html", context)


def _feature(cell: selectors.MapCell) -> dict[str, Any]:
    geometry = {"type": "Point", "coordinates": [round(cell.lon, 6), round(cell.lat, 6)]}
    report = cell.report
    if report is None:
        return {
            "type": "Feature",
            "geometry": geometry,
            "properties": {"cluster": True, "count": cell.count},
        }
    return {
        "type": "Feature",
        "id": report.pk,
        "geometry": geometry,
        "properties": {
            "cluster": False,
            "count": 1,
            "title": _("Report #%(id)s: %(category)s")
            % {"id": report.pk, "category": report.category.label},
            "url": reverse("defects:report", args=[report.pk]),
            "status": report.status.label,
            "colour": report.status.colour,
            "created": report.created_at.isoformat(),
            "rounded": report.category.sensitive,
        },
    }


def report_geojson(request: HttpRequest) -> HttpResponse:
    """The filtered public reports for the map, clustered on a grid in the database.

    ``zoom`` (0 to 19, default: the city view) sets the grid; ``bbox=west,south,east,north``
    narrows to the visible area. A cell with one report is that report (at its published
    location: sensitive categories rounded to the 50 m grid); others are clusters with their
    count. Invalid parameters: 400 with ``{"errors": {field: [message]}}``.
    """
    form = ReportFilterForm(request.GET)
    map_form = MapForm(request.GET)
    form_ok, map_ok = form.is_valid(), map_form.is_valid()
    if not (form_ok and map_ok):
        return JsonResponse({"errors": _errors(form) | _errors(map_form)}, status=400)
    zoom = map_form.cleaned_data["zoom"]
    cells, truncated = selectors.report_map_cells(
        filters=form.report_filter(),
        zoom=CITY_ZOOM if zoom is None else zoom,
        bbox=map_form.cleaned_data["bbox"],
    )
    collection = {
        "type": "FeatureCollection",
        "features": [_feature(cell) for cell in cells],
        "total": sum(cell.count for cell in cells),
        "truncated": truncated,
    }
    response = HttpResponse(
        json.dumps(collection, ensure_ascii=False),
        content_type="application/geo+json; charset=utf-8",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
