"""CKAN's DataStore dump: /datastore/dump/<resource_id>, streamed as CSV, TSV or JSON."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any

from django.http import Http404, HttpRequest, StreamingHttpResponse

from opendata.datastore import selectors
from opendata.datastore.models import DatastoreTable

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "tsv": ("text/tab-separated-values; charset=utf-8", "tsv"),
    "json": ("application/json; charset=utf-8", "json"),
}


class _Echo:
    """A file-like object whose write() returns what it was given (for csv.writer)."""

    def write(self, value: str) -> str:
        return value


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _delimited(table: DatastoreTable, delimiter: str, bom: bool) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=delimiter, lineterminator="\r\n")
    if bom:
        yield "\ufeff"
    yield writer.writerow([f["id"] for f in selectors.table_fields(table)])
    for row in selectors.datastore_rows_iter(table):
        yield writer.writerow([_cell(value) for value in row])


def _json(table: DatastoreTable) -> Iterator[str]:
    fields = json.dumps(selectors.table_fields(table), ensure_ascii=False)
    yield f'{{\n  "fields": {fields},\n  "records": ['
    separator = "\n    "
    for row in selectors.datastore_rows_iter(table):
        yield separator + json.dumps(row, ensure_ascii=False)
        separator = ",\n    "
    yield "\n  ]\n}\n"


def dump(request: HttpRequest, resource_id: str) -> StreamingHttpResponse:
    table = selectors.datastore_table_get_public(resource_id=resource_id)
    if table is None:
        raise Http404("Resource not found")
    format_ = request.GET.get("format", "csv").lower()
    if format_ not in FORMATS:
        format_ = "csv"
    bom = request.GET.get("bom", "").lower() in ("true", "1", "yes")
    if format_ == "json":
        content: Iterator[str] = _json(table)
    else:
        content = _delimited(table, "," if format_ == "csv" else "\t", bom)
    content_type, extension = FORMATS[format_]
    response = StreamingHttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{table.distribution_id}.{extension}"'
    return response
