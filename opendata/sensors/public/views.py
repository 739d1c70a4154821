"""Public sensor pages inside the language prefix: /sensoren/ (German), /en/sensors/ (English).

The table is the page's content; the map is an enhancement drawn from the GeoJSON endpoint
with the same things and values. Everything here reads published data only (see
``selectors``).
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, Max, Min, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opendata.catalogue.models import Dataset
from opendata.sensors import selectors
from opendata.sensors.models import Datastream, Release
from opendata.sensors.public import charts, downloads

ROWS_PER_PAGE = 50


class MapFilterForm(forms.Form):
    property = forms.ModelChoiceField(
        queryset=selectors.map_properties(),
        required=False,
        label=gettext_lazy("Observed property"),
        empty_label=gettext_lazy("All observed properties"),
        error_messages={"invalid_choice": gettext_lazy("Choose a property from the list.")},
    )


def period_choices() -> list[tuple[str, str]]:
    return [("24h", _("last 24 hours")), ("7d", _("last 7 days")), ("30d", _("last 30 days"))]


def sta_path(datastream: Datastream) -> str:
    return f"/sta/v1.1/Datastreams({datastream.pk})"


def _filter(request: HttpRequest) -> tuple[MapFilterForm, int | None]:
    form = MapFilterForm(request.GET or None)
    chosen = form.cleaned_data["property"] if form.is_valid() else None
    return form, chosen.pk if chosen else None


def sensor_map(request: HttpRequest) -> HttpResponse:
    form, property_id = _filter(request)
    things = selectors.map_things(observed_property_id=property_id)
    geojson_url = reverse("sensors-map-geojson")
    if property_id:
        geojson_url += f"?property={property_id}"
    return render(
        request,
        "sensors/public/map.html",
        {
            "form": form,
            "things": things,
            "geojson_url": geojson_url,
            "located": sum(1 for row in things if row.location),
        },
    )


def sensor_map_geojson(request: HttpRequest) -> HttpResponse:
    """The map's features: one point per thing, its streams with their current values."""
    _form, property_id = _filter(request)
    features = []
    for row in selectors.map_things(observed_property_id=property_id):
        if row.location is None:
            continue
        point = row.location.location
        features.append(
            {
                "type": "Feature",
                "id": row.thing.pk,
                "geometry": {"type": "Point", "coordinates": [point.x, point.y]},
                "properties": {
                    "name": row.thing.name,
                    "district": row.district,
                    "streams": [
                        {
                            "name": stream.datastream.observed_property.name,
                            "url": reverse("sensors-datastream", args=[stream.datastream.pk]),
                            "value": _current_text(stream),
                        }
                        for stream in row.streams
                    ],
                },
            }
        )
    body = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/geo+json; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _current_text(stream: selectors.StreamRow) -> str:
    if not stream.current:
        return _("no published value yet")
    parts = []
    for value, label in zip(stream.current, stream.labels, strict=True):
        text = label if not value.withheld else _("withheld")
        parts.append(f"{selectors.cell_label(value.cell)}: {text}" if value.cell else text)
    return "; ".join(parts)


def _period(request: HttpRequest, *, allow_all: bool = False) -> tuple[str, str]:
    """The chosen period's key and an error message ("" when the choice was valid)."""
    chosen = request.GET.get("period", selectors.DEFAULT_PERIOD)
    if chosen in selectors.PERIODS or (allow_all and chosen == "all"):
        return chosen, ""
    return selectors.DEFAULT_PERIOD, _("Choose a period from the list.")


def _public_stream(datastream_id: int) -> Datastream:
    datastream = selectors.datastream_get_public(datastream_id=datastream_id)
    if datastream is None:
        raise Http404("no such datastream")
    return datastream


def _release_summary(datastream: Datastream, since) -> dict[str, Any]:
    releases = Release.objects.filter(datastream=datastream, window_start__gte=since)
    summary = releases.aggregate(
        count=Count("pk"),
        noisy=Count("pk", filter=Q(epsilon_spent__gt=0)),
        epsilon_min=Min("epsilon_spent", filter=Q(epsilon_spent__gt=0)),
        epsilon_max=Max("epsilon_spent", filter=Q(epsilon_spent__gt=0)),
    )
    summary["methods"] = list(
        releases.values("method", "code_version")
        .annotate(releases=Count("pk"))
        .order_by("method", "code_version")
    )
    summary["latest"] = releases.order_by("-window_start").first()
    return summary


def datastream_detail(request: HttpRequest, datastream_id: int) -> HttpResponse:
    datastream = _public_stream(datastream_id)
    period, period_error = _period(request)
    end = timezone.now()
    since = end - selectors.PERIODS[period]
    rows = selectors.published_rows(datastream=datastream, since=since)
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    chart = charts.datastream_chart(
        datastream=datastream,
        rows=selectors.window_values(datastream=datastream, since=since),
        start=since,
        end=end,
    )
    dataset = datastream.dataset
    if dataset is not None and dataset.state != Dataset.State.PUBLISHED:
        dataset = None
    current = selectors.latest_values([datastream.pk]).get(datastream.pk, [])
    return render(
        request,
        "sensors/public/datastream.html",
        {
            "datastream": datastream,
            "current": selectors.StreamRow(datastream, current),
            "period": period,
            "period_error": period_error,
            "periods": period_choices(),
            "values_page": page,
            "rows": [
                (row, selectors.value_label(row.result, datastream), selectors.cell_label(row.cell))
                for row in page.object_list
            ],
            "has_cells": any(row.cell for row in page.object_list),
            "warning_label": selectors.value_label(datastream.warning_threshold, datastream),
            "withheld": rows.filter(suppressed=True).count(),
            "releases": _release_summary(datastream, since),
            "chart": chart,
            "dataset": dataset,
            "sta_path": sta_path(datastream),
        },
    )


def datastream_download(request: HttpRequest, datastream_id: int, file_format: str):
    datastream = _public_stream(datastream_id)
    period, error = _period(request, allow_all=True)
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    since = None if period == "all" else timezone.now() - selectors.PERIODS[period]
    return downloads.published_values_download(
        datastream=datastream, since=since, period=period, file_format=file_format
    )
