"""Staff's writes beyond the core services: photos, forwarding, reports from sensor alerts.

Every change leaves an internal entry in the report's timeline with its author, so that the
timeline is the audit trail of the report.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw

from participation.defects.models import (
    Category,
    Report,
    ReportForward,
    ReportPhoto,
    ReportUpdate,
)
from participation.defects.selectors import report_duplicates_nearby
from participation.defects.services import report_submit
from participation.defects.tasks import report_forward_send_task
from participation.defects.validation import description_clean, district_of
from portal.core.jobs import enqueue_on_commit

logger = logging.getLogger(__name__)

MAX_RECTANGLES = 20


def _internal_entry(*, report: Report, text: str, by: Any, now: datetime) -> ReportUpdate:
    return ReportUpdate.objects.create(
        report=report,
        kind=ReportUpdate.Kind.NOTE,
        text=text,
        public=False,
        author=by,
        created_at=now,
        notified_at=now,  # internal: nobody is mailed
    )


# --- photos ---------------------------------------------------------------------------------


def report_photo_visibility(
    *, photo: ReportPhoto, public: bool, by: Any, now: datetime | None = None
) -> ReportPhoto:
    """Release a photo to the public or hide it again."""
    now = now or timezone.now()
    with transaction.atomic():
        ReportPhoto.objects.filter(pk=photo.pk).update(public=public)
        text = _("Photo %(id)s released.") if public else _("Photo %(id)s hidden.")
        _internal_entry(report=photo.report, text=text % {"id": photo.pk}, by=by, now=now)
    photo.refresh_from_db()
    return photo


@dataclass(frozen=True)
class Rectangle:
    """A rectangle in the stored image's pixels: left, top, width, height."""

    x: int
    y: int
    width: int
    height: int


def _rectangles_clean(rectangles: Sequence[Rectangle], width: int, height: int) -> list[Rectangle]:
    if not rectangles:
        raise ValidationError({"rectangles": _("Draw at least one rectangle.")})
    if len(rectangles) > MAX_RECTANGLES:
        raise ValidationError({"rectangles": _("At most 20 rectangles at a time.")})
    cleaned = []
    for rect in rectangles:
        if rect.width <= 0 or rect.height <= 0 or rect.x < 0 or rect.y < 0:
            raise ValidationError(
                {"rectangles": _("Each rectangle needs a position and a positive size.")}
            )
        if rect.x >= width or rect.y >= height:
            raise ValidationError({"rectangles": _("A rectangle lies outside the photo.")})
        cleaned.append(
            Rectangle(
                rect.x, rect.y, min(rect.width, width - rect.x), min(rect.height, height - rect.y)
            )
        )
    return cleaned


def report_photo_redact(
    *,
    photo: ReportPhoto,
    rectangles: Sequence[Rectangle],
    by: Any,
    now: datetime | None = None,
) -> ReportPhoto:
    """Black out the rectangles on the stored JPEG; the unredacted file is deleted.

    The photo gets a new random file name (a cached copy of the old URL shows nothing new) and
    the old file is removed once the change is committed: no original is kept anywhere.
    """
    now = now or timezone.now()
    storage = photo.image.storage
    old_name = photo.image.name or ""
    if not old_name:
        raise ValidationError({"photo": _("The photo has no stored file.")})
    with storage.open(old_name, "rb") as stored, Image.open(stored) as source:
        source.load()
        image = source.convert("RGB")
    areas = _rectangles_clean(rectangles, image.width, image.height)
    draw = ImageDraw.Draw(image)
    for rect in areas:
        draw.rectangle(
            (rect.x, rect.y, rect.x + rect.width - 1, rect.y + rect.height - 1), fill=(0, 0, 0)
        )
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=True)
    with transaction.atomic():
        photo.image.save("photo.jpg", ContentFile(out.getvalue()), save=False)
        photo.width, photo.height = image.size
        photo.save(update_fields=["image", "width", "height"])
        _internal_entry(
            report=photo.report,
            text=_("Photo %(id)s redacted (%(count)s areas blacked out).")
            % {"id": photo.pk, "count": len(areas)},
            by=by,
            now=now,
        )
        transaction.on_commit(lambda: storage.delete(old_name))
    return photo


# --- forwarding -----------------------------------------------------------------------------


def report_forward(
    *, report: Report, email: str, message: str = "", by: Any, now: datetime | None = None
) -> ReportUpdate:
    """Forward a report to an external handler by e-mail (without the reporter's contact)."""
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Please enter a valid e-mail address.")}) from None
    note = description_clean(message, field="message") if message.strip() else ""
    now = now or timezone.now()
    with transaction.atomic():
        text = _("Forwarded to %(email)s.") % {"email": email}
        entry = _internal_entry(report=report, text=f"{text}\n{note}".strip(), by=by, now=now)
        forward = ReportForward.objects.create(update=entry, email=email, message=note)
        enqueue_on_commit(report_forward_send_task, forward.pk)
    return entry


# --- sensors --------------------------------------------------------------------------------


def report_from_sensor_alert(
    *,
    kind: str,
    observed_property_slug: str,
    location: Point | None,
    thing_name: str,
    value: float | None = None,
    now: datetime | None = None,
) -> Report | None:
    """Open an internal report for a sensor alert, or add it to an open report nearby.

    The category is the active one watching sensors of ``observed_property_slug``; an open
    report of that category within 50 m gets an internal note instead of a new report. None
    when no category watches such sensors or the sensor stands outside the city.
    """
    now = now or timezone.now()
    category = (
        Category.objects.filter(sensor_kind=observed_property_slug, active=True)
        .order_by("order", "pk")
        .first()
    )
    if category is None or location is None:
        return None
    try:
        district_of(location)
    except ValidationError:
        return None
    if kind == "offline":
        text = _("Sensor “%(thing)s” sends no readings.") % {"thing": thing_name}
    elif value is not None:
        text = _("Sensor “%(thing)s” reports %(value)s, at or above its warning threshold.") % {
            "thing": thing_name,
            "value": f"{value:g}",
        }
    else:
        text = _("Sensor “%(thing)s” reached its warning threshold.") % {"thing": thing_name}
    with transaction.atomic():
        nearby = report_duplicates_nearby(category=category, location=location)
        if nearby:
            target = nearby[0]
            _internal_entry(report=target, text=text, by=None, now=now)
            Report.objects.filter(pk=target.pk).update(updated_at=now)
            return target
        return report_submit(
            service_code=category.service_code,
            location=location,
            description=text,
            channel=Report.Channel.SENSOR,
            trusted=True,
            now=now,
        )


def sensor_alert_heard(event: Any) -> None:
    """The listener registered with the sensors' alerts: never fails the alert itself."""
    try:
        report_from_sensor_alert(
            kind=event.kind,
            observed_property_slug=event.observed_property_slug,
            location=event.location,
            thing_name=event.thing_name,
            value=event.value,
        )
    except Exception:
        logger.exception("could not turn sensor alert %s into a report", event.alert_id)
