"""The demo back-fill: days of simulated readings straight into the raw table, then
publication."""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.utils import timezone

from opendata.sensors.ingestion.write import _insert
from opendata.sensors.models import Datastream, Device, RawObservation
from opendata.sensors.pseudonyms import day_key, pseudonymise, utc_today
from opendata.sensors.publication import publish_due
from opendata.sensors.services import raw_retention
from opendata.sensors.simulation.patterns import Simulator

BACKFILL_STEP = timedelta(minutes=15)


def _floor(moment: datetime, step: timedelta) -> datetime:
    seconds = step.total_seconds()
    return datetime.fromtimestamp(moment.timestamp() // seconds * seconds, tz=UTC)


class _DayKeys:
    """Today's real pseudonym key; a throwaway key for each earlier day, never stored."""

    def __init__(self) -> None:
        self.today = utc_today()
        self.keys: dict[date, bytes] = {}

    def key(self, day: date) -> bytes:
        if day not in self.keys:
            self.keys[day] = day_key(day) if day >= self.today else secrets.token_bytes(32)
        return self.keys[day]


@dataclass
class BackfillReport:
    streams: int = 0
    rows: int = 0
    releases: int | None = None  # None: no publication function to call


def readings_backfill(
    *,
    streams: Iterable[Datastream],
    now: datetime | None = None,
    days: int = 7,
    seed: int = 0,
    publish: bool = True,
) -> BackfillReport:
    """Write `days` of simulated readings up to `now` straight into the raw table.

    Idempotent: times a stream already has readings for are skipped, so a second run adds
    nothing. Subjects are pseudonymised under a throwaway key per past day (and today's real
    key), exactly as ingestion would have done on those days.
    """
    now = now or timezone.now()
    report = BackfillReport()
    days = min(days, raw_retention().days - 1)
    if days <= 0:
        return report
    end = _floor(now, BACKFILL_STEP)
    start = end - timedelta(days=days)
    simulator = Simulator(seed=seed)
    keys = _DayKeys()
    streams = [stream for stream in streams if stream.is_active]
    devices = {
        device.thing_id: device.pk
        for device in Device.objects.filter(
            thing__in={stream.thing_id for stream in streams}
        ).order_by("-pk")
    }
    existing: dict[int, set[datetime]] = defaultdict(set)
    for stream_id, moment in RawObservation.objects.filter(
        datastream__in=streams, phenomenon_time__gt=start - BACKFILL_STEP, phenomenon_time__lte=end
    ).values_list("datastream_id", "phenomenon_time"):
        existing[stream_id].add(moment)
    rows: list[tuple] = []
    for stream in streams:
        report.streams += 1
        taken = existing[stream.pk]
        device_id = devices.get(stream.thing_id)
        at = start + BACKFILL_STEP
        while at <= end:
            for reading in simulator.readings(stream, at=at, interval=BACKFILL_STEP):
                if reading.phenomenon_time in taken:
                    continue
                pseudonym = ""
                if reading.subject is not None:
                    day = reading.phenomenon_time.astimezone(UTC).date()
                    pseudonym = pseudonymise(reading.subject, key=keys.key(day))
                rows.append(
                    (
                        stream.pk,
                        reading.phenomenon_time,
                        reading.result,
                        pseudonym,
                        device_id,
                        reading.phenomenon_time + timedelta(seconds=20),
                    )
                )
            at += BACKFILL_STEP
    for index in range(0, len(rows), 20_000):
        report.rows += _insert(rows[index : index + 20_000])
    keys.keys.clear()  # the throwaway keys end here
    if publish:
        report.releases = _publish_due(now)
    return report


def _publish_due(now: datetime) -> int | None:
    return publish_due(now=now)
