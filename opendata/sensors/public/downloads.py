"""CSV and JSON downloads of a datastream's published values, streamed as attachments.

Only rows with a value: suppressed cells are left out (as in the SensorThings API). Each row
names its release's method, epsilon and code version, so that a download carries its own
provenance.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import datetime

from django.conf import settings
from django.http import StreamingHttpResponse

from opendata.sensors import selectors
from opendata.sensors.models import Datastream, PublishedObservation

CHUNK = 2000

FIELDS = [
    "datastream_id",
    "phenomenon_time_start",
    "phenomenon_time_end",
    "result_time",
    "result",
    "unit",
    "cell",
    "method",
    "epsilon",
    "code_version",
]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _record(row: PublishedObservation, datastream: Datastream) -> dict:
    return {
        "datastream_id": datastream.pk,
        "phenomenon_time_start": row.phenomenon_time_start.isoformat(),
        "phenomenon_time_end": row.phenomenon_time_end.isoformat(),
        "result_time": row.result_time.isoformat(),
        "result": row.result,
        "unit": datastream.unit_symbol or datastream.unit_name,
        "cell": row.cell,
        "method": row.release.method,
        "epsilon": row.release.epsilon_spent or None,
        "code_version": row.release.code_version,
    }


def _rows(datastream: Datastream, since: datetime | None) -> Iterator[PublishedObservation]:
    return selectors.published_values(datastream=datastream, since=since).iterator(chunk_size=CHUNK)


def _csv(datastream: Datastream, since: datetime | None) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(FIELDS)
    for row in _rows(datastream, since):
        record = _record(row, datastream)
        yield writer.writerow(["" if record[name] is None else record[name] for name in FIELDS])


def _json(datastream: Datastream, since: datetime | None) -> Iterator[str]:
    head = {
        "datastream": {
            "id": datastream.pk,
            "name": datastream.name,
            "observed_property": datastream.observed_property.name,
            "observed_property_definition": datastream.observed_property.definition,
            "unit": {
                "name": datastream.unit_name,
                "symbol": datastream.unit_symbol,
                "definition": datastream.unit_definition,
            },
            "thing": datastream.thing.name,
            "sensorthings": f"{settings.PORTAL_BASE_URL}/sta/v1.1/Datastreams({datastream.pk})",
        },
        "since": since.isoformat() if since else None,
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "observations": ['
    separator = ""
    for row in _rows(datastream, since):
        yield separator + json.dumps(_record(row, datastream), ensure_ascii=False)
        separator = ","
    yield "]}\n"


def published_values_download(
    *, datastream: Datastream, since: datetime | None, period: str, file_format: str
) -> StreamingHttpResponse:
    if file_format == "csv":
        lines, media_type = _csv(datastream, since), "text/csv; charset=utf-8"
    else:
        lines, media_type = _json(datastream, since), "application/json; charset=utf-8"
    response = StreamingHttpResponse(lines, content_type=media_type)
    filename = f"datastream-{datastream.pk}-{period}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
