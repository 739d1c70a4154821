"""The response promise: working days Monday to Friday, deadline at local midnight."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.utils import timezone, translation

from participation.defects.promise import (
    PromiseState,
    answer_deadline,
    report_promise,
    working_days_after,
)

BERLIN = timezone.get_fixed_timezone(120)  # summer time, as in the dates below


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
    assert working_days_after(start, count) == expected


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
