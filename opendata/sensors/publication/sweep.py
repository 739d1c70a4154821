"""The sweep: every closed, unreleased window (and daily total) of the publishable streams.

How far back a sweep looks: the beat's sweep every few minutes reads only the windows from
the start of the UTC day ``SENSOR_PUBLICATION_LOOKBACK_HOURS`` ago (``sweep_horizon``), so
its cost follows the recent readings, not the whole raw retention; once a day a deep sweep
reads the whole retention, publishing windows whose first readings came days late and
counting late readings of older releases.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from opendata.sensors.models import Datastream, RawObservation, Release
from opendata.sensors.publication import aggregation as agg
from opendata.sensors.publication import write
from opendata.sensors.publication.daily import _publish_daily_total
from opendata.sensors.publication.placement import placement_for
from opendata.sensors.publication.policy import (
    PUBLISHABLE,
    Aggregation,
    PolicyError,
    _cutoff,
    _needs_subjects,
    grace,
    policy_for,
)
from opendata.sensors.publication.window import _publish_windows
from opendata.sensors.publication.write import REFUSED_BUDGET

logger = logging.getLogger(__name__)

# How many releases one call of ``publish_due`` makes at most: a parameter's default (tests
# pass a smaller one), not a setting.
DEFAULT_MAX_WINDOWS = 100_000


def sweep_horizon(now: datetime) -> datetime:
    """Where the frequent sweep starts: the start of the UTC day the lookback reaches (whole
    days, so that a daily total sees every window of its day)."""
    hours = int(settings.SENSOR_PUBLICATION_LOOKBACK_HOURS)
    # Beyond the grace as well: a day's last window closes only `grace` after midnight.
    reach = (now - timedelta(hours=hours) - grace()).astimezone(UTC)
    return reach.replace(hour=0, minute=0, second=0, microsecond=0)


def publishable_datastream_ids() -> list[int]:
    return list(
        Datastream.objects.filter(privacy_class__in=PUBLISHABLE)
        .filter(pk__in=RawObservation.objects.values("datastream_id"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _publish_stream_due(
    datastream: Datastream, *, now: datetime, limit: int, since: datetime | None
) -> int:
    try:
        policy = policy_for(datastream)
    except PolicyError as exc:
        logger.warning("datastream %s not published: %s", datastream.pk, exc)
        return 0
    size = agg.window_size(datastream)
    closed_end = agg.window_start_of(agg.window_index(now - grace(), size), size)
    cutoff = _cutoff(now)
    # One pass over the stream's rows: every window's count (for late readings and what is
    # due) and the plain aggregates of what was received by now (for what is due).
    summaries = agg.window_summaries(
        datastream,
        start=agg.EPOCH if since is None else since,
        end=closed_end,
        received_until=cutoff,
        latest=policy.aggregation == Aggregation.LAST,
        subjects=_needs_subjects(policy),
        maximum=policy.aggregation == Aggregation.MAX,
    )
    if not summaries:
        return 0
    counts = {index: summary.stored for index, summary in summaries.items()}
    known_releases = Release.objects.filter(datastream=datastream)
    if since is not None:
        known_releases = known_releases.filter(window_end__gt=since)
    releases = {
        (release.window_start, release.window_end): release
        for release in known_releases.only(
            "pk", "window_start", "window_end", "readings_used", "late_readings", "method"
        )
    }
    foreign = [
        interval for interval in releases if interval[1] - interval[0] not in (size, agg.DAY)
    ]
    due = []
    for index, count in sorted(counts.items()):
        start = agg.window_start_of(index, size)
        stored = releases.get((start, start + size))
        if stored is not None:
            write._update_late(stored, count)
        elif not any(s < start + size and e > start for s, e in foreign):
            due.append(start)
    made = 0
    known: dict[int, agg.WindowAggregate] = {}
    if due:
        placement = placement_for(datastream, policy)
        created = _publish_windows(
            datastream, policy, placement, due[:limit], cutoff=cutoff, summaries=summaries
        )
        made = sum(1 for release, new, _ in created if new and release.method != REFUSED_BUDGET)
        known = {release.pk: aggregate for release, new, aggregate in created if new}
        if len(due) > limit:
            return made  # the daily totals wait until every window is out
    if policy.daily_total:
        days = sorted({agg.window_start_of(index, size).date() for index in counts})
        for day in days:
            if made >= limit:
                break
            first, last = agg.day_bounds(day)
            if (first, last) in releases:
                continue
            day_counts = {
                index: count
                for index, count in counts.items()
                if first <= agg.window_start_of(index, size) < last
            }
            total = _publish_daily_total(
                datastream, policy, day, now=now, counts=day_counts, known=known
            )
            made += 1 if total is not None else 0
    if made:
        logger.info("published %d releases of datastream %s", made, datastream.pk)
    return made


def publish_due(
    *,
    now: datetime | None = None,
    datastream_ids: list[int] | None = None,
    max_windows: int = DEFAULT_MAX_WINDOWS,
    since: datetime | None = None,
) -> int:
    """Publish every closed, unreleased window (and daily total) of the publishable streams
    that have raw readings; update the late-reading counts of released ones. With `since`
    (a UTC day's start, see ``sweep_horizon``) only windows from then on. Returns the number
    of releases made (refusals not counted)."""
    if since is not None and since != agg.day_bounds(since.astimezone(UTC).date())[0]:
        raise ValueError("since: must be the start of a UTC day")
    now = now or timezone.now()
    streams = Datastream.objects.filter(privacy_class__in=PUBLISHABLE).select_related(
        "thing", "feature_of_interest"
    )
    if datastream_ids is not None:
        streams = streams.filter(pk__in=datastream_ids)
    made = 0
    for datastream in streams.order_by("pk"):
        if made >= max_windows:
            break
        made += _publish_stream_due(datastream, now=now, limit=max_windows - made, since=since)
    return made
