"""Catalogue objects as CKAN's dictionaries (the shapes CKAN clients and harvesters read)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from opendata.catalogue.addresses import distribution_address
from opendata.catalogue.models import Dataset, Distribution, Publisher
from opendata.catalogue.selectors import DatasetParts
from opendata.catalogue.vocabularies import LICENCES, MEDIA_TYPES, Licence, Theme


def _iso(value) -> str | None:
    return value.replace(tzinfo=None).isoformat() if value else None


def licence_dict(code: str) -> dict[str, Any]:
    return {
        "id": code,
        "title": str(Licence(code).label),
        "url": LICENCES + code,
        "od_conformance": "approved",
        "osd_conformance": "not reviewed",
        "status": "active",
    }


def organization_dict(publisher: Publisher, *, package_count: int | None = None) -> dict:
    result = {
        "id": str(publisher.id),
        "name": publisher.name,
        "title": publisher.title,
        "display_name": publisher.title,
        "description": publisher.description,
        "image_url": "",
        "type": "organization",
        "is_organization": True,
        "state": "active",
        "approval_status": "approved",
        "created": None,
    }
    if package_count is not None:
        result["package_count"] = package_count
    return result


def group_dict(code: str, *, package_count: int | None = None) -> dict[str, Any]:
    result = {
        "id": code.lower(),
        "name": code.lower(),
        "title": str(Theme(code).label),
        "display_name": str(Theme(code).label),
        "description": "",
        "type": "group",
        "is_organization": False,
        "state": "active",
    }
    if package_count is not None:
        result["package_count"] = package_count
    return result


def resource_dict(distribution: Distribution) -> dict[str, Any]:
    url = distribution_address(distribution)
    return {
        "id": str(distribution.id),
        "package_id": str(distribution.dataset_id),
        "name": distribution.title,
        "description": distribution.description,
        "url": url,
        "format": distribution.format if distribution.format != "GEOJSON" else "GeoJSON",
        "mimetype": MEDIA_TYPES.get(distribution.format),
        "size": distribution.byte_size,
        "hash": f"sha256:{distribution.checksum_sha256}" if distribution.checksum_sha256 else "",
        "position": distribution.position,
        "created": _iso(distribution.created),
        "last_modified": _iso(distribution.modified),
        "state": "active",
        "url_type": "upload" if distribution.file else None,
        "datastore_active": bool(
            getattr(getattr(distribution, "datastore_table", None), "loaded_at", None)
        ),
    }


def package_dict(dataset: Dataset, parts: DatasetParts | None = None) -> dict[str, Any]:
    """The package; its distributions, themes and keywords from `parts` when given, else
    through the dataset's (prefetched) relations."""
    distributions = parts.distributions if parts else dataset.distributions.all()
    theme_codes = parts.theme_codes if parts else dataset.theme_codes
    keyword_names = parts.keyword_names if parts else dataset.keyword_names
    resources = [resource_dict(d) for d in distributions]
    tags = [
        {"name": keyword, "display_name": keyword, "state": "active"} for keyword in keyword_names
    ]
    return {
        "id": str(dataset.id),
        "name": dataset.name,
        "title": dataset.title,
        "notes": dataset.description,
        "url": dataset.landing_page,
        "type": "dataset",
        "state": "active",
        "private": False,
        "version": dataset.version,
        "author": dataset.publisher.title,
        "author_email": None,
        "maintainer": dataset.contact_name,
        "maintainer_email": dataset.contact_email,
        "license_id": dataset.licence,
        "license_title": str(Licence(dataset.licence).label),
        "license_url": LICENCES + dataset.licence,
        "metadata_created": _iso(dataset.metadata_created),
        "metadata_modified": _iso(dataset.metadata_modified),
        "owner_org": str(dataset.publisher_id),
        "organization": organization_dict(dataset.publisher),
        "groups": [group_dict(code) for code in theme_codes],
        "tags": tags,
        "num_tags": len(tags),
        "resources": resources,
        "num_resources": len(resources),
        "extras": [
            {"key": "title_en", "value": dataset.title_en},
            {"key": "accrual_periodicity", "value": dataset.accrual_periodicity},
            {"key": "dcat_uri", "value": f"{settings.PORTAL_BASE_URL}/dataset/{dataset.name}"},
        ],
    }
