"""Public catalogue pages: search with facets, dataset pages with previews (the record history
is in ``history.py``)."""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from opendata.catalogue import rdf, selectors
from opendata.catalogue.fq import SearchError
from opendata.catalogue.models import Dataset, DatasetRecordChange, Distribution, Publisher
from opendata.catalogue.public import previews
from opendata.catalogue.public.forms import DEFAULT_ROWS, SORTS, CatalogueSearchForm
from opendata.catalogue.public.quality import dataset_quality, last_update
from opendata.catalogue.search import FACET_FIELDS, DatasetQuery, SearchResult, dataset_search
from opendata.catalogue.vocabularies import LICENCES, FileFormat, Frequency, Licence, Theme
from portal.core import ratelimit

RDF_MEDIA_TYPES = {
    "text/turtle": "ttl",
    "application/rdf+xml": "rdf",
    "application/ld+json": "jsonld",
}


def _facet_legends() -> dict[str, str]:
    return {
        "groups": _("Theme"),
        "res_format": _("Format"),
        "organization": _("Publisher"),
        "license_id": _("Licence"),
        "tags": _("Keyword"),
        "action_field": _("Action field"),
    }


FACET_ORDER = ("groups", "res_format", "organization", "license_id", "tags", "action_field")
FACET_VISIBLE = 8


# --- content negotiation -------------------------------------------------------------------


def _rdf_type(request: HttpRequest) -> str | None:
    """The RDF media type the client prefers over HTML, if any."""
    preferred = request.get_preferred_type(["text/html", *RDF_MEDIA_TYPES])
    return preferred if preferred in RDF_MEDIA_TYPES else None


def _rdf_response(dataset: Dataset, media_type: str) -> HttpResponse:
    extension = RDF_MEDIA_TYPES[media_type]
    body = rdf.dataset_graph(dataset).serialize(format=rdf.FORMATS[extension])
    response = HttpResponse(body, content_type=rdf.CONTENT_TYPES[extension])
    response["Content-Location"] = f"/dataset/{dataset.name}.{extension}"
    patch_vary_headers(response, ["Accept"])
    return response


def _public_dataset(name: str) -> Dataset:
    dataset = selectors.dataset_get_public(name=name)
    if dataset is None:
        raise Http404("no such dataset")
    return dataset


def dataset_uri(request: HttpRequest, name: str) -> HttpResponse:
    """The dataset's DCAT URI: RDF for RDF clients, otherwise 303 See Other to its page."""
    dataset = _public_dataset(name)
    media_type = _rdf_type(request)
    if media_type:
        return _rdf_response(dataset, media_type)
    language = translation.get_language_from_request(request, check_path=False)
    with translation.override(language):
        target = reverse("catalogue-dataset", kwargs={"name": dataset.name})
    response = HttpResponseRedirect(target, status=303)
    patch_vary_headers(response, ["Accept", "Accept-Language"])
    return response


# --- search ----------------------------------------------------------------------------------


def _query_url(params: list[tuple[str, str]]) -> str:
    return "?" + urlencode(params) if params else "?"


def _params(request: HttpRequest) -> list[tuple[str, str]]:
    """The query string as pairs, without the page number and empty values."""
    return [
        (key, value)
        for key, values in request.GET.lists()
        for value in values
        if key != "page" and value != ""
    ]


def _without(params: list[tuple[str, str]], key: str, value: str | None = None) -> str:
    return _query_url(
        [(k, v) for k, v in params if not (k == key and (value is None or v == value))]
    )


