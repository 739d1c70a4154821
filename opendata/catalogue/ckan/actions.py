"""CKAN Action API functions over the published catalogue (read-only, anonymous)."""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q
from django.utils.translation import get_language

from opendata.catalogue import search, selectors
from opendata.catalogue.ckan import dicts
from opendata.catalogue.ckan.registry import action, side_effect_free
from opendata.catalogue.fq import SearchError
from opendata.catalogue.models import Dataset, DatasetKeyword, DataTheme, Distribution, Publisher
from opendata.catalogue.vocabularies import Licence, Theme

MAX_ROWS = 1000


class ActionError(Exception):
    status = 400
    ckan_type = "Bad request"

    def __init__(self, message: str = "", **fields: list[str]) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields

    def as_error(self) -> dict[str, Any]:
        error: dict[str, Any] = {"__type": self.ckan_type}
        if self.message:
            error["message"] = self.message
        error.update(self.fields)
        return error


class NotFound(ActionError):
    status = 404
    ckan_type = "Not Found Error"


class ValidationFailed(ActionError):
    status = 409
    ckan_type = "Validation Error"


# Larger numbers than any row count: PostgreSQL's and SQLite's LIMIT and OFFSET overflow at 2**63.
MAX_INTEGER = 2**31 - 1


def _int(
    params: dict[str, Any],
    name: str,
    default: int,
    maximum: int | None = None,
    *,
    minimum: int | None = 0,
) -> int:
    value = params.get(name, default)
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        raise ValidationFailed(**{name: ["Invalid integer"]}) from None
    if minimum is not None and number < minimum:
        raise ValidationFailed(**{name: ["Must be a natural number"]})
    maximum = MAX_INTEGER if maximum is None else maximum
    if number > maximum:
        raise ValidationFailed(**{name: [f"Must be at most {maximum}"]})
    return number


def _key(params: dict[str, Any]) -> str:
    key = params.get("id") or params.get("name_or_id")
    if not key:
        raise ValidationFailed(id=["Missing value"])
    if not isinstance(key, str):
        raise ValidationFailed(id=["Must be a string"])
    return key


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


@action
@side_effect_free
def status_show(params: dict[str, Any]) -> dict[str, Any]:
    return {
        "site_title": f"Offene Daten {settings.PORTAL_CITY_NAME}",
        "site_url": settings.PORTAL_BASE_URL,
        "site_description": "Open data of the Smart-City portal",
        "ckan_version": "2.10.0",
        "locale_default": "de",
        "extensions": ["dcat"],
    }


@action
@side_effect_free
def package_list(params: dict[str, Any]) -> list[str]:
    limit = _int(params, "limit", MAX_ROWS, MAX_ROWS)
    offset = _int(params, "offset", 0)
    names = Dataset.objects.published().order_by("name").values_list("name", flat=True)
    return list(names[offset : offset + limit])


# Package dictionaries are kept in the cache under their record's metadata_modified, which
# every change of what they show moves on (the dataset, its distributions and data store,
# its publisher, its keywords): a changed record is a new key, never a stale answer.
PACKAGE_CACHE_SECONDS = 24 * 3600


@action
@side_effect_free
def package_show(params: dict[str, Any]) -> dict[str, Any]:
    dataset = selectors.dataset_get_public_by_key(key=_key(params))
    if dataset is None:
        raise NotFound("Not found")
    cache_key = (
        f"ckan-package:{dataset.pk}:{dataset.metadata_modified.timestamp()}:{get_language()}"
    )
    package = cache.get(cache_key)
    if package is None:
        package = dicts.package_dict(dataset, selectors.dataset_parts(dataset=dataset))
        cache.set(cache_key, package, PACKAGE_CACHE_SECONDS)
    return package


@action
@side_effect_free
def current_package_list_with_resources(params: dict[str, Any]) -> list[dict[str, Any]]:
    limit = _int(params, "limit", 100, MAX_ROWS)
    offset = _int(params, "offset", 0)
    datasets = selectors.dataset_list_public().order_by("-metadata_modified")
    return [dicts.package_dict(d) for d in datasets[offset : offset + limit]]


@action
@side_effect_free
def resource_show(params: dict[str, Any]) -> dict[str, Any]:
    key = _key(params)
    if not _is_uuid(key):
        raise NotFound("Resource was not found.")
    distribution = (
        Distribution.objects.filter(id=key, dataset__state=Dataset.State.PUBLISHED)
        .select_related("dataset")
        .first()
    )
    if distribution is None:
        raise NotFound("Resource was not found.")
    return dicts.resource_dict(distribution)


def _publishers_with_counts():
    return Publisher.objects.annotate(
        package_count=Count("datasets", filter=Q(datasets__state=Dataset.State.PUBLISHED))
    ).order_by("name")


