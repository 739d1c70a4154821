"""Pin the clock relative to a phase: before it starts, while it runs, after it ended.

A phase is any object with ``start`` and ``end`` (aware datetimes; ``end`` may be None for a
phase without an end): a participation phase, an event, a release window. The context
managers pin ``timezone.now()`` (and every other clock Python offers) with time-machine:

    with during(phase):
        assert rules.test_rule("participation.add_idea", citizen, phase.module)
    with after(phase):
        ...

Tests that walk one object through its phases use the ``phase_clock`` fixture of
``tests/conftest.py`` instead, which moves the same pinned clock without nesting.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Protocol

import time_machine

# How far outside a phase "before" and "after" pin the clock by default: a phase's bounds
# are inclusive or exclusive depending on the rule, so stay clear of them.
MARGIN = timedelta(minutes=1)


class Phase(Protocol):
    start: datetime
    end: datetime | None


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"an aware datetime is needed to pin the clock, not {moment!r}")
    return moment


def moment_before(phase: Phase, by: timedelta = MARGIN) -> datetime:
    return _aware(phase.start) - by


def moment_during(phase: Phase, fraction: float = 0.5) -> datetime:
    """A moment inside the phase: half-way by default (0 is its start); an open-ended phase
    is taken as lasting one day for this."""
    if not 0 <= fraction < 1:
        raise ValueError(f"fraction must lie in [0, 1), not {fraction}")
    start = _aware(phase.start)
    end = _aware(phase.end) if phase.end is not None else start + timedelta(days=1)
    if end <= start:
        raise ValueError(f"the phase ends ({end}) before it starts ({start})")
    return start + (end - start) * fraction


def moment_after(phase: Phase, by: timedelta = MARGIN) -> datetime:
    if phase.end is None:
        raise ValueError("a phase without an end is never over")
    return _aware(phase.end) + by


@contextmanager
def at(moment: datetime, *, tick: bool = False) -> Iterator[datetime]:
    """The clock stands at ``moment`` (or starts there and runs on, with ``tick=True``)."""
    with time_machine.travel(_aware(moment), tick=tick):
        yield moment


@contextmanager
def before(phase: Phase, by: timedelta = MARGIN) -> Iterator[datetime]:
    with at(moment_before(phase, by)) as moment:
        yield moment


@contextmanager
def during(phase: Phase, fraction: float = 0.5) -> Iterator[datetime]:
    with at(moment_during(phase, fraction)) as moment:
        yield moment


@contextmanager
def after(phase: Phase, by: timedelta = MARGIN) -> Iterator[datetime]:
    with at(moment_after(phase, by)) as moment:
        yield moment


class PhaseClock:
    """The ``phase_clock`` fixture: moves one pinned clock (time-machine's fixture)."""

    def __init__(self, machine: time_machine.TimeMachineFixture) -> None:
        self._machine = machine

    def at(self, moment: datetime) -> datetime:
        self._machine.move_to(_aware(moment), tick=False)
        return moment

    def before(self, phase: Phase, by: timedelta = MARGIN) -> datetime:
        return self.at(moment_before(phase, by))

    def during(self, phase: Phase, fraction: float = 0.5) -> datetime:
        return self.at(moment_during(phase, fraction))

    def after(self, phase: Phase, by: timedelta = MARGIN) -> datetime:
        return self.at(moment_after(phase, by))
