"""The defect reporter's figures as open data: a catalogue dataset with one CSV per month.

Each closed calendar month (local time) gets a distribution: the reports received in it, per
category and district, with how many are closed by now and the median time to the first public
answer. The CSV is computed from the published reports when it is downloaded; the dataset and
its list of months are kept up to date by a daily Celery job through the catalogue's write
services (``defect_statistics_dataset_update``), published by the Smart-City unit.
"""

from __future__ import annotations

import csv
import io
import statistics as stats
from datetime import date, datetime, time
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from opendata.catalogue.selectors import dataset_any_state, publisher_of_department
from opendata.catalogue.services import dataset_create, dataset_update
from participation.defects.statistics import month_start, months_back, reports_counted
from portal.core.models import Department

DATASET_NAME = "maengelmelder-statistik"
PUBLISHING_DEPARTMENT = "smart-city"
LICENCE = "dl-by-de/2.0"  # Datenlizenz Deutschland, Namensnennung, Version 2.0
CSV_HEADER = [
    "monat",
    "kategorie_code",
    "kategorie",
    "stadtteil",
    "meldungen",
    "davon_geschlossen",
    "median_stunden_bis_erste_antwort",
]


def _month_bounds(month: date) -> tuple[datetime, datetime]:
    following = months_back(month, -1)
    return (
        timezone.make_aware(datetime.combine(month, time.min)),
        timezone.make_aware(datetime.combine(following, time.min)),
    )


def statistics_month_rows(*, month: date) -> list[list[str]]:
    """The rows of one month's CSV, sorted by category code and district."""
    start, end = _month_bounds(month)
    reports = (
        reports_counted()
        .filter(created_at__gte=start, created_at__lt=end)
        .select_related("category", "district")
        .only(
            "created_at",
            "closed_at",
            "first_answer_at",
            "category__service_code",
            "category__name",
            "district__name",
        )
    )
    groups: dict[tuple[str, str, str], list[Any]] = {}
    for report in reports:
        key = (report.category.service_code, report.category.name, report.district.name)
        groups.setdefault(key, []).append(report)
    rows = []
    for (code, name, district), members in sorted(groups.items()):
        answered = [
            (r.first_answer_at - r.created_at).total_seconds() / 3600
            for r in members
            if r.first_answer_at is not None
        ]
        rows.append(
            [
                f"{month:%Y-%m}",
                code,
                name,
                district,
                str(len(members)),
                str(sum(1 for r in members if r.closed_at is not None)),
                f"{stats.median(answered):.1f}" if answered else "",
            ]
        )
    return rows


def statistics_month_csv(*, month: date) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(statistics_month_rows(month=month))
    return out.getvalue()


def statistics_months(*, now: datetime | None = None) -> list[date]:
    """Closed months from the first report's month to last month (none without reports)."""
    first = reports_counted().order_by("created_at").values_list("created_at", flat=True).first()
    if first is None:
        return []
    current = month_start(now or timezone.now())
    months, month = [], month_start(first)
    while month < current:
        months.append(month)
        month = months_back(month, -1)
    return months


def month_is_published(month: date, *, now: datetime | None = None) -> bool:
    return month in statistics_months(now=now)


def _csv_url(month: date) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("defects:statistics_csv", kwargs={"month": f"{month:%Y-%m}"})
    return f"{settings.PORTAL_BASE_URL}{path}"


def defect_statistics_dataset_update(*, now: datetime | None = None) -> str | None:
    """Create or update the dataset with one distribution per closed month; its name, or None
    when there is nothing to publish yet (no closed month, or no publisher for the unit)."""
    months = statistics_months(now=now)
    department = Department.objects.filter(slug=PUBLISHING_DEPARTMENT).first()
    publisher = publisher_of_department(department_id=department.pk) if department else None
    if not months or publisher is None:
        return None
    existing = dataset_any_state(name=DATASET_NAME)
    ids_by_url = (
        {d.url: str(d.pk) for d in sorted(existing.distributions.all(), key=lambda d: d.position)}
        if existing is not None
        else {}
    )
    wanted = [_csv_url(month) for month in reversed(months)]  # newest first
    if existing is not None and list(ids_by_url) == wanted:
        return existing.name  # nothing new: no new version in the record's history
    distributions = []
    for month in reversed(months):
        url = _csv_url(month)
        item = {
            "title": f"Mängelmelder-Statistik {month:%Y-%m}",
            "description": f"Meldungen im {month:%m/%Y} nach Kategorie und Stadtteil.",
            "url": url,
            "format": "CSV",
            "licence": LICENCE,
        }
        if url in ids_by_url:
            item["id"] = ids_by_url[url]
        distributions.append(item)
    with translation.override(settings.LANGUAGE_CODE):
        landing = f"{settings.PORTAL_BASE_URL}{reverse('defects:statistics')}"
    data: dict[str, Any] = {
        "title": "Mängelmelder: Meldungen nach Kategorie, Stadtteil und Monat",
        "title_en": "Defect reporter: reports by category, district and month",
        "description": (
            "Wie viele Schäden im öffentlichen Raum die Bürgerinnen und Bürger gemeldet haben, "
            "je Monat, Kategorie und Stadtteil, wie viele davon inzwischen geschlossen sind und "
            "wie lange es im Mittel (Median) bis zur ersten öffentlichen Antwort gedauert hat. "
            "Gezählt werden alle freigegebenen Meldungen; personenbezogene Daten enthält der "
            "Datensatz nicht."
        ),
        "description_en": (
            "How many defects in public space citizens reported, per month, category and "
            "district, how many of them are closed by now, and the median time to the first "
            "public answer. All approved reports are counted; the dataset holds no personal "
            "data."
        ),
        "publisher": publisher,
        "contact_name": publisher.title,
        "contact_email": publisher.email,
        "themes": ["GOVE"],
        "keywords": ["Mängelmelder", "Open311", "Infrastruktur", "Bürgerbeteiligung"],
        "licence": LICENCE,
        "accrual_periodicity": "MONTHLY",
        "temporal_start": months[0],
        "temporal_end": months_back(months[-1], -1),
        "landing_page": landing,
        "state": "published",
        "distributions": distributions,
    }
    if existing is None:
        dataset = dataset_create(user=None, data={"name": DATASET_NAME, **data})
    else:
        dataset = dataset_update(user=None, dataset=existing, data=data)
    return dataset.name
