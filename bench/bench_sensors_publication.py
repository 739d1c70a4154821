"""Sensor publication of one city-day against a raw GROUP BY of the same rows.

``prepare`` loads, for a day ten days back, 5,000,000 raw readings (300,000 on SQLite) spread
evenly over the demo city's 32 publishable streams (COPY on PostgreSQL, ``executemany`` on
SQLite; reused when a PostgreSQL database holds them already): WiFi counters with pseudonyms
(3 devices an hour at night, so that windows fall below k), heat meters per flat, people
counters (nearly empty at night), measurements, counts and true/false values, each received
two seconds after its phenomenon time. Subject: the beat's five-minute sweep at <end of that
day + grace + 1 min> (``publication.publish_due(now=, since=sweep_horizon(now))``), every
window release, suppression, OpenDP noise with its ledger entries and the daily totals:
first with every stream's job in this process one after another, then as production runs
the jobs (one per stream with readings, ``publish_datastream_task``) in two forked worker
processes, Celery's default concurrency on two cores; before each round, untimed
(``Benchmark.setup``), the day's releases, cells and ledger entries are deleted (publication
is idempotent). Baseline: one SQL GROUP BY of the same rows by datastream and window (COUNT,
SUM, AVG, MAX; on PostgreSQL bucketed with ``date_bin`` as publication does). Three rounds,
no warm-up. Goal: within 2x and under a minute.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bench.run import Benchmark
from bench.sensors_common import _raw_table_settle, _vacuum

state: dict[str, object] = {}
DAY_READINGS = {"postgresql": 5_000_000, "sqlite": 300_000}
DAY_OFFSET = timedelta(days=10)  # the bench day: before every other reading of the bench
NIGHT_HOURS = range(1, 5)  # few people about: person-derived windows fall below k
WIFI_DEVICES = {"day": 400, "night": 3}  # distinct devices a WiFi counter hears per hour
FLATS = 700  # households behind the heat meters
PUBLICATION_WORKERS = 2  # Celery's default concurrency on the 2 cores of these machines


def _day() -> tuple[datetime, datetime]:
    """The bench day, fixed at its first use (a run may pass midnight)."""
    if "day" not in state:
        start = (datetime.now(UTC) - DAY_OFFSET).replace(hour=0, minute=0, second=0, microsecond=0)
        state["day"] = (start, start + timedelta(days=1))
    return state["day"]  # type: ignore[return-value]


def _day_streams():
    from opendata.sensors import demo
    from opendata.sensors.models import Datastream
    from opendata.sensors.publication.policy import PUBLISHABLE

    return list(
        Datastream.objects.filter(
            privacy_class__in=PUBLISHABLE, thing__name__in=[thing.name for thing in demo.THINGS]
        )
        .select_related("thing")
        .order_by("pk")
    )


def _day_rows(stream, count: int, start: datetime, device_id: int | None):
    """`count` readings of one demo stream spread over the day, as ingestion stores them:
    (datastream, phenomenon time, result, pseudonym, device, received at)."""
    from opendata.sensors.models import Datastream
    from opendata.sensors.publication.aggregation import aggregation_for

    aggregation = aggregation_for(stream)
    low, high = stream.valid_min or 0.0, stream.valid_max or 1000.0
    step = timedelta(days=1) / count
    received = timedelta(seconds=2)
    for index in range(count):
        moment = start + index * step
        night = moment.hour in NIGHT_HOURS
        subject = ""
        if aggregation == Datastream.Aggregation.DISTINCT_SUBJECTS:  # WiFi: one per sighting
            devices = WIFI_DEVICES["night" if night else "day"]
            subject = f"{stream.pk:04x}{moment.hour:02x}{index % devices:010x}"
            value = 1.0
        elif stream.privacy_class == Datastream.PrivacyClass.PERSON_DERIVED and high <= 50:
            subject = f"flat{index % FLATS:012d}"  # heat meters, read per flat
            value = (index % 50) / 10
        elif stream.privacy_class == Datastream.PrivacyClass.PERSON_DERIVED:
            value = float(index % 500 == 0) if night else float(index % 4)  # counters
        elif stream.observation_type == Datastream.ObservationType.TRUTH:
            value = float(index % 2)
        elif stream.observation_type == Datastream.ObservationType.COUNT:
            value = float(index % (int(high) + 1))
        else:
            value = round(low + (index * 7.31) % (high - low), 2)
        yield (stream.pk, moment, value, subject, device_id, moment + received)


def _day_prepare() -> None:
    """Load the bench day's raw readings for the demo city's publishable streams."""
    import time

    from django.db import connection, transaction

    from opendata.sensors.ingestion.write import COLUMNS
    from opendata.sensors.models import Device, RawObservation

    streams = _day_streams()
    start, end = _day()
    total = DAY_READINGS["postgresql" if connection.vendor == "postgresql" else "sqlite"]
    ids = [stream.pk for stream in streams]
    rows = RawObservation.objects.filter(datastream_id__in=ids, phenomenon_time__lt=end)
    each = total // len(streams)
    state["day_streams"], state["day_readings"] = ids, each * len(streams)
    _day_unpublish()
    if rows.count() == each * len(streams) and not rows.filter(phenomenon_time__lt=start):
        print(f"prepared: the bench day {start:%Y-%m-%d} is loaded already")
        return
    rows.delete()  # an earlier run's (another day, another size)
    devices = dict(
        Device.objects.filter(thing_id__in={s.thing_id for s in streams})
        .order_by("-pk")
        .values_list("thing_id", "pk")
    )
    table = RawObservation._meta.db_table
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for stream in streams:
            readings = _day_rows(stream, each, start, devices.get(stream.thing_id))
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                    for row in readings:
                        copy.write_row(row)
            else:
                placeholders = ", ".join(["%s"] * len(COLUMNS))
                # Model metadata, not input: the names are fixed.
                statement = f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({placeholders})"  # noqa: S608
                adapt = connection.ops.adapt_datetimefield_value
                cursor.executemany(
                    statement,
                    [
                        (ds, adapt(at), v, subj, dev, adapt(rec))
                        for ds, at, v, subj, dev, rec in readings
                    ],
                )
    loaded = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {table}")  # as autovacuum would after a day of ingestion
    _raw_table_settle()
    print(
        f"prepared: {each * len(streams):,} raw readings of {len(streams)} demo streams for "
        f"{start:%Y-%m-%d} in {loaded:.0f}s"
    )


def _day_releases():
    from opendata.sensors.models import Release

    start, end = _day()
    return Release.objects.filter(
        datastream_id__in=state["day_streams"], window_start__gte=start, window_end__lte=end
    )


def _day_unpublish() -> None:
    """Delete the bench day's releases, their cells and ledger entries (untimed)."""

    from opendata.sensors.models import PrivacyBudgetEntry, PublishedObservation, Release

    releases = _day_releases()
    PrivacyBudgetEntry.objects.filter(release__in=releases).delete()
    PublishedObservation.objects.filter(release__in=releases).delete()
    releases.delete()
    # Production never deletes releases: no dead rows of a previous round in the way.
    _vacuum(PrivacyBudgetEntry, PublishedObservation, Release)


