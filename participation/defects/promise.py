"""The response promise: a first public answer within N working days.

Working days are Monday to Friday except the public holidays of the city's state
(``DEFECTS_PUBLIC_HOLIDAYS``, from the maintained ``holidays`` package). The deadline is the
end of the N-th working day after the day a report came in, in the city's time zone: a report
on Friday afternoon with a three-day promise is due by Wednesday night, by Thursday night if
Monday is Easter Monday. A report on a Saturday counts from the next working day likewise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache

import holidays
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
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


@lru_cache(maxsize=4)
def public_holidays(region: str) -> holidays.HolidayBase | None:
    """The public holidays of ``DE-HE`` (country-subdivision) or ``DE``; None for ``off``."""
    if region.strip().lower() in ("", "off"):
        return None
    country, _sep, subdivision = region.strip().upper().partition("-")
    try:
        return holidays.country_holidays(country, subdiv=subdivision or None)
    except NotImplementedError as error:  # unknown country or subdivision
        raise ImproperlyConfigured(f"DEFECTS_PUBLIC_HOLIDAYS={region!r}: {error}") from None


def is_working_day(day: date, region: str | None = None) -> bool:
    calendar = public_holidays(settings.DEFECTS_PUBLIC_HOLIDAYS if region is None else region)
    return day.weekday() in WORKING_DAYS and (calendar is None or day not in calendar)


def working_days_after(day: date, count: int, region: str | None = None) -> date:
    """The ``count``-th working day after ``day`` (``day`` itself not counted)."""
    if count < 0:
        raise ValueError("count must not be negative")
    current = day
    remaining = count
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current, region):
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
