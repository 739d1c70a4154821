"""Storing releases: cells, ledger entries and the announcement of new releases.

A release, its cells and its ledger entry are written in one transaction after locking the
datastream row, ``WRITE_CHUNK`` releases per transaction with bulk inserts; the unique
constraint on (datastream, window start, window end) makes a concurrent second job return
the stored release. New releases are told to the release listeners that other parts register
(``release_listener_register``; SensorThings' MQTT announcement is one), explicitly, not
through a signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import cast

from django.db import IntegrityError, transaction

from opendata.sensors.models import (
    Datastream,
    FeatureOfInterest,
    PrivacyBudgetEntry,
    PublishedObservation,
    Release,
)
from opendata.sensors.publication import noise
from opendata.sensors.publication.policy import Policy
from opendata.sensors.publication.provenance import _canonical_cell, _iso, code_version, digest_of
from portal.core.bulk import copy_insert

logger = logging.getLogger(__name__)

REFUSED_BUDGET = "refused: privacy budget exhausted"

# Called with each new release (not a re-run's stored one, not a refusal) inside the release's
# transaction: a listener that talks to the outside world acts on commit.
_release_listeners: list[Callable[[Release], None]] = []


def release_listener_register(listener: Callable[[Release], None]) -> None:
    """Let another part hear of new releases (from its AppConfig.ready(); once each)."""
    if listener not in _release_listeners:
        _release_listeners.append(listener)


@dataclass
class Cell:
    cell: str
    result: float | None
    suppressed: bool
    feature: FeatureOfInterest | None
    parameters: dict = field(default_factory=dict)


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
        # `noisy` means that the policy has an epsilon cap.
        cap = noise.to_nano(cast(float, policy.epsilon_cap)) if policy.noisy else 0
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
                for listener in _release_listeners:
                    listener(release)
        return results


def _update_late(release: Release, stored_readings: int) -> None:
    late = stored_readings - release.readings_used
    if late > release.late_readings:
        Release.objects.filter(pk=release.pk, late_readings__lt=late).update(late_readings=late)
        release.late_readings = late


def _result(release: Release | None) -> Release | None:
    return None if release is None or release.method == REFUSED_BUDGET else release
