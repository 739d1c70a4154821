"""Reads shared by participation: places from the city's street list, subscriptions."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

from participation.core.models import AbuseFlag, Street, Subscription


def street_point(*, street: Street, number: int | None = None) -> Point:
    """The point of a house number, interpolated along the street (its middle without one)."""
    line = street.line
    span = max(street.last_number - street.first_number, 0)
    if number is None or span == 0:
        fraction = 0.5
    else:
        fraction = min(max((number - street.first_number) / span, 0.0), 1.0)
    # Interpolating on the coordinates is exact enough for a street's length in degrees.
    point = line.interpolate_normalized(fraction)
    return Point(point.x, point.y, srid=4326)


def street_lookup(*, street_id: object, house_number: str = "") -> Point:
    """The point for a street chosen from the list and an optional house number."""
    try:
        street = Street.objects.get(pk=int(str(street_id)))
    except (ValueError, Street.DoesNotExist):
        raise ValidationError({"street": _("Please choose a street from the list.")}) from None
    number_text = "".join(ch for ch in house_number if ch in "0123456789")[:6]
    number = int(number_text) if number_text else None
    return street_point(street=street, number=number)


def streets_by_district() -> list[tuple[str, list[tuple[int, str]]]]:
    """Streets grouped by district, for a select with option groups."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for street in Street.objects.select_related("district").order_by("district__number", "name"):
        groups.setdefault(street.district.name, []).append((street.pk, street.name))
    return list(groups.items())


def subscriptions_of(target: Model, *, topic: str) -> QuerySet[Subscription]:
    """The confirmed subscriptions to one contribution."""
    return Subscription.objects.filter(
        topic=topic,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        confirmed_at__isnull=False,
    )


def subscription_label(subscription: Subscription) -> str:
    if subscription.district_id is not None:
        return str(_("new contributions in %(district)s") % {"district": subscription.district})
    return str(subscription.target or "")


def subscriptions_due_for_digest(*, topic: str, before: datetime) -> QuerySet[Subscription]:
    """Confirmed area subscriptions whose last digest is older than ``before`` (or none yet)."""
    return Subscription.objects.filter(
        topic=topic, district__isnull=False, confirmed_at__isnull=False
    ).filter(Q(last_digest_at__isnull=True) | Q(last_digest_at__lt=before))


def abuse_flags_open() -> QuerySet[AbuseFlag]:
    """The moderators' queue of flags without a decision, oldest first."""
    return AbuseFlag.objects.filter(decided_at__isnull=True).select_related("content_type")


def flagger_key(*, user: object = None, session_key: str = "") -> str | None:
    """One key per account or per browser session (hashed); None without either."""
    if getattr(user, "is_authenticated", False):
        return f"user:{getattr(user, 'pk', '')}"
    if not session_key:
        return None
    return "session:" + hashlib.sha256(session_key.encode()).hexdigest()[:40]


_ADDRESS = re.compile(r"^(?P<name>.*?\D)\s*(?P<number>\d{1,6}\s*[A-Za-z]?)?$")


def _street_name_key(name: str) -> str:
    key = " ".join(name.casefold().split())
    key = re.sub(r"str(?:asse|\.)(?=\s|$)", "straße", key)
    return key.replace("strasse", "straße")


def street_find(*, address: str) -> Point:
    """The point for a written address, "Street name 12" (a postcode or town after a comma is
    ignored), matched against the city's street list; ValidationError naming ``address``."""
    first = (address or "").split(",", 1)[0].strip()[:200]
    match = _ADDRESS.match(first)
    if match is None:
        raise ValidationError({"address": _("Please give a street of the city.")})
    wanted = _street_name_key(match["name"])
    candidates = Street.objects.select_related("district").order_by("district__number", "pk")
    street = next(
        (street for street in candidates if _street_name_key(street.name) == wanted), None
    )
    if street is None:
        raise ValidationError({"address": _("This street is not in the city's street list.")})
    number = int(re.sub(r"\D", "", match["number"])) if match["number"] else None
    return street_point(street=street, number=number)
