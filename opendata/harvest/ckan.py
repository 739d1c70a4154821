"""Harvesting another CKAN the way ckanext-harvest's CKAN harvester does.

Gathering pages through ``package_search`` with ``rows`` and ``start``, sorted by
``id asc`` so that paging is stable; a run after an error-free one asks only for what changed
since (``fq=metadata_modified:[<last run - 1 h>Z TO *]``, the hour covering clock skew).
Datasets seen twice while paging (the remote catalogue changing under us) are kept once.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from opendata.catalogue.vocabularies import Frequency, Theme
from opendata.harvest.importing import (
    DatasetValues,
    JobLog,
    PublisherRef,
    RecordSkipped,
    dataset_name,
    format_code,
    licence_code,
)
from opendata.harvest.models import HarvestSource
from opendata.harvest.remote import HarvestFailed, fetch

# Stop runaway paging (a source that keeps answering with the same page).
MAX_PAGES = 1000
# Go back this far before the last run, as ckanext-harvest does, for clocks that differ.
INCREMENTAL_MARGIN = timedelta(hours=1)


def action_url(source: HarvestSource, action: str) -> str:
    base = source.url.rstrip("/")
    for suffix in ("/api/3/action", "/api/action", "/api/3", "/api"):
        if base.endswith(suffix):
            base = base[: -len(suffix)]
            break
    return f"{base}/api/3/action/{action}"


def filter_query(source: HarvestSource, since: datetime | None) -> str:
    terms = []
    if source.fq.strip():
        terms.append(f"({source.fq.strip()})")
    if source.organisation.strip():
        terms.append(f"organization:{source.organisation.strip()}")
    if since is not None:
        moment = (since - INCREMENTAL_MARGIN).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
        terms.append(f"metadata_modified:[{moment}Z TO *]")
    return " AND ".join(terms)


def _search_page(source: HarvestSource, params: dict[str, Any]) -> tuple[int, list[dict]]:
    response = fetch(
        action_url(source, "package_search"),
        params=params,
        timeout=source.timeout_seconds,
        accept="application/json",
    )
    try:
        body = response.json()
    except ValueError:
        raise HarvestFailed(
            _("The source did not answer with valid JSON (%(url)s).") % {"url": response.url}
        ) from None
    result = body.get("result") if isinstance(body, dict) else None
    if not (isinstance(body, dict) and body.get("success") and isinstance(result, dict)):
        raise HarvestFailed(
            _("The source's answer is not a successful CKAN response (%(url)s).")
            % {"url": response.url}
        )
    results = result.get("results")
    if not isinstance(results, list) or not all(isinstance(p, dict) for p in results):
        raise HarvestFailed(
            _("The source's answer has no list of results (%(url)s).") % {"url": response.url}
        )
    try:
        count = int(result.get("count", 0))
    except (TypeError, ValueError):
        count = 0
    return count, results


def packages_gather(source: HarvestSource, since: datetime | None) -> list[dict[str, Any]]:
    """All package dicts the source offers (or changed since ``since``), each once."""
    params: dict[str, Any] = {"rows": source.rows, "start": 0, "sort": "id asc"}
    fq = filter_query(source, since)
    if fq:
        params["fq"] = fq
    packages: list[dict[str, Any]] = []
    seen: set[str] = set()
    for _page in range(MAX_PAGES):
        count, results = _search_page(source, params)
        if not results:
            break
        for package in results:
            key = str(package.get("id") or package.get("name") or "")
            if not key or key in seen:
                continue
            seen.add(key)
            packages.append(package)
        # Some sites cap rows below what we asked for: go on from what actually came.
        params["start"] += len(results)
        if params["start"] >= count:
            break
    else:
        raise HarvestFailed(_("The source returned more than %(n)s pages.") % {"n": MAX_PAGES})
    return packages


def _extras(package: dict[str, Any]) -> dict[str, str]:
    extras = package.get("extras") or []
    if isinstance(extras, dict):
        return {str(k): str(v or "") for k, v in extras.items()}
    return {
        str(e.get("key")): str(e.get("value") or "")
        for e in extras
        if isinstance(e, dict) and e.get("key")
    }


def _text(value: Any) -> str:
    return str(value).strip() if value is not None else ""


def package_values(package: dict[str, Any]) -> DatasetValues:
    """A CKAN package dict as dataset values; raises RecordSkipped when it cannot be used."""
    remote_id = _text(package.get("id")) or _text(package.get("name"))
    name = dataset_name(_text(package.get("name")), _text(package.get("title")))
    title = _text(package.get("title")) or _text(package.get("name"))
    if not name or not title:
        raise RecordSkipped("name", _("The package has neither a usable name nor a title."))
    licence = licence_code(_text(package.get("license_id")))
    if licence is None:
        licence = licence_code(_text(package.get("license_url")))
    if licence is None:
        raise RecordSkipped(
            "license_id",
            _("The licence “%(licence)s” is not one of the catalogue's licences.")
            % {"licence": _text(package.get("license_id")) or "–"},
        )
    extras = _extras(package)
    fields: dict[str, Any] = {
        "title": title[:250],
        "title_en": extras.get("title_en", "")[:250],
        "description": _text(package.get("notes")) or title,
        "description_en": extras.get("description_en", ""),
        "licence": licence,
        "landing_page": _text(package.get("url")),
        "version": _text(package.get("version"))[:40],
        "contact_name": (_text(package.get("maintainer")) or _text(package.get("author")))[:150],
        "contact_email": _text(package.get("maintainer_email"))
        or _text(package.get("author_email")),
    }
    frequency = extras.get("accrual_periodicity", "").rsplit("/", 1)[-1]
    fields["accrual_periodicity"] = frequency if frequency in Frequency.values else ""
    if issued := parse_date(extras.get("issued", "")[:10] or "-"):
        fields["issued"] = issued
    modified = parse_datetime(_text(package.get("metadata_modified")))
    if modified is not None:
        fields["modified"] = modified if modified.tzinfo else modified.replace(tzinfo=UTC)

    organization = package.get("organization") or {}
    publisher = PublisherRef()
    if isinstance(organization, dict) and organization.get("name"):
        publisher = PublisherRef(
            name=_text(organization.get("name")),
            title=_text(organization.get("title")),
            description=_text(organization.get("description")),
        )

    themes = sorted(
        {
            _text(group.get("name")).upper()
            for group in package.get("groups") or []
            if isinstance(group, dict) and _text(group.get("name")).upper() in Theme.values
        }
    )
    keywords = sorted(
        {
            _text(tag.get("name") if isinstance(tag, dict) else tag)[:100]
            for tag in package.get("tags") or []
        }
        - {""}
    )
    distributions = []
    for resource in package.get("resources") or []:
        if not isinstance(resource, dict) or not _text(resource.get("url")):
            continue
        code = format_code(_text(resource.get("format"))) or format_code(
            _text(resource.get("mimetype"))
        )
        if code is None:
            continue  # reported by the caller through resources_skipped
        distributions.append(
            {
                "url": _text(resource.get("url"))[:500],
                "title": (_text(resource.get("name")) or code)[:250],
                "description": _text(resource.get("description")),
                "format": code,
                "licence": licence,
            }
        )
    return DatasetValues(
        remote_id=remote_id,
        name=name,
        fields=fields,
        publisher=publisher,
        themes=themes,
        keywords=keywords,
        distributions=distributions,
    )


def resources_skipped(package: dict[str, Any]) -> list[str]:
    """Formats of resources that have no EU file type in the catalogue."""
    skipped = []
    for resource in package.get("resources") or []:
        if not isinstance(resource, dict) or not _text(resource.get("url")):
            continue
        fmt = _text(resource.get("format"))
        if format_code(fmt) is None and format_code(_text(resource.get("mimetype"))) is None:
            skipped.append(fmt or "–")
    return skipped


def ckan_records_gather(
    *, source: HarvestSource, since: datetime | None, log: JobLog
) -> list[DatasetValues]:
    records = []
    for package in packages_gather(source, since):
        label = _text(package.get("name")) or _text(package.get("id"))
        try:
            values = package_values(package)
        except RecordSkipped as skipped:
            log.skip(label, skipped.field, skipped.message)
            continue
        for fmt in resources_skipped(package):
            log.error(
                label,
                "resources",
                _("A resource in the format “%(format)s” was left out: unknown format.")
                % {"format": fmt},
            )
        records.append(values)
    return records
