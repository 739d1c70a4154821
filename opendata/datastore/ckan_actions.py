"""CKAN's DataStore actions: datastore_search and datastore_info (read-only, anonymous)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from urllib.parse import urlencode

from opendata.catalogue.ckan.actions import NotFound, ValidationFailed
from opendata.catalogue.ckan.registry import action, side_effect_free
from opendata.datastore import selectors
from opendata.datastore.models import DatastoreTable

DEFAULT_LIMIT = 100
MAX_LIMIT = 32000  # CKAN's ckan.datastore.search.rows_max
RECORDS_FORMATS = ("objects", "lists", "csv", "tsv")
ACTION_PATH = "/api/3/action/datastore_search"


def _table(params: dict[str, Any]) -> DatastoreTable:
    key = params.get("resource_id") or params.get("id")
    if not key:
        raise ValidationFailed(resource_id=["Missing value"])
    table = selectors.datastore_table_get_public(resource_id=str(key))
    if table is None:
        raise NotFound(f'Resource "{key}" was not found.')
    return table


def _natural(params: dict[str, Any], name: str, default: int) -> int:
    value = params.get(name, default)
    if value in (None, ""):
        return default
    if isinstance(value, bool):
        raise ValidationFailed(**{name: ["Invalid integer"]})
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationFailed(**{name: ["Invalid integer"]}) from None
    if number < 0:
        raise ValidationFailed(**{name: ["Must be a natural number"]})
    return number


def _boolean(params: dict[str, Any], name: str, default: bool) -> bool:
    value = params.get(name, default)
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes", "on"):
        return True
    if text in ("false", "0", "no", "off"):
        return False
    raise ValidationFailed(**{name: ["Invalid boolean"]})


def _json_param(params: dict[str, Any], name: str, *, allow_text: bool = False) -> Any:
    """A dict parameter, given as an object (POST) or as a JSON string (GET)."""
    value = params.get(name)
    if value in (None, ""):
        return None
    if isinstance(value, str):
        stripped = value.strip()
        if allow_text and not stripped.startswith("{"):
            return value
        try:
            value = json.loads(stripped)
        except ValueError:
            raise ValidationFailed(**{name: ["Cannot parse JSON"]}) from None
    if not isinstance(value, dict):
        raise ValidationFailed(**{name: ["Not a JSON Object"]})
    return value


def _field_list(params: dict[str, Any]) -> list[str] | None:
    value = params.get("fields")
    if value in (None, "", []):
        return None
    if isinstance(value, str):
        return [name.strip() for name in value.split(",") if name.strip()]
    if isinstance(value, list) and all(isinstance(name, str) for name in value):
        return value
    raise ValidationFailed(fields=["Not a list of field names"])


def _sort(params: dict[str, Any]) -> str | None:
    value = params.get("sort")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value) if value else None


def _link(params: dict[str, Any], offset: int | None) -> str:
    query = {}
    for key, value in params.items():
        if key == "offset":
            continue
        query[key] = json.dumps(value) if isinstance(value, dict | list) else value
    if offset:
        query["offset"] = offset
    return f"{ACTION_PATH}?{urlencode(query)}"


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _delimited(rows: list[list[Any]], delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


@action
@side_effect_free
def datastore_search(params: dict[str, Any]) -> dict[str, Any]:
    table = _table(params)
    limit = min(_natural(params, "limit", DEFAULT_LIMIT), MAX_LIMIT)
    offset = _natural(params, "offset", 0)
    include_total = _boolean(params, "include_total", True)
    records_format = str(params.get("records_format") or "objects")
    if records_format not in RECORDS_FORMATS:
        raise ValidationFailed(records_format=[f"Must be one of {', '.join(RECORDS_FORMATS)}"])
    filters = _json_param(params, "filters")
    q = _json_param(params, "q", allow_text=True)
    sort = _sort(params)
    try:
        query = selectors.datastore_search_build(
            table=table,
            filters=filters,
            q=q,
            fields=_field_list(params),
            sort=sort,
            limit=limit,
            offset=offset,
        )
        found = selectors.datastore_search_run(query, include_total=include_total)
    except selectors.QueryError as exc:
        raise ValidationFailed(**{exc.parameter: [exc.message]}) from None
    rows = found["rows"]
    names = [f["id"] for f in query.fields]
    if records_format == "objects":
        records: Any = [dict(zip(names, row, strict=True)) for row in rows]
    elif records_format == "lists":
        records = rows
    else:
        records = _delimited(rows, "," if records_format == "csv" else "\t")
    result: dict[str, Any] = {
        "include_total": include_total,
        "resource_id": str(table.distribution_id),
        "fields": query.fields,
        "records_format": records_format,
        "records": records,
        "limit": limit,
        "_links": {"start": _link(params, None), "next": _link(params, offset + limit)},
    }
    if offset:
        result["offset"] = offset
    if include_total:
        result["total"] = found["total"]
        result["total_was_estimated"] = False
    for key, value in (("filters", filters), ("q", q), ("sort", sort)):
        if value:
            result[key] = value
    return result


@action
@side_effect_free
def datastore_info(params: dict[str, Any]) -> dict[str, Any]:
    table = _table(params)
    return {
        "meta": {
            "id": str(table.distribution_id),
            "count": table.row_count,
            "table_type": "BASE TABLE",
            "loaded_at": table.loaded_at.isoformat() if table.loaded_at else None,
        },
        "fields": [{"id": f["id"], "type": f["type"]} for f in table.fields],
    }
