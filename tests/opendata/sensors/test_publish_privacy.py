"""Complementary suppression of daily totals (with an adversary) and the privacy-budget ledger."""

from __future__ import annotations

import math
import random
from datetime import UTC, date, datetime, timedelta

import pytest

from opendata.sensors import publication as publish
from opendata.sensors.models import PrivacyBudgetEntry, PublishedObservation, Release
from opendata.sensors.publication import noise
from tests.opendata.sensors.test_publish import (
    add,
    add_devices,
    device_counter,
    people_counter,
    stream_create,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("publication_clock")]

HOUR = timedelta(hours=1)
K = 10


def closed_day(days_back: int = 2) -> date:
    return datetime.now(UTC).date() - timedelta(days=days_back)


def day_start(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=UTC)


def fill_day(stream, day: date, counts: list[int]) -> None:
    for hour, count in enumerate(counts):
        add(stream, day_start(day) + hour * HOUR + timedelta(minutes=5), count)


def published_day(stream, day: date) -> tuple[list[PublishedObservation], PublishedObservation]:
    rows = PublishedObservation.objects.filter(
        datastream=stream,
        phenomenon_time_start__gte=day_start(day),
        phenomenon_time_end__lte=day_start(day) + timedelta(days=1),
    )
    total = rows.get(cell__startswith=publish.DAILY_TOTAL_CELL_PREFIX)
    return [row for row in rows if row.pk != total.pk], total


def adversary(windows: list[PublishedObservation], total: PublishedObservation, k: int):
    """What someone learns about each suppressed window from the public rows alone.

    Returns the (lowest, highest) value a suppressed window can have, knowing that each
    suppressed window holds 0..k-1 and that they add up to total minus the published ones;
    None when there is no total to subtract from.
    """
    if total.suppressed:
        return None
    withheld = [row for row in windows if row.suppressed]
    residual = total.result - sum(row.result for row in windows if not row.suppressed)
    if not withheld:
        assert residual == 0
        return None
    lowest = max(0, residual - (len(withheld) - 1) * (k - 1))
    highest = min(k - 1, residual)
    return lowest, highest


NIGHT = [2, 0, 1, 3, 1, 4]  # small counts: suppressed
BUSY = [40, 55, 80, 120, 150, 160, 140, 130, 125, 110, 100, 90, 70, 60, 45, 30, 20, 12]


@pytest.mark.parametrize(
    ("counts", "total_published"),
    [
        ([30] * 23 + [4], False),  # one suppressed window: the total would be its value
        ([30] * 22 + [9, 9], False),  # two at 9: total minus the rest pins both to 9
        ([30] * 22 + [3, 4], False),  # the withheld windows count fewer than k together
        ([30] * 21 + [3, 4, 5], True),  # 12 over three windows: each still 0..9
        (NIGHT + BUSY, True),  # a typical day
        ([30] * 24, True),  # nothing suppressed
        ([1] * 24, True),  # all 24 suppressed: their sum 24 still leaves each one 0..9
        ([0] * 23 + [5], False),  # the day itself counts fewer than k
    ],
)
def test_daily_total_never_reveals_a_suppressed_window(counts, total_published):
    stream = people_counter(window=60)
    day = closed_day()
    fill_day(stream, day, counts)

    assert publish.publish_due() == 25

    windows, total = published_day(stream, day)
    assert len(windows) == 24
    assert all(row.result >= K for row in [*windows, total] if not row.suppressed)
    assert total.suppressed is not total_published
    learned = adversary(windows, total, K)
    if total_published and any(row.suppressed for row in windows):
        assert learned == (0, K - 1)  # nothing beyond "below k"
        assert total.result == sum(counts)
    else:
        assert learned is None
    assert total.cell == f"{publish.DAILY_TOTAL_CELL_PREFIX}{windows[0].cell}"
    assert total.release.method.startswith("daily total")


def test_adversary_never_narrows_a_suppressed_window_over_many_random_days():
    rng = random.Random(20260501)
    stream = people_counter(window=60)
    days = [closed_day(back) for back in range(2, 14)]
    for day in days:
        counts = [rng.randint(10, 60) for _ in range(24)]
        for hour in rng.sample(range(24), rng.randint(0, 4)):  # a few suppressed windows
            counts[hour] = rng.randint(0, 9)
        fill_day(stream, day, counts)

    publish.publish_due()

    outcomes = []
    for day in days:
        windows, total = published_day(stream, day)
        learned = adversary(windows, total, K)
        outcomes.append(total.suppressed)
        assert learned in (None, (0, K - 1))
    assert True in outcomes and False in outcomes  # both branches were exercised