@action
@side_effect_free
def organization_list(params: dict[str, Any]) -> list[Any]:
    publishers = _publishers_with_counts()
    if str(params.get("all_fields", "")).lower() in {"true", "1"}:
        return [dicts.organization_dict(p, package_count=p.package_count) for p in publishers]
    return [p.name for p in publishers]


@action
@side_effect_free
def organization_show(params: dict[str, Any]) -> dict[str, Any]:
    key = _key(params)
    condition = Q(name=key) | (Q(id=key) if _is_uuid(key) else Q())
    publisher = _publishers_with_counts().filter(condition).first()
    if publisher is None:
        raise NotFound("Organization not found")
    result = dicts.organization_dict(publisher, package_count=publisher.package_count)
    if str(params.get("include_datasets", "")).lower() in {"true", "1"}:
        datasets = selectors.dataset_list_public().filter(publisher=publisher)[:MAX_ROWS]
        result["packages"] = [dicts.package_dict(d) for d in datasets]
    return result


def _theme_counts() -> dict[str, int]:
    published = Q(datasets__state=Dataset.State.PUBLISHED)
    themes = DataTheme.objects.annotate(package_count=Count("datasets", filter=published))
    return {theme.code: theme.package_count for theme in themes}


@action
@side_effect_free
def group_list(params: dict[str, Any]) -> list[Any]:
    counts = _theme_counts()
    codes = sorted(code for code in Theme.values if counts.get(code, 0))
    if str(params.get("all_fields", "")).lower() in {"true", "1"}:
        return [dicts.group_dict(code, package_count=counts.get(code, 0)) for code in codes]
    return [code.lower() for code in codes]


@action
@side_effect_free
def group_show(params: dict[str, Any]) -> dict[str, Any]:
    key = str(params.get("id", "")).upper()
    if key not in Theme.values:
        raise NotFound("Group not found")
    return dicts.group_dict(key, package_count=_theme_counts().get(key, 0))


@action
@side_effect_free
def license_list(params: dict[str, Any]) -> list[dict[str, Any]]:
    return [dicts.licence_dict(code) for code in Licence.values]


@action
@side_effect_free
def tag_list(params: dict[str, Any]) -> list[str]:
    names = DatasetKeyword.objects.filter(
        content_object__state=Dataset.State.PUBLISHED
    ).values_list("tag__name", flat=True)
    query = str(params.get("query", ""))
    if query:
        names = names.filter(tag__name__icontains=query)
    return sorted(set(names))


class SearchQueryError(ActionError):
    status = 409
    ckan_type = "Search Query Error"


def _list_param(params: dict[str, Any], name: str) -> list[str]:
    value = params.get(name)
    if value in (None, ""):
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    try:
        parsed = json.loads(value)
    except (TypeError, ValueError):
        parsed = None
    if isinstance(parsed, list):
        return [str(v) for v in parsed]
    return [str(value)]


@action
@side_effect_free
def package_search(params: dict[str, Any]) -> dict[str, Any]:
    rows = _int(params, "rows", 10, search.MAX_ROWS)
    start = _int(params, "start", 0)
    facet_limit = _int(params, "facet.limit", 50, minimum=None)  # negative: no limit
    facet_mincount = _int(params, "facet.mincount", 1)
    faceting = str(params.get("facet", "true")).lower() != "false"
    facet_fields = _list_param(params, "facet.field") if faceting else []
    unknown = [f for f in facet_fields if f not in search.FACET_FIELDS]
    if unknown:
        raise SearchQueryError(
            f"Search Query is invalid: cannot facet by {', '.join(unknown)}; "
            f"facet fields: {', '.join(search.FACET_FIELDS)}"
        )
    # Each filter in parentheses, so that an OR in one cannot reach into the next.
    filters = [str(params.get("fq") or ""), *_list_param(params, "fq_list")]
    fq = " ".join(f"({f})" for f in filters if f.strip())
    bbox = None
    try:
        if params.get("ext_bbox"):
            bbox = search.parse_bbox(str(params["ext_bbox"]))
        result = search.dataset_search(
            search.DatasetQuery(
                q=str(params.get("q") or ""),
                fq=fq,
                sort=str(params.get("sort") or search.DEFAULT_SORT),
                start=start,
                rows=rows,
                facet_fields=facet_fields,
                facet_limit=facet_limit,
                facet_mincount=facet_mincount,
                bbox=bbox,
            )
        )
    except SearchError as exc:
        raise SearchQueryError(f"Search Query is invalid: {exc}") from None
    return {
        "count": result.count,
        "sort": result.sort,
        "results": [dicts.package_dict(d) for d in result.datasets],
        "facets": {
            name: {item.name: item.count for item in items} for name, items in result.facets.items()
        },
        "search_facets": {
            name: {
                "title": name,
                "items": [
                    {"name": i.name, "display_name": i.display_name, "count": i.count}
                    for i in items
                ],
            }
            for name, items in result.facets.items()
        },
    }
