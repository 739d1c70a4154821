"""Checks of what citizens and clients send, each error naming its field.

Shared by the web form, Open311 and the staff's recording of phone and counter reports, so
that every channel refuses the same input with the same message.
"""

from __future__ import annotations

import math
import re
from typing import Any

from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from participation.defects import reference
from participation.defects.models import DESCRIPTION_MAX_LENGTH, Category
from portal.core.models import District

EARTH_RADIUS_METRES = 6_371_008.8
_HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def haversine_metres(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance between two WGS 84 positions given in degrees."""
    lon1, lat1, lon2, lat2 = map(math.radians, (lon1, lat1, lon2, lat2))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_METRES * math.asin(min(1.0, math.sqrt(h)))


def distance_metres(a: Point, b: Point) -> float:
    """Great-circle distance (haversine) between two WGS 84 points."""
    return haversine_metres(a.x, a.y, b.x, b.y)


def location_from_coordinates(latitude: Any, longitude: Any) -> Point:
    """A point from user input; ValidationError naming ``location`` for anything not a number."""
    try:
        lat, lon = float(latitude), float(longitude)
    except (TypeError, ValueError):
        raise ValidationError({"location": _("Latitude and longitude must be numbers.")}) from None
    if not (math.isfinite(lat) and math.isfinite(lon)) or abs(lat) > 90 or abs(lon) > 180:
        raise ValidationError({"location": _("These are not valid coordinates.")})
    return Point(lon, lat, srid=4326)


def district_of(location: Point) -> District:
    """The city district the point lies in; ValidationError when it is outside the city."""
    district = reference.snapshot().district_containing(location)
    if district is None:
        raise ValidationError(
            {"location": _("This place lies outside the city. Please choose a place in the city.")}
        )
    return district


def description_clean(text: str, *, field: str = "description") -> str:
    text = _CONTROL.sub("", (text or "").replace("\r\n", "\n")).strip()
    if not text:
        raise ValidationError({field: _("Please describe the problem.")})
    if len(text) > DESCRIPTION_MAX_LENGTH:
        raise ValidationError(
            {
                field: _("Please keep the description under %(max)d characters (it has %(n)d).")
                % {"max": DESCRIPTION_MAX_LENGTH, "n": len(text)}
            }
        )
    if _HTML_TAG.search(text):
        raise ValidationError({field: _("Please write plain text, without HTML tags.")})
    return text


def category_for_report(service_code: str) -> Category:
    """An active category without active subcategories (a group cannot be chosen), with its
    unit and its group's lineage at hand for routing (from the reference snapshot)."""
    category = reference.snapshot().category(service_code)
    if category is None:
        raise ValidationError({"category": _("Please choose one of the listed categories.")})
    return category


def attributes_clean(category: Category, answers: dict[str, Any]) -> dict[str, str]:
    """Answers to the category's extra questions (Open311 attributes), checked by datatype."""
    cleaned: dict[str, str] = {}
    for attribute in category.attributes or []:
        code = str(attribute.get("code", ""))
        value = answers.get(code)
        value = "" if value is None else str(value).strip()
        if not value:
            if attribute.get("required"):
                raise ValidationError({f"attribute[{code}]": _("Please answer this question.")})
            continue
        allowed = {str(v.get("key")) for v in attribute.get("values") or []}
        if attribute.get("datatype") in ("singlevaluelist",) and value not in allowed:
            raise ValidationError({f"attribute[{code}]": _("Please choose one of the answers.")})
        if attribute.get("datatype") == "number":
            try:
                number = float(value)
            except ValueError:
                raise ValidationError({f"attribute[{code}]": _("Please enter a number.")}) from None
            if not math.isfinite(number) or abs(number) > 1e9:
                raise ValidationError({f"attribute[{code}]": _("Please enter a number.")})
        cleaned[code] = value[:500]
    return cleaned
