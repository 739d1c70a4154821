"""Monthly CSV files of a published datastream's values (Europe/Berlin calendar months).

Only published, non-suppressed values; a month is closed (``availability=STABLE``) and never
rewritten once it ended more than ``MONTH_CLOSE_GRACE`` ago.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath
from typing import cast

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from opendata.catalogue.models import Dataset, Distribution
from opendata.catalogue.services import distribution_save
from opendata.catalogue.vocabularies import FileFormat
from opendata.sensors.catalogue.dataset import (
    CSV_HEADER,
    MONTH_CLOSE_GRACE,
    MONTH_FILE,
    PUBLISHED_CLASSES,
    _number,
    _unit,
    datastream_dataset_link,
    is_published_class,
)
from opendata.sensors.models import Datastream, PublishedObservation


def _month_start(day: date) -> datetime:
    return datetime(day.year, day.month, 1, tzinfo=timezone.get_current_timezone())


def _next_month(start: datetime) -> datetime:
    local = timezone.localtime(start)
    year, month = (local.year + 1, 1) if local.month == 12 else (local.year, local.month + 1)
    return datetime(year, month, 1, tzinfo=timezone.get_current_timezone())


def month_csv(datastream: Datastream, start: datetime, end: datetime) -> bytes | None:
    """The published, non-suppressed values of one month as CSV; None when there are none."""
    rows = (
        PublishedObservation.objects.filter(
            datastream=datastream,
            suppressed=False,
            result__isnull=False,
            phenomenon_time_start__gte=start,
            phenomenon_time_start__lt=end,
        )
        .order_by("phenomenon_time_start", "cell", "pk")
        .values_list("phenomenon_time_start", "phenomenon_time_end", "result", "cell")
    )
    unit = _unit(datastream)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    count = 0
    for begin, finish, result, cell in rows.iterator(chunk_size=5000):
        writer.writerow([_utc(begin), _utc(finish), _number(result), unit, cell])
        count += 1
    return buffer.getvalue().encode("utf-8") if count else None


def _utc(moment: datetime) -> str:
    return moment.astimezone(timezone.get_fixed_timezone(0)).isoformat().replace("+00:00", "Z")


def _month_distributions(dataset: Dataset, datastream: Datastream) -> dict[str, Distribution]:
    found = {}
    for distribution in dataset.distributions.filter(format=FileFormat.CSV).exclude(file=""):
        match = MONTH_FILE.match(PurePath(distribution.file.name).name)
        if match and int(match["stream"]) == datastream.pk:
            found[match["month"]] = distribution
    return found


def _first_published(datastream: Datastream) -> datetime | None:
    return (
        PublishedObservation.objects.filter(datastream=datastream, suppressed=False)
        .order_by("phenomenon_time_start")
        .values_list("phenomenon_time_start", flat=True)
        .first()
    )


@dataclass
class MonthlyResult:
    written: list[str]
    closed: list[str]


def datastream_monthly_csvs_update(
    *, datastream: Datastream, now: datetime | None = None
) -> MonthlyResult:
    """Write the CSV of every month not yet closed; close the months that are over.

    Unchanged content is not written again (same checksum), so a re-run changes nothing.
    """
    now = now or timezone.now()
    result = MonthlyResult(written=[], closed=[])
    datastream = Datastream.objects.select_related("dataset").get(pk=datastream.pk)
    dataset = datastream.dataset
    if dataset is None or not is_published_class(datastream):
        return result
    first = _first_published(datastream)
    if first is None:
        return result
    existing = _month_distributions(dataset, datastream)
    start = _month_start(timezone.localtime(first).date())
    while start <= now:
        end = _next_month(start)
        label = timezone.localtime(start).strftime("%Y-%m")
        distribution = existing.get(label)
        closing = end + MONTH_CLOSE_GRACE <= now
        if distribution is None or distribution.availability != Distribution.Availability.STABLE:
            content = month_csv(datastream, start, end)
            if content is not None:
                if _month_file_write(dataset, datastream, label, content, distribution, closing):
                    result.written.append(label)
                if closing:
                    result.closed.append(label)
        start = end
    return result


def _month_file_write(
    dataset: Dataset,
    datastream: Datastream,
    label: str,
    content: bytes,
    distribution: Distribution | None,
    closing: bool,
) -> bool:
    """Store one month's file through the catalogue's checks; False when nothing changed."""
    checksum = hashlib.sha256(content).hexdigest()
    availability = (
        Distribution.Availability.STABLE if closing else Distribution.Availability.AVAILABLE
    )
    same_content = distribution is not None and distribution.checksum_sha256 == checksum
    # `same_content` only with a distribution.
    if same_content and cast(Distribution, distribution).availability == availability:
        return False
    old_file = distribution.file.name if distribution is not None else ""
    distribution = distribution or Distribution(dataset=dataset, format=FileFormat.CSV)
    distribution.title = f"Messwerte {label} (CSV)"
    distribution.description = (
        f"Veröffentlichte Werte des Monats {label}: Beginn und Ende des Zeitfensters (UTC), "
        "Wert, Einheit, Raumeinheit. "
        + ("Abgeschlossener Monat." if closing else "Laufender Monat, wird stündlich ergänzt.")
    )
    distribution.licence = dataset.licence
    distribution.availability = availability
    distribution.position = 1
    distribution.byte_size = len(content)
    distribution.checksum_sha256 = checksum
    if not same_content:
        distribution.file = ContentFile(content, name=f"sensor-{datastream.pk}-{label}.csv")
    distribution.full_clean()  # the upload checks of the catalogue (format, encoding)
    with transaction.atomic():
        distribution_save(distribution=distribution)  # the data store loads it after commit
        Dataset.objects.filter(pk=dataset.pk).update(modified=timezone.now())
    if old_file and old_file != distribution.file.name:
        distribution.file.storage.delete(old_file)
    return True


def datastream_catalogue_update(*, datastream: Datastream) -> MonthlyResult | None:
    """Link the stream to its dataset and bring its monthly files up to date."""
    if datastream_dataset_link(datastream=datastream) is None:
        return None
    return datastream_monthly_csvs_update(datastream=datastream)


def datastreams_to_link() -> Iterable[int]:
    return Datastream.objects.filter(privacy_class__in=PUBLISHED_CLASSES).values_list(
        "pk", flat=True
    )