def _facet_groups(
    request: HttpRequest, form: CatalogueSearchForm, result: SearchResult | None
) -> list[dict[str, Any]]:
    legends = _facet_legends()
    publishers = {}
    if result is not None and result.facets.get("organization"):
        names = [item.name for item in result.facets["organization"]]
        names += form.filters.get("organization", [])
        publishers = {p.name: p.localized_title for p in Publisher.objects.filter(name__in=names)}
    groups = []
    for field in FACET_ORDER:
        items = list(result.facets.get(field, [])) if result is not None else []
        chosen = form.filters.get(field, [])
        entries = []
        for item in items:
            label = item.display_name
            if field == "organization":
                label = publishers.get(item.name, label)
            entries.append(
                {
                    "value": item.name,
                    "label": label,
                    "count": item.count,
                    "checked": item.name in chosen,
                }
            )
        known = {entry["value"] for entry in entries}
        for value in chosen:
            if value not in known:
                entries.insert(
                    0,
                    {
                        "value": value,
                        "label": _facet_value_label(field, value, publishers),
                        "count": 0,
                        "checked": True,
                    },
                )
        if not entries:
            continue
        for index, entry in enumerate(entries):
            entry["id"] = f"facet-{field}-{index}"
        checked_first = sorted(entries, key=lambda e: not e["checked"])
        groups.append(
            {
                "field": field,
                "legend": legends[field],
                "visible": checked_first[:FACET_VISIBLE],
                "more": checked_first[FACET_VISIBLE:],
            }
        )
    return groups


def _facet_value_label(field: str, value: str, publishers: dict[str, str]) -> str:
    if field == "groups" and value.upper() in Theme.values:
        return str(Theme(value.upper()).label)
    if field == "res_format" and value.upper() in FileFormat.values:
        return str(FileFormat(value.upper()).label)
    if field == "license_id" and value in Licence.values:
        return str(Licence(value).label)
    if field == "organization":
        if value not in publishers:
            publisher = Publisher.objects.filter(name=value).first()
            return publisher.localized_title if publisher else value
        return publishers[value]
    return value


def _active_filters(
    request: HttpRequest, form: CatalogueSearchForm, facets: list[dict[str, Any]]
) -> list[dict[str, str]]:
    params = _params(request)
    legends = _facet_legends()
    labels = {
        (group["field"], entry["value"]): entry["label"]
        for group in facets
        for entry in group["visible"] + group["more"]
    }
    active = []
    data = getattr(form, "cleaned_data", {})
    if data.get("q"):
        active.append(
            {"field": _("Search term"), "label": data["q"], "remove_url": _without(params, "q")}
        )
    for field in FACET_ORDER:
        for value in form.filters.get(field, []):
            active.append(
                {
                    "field": legends[field],
                    "label": labels.get((field, value), value),
                    "remove_url": _without(params, field, value),
                }
            )
    if data.get("district") and not data.get("bbox"):
        active.append(
            {
                "field": _("District"),
                "label": data["district"].name,
                "remove_url": _without(params, "district"),
            }
        )
    if data.get("bbox"):
        active.append(
            {
                "field": _("Area"),
                "label": ", ".join(f"{n:.4f}" for n in data["bbox"]),
                "remove_url": _query_url(
                    [(k, v) for k, v in params if k not in {"bbox", "district"}]
                ),
            }
        )
    return active


def _page_links(request: HttpRequest, number: int, last: int) -> list[dict[str, Any]]:
    params = _params(request)
    shown = sorted({1, last, *range(max(1, number - 2), min(last, number + 2) + 1)})
    links, previous = [], 0
    for n in shown:
        if n - previous > 1:
            links.append({"gap": True})
        links.append(
            {"number": n, "url": _query_url([*params, ("page", str(n))]), "current": n == number}
        )
        previous = n
    return links


def _result_item(dataset: Dataset) -> dict[str, Any]:
    english = translation.get_language() == "en"
    formats = sorted({d.format for d in dataset.distributions.all()})
    return {
        "dataset": dataset,
        "title": dataset.localized_title,
        "title_lang": "de" if english and not dataset.title_en else "",
        "description": dataset.localized_description,
        "description_lang": "de" if english and not dataset.description_en else "",
        "publisher": dataset.publisher.localized_title,
        "formats": [FileFormat(f).label if f in FileFormat.values else f for f in formats],
        "themes": [Theme(code).label for code in dataset.theme_codes if code in Theme.values],
        "updated": last_update(dataset),
    }


