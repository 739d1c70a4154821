"""Models → the dictionaries Open311 specifies (no reporter data ever reaches these)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from participation.defects.models import Category, Report, ReportUpdate
from participation.defects.open311.selectors import open311_status_word
from participation.defects.selectors import report_public_location

DATATYPES = ("string", "number", "datetime", "text", "singlevaluelist", "multivaluelist")


def w3c(moment: datetime | None) -> str | None:
    """ISO 8601 with the offset, in the city's time zone."""
    if moment is None:
        return None
    return timezone.localtime(moment).isoformat(timespec="seconds")


def service_notice() -> str:
    return _("A first answer is promised within %(days)d working days.") % {
        "days": settings.DEFECTS_RESPONSE_PROMISE_WORKING_DAYS
    }


def service_dict(category: Category) -> dict[str, Any]:
    return {
        "service_code": category.service_code,
        "service_name": category.label,
        "description": category.description_label or None,
        "metadata": bool(category.attributes),
        "type": "realtime",
        "keywords": category.keywords or None,
        "group": category.parent.label if category.parent_id else None,
    }


def _attribute_dict(attribute: Any, index: int) -> dict[str, Any] | None:
    if not isinstance(attribute, dict) or not attribute.get("code"):
        return None
    datatype = str(attribute.get("datatype") or "string")
    order = attribute.get("order")
    result: dict[str, Any] = {
        "variable": bool(attribute.get("variable", True)),
        "code": str(attribute["code"]),
        "datatype": datatype if datatype in DATATYPES else "string",
        "required": bool(attribute.get("required", False)),
        "datatype_description": attribute.get("datatype_description") or None,
        "order": order if isinstance(order, int) and not isinstance(order, bool) else index,
        "description": str(attribute.get("description") or attribute["code"]),
    }
    values = attribute.get("values")
    if isinstance(values, list) and values:
        result["values"] = [
            {"key": str(value.get("key", "")), "name": str(value.get("name", value.get("key")))}
            for value in values
            if isinstance(value, dict)
        ]
    return result


def service_definition_dict(category: Category) -> dict[str, Any]:
    attributes = [_attribute_dict(a, i) for i, a in enumerate(category.attributes or [], 1)]
    return {
        "service_code": category.service_code,
        "attributes": [a for a in attributes if a is not None],
    }


def _media_url(request: HttpRequest, report: Report) -> str | None:
    photos = getattr(report, "open311_photos", None)
    if photos:
        return request.build_absolute_uri(photos[0].image.url)
    link = (report.attributes or {}).get("media_url")
    return str(link) if link else None


def request_dict(request: HttpRequest, report: Report) -> dict[str, Any]:
    """A public report as a service request (its location as published)."""
    location = report_public_location(report=report)
    notes = getattr(report, "open311_notes", None)
    return {
        "service_request_id": str(report.pk),
        "status": report.status.open311_status,
        "status_notes": notes[0].text if notes else None,
        "service_name": report.category.label,
        "service_code": report.category.service_code,
        "description": report.description,
        "agency_responsible": report.department.name if report.department_id else None,
        "service_notice": service_notice(),
        "requested_datetime": w3c(report.created_at),
        "updated_datetime": w3c(report.closed_at or report.updated_at),
        "expected_datetime": None,
        # A sensitive category's address would undo the rounding of its location.
        "address": None if report.category.sensitive else (report.address or None),
        "address_id": None,
        "zipcode": None,
        "lat": round(location.y, 7),
        "long": round(location.x, 7),
        "media_url": _media_url(request, report),
    }


def update_dict(update: ReportUpdate) -> dict[str, Any]:
    status = update.status or update.report.status
    return {
        "update_id": str(update.pk),
        "service_request_id": str(update.report_id),
        "status": open311_status_word(status=status),
        "updated_datetime": w3c(update.created_at),
        "description": update.text,
        "media_url": None,
    }