def _sweep_time() -> datetime:
    from opendata.sensors import publication

    return _day()[1] + publication.grace() + timedelta(minutes=1)


def _day_published(made: int) -> None:
    """Check a round: the same releases every time, using every reading of the day."""
    expected = state.setdefault("day_releases", made)
    assert made and made == expected, (made, expected)
    windows = _day_releases().values_list("window_start", "window_end", "readings_used")
    used = sum(n for first, last, n in windows if last - first < timedelta(days=1))
    assert used == state["day_readings"], (used, state["day_readings"])


def _day_publish():
    """The beat's sweep in one process: every stream's job one after another."""

    def run() -> None:
        from opendata.sensors import publication

        now = _sweep_time()
        _day_published(publication.publish_due(now=now, since=publication.sweep_horizon(now)))

    return run


def _publish_job(datastream_id: int) -> int:
    """One ``publish_datastream_task`` as a worker process runs it, at the bench's time."""
    from opendata.sensors import publication

    now = _sweep_time()
    return publication.publish_due(
        now=now, datastream_ids=[datastream_id], since=publication.sweep_horizon(now)
    )


def _day_publish_workers(workers: int):
    """The beat's sweep as production runs it: one job per stream with readings, taken by
    `workers` worker processes (Celery's default concurrency: one per core). The processes
    are forked in the round (a Celery worker's are forked before), so their start is timed."""

    def run() -> None:
        import multiprocessing

        from django.db import connections

        from opendata.sensors import publication

        ids = publication.publishable_datastream_ids()
        connections.close_all()  # each process opens its own connection
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            made = sum(pool.imap_unordered(_publish_job, ids, chunksize=1))
        _day_published(made)

    return run


def _day_group_by():
    def run() -> None:
        from django.db import connection

        from opendata.sensors.models import Datastream, RawObservation

        start, end = _day()
        ids = state["day_streams"]
        table, streams = RawObservation._meta.db_table, Datastream._meta.db_table
        if connection.vendor == "postgresql":
            # The bucketing publication uses (exact and cheap per row).
            bucket = (
                "date_bin(make_interval(mins => d.window_minutes), o.phenomenon_time,"
                " TIMESTAMPTZ '1970-01-01 00:00:00+00')"
            )
        else:
            bucket = "CAST(strftime('%%s', o.phenomenon_time) AS INTEGER) / (d.window_minutes * 60)"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT o.datastream_id, {bucket} AS w, COUNT(*), SUM(o.result),"  # noqa: S608
                f" AVG(o.result), MAX(o.result) FROM {table} o JOIN {streams} d"
                f" ON d.id = o.datastream_id WHERE o.datastream_id IN"
                f" ({', '.join(['%s'] * len(ids))}) AND o.phenomenon_time >= %s"
                f" AND o.phenomenon_time < %s GROUP BY o.datastream_id, w",
                [
                    *ids,
                    connection.ops.adapt_datetimefield_value(start),
                    connection.ops.adapt_datetimefield_value(end),
                ],
            )
            rows = cursor.fetchall()
        assert sum(row[2] for row in rows) == state["day_readings"], len(rows)

    return run


def publication_benchmarks() -> list[Benchmark]:
    """Publication of one city-day against a raw GROUP BY of the same rows (goal: within 2x,
    under a minute)."""

    def against_group_by(name: str, subject) -> Benchmark:
        return Benchmark(
            name,
            subject,
            _day_group_by(),
            "raw GROUP BY stream, window",
            rounds=3,
            unit="readings",
            setup=_day_unpublish,
            warm_up=False,
        )

    sequential = against_group_by("sensor publication of one city-day", _day_publish())
    pooled = against_group_by(
        f"sensor publication, {PUBLICATION_WORKERS} worker processes",
        _day_publish_workers(PUBLICATION_WORKERS),
    )

    def prepare() -> None:
        if "day_readings" not in state:  # once for both
            _day_prepare()
        for benchmark in (sequential, pooled):
            benchmark.per_call = state["day_readings"]  # type: ignore[assignment]

    sequential.prepare = prepare
    pooled.prepare = prepare
    return [sequential, pooled]


BENCHMARKS = publication_benchmarks()