def test_daily_total_waits_for_the_day_to_close_and_its_windows():
    stream = people_counter(window=60)
    today = datetime.now(UTC).date()
    add(stream, day_start(today), 20)
    publish.publish_due()
    assert not Release.objects.filter(datastream=stream, window_end__gt=day_start(today) + HOUR)
    assert publish.publish_daily_total(stream, today) is None


def test_device_counter_daily_total_with_one_suppressed_window_is_suppressed():
    stream = device_counter(window=60)
    day = closed_day()
    for hour in range(5):
        add_devices(stream, day_start(day) + hour * HOUR, 4 if hour == 2 else 15)
    publish.publish_due()
    windows, total = published_day(stream, day)
    assert [row.suppressed for row in windows] == [False, False, True, False, False]
    assert total.suppressed


def test_smart_meter_daily_total_needs_k_households_among_the_withheld_windows():
    def meters(stream, hour: int, first: int, count: int, day: date) -> None:
        for meter in range(first, first + count):
            add(
                stream,
                day_start(day) + hour * HOUR + timedelta(minutes=meter % 60),
                2.5,
                subject=f"m{meter:015d}",
            )

    heat = stream_create(
        "heat",
        privacy="person_derived",
        aggregation="sum",
        window=60,
    )
    day, other_day = closed_day(2), closed_day(3)
    meters(heat, 0, 0, 20, day)
    meters(heat, 1, 0, 5, day)  # 5 households: suppressed, and alone
    meters(heat, 0, 0, 20, other_day)
    meters(heat, 1, 0, 6, other_day)  # two suppressed windows with 12 households together
    meters(heat, 2, 6, 6, other_day)
    publish.publish_due()

    windows, total = published_day(heat, day)
    assert [row.suppressed for row in windows] == [False, True]
    assert total.suppressed
    windows, total = published_day(heat, other_day)
    assert [row.suppressed for row in windows] == [False, True, True]
    assert not total.suppressed and total.result == pytest.approx(32 * 2.5)


# --- the ledger --------------------------------------------------------------------------------


def _spent(stream, day: date) -> int:
    return sum(
        noise.to_nano(entry)
        for entry in PrivacyBudgetEntry.objects.filter(datastream=stream, day=day).values_list(
            "epsilon", flat=True
        )
    )


def test_a_day_of_noisy_releases_spends_at_most_the_cap():
    stream = device_counter(window=60, epsilon=1.0)
    day = closed_day()
    for hour in range(24):
        add_devices(stream, day_start(day) + hour * HOUR, 40)
    assert publish.publish_due() == 25  # 24 windows and the daily total
    entries = PrivacyBudgetEntry.objects.filter(datastream=stream)
    assert entries.count() == 25
    assert _spent(stream, day) <= noise.to_nano(1.0)
    assert math.fsum(entries.values_list("epsilon", flat=True)) <= 1.0
    assert {entry.release.epsilon_spent for entry in entries} == {0.04}
    published = PublishedObservation.objects.filter(datastream=stream, suppressed=False)
    assert published.exists()
    assert all(row.result >= K for row in published)


def test_the_ledger_refuses_the_release_that_would_exceed_the_cap(caplog):
    stream = device_counter(window=60, epsilon=1.0)
    day = closed_day()
    for hour in range(24):
        add_devices(stream, day_start(day) + hour * HOUR, 40)
    for hour in range(10):  # 10 x 0.04 = 0.4
        assert publish.publish_window(stream, day_start(day) + hour * HOUR) is not None
    stream.noise_epsilon_per_day = 0.5  # staff lower the cap: shares of 0.02 from now on
    stream.save()

    assert publish.publish_due() == 5  # 0.1 left: five more windows

    assert _spent(stream, day) == noise.to_nano(0.5)
    refused = Release.objects.filter(datastream=stream, method=publish.REFUSED_BUDGET)
    assert refused.count() == 24 - 15 + 1  # the last nine windows and the daily total
    assert not PublishedObservation.objects.filter(release__in=refused).exists()
    assert all(release.epsilon_spent == 0 for release in refused)
    assert "privacy budget" in caplog.text
    # A refusal stands: re-running neither publishes nor charges.
    assert publish.publish_window(stream, day_start(day) + 23 * HOUR) is None
    assert publish.publish_due() == 0
    assert _spent(stream, day) == noise.to_nano(0.5)
