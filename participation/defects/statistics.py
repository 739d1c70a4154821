"""Reads for the defect reporter's statistics: the public page and, later, the catalogue dataset.

What counts: every **approved** report, merged duplicates included (each was a citizen's report
that reached the city); pending and rejected reports never count. Handling times and the
response promise are measured on approved reports that are not duplicates (a duplicate's
handling is that of the report it was merged into).

- time to first answer: ``first_answer_at - created_at`` (the first public answer by staff);
- time to closing: ``closed_at - created_at`` of reports closed now;
- response promise: the first public answer came by the end of the N-th working day
  (Monday to Friday but the state's public holidays, local time; see ``promise``) after the
  day of the report, N = ``DEFECTS_RESPONSE_PROMISE_WORKING_DAYS``. A report counts once it has an
  answer or once its deadline has passed without one (then as not kept).
"""

from __future__ import annotations

import statistics as stats
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from participation.defects.models import Category, Report
from participation.defects.promise import answer_deadline
from portal.core.models import District


@dataclass(frozen=True)
class CategoryCount:
    category: Category
    count: int


@dataclass(frozen=True)
class DistrictCount:
    district: District
    count: int


@dataclass(frozen=True)
class MonthCount:
    month: date  # the first day of the month (local time)
    count: int


@dataclass(frozen=True)
class ResponseFigures:
    median_first_answer: timedelta | None
    answered: int  # reports with a first answer (the median's sample)
    median_closing: timedelta | None
    closed: int
    promise_days: int
    promise_kept: int
    promise_due: int  # reports answered or past their deadline

    @property
    def promise_share(self) -> float | None:
        return self.promise_kept / self.promise_due if self.promise_due else None


def reports_counted() -> QuerySet[Report]:
    """Every approved report, duplicates included: what the counts are made of."""
    return Report.objects.filter(moderation=Report.Moderation.APPROVED)


def reports_handled() -> QuerySet[Report]:
    """Approved reports that are not duplicates: what handling times are measured on."""
    return reports_counted().filter(duplicate_of__isnull=True)


def report_counts_by_category() -> list[CategoryCount]:
    """Reports per category (categories without reports left out), most first."""
    counts = dict(
        reports_counted().values("category").annotate(n=Count("pk")).values_list("category", "n")
    )
    categories = Category.objects.filter(pk__in=counts).select_related("parent")
    rows = [CategoryCount(category=c, count=counts[c.pk]) for c in categories]
    return sorted(rows, key=lambda row: (-row.count, row.category.label))


def report_counts_by_district() -> list[DistrictCount]:
    """Reports per district, every district listed (zero included), in district order."""
    counts = dict(
        reports_counted().values("district").annotate(n=Count("pk")).values_list("district", "n")
    )
    return [DistrictCount(district=d, count=counts.get(d.pk, 0)) for d in District.objects.all()]


def month_start(moment: datetime) -> date:
    local = timezone.localtime(moment)
    return date(local.year, local.month, 1)


def months_back(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def report_counts_by_month(*, months: int = 12, now: datetime | None = None) -> list[MonthCount]:
    """Reports per calendar month (local time) of the last ``months`` months, this one
    included, oldest first, months without reports as zero."""
    current = month_start(now or timezone.now())
    first = months_back(current, months - 1)
    since = timezone.make_aware(datetime.combine(first, time.min))
    rows = (
        reports_counted()
        .filter(created_at__gte=since)
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    counts: dict[date, int] = {}
    for month, n in rows:
        key = month_start(month) if isinstance(month, datetime) else month
        counts[key] = counts.get(key, 0) + n
    return [
        MonthCount(
            month=months_back(current, back), count=counts.get(months_back(current, back), 0)
        )
        for back in range(months - 1, -1, -1)
    ]


def report_response_figures(*, now: datetime | None = None) -> ResponseFigures:
    """Median times to the first answer and to closing, and how often the promise was kept."""
    now = now or timezone.now()
    days = settings.DEFECTS_RESPONSE_PROMISE_WORKING_DAYS
    answer_times, closing_times = [], []
    kept = due = 0
    for created, answered, closed in reports_handled().values_list(
        "created_at", "first_answer_at", "closed_at"
    ):
        deadline = answer_deadline(created_at=created, working_days=days)
        if answered is not None:
            answer_times.append(answered - created)
            due += 1
            kept += answered < deadline
        elif deadline <= now:
            due += 1
        if closed is not None:
            closing_times.append(closed - created)
    return ResponseFigures(
        median_first_answer=_median(answer_times),
        answered=len(answer_times),
        median_closing=_median(closing_times),
        closed=len(closing_times),
        promise_days=days,
        promise_kept=kept,
        promise_due=due,
    )


def _median(durations: list[timedelta]) -> timedelta | None:
    if not durations:
        return None
    return timedelta(seconds=stats.median(d.total_seconds() for d in durations))
