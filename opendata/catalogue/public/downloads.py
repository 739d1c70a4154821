"""Downloads: single distribution files and the whole catalogue as CSV or JSON Lines."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponsePermanentRedirect,
    StreamingHttpResponse,
)
from django.urls import reverse
from django.utils import translation

from opendata.catalogue import selectors

# Re-exported: the address builders moved to a module every interface may use.
from opendata.catalogue.addresses import (
    distribution_address,
    distribution_download_path,
    distribution_filename,
)
from opendata.catalogue.models import Dataset, Distribution
from opendata.catalogue.vocabularies import DATA_THEME, FREQUENCY, LICENCES, MEDIA_TYPES

EXPORT_CHUNK = 200

EXPORT_FIELDS = [
    "name",
    "uri",
    "landing_page",
    "title",
    "title_en",
    "description",
    "description_en",
    "publisher",
    "publisher_name",
    "contact_name",
    "contact_email",
    "themes",
    "keywords",
    "licence",
    "issued",
    "modified",
    "accrual_periodicity",
    "temporal_start",
    "temporal_end",
    "spatial_bbox",
    "version",
    "action_field",
    "distribution_formats",
    "distribution_urls",
]


def distribution_download(
    request: HttpRequest, name: str, distribution_id: str, filename: str | None = None
) -> FileResponse | HttpResponsePermanentRedirect:
    """A stored file of a published dataset, as an attachment; drafts do not exist here.

    Served with the media type of the distribution's format (never one guessed from the
    file name) and ``nosniff``, so that no upload can become a page of this site.
    """
    distribution = (
        Distribution.objects.select_related("dataset")
        .filter(
            id=distribution_id,
            dataset__name=name,
            dataset__state=Dataset.State.PUBLISHED,
        )
        .first()
    )
    if distribution is None or not distribution.file:
        raise Http404("no such file")
    stored_name = distribution_filename(distribution)
    if filename is not None and filename != stored_name:
        # A replaced file keeps old links working, under its current name.
        return HttpResponsePermanentRedirect(distribution_download_path(distribution))
    try:
        handle = distribution.file.open("rb")
    except OSError:
        raise Http404("file missing") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=stored_name,
        content_type=MEDIA_TYPES.get(distribution.format, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _record(dataset: Dataset) -> dict[str, Any]:
    base = settings.PORTAL_BASE_URL
    distributions = list(dataset.distributions.all())
    with translation.override(settings.LANGUAGE_CODE):
        page = reverse("catalogue-dataset", kwargs={"name": dataset.name})
    bbox = ""
    if dataset.spatial is not None:
        bbox = ",".join(f"{value:.6f}" for value in dataset.spatial.extent)
    return {
        "name": dataset.name,
        "uri": f"{base}/dataset/{dataset.name}",
        "landing_page": dataset.landing_page or f"{base}{page}",
        "title": dataset.title,
        "title_en": dataset.title_en,
        "description": dataset.description,
        "description_en": dataset.description_en,
        "publisher": dataset.publisher.title,
        "publisher_name": dataset.publisher.name,
        "contact_name": dataset.contact_name,
        "contact_email": dataset.contact_email,
        "themes": [DATA_THEME + code for code in sorted(t.code for t in dataset.themes.all())],
        "keywords": sorted(item.tag.name for item in dataset.keyword_items.all()),
        "licence": LICENCES + dataset.licence,
        "issued": dataset.issued.isoformat() if dataset.issued else None,
        "modified": dataset.modified.isoformat() if dataset.modified else None,
        "accrual_periodicity": (
            FREQUENCY + dataset.accrual_periodicity if dataset.accrual_periodicity else None
        ),
        "temporal_start": dataset.temporal_start.isoformat() if dataset.temporal_start else None,
        "temporal_end": dataset.temporal_end.isoformat() if dataset.temporal_end else None,
        "spatial_bbox": bbox or None,
        "version": dataset.version,
        "action_field": dataset.action_field,
        "distributions": [
            {
                "title": d.title,
                "format": d.format,
                "media_type": MEDIA_TYPES.get(d.format),
                "url": distribution_address(d),
                "licence": LICENCES + d.licence,
                "byte_size": d.byte_size,
                "checksum_sha256": d.checksum_sha256 or None,
            }
            for d in distributions
        ],
    }


def _datasets() -> Iterator[Dataset]:
    return selectors.dataset_list_public().iterator(chunk_size=EXPORT_CHUNK)


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(datasets: Iterable[Dataset]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(EXPORT_FIELDS)
    for dataset in datasets:
        record = _record(dataset)
        distributions = record.pop("distributions")
        record["themes"] = " ".join(record["themes"])
        record["keywords"] = "; ".join(record["keywords"])
        record["distribution_formats"] = " ".join(d["format"] for d in distributions)
        record["distribution_urls"] = " ".join(d["url"] for d in distributions)
        yield writer.writerow(["" if record[f] is None else record[f] for f in EXPORT_FIELDS])


def _jsonl_lines(datasets: Iterable[Dataset]) -> Iterator[str]:
    for dataset in datasets:
        yield json.dumps(_record(dataset), ensure_ascii=False) + "\n"


def catalog_csv(request: HttpRequest) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        _csv_lines(_datasets()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="catalog.csv"'
    return response


def catalog_jsonl(request: HttpRequest) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        _jsonl_lines(_datasets()), content_type="application/jsonl; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="catalog.jsonl"'
    return response
