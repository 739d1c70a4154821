"""Atom feeds of public reports, and the statistics reads and page on a small fixed data set."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from defusedxml import ElementTree
from django.urls import reverse
from django.utils import translation

from participation.defects import statistics
from participation.defects.models import Report
from participation.defects.promise import answer_deadline
from tests.factories import CategoryFactory, DistrictFactory, ReportFactory
from tests.factories.defects import ReporterContactFactory, closed_status, initial_status

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")
ATOM = "{http://www.w3.org/2005/Atom}"


def url(name: str, *args, language: str = "de") -> str:
    with translation.override(language):
        return reverse(name, args=args or None)


def entries(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    return [entry.find(f"{ATOM}link").get("href") for entry in root.iter(f"{ATOM}entry")]


@pytest.fixture
def reports():
    initial_status()
    north, south = DistrictFactory(slug="nord"), DistrictFactory(slug="sued")
    light = CategoryFactory(service_code="light", name_en="Lighting")
    lamp = CategoryFactory(service_code="lamp", parent=light, name_en="Lamp")
    bin_ = CategoryFactory(service_code="bin", name_en="Bin")
    made = {
        "lamp_north": ReportFactory(category=lamp, district=north, description="Laterne dunkel"),
        "bin_south": ReportFactory(category=bin_, district=south, description="Tonne voll"),
        "pending": ReportFactory(category=lamp, district=north, moderation="pending"),
        "rejected": ReportFactory(category=bin_, district=south, moderation="rejected"),
    }
    made["duplicate"] = ReportFactory(
        category=lamp, district=north, duplicate_of=made["lamp_north"]
    )
    ReporterContactFactory(
        report=made["lamp_north"],
        email="canary@example.org",
        first_name="Kanari",
        last_name="Vogel",
    )
    return made


def test_feed_of_all_public_reports(client, reports):
    links = entries(client.get(url("defects:feed")))
    assert sorted(links) == sorted(
        f"http://testserver{url('defects:report', reports[key].pk)}"
        for key in ("lamp_north", "bin_south")
    )


def test_feeds_per_category_group_and_district(client, reports):
    lamp = f"http://testserver{url('defects:report', reports['lamp_north'].pk)}"
    bin_ = f"http://testserver{url('defects:report', reports['bin_south'].pk)}"
    assert entries(client.get(url("defects:feed-category", "lamp"))) == [lamp]
    assert entries(client.get(url("defects:feed-category", "light"))) == [lamp]  # the group
    assert entries(client.get(url("defects:feed-district", "sued"))) == [bin_]
    assert client.get(url("defects:feed-category", "nope")).status_code == 404
    assert client.get(url("defects:feed-district", "nirgendwo")).status_code == 404


def test_feed_entries_carry_no_personal_data(client, reports):
    body = client.get(url("defects:feed", language="en")).content.decode()
    assert "Laterne dunkel" in body and "Lamp" in body
    assert "canary@example.org" not in body and "Kanari" not in body and "Vogel" not in body
    assert "<author>" not in body


def test_feed_query_count_does_not_grow_with_reports(
    client, reports, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6) as few:
        client.get(url("defects:feed-category", "light"))
    lamp = reports["lamp_north"].category
    for _index in range(30):
        ReportFactory(category=lamp, district=reports["lamp_north"].district)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(entries(client.get(url("defects:feed-category", "light")))) == 31


# --- statistics -------------------------------------------------------------------------------


def local(*args) -> datetime:
    return datetime(*args, tzinfo=BERLIN)


@pytest.fixture
def handled(settings):
    """A small data set whose figures are computed by hand below (promise: 3 working days)."""
    settings.DEFECTS_RESPONSE_PROMISE_WORKING_DAYS = 3
    initial_status()
    done = closed_status()
    north, south = DistrictFactory(name="Nord"), DistrictFactory(name="Süd")
    lamp = CategoryFactory(name_en="Lamp")
    bin_ = CategoryFactory(name_en="Bin")
    # Monday 10:00, answered Thursday 23:00 (85 h; deadline end of Thursday: kept), closed
    # Friday 10:00 (96 h).
    kept = ReportFactory(
        category=lamp,
        district=north,
        created_at=local(2025, 3, 3, 10),
        first_answer_at=local(2025, 3, 6, 23),
        closed_at=local(2025, 3, 7, 10),
        status=done,
    )
    # Friday 10:00: deadline end of Wednesday; answered Thursday 09:00 (143 h): not kept.
    late = ReportFactory(
        category=lamp,
        district=north,
        created_at=local(2025, 3, 7, 10),
        first_answer_at=local(2025, 3, 13, 9),
    )
    # Saturday: deadline end of Wednesday 12 March; no answer by 20 March: due, not kept.
    ReportFactory(category=bin_, district=south, created_at=local(2025, 3, 8, 11))
    # Yesterday: not yet due.
    ReportFactory(category=bin_, district=south, created_at=local(2025, 3, 19, 8))
    # January, and one older than 12 months: counted per category and district.
    ReportFactory(category=bin_, district=north, created_at=local(2025, 1, 15, 12))
    ReportFactory(category=bin_, district=north, created_at=local(2024, 2, 10, 12))
    # A duplicate counts as a report, but its handling is not measured (it has no answer).
    ReportFactory(category=lamp, district=north, created_at=local(2025, 3, 4, 9), duplicate_of=kept)
    for moderation in (Report.Moderation.PENDING, Report.Moderation.REJECTED):
        ReportFactory(
            category=lamp, district=south, created_at=local(2025, 3, 5, 9), moderation=moderation
        )
    return {"lamp": lamp, "bin": bin_, "north": north, "south": south, "late": late}


NOW = local(2025, 3, 20, 12)


def test_counts_per_category_and_district_count_approved_reports(handled):
    by_category = {row.category.pk: row.count for row in statistics.report_counts_by_category()}
    assert by_category == {handled["lamp"].pk: 3, handled["bin"].pk: 4}
    by_district = {
        row.district.pk: row.count
        for row in statistics.report_counts_by_district()
        if row.district.pk in (handled["north"].pk, handled["south"].pk)
    }
    assert by_district == {handled["north"].pk: 5, handled["south"].pk: 2}


def test_counts_per_month_cover_the_last_twelve_months(handled):
    months = statistics.report_counts_by_month(now=NOW)
    assert [row.month for row in months][:2] == [date(2024, 4, 1), date(2024, 5, 1)]
    assert months[-1].month == date(2025, 3, 1)
    assert len(months) == 12
    counts = {row.month: row.count for row in months}
    assert counts[date(2025, 3, 1)] == 5 and counts[date(2025, 1, 1)] == 1
    assert sum(counts.values()) == 6  # February 2024 is older than 12 months


def test_report_in_the_last_hour_of_a_month_counts_in_that_local_month(handled):
    ReportFactory(
        category=handled["bin"], district=handled["north"], created_at=local(2025, 2, 28, 23, 30)
    )
    counts = {row.month: row.count for row in statistics.report_counts_by_month(now=NOW)}
    assert counts[date(2025, 2, 1)] == 1


def test_median_times_and_the_response_promise(handled):
    figures = statistics.report_response_figures(now=NOW)
    assert figures.median_first_answer == timedelta(hours=(85 + 143) / 2)
    assert figures.answered == 2
    assert figures.median_closing == timedelta(hours=96)
    assert figures.closed == 1
    # Due: the kept one, the late one, and the Saturday, January and 2024 reports without an
    # answer (their deadlines passed); yesterday's is not due yet.
    assert (figures.promise_kept, figures.promise_due) == (1, 5)
    assert figures.promise_share == pytest.approx(1 / 5)


def test_promise_deadline_counts_working_days_only(settings):
    settings.DEFECTS_PUBLIC_HOLIDAYS = "DE-HE"  # none in these weeks
    assert answer_deadline(created_at=local(2025, 3, 7, 10), working_days=3) == local(2025, 3, 13)
    assert answer_deadline(created_at=local(2025, 3, 8, 10), working_days=1) == local(2025, 3, 11)
    assert answer_deadline(created_at=local(2025, 3, 3, 0, 5), working_days=3) == local(2025, 3, 7)


def test_statistics_page_shows_the_figures(client, handled, time_machine):
    time_machine.move_to(NOW)
    html = client.get(url("defects:statistics", language="en")).content.decode()
    assert "4.8 days" in html  # 114 hours
    assert "4 days" in html
    assert "20 % (1 of 5 reports)" in html
    assert "The last 12 months: 6 reports" in html
    de = client.get(url("defects:statistics")).content.decode()
    assert "4,8 Tage" in de or "4.8 Tage" in de
    assert "20 % (1 von 5 Meldungen)" in de
