"""Publishing closed windows: a window's aggregate becomes a release of one published cell."""

from __future__ import annotations

import functools
import logging
from datetime import UTC, datetime

from django.utils import timezone

from opendata.sensors.models import Datastream, Release
from opendata.sensors.publication import aggregation as agg
from opendata.sensors.publication import write
from opendata.sensors.publication.placement import Placement, placement_for
from opendata.sensors.publication.policy import (
    Policy,
    PolicyError,
    _cutoff,
    _needs_subjects,
    _noisy,
    _round,
    _value_counts_people,
    grace,
    policy_for,
    publishable,
)
from opendata.sensors.publication.provenance import _iso, _method, _parameters
from opendata.sensors.publication.suppression import below_k
from opendata.sensors.publication.write import Cell, Outcome, Pending

logger = logging.getLogger(__name__)


def _window_outcome(
    datastream: Datastream,
    policy: Policy,
    placement: Placement,
    aggregate: agg.WindowAggregate,
    epsilon: float,
) -> Outcome:
    suppressed = policy.person_derived and below_k(aggregate.people(), policy.k)
    value: float | None = _round(aggregate.value(policy.aggregation))
    noisy = None
    if policy.noisy and not suppressed:
        noisy = _noisy(policy, aggregate, epsilon=epsilon)
        value = noisy.value
        # A noisy count below k is not published either (no published cell below k).
        if policy.person_derived and _value_counts_people(policy, aggregate):
            suppressed = below_k(value, policy.k)
    cell = Cell(
        cell=placement.cell,
        result=None if suppressed else value,
        suppressed=suppressed,
        feature=placement.feature,
        parameters={"aggregation": policy.aggregation},
    )
    return Outcome(
        method=_method(policy, datastream, daily=False),
        parameters=_parameters(policy, datastream, noisy, daily=False),
        cells=[cell],
        readings_used=aggregate.readings,
    )


def _utc(moment: datetime) -> datetime:
    if timezone.is_naive(moment):
        raise ValueError("window_start: a time zone is required")
    return moment.astimezone(UTC)


def _overlaps_other_length(datastream: Datastream, start: datetime, end: datetime) -> bool:
    """A window that overlaps a released window of another length (the stream's window
    length changed) is not published: the two would reveal their difference."""
    size = end - start
    return any(
        (other_end - other_start) not in (size, agg.DAY)
        for other_start, other_end in Release.objects.filter(
            datastream=datastream, window_start__lt=end, window_end__gt=start
        ).values_list("window_start", "window_end")
    )


def publish_window(
    datastream: Datastream, window_start: datetime, *, now: datetime | None = None
) -> Release | None:
    """Publish one closed window; the stored release if it was published before.

    None when there is nothing to publish (no readings, window still open, stream not
    publishable, policy not applicable) or when the release was refused for want of budget
    (then a release with method ``REFUSED_BUDGET`` and no cells records the refusal).
    """
    now = now or timezone.now()
    start = _utc(window_start)
    size = agg.window_size(datastream)
    if not agg.is_aligned(start, size):
        raise ValueError(
            f"window_start: not aligned to the {datastream.window_minutes}-minute windows"
        )
    end = start + size
    if not publishable(datastream) or end + grace() > now:
        return None
    stored = write._stored(datastream, start, end)
    if stored is not None:
        write._update_late(
            stored,
            agg.window_counts(datastream, start=start, end=end).get(
                agg.window_index(start, size), 0
            ),
        )
        return write._result(stored)
    if _overlaps_other_length(datastream, start, end):
        logger.info(
            "window %s of datastream %s overlaps another window length", _iso(start), datastream.pk
        )
        return None
    try:
        policy = policy_for(datastream)
    except PolicyError as exc:
        logger.warning("datastream %s not published: %s", datastream.pk, exc)
        return None
    placement = placement_for(datastream, policy)
    written = _publish_windows(datastream, policy, placement, [start], cutoff=_cutoff(now))
    return write._result(written[0][0] if written else None)


def _publish_windows(
    datastream: Datastream,
    policy: Policy,
    placement: Placement,
    starts: list[datetime],
    *,
    cutoff: datetime,
    summaries: dict[int, agg.WindowSummary] | None = None,
) -> list[tuple[Release, bool, agg.WindowAggregate]]:
    """Aggregate the windows starting at `starts` together and store a release each;
    (release, created, aggregate) per window that had readings by the cut-off. `summaries`:
    the stream's ``window_summaries`` with this cut-off, when the caller has them."""
    if not starts:
        return []
    size = agg.window_size(datastream)
    aggregates = agg.window_aggregates(
        datastream,
        start=min(starts),
        end=max(starts) + size,
        received_until=cutoff,
        aggregation=policy.aggregation,
        subject_bound=policy.subject_bound,
        subjects=_needs_subjects(policy),
        summaries=summaries,
    )
    pending, used = [], []
    for start in sorted(starts):
        aggregate = aggregates.get(agg.window_index(start, size))
        if aggregate is None:
            continue  # every reading of the window arrived after the cut-off
        used.append(aggregate)
        pending.append(
            Pending(
                start=start,
                end=start + size,
                readings=aggregate.readings,
                build=functools.partial(_window_outcome, datastream, policy, placement, aggregate),
            )
        )
    written = write._write(datastream, policy, pending, cutoff=cutoff)
    return [
        (release, created, aggregate)
        for (release, created), aggregate in zip(written, used, strict=True)
    ]