def catalogue_search(request: HttpRequest) -> HttpResponse:
    form = CatalogueSearchForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    errors = [str(e) for e in form.filter_errors]
    rows = data.get("rows") or DEFAULT_ROWS
    number = data.get("page") or 1
    sort_key = data.get("sort") or "relevance"
    query = DatasetQuery(
        q=data.get("q", ""),
        filters=form.filters,
        sort=SORTS[sort_key],
        start=(number - 1) * rows,
        rows=rows,
        facet_fields=list(FACET_FIELDS),
        facet_limit=50,
        facet_mincount=1,
        bbox=form.search_area(),
        facets_ignore_own_filter=True,
    )
    result = None
    try:
        result = dataset_search(query)
    except SearchError as exc:
        errors.append(_("The search could not be run: %(problem)s") % {"problem": exc})
    count = result.count if result is not None else 0
    last = max(1, math.ceil(count / rows))
    if result is not None and count and number > last:
        errors.append(
            _("There is no page %(number)s; the results end on page %(last)s.")
            % {"number": number, "last": last}
        )
    facets = _facet_groups(request, form, result)
    params = _params(request)
    context = {
        "form": form,
        "errors": errors,
        "result": result,
        "count": count,
        "items": [_result_item(d) for d in result.datasets] if result else [],
        "facets": facets,
        "active_filters": _active_filters(request, form, facets),
        "clear_url": _query_url([(k, v) for k, v in params if k in {"sort", "rows"}]),
        "page_number": number,
        "last_page": last,
        "page_links": _page_links(request, number, last) if count > rows else [],
        "previous_url": _query_url([*params, ("page", str(number - 1))])
        if 1 < number <= last
        else "",
        "next_url": _query_url([*params, ("page", str(number + 1))]) if number < last else "",
        "first_result": (number - 1) * rows + 1,
        "last_result": min(number * rows, count),
        "sort_key": sort_key,
        "search_area": ",".join(f"{n:.5f}" for n in area) if (area := form.search_area()) else "",
    }
    status = 400 if form.errors or errors else 200
    return render(request, "catalogue/search.html", context, status=status)


# --- dataset page --------------------------------------------------------------------------


def _download_url(distribution: Distribution) -> str:
    if distribution.file:
        return reverse(
            "catalogue-download",
            kwargs={"name": distribution.dataset.name, "distribution_id": distribution.id},
        )
    return distribution.url


def _distribution_item(distribution: Distribution, chosen: Distribution | None) -> dict[str, Any]:
    code = distribution.format
    return {
        "distribution": distribution,
        "format": FileFormat(code).label if code in FileFormat.values else code,
        "licence": Licence(distribution.licence).label
        if distribution.licence in Licence.values
        else distribution.licence,
        "licence_url": LICENCES + distribution.licence,
        "url": _download_url(distribution),
        "is_file": bool(distribution.file),
        "previewable": previews.is_previewable(distribution),
        "previewed": chosen is not None and chosen.pk == distribution.pk,
    }


def _page_number(value: str | None) -> tuple[int, bool]:
    if value in (None, ""):
        return 1, True
    try:
        number = int(value)
    except ValueError:
        return 1, False
    if not 1 <= number <= previews.MAX_PAGE:
        return 1, False
    return number, True


def _preview(
    request: HttpRequest, dataset: Dataset, distributions: list[Distribution]
) -> tuple[Distribution | None, dict[str, Any], list[str]]:
    """Which distribution to preview, and the preview itself."""
    previewable = [d for d in distributions if previews.is_previewable(d)]
    messages: list[str] = []
    requested = request.GET.get("preview", "")
    chosen = None
    if requested:
        chosen = next((d for d in previewable if str(d.pk) == requested), None)
        if chosen is None:
            messages.append(_("There is no preview for the requested file; showing the first one."))
    if chosen is None and previewable:
        chosen = previewable[0]
    if chosen is None:
        return None, {}, messages
    number, ok = _page_number(request.GET.get("page"))
    if not ok:
        messages.append(_("The page number was not valid; showing the first page."))
    preview: dict[str, Any] = {"distribution": chosen, "kind": chosen.format}
    base = [("preview", str(chosen.pk))]
    try:
        if chosen.format == "CSV":
            table = previews.csv_page(chosen, number)
            preview["table"] = table
            if table.has_previous:
                preview["previous_url"] = (
                    _query_url([*base, ("page", str(number - 1))]) + "#preview"
                )
            if table.has_next:
                preview["next_url"] = _query_url([*base, ("page", str(number + 1))]) + "#preview"
            preview["chart"] = previews.time_series(chosen, title=chosen.title)
        elif chosen.format == "GEOJSON":
            features = previews.geojson_features(chosen, number)
            preview["features"] = features
            if features["has_previous"]:
                preview["previous_url"] = (
                    _query_url([*base, ("page", str(number - 1))]) + "#preview"
                )
            if features["has_next"]:
                preview["next_url"] = _query_url([*base, ("page", str(number + 1))]) + "#preview"
            preview["geojson_url"] = _download_url(chosen)
    except previews.PreviewError as exc:
        preview["error"] = str(exc)
        preview["first_url"] = _query_url(base) + "#preview"
    return chosen, preview, messages


