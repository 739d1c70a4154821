"""Publication jobs: closed windows of raw readings become releases of published cells.

For each closed window (``window_minutes`` long, aligned to UTC, closed once its end plus
``SENSOR_PUBLICATION_GRACE_SECONDS`` has passed) of a public or person-derived stream:

- aggregate over time (``aggregation.aggregation_for``) and over space: person-derived
  streams are published on the H3 cell (resolution ``SENSOR_PUBLICATION_H3_RESOLUTION``)
  around their thing's location, cell ``h3:<index>`` with the hexagon as feature of interest;
  public streams on their own feature of interest, cell "";
- person-derived cells counting fewer than k people are suppressed (``suppression``);
- with ``noise_epsilon_per_day`` set, OpenDP noise is added (``noise``) and one equal share of
  the daily cap is charged to the ledger; a release that would exceed the cap is refused;
- person-derived streams with an additive aggregation also get a daily total (cell
  ``day:<cell>``), published only under the complementary rule of ``suppression``.

A release, its cells and its ledger entry are written in one transaction after locking the
datastream row (a sweep writes a stream's due windows in chunks of ``WRITE_CHUNK`` per
transaction, with bulk inserts); the unique constraint on (datastream, window start, window
end) makes a concurrent second job return the stored release. A sweep reads a stream's rows
once for every window's count and plain aggregates (``aggregation.window_summaries``) and
computes a daily total from the aggregates of the windows it released in the same run.
Re-running returns the stored release as it is (no fresh noise). Readings received after a
release's ``created_at`` (its cut-off) are late: never published, counted into
``late_readings``. The cut-off lags the job's clock by ``services.settle()`` (30 s), and
ingestion rolls back a batch still uncommitted half of that after stamping it received, so
a release uses exactly the readings received by its ``created_at``; recomputing it later (as
a daily total does) finds the same readings (with clocks in sync, see ``_cutoff``).

How far back a sweep looks: the beat's sweep every few minutes reads only the windows from
the start of the UTC day ``SENSOR_PUBLICATION_LOOKBACK_HOURS`` ago (``sweep_horizon``), so
its cost follows the recent readings, not the whole raw retention; once a day a deep sweep
reads the whole retention, publishing windows whose first readings came days late and
counting late readings of older releases.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import json
import logging
import os
import subprocess
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import h3
from django.conf import settings
from django.contrib.gis.geos import Point, Polygon
from django.db import IntegrityError, transaction
from django.utils import timezone

from opendata.sensors import aggregation as agg
from opendata.sensors import noise, services
from opendata.sensors.models import (
    Datastream,
    FeatureOfInterest,
    PrivacyBudgetEntry,
    PublishedObservation,
    RawObservation,
    Release,
)
from opendata.sensors.signals import release_published
from opendata.sensors.suppression import DayWindow, below_k, daily_total_safe
from portal.core.bulk import copy_insert

logger = logging.getLogger(__name__)

PUBLISHABLE = (Datastream.PrivacyClass.PUBLIC, Datastream.PrivacyClass.PERSON_DERIVED)
DAILY_TOTAL_CELL_PREFIX = "day:"
REFUSED_BUDGET = "refused: privacy budget exhausted"
DEFAULT_GRACE_SECONDS = 120
DEFAULT_H3_RESOLUTION = 8
DEFAULT_MAX_WINDOWS = 100_000
DEFAULT_LOOKBACK_HOURS = 48
LATE_RULE = (
    "readings received after the release's created_at are late: not published, "
    "counted in late_readings"
)
SOURCE_MODULES = ("aggregation", "noise", "publish", "suppression")
Aggregation = Datastream.Aggregation


class PolicyError(Exception):
    """The stream's publication policy cannot be applied (e.g. noise without a bound)."""


def grace() -> timedelta:
    """How long after its end a window is published; at least the settle time, so that a
    release's cut-off (``_cutoff``) never precedes the end of its window."""
    configured = timedelta(
        seconds=int(getattr(settings, "SENSOR_PUBLICATION_GRACE_SECONDS", DEFAULT_GRACE_SECONDS))
    )
    return max(configured, services.settle())


def sweep_horizon(now: datetime) -> datetime:
    """Where the frequent sweep starts: the start of the UTC day the lookback reaches (whole
    days, so that a daily total sees every window of its day)."""
    hours = int(getattr(settings, "SENSOR_PUBLICATION_LOOKBACK_HOURS", DEFAULT_LOOKBACK_HOURS))
    # Beyond the grace as well: a day's last window closes only `grace` after midnight.
    reach = (now - timedelta(hours=hours) - grace()).astimezone(UTC)
    return reach.replace(hour=0, minute=0, second=0, microsecond=0)


