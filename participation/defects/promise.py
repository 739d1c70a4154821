"""The response promise: a first public answer within N working days (Monday to Friday).

The deadline is the end of the N-th working day after the day a report came in, in the city's
time zone: a report on Friday afternoon with a three-day promise is due by Wednesday night. A
report on a Saturday counts from the next working day likewise. Public holidays are not
known to the portal and count as working days (a stricter promise, never a looser one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

WORKING_DAYS = frozenset(range(5))  # Monday (0) to Friday (4)


class PromiseState(StrEnum):
    DUE = "due"  # no answer yet, deadline ahead
    OVERDUE = "overdue"  # no answer yet, deadline passed
    KEPT = "kept"  # answered by the deadline
    BROKEN = "broken"  # answered, but late


STATE_LABELS = {
    PromiseState.DUE: _("first answer due"),
    PromiseState.OVERDUE: _("first answer overdue"),
    PromiseState.KEPT: _("answered in time"),
    PromiseState.BROKEN: _("answered late"),
}


def working_days_after(day: date, count: int) -> date:
    """The ``count``-th working day after ``day`` (``day`` itself not counted)."""
    if count < 0:
        raise ValueError("count must not be negative")
    current = day
    remaining = count
    while remaining:
        current += timedelta(days=1)
        if current.weekday() in WORKING_DAYS:
            remaining -= 1
    return current


def answer_deadline(*, created_at: datetime, working_days: int | None = None) -> datetime:
    """The moment the promise is broken: midnight after the last working day, local time."""
    days = settings.DEFECTS_RESPONSE_PROMISE_WORKING_DAYS if working_days is None else working_days
    local_day = timezone.localtime(created_at).date()
    last_day = working_days_after(local_day, days)
    return timezone.make_aware(
        datetime.combine(last_day + timedelta(days=1), time.min),
        timezone.get_current_timezone(),
    )


@dataclass(frozen=True)
class Promise:
    deadline: datetime
    state: PromiseState

    @property
    def label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def kept(self) -> bool | None:
        """True or False once answered (or overdue: already broken), None while due."""
        if self.state == PromiseState.DUE:
            return None
        return self.state == PromiseState.KEPT


def report_promise(
    *,
    created_at: datetime,
    first_answer_at: datetime | None,
    now: datetime | None = None,
    working_days: int | None = None,
) -> Promise:
    """Where a report stands with the promise of a first public answer."""
    deadline = answer_deadline(created_at=created_at, working_days=working_days)
    if first_answer_at is not None:
        state = PromiseState.KEPT if first_answer_at < deadline else PromiseState.BROKEN
    else:
        state = PromiseState.DUE if (now or timezone.now()) < deadline else PromiseState.OVERDUE
    return Promise(deadline=deadline, state=state)
