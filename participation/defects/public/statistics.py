"""The public statistics page: reports per category, district and month; handling times."""

from __future__ import annotations

from datetime import date, timedelta

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from participation.defects import catalogue, statistics


def duration_text(duration: timedelta | None) -> str:
    """A median duration in days (one decimal) or hours when under a day."""
    if duration is None:
        return _("no data yet")
    hours = duration.total_seconds() / 3600
    if hours < 24:
        rounded = round(hours)
        return ngettext("%(n)s hour", "%(n)s hours", rounded) % {"n": rounded}
    days = round(hours / 24, 1)
    shown = f"{days:.1f}".rstrip("0").rstrip(".")
    return ngettext("%(n)s day", "%(n)s days", 1 if days == 1 else 2) % {"n": shown}


def report_statistics(request: HttpRequest) -> HttpResponse:
    figures = statistics.report_response_figures()
    months = statistics.report_counts_by_month()
    context = {
        "by_category": statistics.report_counts_by_category(),
        "by_district": statistics.report_counts_by_district(),
        "by_month": months,
        "months_total": sum(row.count for row in months),
        "figures": figures,
        "median_first_answer": duration_text(figures.median_first_answer),
        "median_closing": duration_text(figures.median_closing),
        "promise_percent": (
            None if figures.promise_share is None else round(figures.promise_share * 100)
        ),
    }
    return render(request, "defects/public/statistics.html", context)


def report_statistics_csv(request: HttpRequest, month: str) -> HttpResponse:
    """One closed month's figures as CSV (a distribution of the catalogue's dataset)."""
    try:
        first = date.fromisoformat(f"{month}-01")
    except ValueError:
        raise Http404 from None
    if not catalogue.month_is_published(first):
        raise Http404
    response = HttpResponse(
        catalogue.statistics_month_csv(month=first), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="maengelmelder-statistik-{month}.csv"'
    return response