def h3_resolution() -> int:
    return int(getattr(settings, "SENSOR_PUBLICATION_H3_RESOLUTION", DEFAULT_H3_RESOLUTION))


# --- code version (provenance) -----------------------------------------------------------------


def _source_hash() -> str:
    digest = hashlib.sha256()
    for name in SOURCE_MODULES:
        module = importlib.import_module(f"opendata.sensors.{name}")
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:12]


def _git_describe() -> str:
    try:
        done = subprocess.run(
            ["git", "describe", "--always", "--tags", "--dirty"],  # noqa: S607
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=3,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip()


def _package_version() -> str:
    try:
        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


@functools.cache
def code_version() -> str:
    """``<release>+src.<hash>``: the deployment's version (``SENSOR_CODE_VERSION``, else
    ``git describe``, else the package version) and a hash of the publication modules'
    source, which identifies the method exactly in a clone, a wheel or a container."""
    base = (
        getattr(settings, "SENSOR_CODE_VERSION", "")
        or os.environ.get("SENSOR_CODE_VERSION", "")
        or _git_describe()
        or _package_version()
    )
    return f"{base[:40]}+src.{_source_hash()}"


# --- policy ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Policy:
    aggregation: str
    person_derived: bool
    k: int
    epsilon_cap: float | None
    windows_per_day: int
    daily_total: bool
    subject_bound: float | None

    @property
    def noisy(self) -> bool:
        return self.epsilon_cap is not None

    @property
    def releases_per_day(self) -> int:
        return self.windows_per_day + (1 if self.daily_total else 0)

    @property
    def share_nano(self) -> int:
        return noise.share_nano(self.epsilon_cap or 0, self.releases_per_day)


def policy_for(datastream: Datastream) -> Policy:
    aggregation = agg.aggregation_for(datastream)
    person_derived = datastream.privacy_class == Datastream.PrivacyClass.PERSON_DERIVED
    noisy = datastream.noise_epsilon_per_day is not None
    if noisy and aggregation not in agg.ADDITIVE:
        raise PolicyError("noise is supported for sum and distinct_subjects aggregations only")
    bound = None
    if noisy and aggregation == Aggregation.SUM:
        if datastream.valid_max is not None:
            bound = float(datastream.valid_max)
        elif datastream.observation_type != Datastream.ObservationType.COUNT:
            raise PolicyError("a noisy sum of measurements needs valid_max as its bound")
    return Policy(
        aggregation=aggregation,
        person_derived=person_derived,
        k=datastream.k_minimum if person_derived else 0,
        epsilon_cap=datastream.noise_epsilon_per_day,
        windows_per_day=24 * 60 // datastream.window_minutes,
        daily_total=person_derived and aggregation in agg.ADDITIVE,
        subject_bound=bound,
    )


def _value_counts_people(policy: Policy, aggregate: agg.WindowAggregate) -> bool:
    return policy.aggregation == Aggregation.DISTINCT_SUBJECTS or (
        policy.aggregation == Aggregation.SUM and not aggregate.distinct_subjects
    )


def _noisy(policy: Policy, aggregate: agg.WindowAggregate, *, epsilon: float, windows: int = 1):
    """Noise for a value made of `windows` windows (a subject may be in each of them)."""
    if policy.aggregation == Aggregation.DISTINCT_SUBJECTS:
        return noise.noisy_count(aggregate.distinct_subjects, epsilon=epsilon, sensitivity=windows)
    if aggregate.distinct_subjects and policy.subject_bound is not None:
        return noise.noisy_sum(
            aggregate.clipped_subject_total or 0.0,
            epsilon=epsilon,
            sensitivity=policy.subject_bound * windows,
        )
    if aggregate.distinct_subjects:
        raise PolicyError("a noisy sum over subjects needs valid_max as each subject's bound")
    # A counter without identifiers: one person is counted once per window.
    return noise.noisy_count(round(aggregate.total), epsilon=epsilon, sensitivity=windows)


def _noise_parameters(policy: Policy, noisy: noise.NoisyValue | None) -> dict | None:
    if not policy.noisy:
        return None
    parameters = {
        "epsilon": noise.from_nano(policy.share_nano),
        "epsilon_per_day": policy.epsilon_cap,
        "library": "opendp",
    }
    if noisy is not None:
        parameters |= {
            "mechanism": noisy.mechanism,
            "scale": noisy.scale,
            "sensitivity": noisy.sensitivity,
        }
    return parameters


# --- placement ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    cell: str
    feature: FeatureOfInterest | None


def _point_of(datastream: Datastream) -> Point | None:
    location = datastream.thing.locations.order_by("pk").first()
    if location is not None:
        return location.location
    if datastream.feature_of_interest is not None:
        return datastream.feature_of_interest.feature.centroid
    return None


def _feature(key: str, **fields) -> FeatureOfInterest:
    """The feature of interest with `key`, created on first use; a job that creates it at
    the same moment as another gets the other's (``get_or_create`` retries the lookup after
    the unique key refused its insert)."""
    feature, _created = FeatureOfInterest.objects.get_or_create(key=key, defaults=fields)
    return feature


def h3_feature(index: str) -> FeatureOfInterest:
    """The hexagon of an H3 cell as a feature of interest, created once and reused."""
    ring = [(lng, lat) for lat, lng in h3.cell_to_boundary(index)]
    return _feature(
        f"h3:{index}",
        name=f"H3 {index}",
        description=f"H3 cell {index} (resolution {h3.get_resolution(index)})",
        feature=Polygon([*ring, ring[0]], srid=4326),
    )


def point_feature_key(name: str, point: Point) -> str:
    digest = hashlib.sha256(f"{name}|{point.srid}|{point.x!r}|{point.y!r}".encode()).hexdigest()
    return f"point:{digest[:40]}"


def _location_feature(datastream: Datastream, point: Point | None) -> FeatureOfInterest | None:
    if datastream.feature_of_interest is not None or point is None:
        return datastream.feature_of_interest
    location = datastream.thing.locations.order_by("pk").first()
    name = location.name if location is not None else datastream.thing.name
    return _feature(
        point_feature_key(name, point), name=name, description=datastream.thing.name, feature=point
    )


def placement_for(datastream: Datastream, policy: Policy) -> Placement:
    point = _point_of(datastream)
    if not policy.person_derived:
        return Placement("", _location_feature(datastream, point))
    if point is None:  # never publish an exact point for a person-derived stream
        return Placement("", None)
    index = h3.latlng_to_cell(point.y, point.x, h3_resolution())
    return Placement(f"h3:{index}", h3_feature(index))


# --- digest ------------------------------------------------------------------------------------


@dataclass
class Cell:
    cell: str
    result: float | None
    suppressed: bool
    feature: FeatureOfInterest | None
    parameters: dict = field(default_factory=dict)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def digest_of(datastream_id: int, start: datetime, end: datetime, cells: list[dict]) -> str:
    """SHA-256 of the canonical JSON of a release's published cells."""
    payload = {
        "datastream": datastream_id,
        "window_start": _iso(start),
        "window_end": _iso(end),
        "cells": sorted(cells, key=lambda cell: cell["cell"]),
    }
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def _canonical_cell(cell: str, result, suppressed: bool, feature_id) -> dict:
    return {
        "cell": cell,
        "result": result,
        "suppressed": suppressed,
        "feature_of_interest": feature_id,
    }


def release_digest(release: Release) -> str:
    """The digest recomputed from the stored rows (equal to ``release.digest`` unless altered)."""
    cells = [
        _canonical_cell(row.cell, row.result, row.suppressed, row.feature_of_interest_id)
        for row in release.observations.all()
    ]
    return digest_of(release.datastream_id, release.window_start, release.window_end, cells)


# --- writing a release -------------------------------------------------------------------------


@dataclass
class Outcome:
    method: str
    parameters: dict
    cells: list[Cell]
    readings_used: int


def _spent_nano(datastream: Datastream, day: date) -> int:
    entries = PrivacyBudgetEntry.objects.filter(datastream=datastream, day=day).order_by()
    return sum(noise.to_nano(epsilon) for epsilon in entries.values_list("epsilon", flat=True))


def _stored(datastream: Datastream, start: datetime, end: datetime) -> Release | None:
    # Unordered: the model's ordering would join the registry tables, and ORDER BY pk lets
    # SQLite scan the primary key instead of using the unique index.
    found = list(
        Release.objects.filter(
            datastream=datastream, window_start=start, window_end=end
        ).order_by()[:1]
    )
    return found[0] if found else None


def _stored_between(datastream: Datastream, first: datetime, last: datetime) -> dict:
    """(window start, window end) -> release, for the releases starting in [first, last]."""
    return {
        (release.window_start, release.window_end): release
        for release in Release.objects.filter(
            datastream=datastream, window_start__gte=first, window_start__lte=last
        ).order_by()
    }


@dataclass(frozen=True)
class Pending:
    """A release to write: its interval, the readings it uses by the cut-off, and
    `build(epsilon)`, which computes its outcome (drawing noise) once it is due."""

    start: datetime
    end: datetime
    readings: int
    build: Callable[[float], Outcome]


WRITE_CHUNK = 500  # releases per transaction: the datastream lock is held that long


def _write(
    datastream: Datastream, policy: Policy, pending: list[Pending], *, cutoff: datetime
) -> list[tuple[Release, bool]]:
    """Store releases (cells, ledger entries), each chunk atomically; (release, created) each.

    `build(epsilon)` is called only after the datastream lock is held, the release was found
    not stored and the budget was checked, so noise is drawn once per stored release. A
    unique-constraint conflict (a concurrent job without the lock) rolls the chunk back and
    writes its releases one at a time, returning the stored ones.
    """
    written: list[tuple[Release, bool]] = []
    for offset in range(0, len(pending), WRITE_CHUNK):
        chunk = pending[offset : offset + WRITE_CHUNK]
        try:
            written += _write_locked(datastream, policy, chunk, cutoff=cutoff)
        except IntegrityError:
            if len(chunk) > 1:
                for item in chunk:
                    written += _write(datastream, policy, [item], cutoff=cutoff)
                continue
            stored = _stored(datastream, chunk[0].start, chunk[0].end)
            if stored is None:
                raise
            written.append((stored, False))
    return written


def _write_locked(
    datastream: Datastream, policy: Policy, pending: list[Pending], *, cutoff: datetime
) -> list[tuple[Release, bool]]:
    with transaction.atomic():
        list(Datastream.objects.select_for_update().filter(pk=datastream.pk).values("pk"))
        if len(pending) == 1:
            found = _stored(datastream, pending[0].start, pending[0].end)
            stored = {(found.window_start, found.window_end): found} if found else {}
        else:
            stored = _stored_between(
                datastream, min(item.start for item in pending), max(item.start for item in pending)
            )
        cap = noise.to_nano(policy.epsilon_cap) if policy.noisy else 0
        charge = policy.share_nano if policy.noisy else 0
        spent: dict[date, int] = {}
        results: list[tuple[Release, bool]] = []
        new: list[tuple[Release, list[Cell], int]] = []
        for item in pending:
            found = stored.get((item.start, item.end))
            if found is not None:
                results.append((found, False))
                continue
            day = item.start.date()
            if policy.noisy and day not in spent:
                spent[day] = _spent_nano(datastream, day)
            if policy.noisy and (charge <= 0 or spent[day] + charge > cap):
                release = Release(
                    datastream=datastream,
                    window_start=item.start,
                    window_end=item.end,
                    created_at=cutoff,
                    method=REFUSED_BUDGET,
                    parameters={"epsilon_per_day": policy.epsilon_cap, "day": day.isoformat()},
                    code_version=code_version(),
                    readings_used=item.readings,
                    digest=digest_of(datastream.pk, item.start, item.end, []),
                )
                logger.warning(
                    "publication refused: privacy budget of datastream %s for %s exhausted "
                    "(window %s)",
                    datastream.pk,
                    day.isoformat(),
                    _iso(item.start),
                )
                new.append((release, [], 0))
                results.append((release, True))
                continue
            outcome = item.build(noise.from_nano(charge))
            canonical = [
                _canonical_cell(
                    cell.cell, cell.result, cell.suppressed, getattr(cell.feature, "pk", None)
                )
                for cell in outcome.cells
            ]
            release = Release(
                datastream=datastream,
                window_start=item.start,
                window_end=item.end,
                created_at=cutoff,
                method=outcome.method,
                parameters=outcome.parameters,
                code_version=code_version(),
                epsilon_spent=noise.from_nano(charge),
                readings_used=outcome.readings_used,
                digest=digest_of(datastream.pk, item.start, item.end, canonical),
            )
            if charge:
                spent[day] += charge
            new.append((release, outcome.cells, charge))
            results.append((release, True))
        if not new:
            return results
        copy_insert([release for release, _cells, _charge in new])
        if any(release.pk is None for release, _cells, _charge in new):
            raise RuntimeError("the database backend returned no ids of the new releases")
        copy_insert(
            [
                PublishedObservation(
                    datastream=datastream,
                    release=release,
                    phenomenon_time_start=release.window_start,
                    phenomenon_time_end=release.window_end,
                    result_time=cutoff,
                    result=cell.result,
                    suppressed=cell.suppressed,
                    cell=cell.cell,
                    feature_of_interest=cell.feature,
                    parameters=cell.parameters,
                )
                for release, cells, _charge in new
                for cell in cells
            ]
        )
        PrivacyBudgetEntry.objects.bulk_create(
            PrivacyBudgetEntry(
                datastream=datastream,
                day=release.window_start.date(),
                epsilon=noise.from_nano(spent_nano),
                release=release,
                created_at=cutoff,
            )
            for release, _cells, spent_nano in new
            if spent_nano
        )
        for release, _cells, _charge in new:
            if release.method != REFUSED_BUDGET:
                release_published.send(sender=Release, release=release)
        return results


def _method(policy: Policy, datastream: Datastream, *, daily: bool) -> str:
    parts = [
        f"daily total of {policy.aggregation} per {datastream.window_minutes}-minute window"
        if daily
        else f"{policy.aggregation} over a {datastream.window_minutes}-minute window"
    ]
    if policy.person_derived:
        parts.append(f"H3 cell, k-anonymity (k={policy.k})")
    if daily:
        parts.append("complementary suppression")
    if policy.noisy:
        parts.append("Laplace noise (OpenDP)")
    return "; ".join(parts)


def _parameters(policy: Policy, datastream: Datastream, noisy, *, daily: bool) -> dict:
    parameters = {
        "aggregation": policy.aggregation,
        "window_minutes": datastream.window_minutes,
        "k": policy.k if policy.person_derived else None,
        "spatial_unit": f"h3 resolution {h3_resolution()}" if policy.person_derived else "point",
        "grace_seconds": int(grace().total_seconds()),
        "noise": _noise_parameters(policy, noisy),
        "late_readings": LATE_RULE,
    }
    if daily:
        parameters["total"] = "sum of the day's window values"
    if policy.subject_bound is not None:
        parameters["subject_bound"] = policy.subject_bound
    return parameters


def _round(value: float) -> float:
    return round(value, 6)


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


def _update_late(release: Release, stored_readings: int) -> None:
    late = stored_readings - release.readings_used
    if late > release.late_readings:
        Release.objects.filter(pk=release.pk, late_readings__lt=late).update(late_readings=late)
        release.late_readings = late


def _result(release: Release | None) -> Release | None:
    return None if release is None or release.method == REFUSED_BUDGET else release


def _cutoff(now: datetime) -> datetime:
    """A job's cut-off (its releases' ``created_at``): its clock less the time in which a
    reading received earlier has been committed (``services.settle``), so that the readings
    received by the cut-off are exactly those the job sees. This holds while the clocks of
    web servers and workers agree (NTP) to well under the other half of the settle time and
    a COMMIT takes less than that too."""
    return now - services.settle()


def _utc(moment: datetime) -> datetime:
    if timezone.is_naive(moment):
        raise ValueError("window_start: a time zone is required")
    return moment.astimezone(UTC)


def publishable(datastream: Datastream) -> bool:
    return datastream.privacy_class in PUBLISHABLE


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
    stored = _stored(datastream, start, end)
    if stored is not None:
        _update_late(
            stored,
            agg.window_counts(datastream, start=start, end=end).get(
                agg.window_index(start, size), 0
            ),
        )
        return _result(stored)
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
    return _result(written[0][0] if written else None)


def _needs_subjects(policy: Policy) -> bool:
    """Whether the policy reads a window's distinct pseudonyms (k, noise, the value)."""
    return (
        policy.person_derived or policy.noisy or policy.aggregation == Aggregation.DISTINCT_SUBJECTS
    )


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
    written = _write(datastream, policy, pending, cutoff=cutoff)
    return [
        (release, created, aggregate)
        for (release, created), aggregate in zip(written, used, strict=True)
    ]


# --- daily totals ------------------------------------------------------------------------------


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
        value = aggregate.value(policy.aggregation)
        total_true += value
        people_without_subjects += aggregate.total
        row = published.get(release.pk)
        withheld = row is None or row.suppressed
        if withheld:
            withheld_ids.append(release.pk)
            total_consistent += value
        else:
            total_consistent += row.result
        day_windows.append(DayWindow(value=value, withheld=withheld))
    with_subjects = any(aggregate.distinct_subjects for aggregate in true.values())
    if with_subjects and all(aggregate.subjects is not None for aggregate in true.values()):
        # Every window's pseudonyms are at hand (aggregated by this run): unions in memory.
        day_people = len(frozenset().union(*(aggregate.subjects for aggregate in true.values())))
        withheld_people = len(frozenset().union(*(true[pk].subjects for pk in withheld_ids)))
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
    stored = _stored(datastream, start, end)
    if stored is not None:
        _update_late(stored, sum(counts.values()))
        return _result(stored)
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
    [(release, _created)] = _write(datastream, policy, [pending], cutoff=_cutoff(now))
    return _result(release)


# --- the sweep ---------------------------------------------------------------------------------


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
            _update_late(stored, count)
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
