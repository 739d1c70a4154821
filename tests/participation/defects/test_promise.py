"""The response promise: working days Monday to Friday but public holidays, deadline at local
midnight."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone, translation

from participation.defects.promise import (
    PromiseState,
    answer_deadline,
    report_promise,
    working_days_after,
)

BERLIN = timezone.get_fixed_timezone(120)  # summer time, as in the dates below


@pytest.fixture(autouse=True)
def without_public_holidays(settings):
    """The weekday rules in June 2026, which has Corpus Christi; holidays have their tests."""
    settings.DEFECTS_PUBLIC_HOLIDAYS = "off"


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (date(2026, 6, 1), 3, date(2026, 6, 4)),  # Monday → Thursday
        (date(2026, 6, 5), 3, date(2026, 6, 10)),  # Friday → Wednesday
        (date(2026, 6, 6), 3, date(2026, 6, 10)),  # Saturday → Wednesday
        (date(2026, 6, 7), 1, date(2026, 6, 8)),  # Sunday → Monday
        (date(2026, 6, 3), 0, date(2026, 6, 3)),
        (date(2026, 6, 1), 10, date(2026, 6, 15)),  # two whole weeks
    ],
)
def test_working_days_skip_weekends(start, count, expected):
    assert working_days_after(start, count, region="off") == expected


@pytest.mark.parametrize(
    ("region", "start", "count", "expected"),
    [
        # Corpus Christi (4 June 2026) is a holiday in Hessen, not in Berlin.
        ("DE-HE", date(2026, 6, 1), 3, date(2026, 6, 5)),
        ("DE-BE", date(2026, 6, 1), 3, date(2026, 6, 4)),
        # Good Friday and Easter Monday 2026 (3 and 6 April) everywhere in Germany.
        ("DE-HE", date(2026, 4, 2), 1, date(2026, 4, 7)),
        ("DE", date(2026, 4, 2), 2, date(2026, 4, 8)),
        # Christmas and the new year.
        ("DE-HE", date(2026, 12, 24), 3, date(2026, 12, 30)),
    ],
)
def test_public_holidays_of_the_state_are_no_working_days(region, start, count, expected):
    assert working_days_after(start, count, region=region) == expected


def test_the_promise_follows_the_configured_state(settings):
    created = local(2026, 6, 3, 9)  # Wednesday before Corpus Christi
    settings.DEFECTS_PUBLIC_HOLIDAYS = "DE-HE"
    in_hesse = timezone.localtime(answer_deadline(created_at=created, working_days=1)).date()
    settings.DEFECTS_PUBLIC_HOLIDAYS = "off"
    plain = timezone.localtime(answer_deadline(created_at=created, working_days=1)).date()
    assert (in_hesse, plain) == (date(2026, 6, 6), date(2026, 6, 5))


def test_an_unknown_region_stops_with_a_message_naming_the_setting():
    with pytest.raises(ImproperlyConfigured, match="DEFECTS_PUBLIC_HOLIDAYS"):
        working_days_after(date(2026, 6, 1), 1, region="XX-YY")


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError, match="count"):
        working_days_after(date(2026, 6, 1), -1)


def test_friday_afternoon_report_is_due_by_wednesday_midnight_local_time(settings):
    settings.DEFECTS_RESPONSE_PROMISE_WORKING_DAYS = 3
    deadline = answer_deadline(created_at=local(2026, 6, 5, 16, 30))
    local_deadline = timezone.localtime(deadline)
    assert (local_deadline.date(), local_deadline.hour, local_deadline.minute) == (
        date(2026, 6, 11),
        0,
        0,
    )


def test_late_evening_utc_counts_from_the_local_day():
    # 23:30 UTC on Sunday is already Monday 01:30 in Berlin: Monday + 1 → Tuesday.
    deadline = answer_deadline(created_at=datetime(2026, 6, 7, 23, 30, tzinfo=UTC), working_days=1)
    assert timezone.localtime(deadline).date() == date(2026, 6, 10)


def test_states_due_overdue_kept_and_broken():
    created = local(2026, 6, 1, 9, 0)  # Monday; 3 working days → deadline Fri 00:00
    assert (
        report_promise(
            created_at=created, first_answer_at=None, now=local(2026, 6, 4, 23, 59), working_days=3
        ).state
        == PromiseState.DUE
    )
    overdue = report_promise(
        created_at=created, first_answer_at=None, now=local(2026, 6, 5, 0, 0), working_days=3
    )
    assert overdue.state == PromiseState.OVERDUE
    assert overdue.kept is False
    kept = report_promise(
        created_at=created, first_answer_at=local(2026, 6, 4, 18, 0), working_days=3
    )
    assert kept.state == PromiseState.KEPT
    assert kept.kept is True
    broken = report_promise(
        created_at=created, first_answer_at=local(2026, 6, 5, 8, 0), working_days=3
    )
    assert broken.state == PromiseState.BROKEN
    with translation.override("en"):
        assert broken.label == "answered late"
    with translation.override("de"):
        assert broken.label == "verspätet beantwortet"


def test_the_setting_decides_when_no_count_is_given(settings):
    created = local(2026, 6, 1, 9, 0)
    settings.DEFECTS_RESPONSE_PROMISE_WORKING_DAYS = 1
    assert timezone.localtime(answer_deadline(created_at=created)).date() == date(2026, 6, 3)
    settings.DEFECTS_RESPONSE_PROMISE_WORKING_DAYS = 5
    assert timezone.localtime(answer_deadline(created_at=created)).date() == date(2026, 6, 9)
