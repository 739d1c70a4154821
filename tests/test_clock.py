"""The phase clock pins timezone.now() before, during and after any object with start/end."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from tests.clock import MARGIN, after, at, before, during, moment_during

START = datetime(2030, 3, 1, 9, 0, tzinfo=UTC)
END = datetime(2030, 3, 15, 18, 0, tzinfo=UTC)


@dataclass
class Phase:
    start: datetime
    end: datetime | None


PHASE = Phase(START, END)


def running(phase: Phase) -> bool:
    """What a rule would ask: is the phase running now?"""
    now = timezone.now()
    return phase.start <= now and (phase.end is None or now < phase.end)


def test_at_pins_django_and_python_clocks():
    with at(START) as moment:
        assert moment == START
        assert timezone.now() == START
        assert datetime.now(UTC) == START
        assert time.time() == START.timestamp()
    assert timezone.now() != START  # back to the real clock


def test_the_clock_stands_still():
    with at(START):
        time.sleep(0.01)
        assert timezone.now() == START


def test_before_during_after_place_the_clock_around_the_phase():
    with before(PHASE) as moment:
        assert moment == START - MARGIN
        assert not running(PHASE) and timezone.now() < START
    with during(PHASE) as moment:
        assert moment == START + (END - START) / 2
        assert running(PHASE)
    with after(PHASE) as moment:
        assert moment == END + MARGIN
        assert not running(PHASE) and timezone.now() > END


def test_margins_and_fractions_can_be_chosen():
    with before(PHASE, by=timedelta(days=3)):
        assert timezone.now() == START - timedelta(days=3)
    with during(PHASE, fraction=0):
        assert timezone.now() == START
    with after(PHASE, by=timedelta(seconds=1)):
        assert timezone.now() == END + timedelta(seconds=1)


def test_a_phase_in_local_time_is_pinned_at_the_same_instant():
    berlin = timezone.get_default_timezone()
    local = Phase(START.astimezone(berlin), END.astimezone(berlin))
    with during(local, fraction=0):
        assert timezone.now() == START


def test_contexts_nest_and_restore_the_outer_moment():
    with during(PHASE):
        with after(PHASE):
            assert timezone.now() == END + MARGIN
        assert running(PHASE)


def test_an_open_ended_phase_runs_but_is_never_over():
    open_ended = Phase(START, None)
    with during(open_ended):
        assert running(open_ended)
        assert timezone.now() == START + timedelta(hours=12)
    with pytest.raises(ValueError, match="never over"), after(open_ended):
        pass


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: at(START.replace(tzinfo=None)).__enter__(), "aware"),
        (lambda: moment_during(PHASE, fraction=1), "fraction"),
        (lambda: moment_during(PHASE, fraction=-0.1), "fraction"),
        (lambda: moment_during(Phase(END, START)), "before it starts"),
    ],
)
def test_misuse_is_refused_with_a_reason(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_phase_clock_fixture_walks_one_object_through_its_phases(phase_clock):
    seen = []
    for move in (phase_clock.before, phase_clock.during, phase_clock.after):
        move(PHASE)
        seen.append(running(PHASE))
    assert seen == [False, True, False]
    assert phase_clock.at(START) == START
    assert timezone.now() == START


def test_phase_clock_fixture_works_on_any_object_with_start_and_end(phase_clock):
    class Window:  # e.g. a release window or an event
        start = START
        end = START + timedelta(minutes=15)

    phase_clock.during(Window)
    assert timezone.now() == START + timedelta(minutes=7, seconds=30)
