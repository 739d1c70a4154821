"""Daily totals of person-derived additive streams (cell ``day:<cell>``), published only
under the complementary rule of ``suppression`` once every window of the UTC day is out."""

from __future__ import annotations

import functools
from datetime import date, datetime
from typing import cast

from django.utils import timezone

from opendata.sensors.models import Datastream, PublishedObservation, Release
from opendata.sensors.publication import aggregation as agg
from opendata.sensors.publication import write
from opendata.sensors.publication.placement import Placement, placement_for
from opendata.sensors.publication.policy import (
    Aggregation,
    Policy,
    PolicyError,
    _cutoff,
    _noisy,
    _round,
    grace,
    policy_for,
    publishable,
)
from opendata.sensors.publication.provenance import _method, _parameters
from opendata.sensors.publication.suppression import DayWindow, below_k, daily_total_safe
from opendata.sensors.publication.write import REFUSED_BUDGET, Cell, Outcome, Pending

DAILY_TOTAL_CELL_PREFIX = "day:"


def _daily_outcome(
    datastream: Datastream,
    policy: Policy,
    placement: Placement,
    windows: list[Release],
    epsilon: float,
    *,
    known: dict[int, agg.WindowAggregate] | None = None,
) -> Outcome:
    """The daily total over the day's window releases. `known`: release id -> aggregate of
    the readings that release used, for releases this run made (computed for them with the
    same cut-off); the others' are recomputed."""
    known = known or {}
    usable = [release for release in windows if release.method != REFUSED_BUDGET]
    size = agg.window_size(datastream)
    index_of = {release.pk: agg.window_index(release.window_start, size) for release in windows}
    released = {index_of[release.pk]: release.created_at for release in windows}
    recompute = {
        index_of[release.pk]: release.created_at for release in windows if release.pk not in known
    }
    by_index = agg.released_window_aggregates(
        datastream, recompute, subject_bound=policy.subject_bound
    )
    true = {
        release.pk: known[release.pk] if release.pk in known else by_index[index_of[release.pk]]
        for release in windows
        if release.pk in known or index_of[release.pk] in by_index
    }
    published = {
        release.pk: release.observations.all()[0]
        for release in usable
        if release.observations.all()
    }
    day_windows, withheld_ids = [], []
    total_true = total_consistent = 0.0
    readings = 0
    people_without_subjects = 0.0
    for release in windows:
        aggregate = true.get(release.pk)
        if aggregate is None:
            continue
        readings += aggregate.readings
        window_value = aggregate.value(policy.aggregation)
        total_true += window_value
        people_without_subjects += aggregate.total
        row = published.get(release.pk)
        withheld = row is None or row.suppressed
        if withheld:
            withheld_ids.append(release.pk)
            total_consistent += window_value
        else:
            # Not withheld: a published row that is not suppressed, hence with a result.
            total_consistent += cast(float, cast(PublishedObservation, row).result)
        day_windows.append(DayWindow(value=window_value, withheld=withheld))
    with_subjects = any(aggregate.distinct_subjects for aggregate in true.values())
    day_people: float
    withheld_people: float
    if with_subjects and all(aggregate.subjects is not None for aggregate in true.values()):
        # Every window's pseudonyms are at hand (aggregated by this run): unions in memory.
        day_people = len(
            frozenset().union(
                *(cast(frozenset[str], aggregate.subjects) for aggregate in true.values())
            )
        )
        withheld_people = len(
            frozenset().union(*(cast(frozenset[str], true[pk].subjects) for pk in withheld_ids))
        )
    elif with_subjects:
        day_people, withheld_people = agg.released_distinct_subjects(
            datastream, released, withheld={index_of[pk] for pk in withheld_ids}
        )
    else:
        day_people = people_without_subjects
        withheld_people = sum(true[pk].total for pk in withheld_ids)
    counts_people = policy.aggregation == Aggregation.DISTINCT_SUBJECTS or not with_subjects
    safe = daily_total_safe(
        day_windows,
        k=policy.k,
        day_people=day_people,
        withheld_people=withheld_people,
        value_counts_people=counts_people,
    )
    noisy = None
    value: float | None = _round(total_consistent)
    if policy.noisy:
        # Every window's value is noisy: the total gets noise of its own (a subject can be in
        # every window of the day, hence the sensitivity times the windows per day).
        day_aggregate = agg.WindowAggregate(
            readings=readings,
            total=total_true,
            mean=0.0,
            maximum=0.0,
            distinct_subjects=round(total_true)
            if policy.aggregation == Aggregation.DISTINCT_SUBJECTS
            else int(with_subjects),
            clipped_subject_total=sum(
                aggregate.clipped_subject_total or 0.0 for aggregate in true.values()
            ),
        )
        noisy = _noisy(policy, day_aggregate, epsilon=epsilon, windows=policy.windows_per_day)
        value = noisy.value
        if counts_people and below_k(value, policy.k):
            safe = False
    cell_name = f"{DAILY_TOTAL_CELL_PREFIX}{placement.cell}" if placement.cell else "day"
    cell = Cell(
        cell=cell_name,
        result=value if safe else None,
        suppressed=not safe,
        feature=placement.feature,
        parameters={"aggregation": policy.aggregation, "total": "day"},
    )
    return Outcome(
        method=_method(policy, datastream, daily=True),
        parameters=_parameters(policy, datastream, noisy, daily=True),
        cells=[cell],
        readings_used=readings,
    )


def publish_daily_total(
    datastream: Datastream, day: date, *, now: datetime | None = None
) -> Release | None:
    """Publish the daily total of a person-derived additive stream for a closed UTC day.

    Only when every window of the day that has readings has been released; the stored
    release if published before; None when not applicable, not yet due or refused.
    """
    now = now or timezone.now()
    if not publishable(datastream):
        return None
    try:
        policy = policy_for(datastream)
    except PolicyError:
        return None
    return _publish_daily_total(datastream, policy, day, now=now)


def _publish_daily_total(
    datastream: Datastream,
    policy: Policy,
    day: date,
    *,
    now: datetime,
    counts: dict[int, int] | None = None,
    known: dict[int, agg.WindowAggregate] | None = None,
) -> Release | None:
    """``publish_daily_total`` for a publishable stream and its policy; `counts`: the day's
    ``window_counts``, when the caller has them; `known`: see ``_daily_outcome``."""
    start, end = agg.day_bounds(day)
    if end + grace() > now or not policy.daily_total:
        return None
    size = agg.window_size(datastream)
    if counts is None:
        counts = agg.window_counts(datastream, start=start, end=end)
    stored = write._stored(datastream, start, end)
    if stored is not None:
        write._update_late(stored, sum(counts.values()))
        return write._result(stored)
    windows = list(
        Release.objects.filter(datastream=datastream, window_start__gte=start, window_end__lte=end)
        .exclude(window_start=start, window_end=end)
        .prefetch_related("observations")
    )
    released = {agg.window_index(release.window_start, size) for release in windows}
    if not windows or set(counts) - released:
        return None  # nothing released yet, or windows of the day still to publish
    if any(release.window_end - release.window_start != size for release in windows):
        return None  # the window length changed during the day: no consistent total
    placement = placement_for(datastream, policy)
    pending = Pending(
        start=start,
        end=end,
        readings=sum(release.readings_used for release in windows),
        build=functools.partial(
            _daily_outcome, datastream, policy, placement, windows, known=known
        ),
    )
    [(release, _created)] = write._write(datastream, policy, [pending], cutoff=_cutoff(now))
    return write._result(release)