def _api_snippets(
    request: HttpRequest, dataset: Dataset, distributions: list[Distribution]
) -> dict[str, str]:
    root = request.build_absolute_uri("/").rstrip("/")
    csv_distribution = next((d for d in distributions if d.format == "CSV"), None)
    return {
        "root": root,
        "package_show": f"{root}/api/3/action/package_show?id={dataset.name}",
        "datastore_search": (
            f"{root}/api/3/action/datastore_search?resource_id={csv_distribution.pk}&limit=5"
            if csv_distribution
            else ""
        ),
        "resource_id": str(csv_distribution.pk) if csv_distribution else "",
        "turtle": f"{root}/dataset/{dataset.name}.ttl",
        "uri": f"{root}/dataset/{dataset.name}",
        "identifier": str(rdf.dataset_uri(dataset)),
    }


def _preview_paging_exceeded(request: HttpRequest) -> int | None:
    """Preview pages past the first read the file up to that page: counted per address."""
    rate = settings.CATALOGUE_PREVIEW_PAGE_RATE
    if rate is None or request.GET.get("page", "") in ("", "1"):
        return None
    return ratelimit.address_rate_exceeded(request, scope="catalogue-preview", rate=rate)


def dataset_detail(request: HttpRequest, name: str) -> HttpResponse:
    dataset = _public_dataset(name)
    media_type = _rdf_type(request)
    if media_type:
        return _rdf_response(dataset, media_type)
    wait = _preview_paging_exceeded(request)
    if wait is not None:
        back = reverse("catalogue-dataset", args=[dataset.name]) + "#preview"
        return ratelimit.too_many_page(request, wait=wait, back=back)
    english = translation.get_language() == "en"
    distributions = list(dataset.distributions.all())
    chosen, preview, preview_messages = _preview(request, dataset, distributions)
    spatial = None
    if dataset.spatial is not None:
        west, south, east, north = dataset.spatial.extent
        spatial = {
            "geojson": dataset.spatial.geojson,
            "west": west,
            "south": south,
            "east": east,
            "north": north,
        }
    context = {
        "dataset": dataset,
        "title_lang": "de" if english and not dataset.title_en else "",
        "description_lang": "de" if english and not dataset.description_en else "",
        "german_fallback": english and not (dataset.title_en and dataset.description_en),
        "publisher": dataset.publisher,
        "themes": [
            {"code": code.lower(), "label": Theme(code).label}
            for code in dataset.theme_codes
            if code in Theme.values
        ],
        "keywords": dataset.keyword_names,
        "licence": Licence(dataset.licence).label if dataset.licence in Licence.values else "",
        "licence_url": LICENCES + dataset.licence,
        "frequency": Frequency(dataset.accrual_periodicity).label
        if dataset.accrual_periodicity in Frequency.values
        else "",
        "updated": last_update(dataset),
        "spatial": spatial,
        "distributions": [_distribution_item(d, chosen) for d in distributions],
        "preview": preview,
        "preview_messages": preview_messages,
        "quality": dataset_quality(dataset=dataset),
        "api": _api_snippets(request, dataset, distributions),
        "search_url": reverse("catalogue-search"),
        "change_count": DatasetRecordChange.objects.filter(dataset=dataset).count(),
    }
    response = render(request, "catalogue/dataset.html", context)
    patch_vary_headers(response, ["Accept"])
    return response
