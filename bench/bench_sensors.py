"""Sensor ingestion through the HTTP batch endpoint, against a raw bulk write of the same rows.

`prepare()` creates a bench thing with 20 public datastreams and one WiFi device counter
(person-derived: 10% of the readings carry a fake MAC that ingestion pseudonymises), a device
and its token, and encodes every batch of 10,000 readings up front (JSON of the
``{"observations": [...]}`` form), so that only the request is timed.

- Subject: one POST /api/v1/ingest/observations through Django's full handler in this process
  (middleware, token authentication, JSON parsing, validation per reading, pseudonymisation,
  in-batch deduplication, the bulk write, the JSON answer). Each round sends a new batch.
- Baseline: the same number of rows, as ingestion stores them (pseudonyms computed
  beforehand), written into the same table in one transaction: COPY on PostgreSQL, an
  ``executemany`` INSERT on SQLite. Its phenomenon times are half a second later, so the two
  never collide on the unique key.

The socket and a WSGI server are not measured; a single client sends batches one after another,
so the figure is what one web worker (one core, plus the database's) sustains.

Goal (PostGIS): at least 20,000 readings/s and at least half the raw write's rate.

``publication_benchmarks``: the publication of one city-day. Its ``prepare`` loads, for a day
ten days back, 5,000,000 raw readings (300,000 on SQLite) spread evenly over the demo city's
32 publishable streams (COPY on PostgreSQL, ``executemany`` on SQLite; reused when a
PostgreSQL database holds them already): WiFi counters with pseudonyms (3 devices an hour at
night, so that windows fall below k), heat meters per flat, people counters (nearly empty at
night), measurements, counts and true/false values, each received two seconds after its
phenomenon time. Subject: the beat's five-minute sweep at <end of that day + grace + 1 min>
(``publish.publish_due(now=, since=sweep_horizon(now))``), every window release,
suppression, OpenDP noise with its ledger entries and the daily totals: first with every
stream's job in this process one after another, then as production runs the jobs (one per
stream with readings, ``publish_datastream_task``) in two forked worker processes, Celery's
default concurrency on two cores;
before each round, untimed (``Benchmark.setup``), the day's releases, cells and ledger entries
are deleted (publication is idempotent). Baseline: one SQL GROUP BY of the same rows by
datastream and window (COUNT, SUM, AVG, MAX; on PostgreSQL bucketed with ``date_bin`` as
publication does). Three rounds, no warm-up. Goal: within 2x and under a minute.

``mqtt_benchmarks`` (only with MQTT_URL; otherwise ``prepare()`` prints that it is skipped):
readings per second through the real subscriber. ``prepare`` starts ``manage.py
sensors_mqtt`` (client id ``portal-bench-ingest``; batches and acknowledgements as configured)
and a publishing client, and encodes every round up front. Subject, end to end: publish 200
QoS-1 messages of 500 readings each (the HTTP batch's mix, 10 ms apart, six days back) to
``<MQTT_TOPIC_ROOT>/<token prefix>/observations``, wait for the broker's acknowledgements and
until the round's last reading is committed (messages are stored in order), then check the
round's row count. Baseline: the same 100,000 rows (5 ms later) written with one COPY
(``executemany`` on SQLite). Goal: at least half the raw write's rate.

``sta_benchmarks``: GET /sta/v1.1/Datastreams(id)/Observations?$top=1000 (3,000 published
windows) against the SELECT statements of published observations that request runs, captured
once and replayed on a plain cursor (goal: within 3x).
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta

from bench.run import Benchmark

BATCH = 10_000
ROUNDS = 10
STREAMS = 20
SUBJECT_SHARE = 10  # every 10th reading is a WiFi sighting with a MAC address
INGEST_URL = "/api/v1/ingest/observations"
# The baseline's rows sit half a second after the subject's: never a duplicate of them.
BASELINE_SHIFT = timedelta(milliseconds=500)
state: dict[str, object] = {}


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _readings(batch: int, base: datetime) -> list[tuple[int, datetime, float, str | None]]:
    """(datastream, time, result, subject) of one batch: distinct times per batch."""
    streams: list[int] = state["streams"]  # type: ignore[assignment]
    counter: int = state["counter"]  # type: ignore[assignment]
    readings = []
    for index in range(BATCH):
        # Every reading has its own whole second, so that none is a duplicate.
        moment = base + timedelta(seconds=batch * BATCH + index)
        if index % SUBJECT_SHARE == 0:
            mac = f"02:00:{batch % 256:02x}:{index >> 8 & 255:02x}:{index & 255:02x}:01"
            readings.append((counter, moment, 1.0, mac))
        else:
            value = round((index * 7.31 + batch) % 1000, 2)
            readings.append((streams[index % STREAMS], moment, value, None))
    return readings


def _observations(readings) -> list[dict]:
    observations = []
    for stream, moment, value, subject in readings:
        item = {"datastream": stream, "phenomenonTime": _iso(moment), "result": value}
        if subject is not None:
            item["subject"] = subject
        observations.append(item)
    return observations


def _body(readings) -> bytes:
    return json.dumps({"observations": _observations(readings)}).encode()


def _rows(readings, device_id: int, received_at: datetime) -> list[tuple]:
    """The rows ingestion would store for `readings` (pseudonyms with today's key)."""
    from opendata.sensors.pseudonyms import day_key, pseudonymise

    key = day_key()
    return [
        (
            stream,
            moment,
            value,
            "" if subject is None else pseudonymise(subject, key=key),
            device_id,
            received_at,
        )
        for stream, moment, value, subject in readings
    ]


def _vacuum(*models) -> None:
    """VACUUM (ANALYZE) the models' tables on PostgreSQL (untimed), after deleting an earlier
    round's or run's rows: otherwise autovacuum goes through them while others are timed."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in models:
                cursor.execute(f"VACUUM (ANALYZE) {model._meta.db_table}")


def _raw_table_settle() -> None:
    from opendata.sensors.models import RawObservation

    _vacuum(RawObservation)


def prepare() -> None:
    from django.contrib.gis.geos import Point

    from opendata.sensors.models import (
        Datastream,
        Location,
        ObservedProperty,
        RawObservation,
        Sensor,
        Thing,
    )
    from opendata.sensors.tokens import device_create

    thing, _ = Thing.objects.get_or_create(name="Benchmark station")
    location, _ = Location.objects.get_or_create(
        name="Benchmark station", defaults={"location": Point(8.6, 50.95, srid=4326)}
    )
    thing.locations.set([location])
    sensor, _ = Sensor.objects.get_or_create(name="Benchmark sensor")
    streams = []
    for number in range(STREAMS):
        prop, _ = ObservedProperty.objects.get_or_create(
            name=f"Benchmark property {number}",
            defaults={"definition": f"https://example.org/bench/{number}"},
        )
        stream, _ = Datastream.objects.get_or_create(
            thing=thing,
            observed_property=prop,
            defaults={
                "name": f"Benchmark stream {number}",
                "sensor": sensor,
                "unit_name": "unit",
                "valid_min": 0,
                "valid_max": 1000,
            },
        )
        streams.append(stream.pk)
    wifi, _ = ObservedProperty.objects.get_or_create(
        name="Benchmark WiFi devices", defaults={"definition": "https://example.org/bench/wifi"}
    )
    counter, _ = Datastream.objects.get_or_create(
        thing=thing,
        observed_property=wifi,
        defaults={
            "name": "Benchmark WiFi counter",
            "sensor": sensor,
            "unit_name": "count",
            "observation_type": Datastream.ObservationType.COUNT,
            "valid_min": 1,
            "valid_max": 1,
            "privacy_class": Datastream.PrivacyClass.PERSON_DERIVED,
        },
    )
    created = device_create(thing=thing, name="Benchmark node")
    state.update(streams=streams, counter=counter.pk, token=created.secret)
    RawObservation.objects.filter(datastream__thing=thing).delete()
    _raw_table_settle()

    # From two days ago (11 batches span 31 hours): inside the raw retention, not in the future.
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=2)
    batches = ROUNDS + 1  # the runner warms up with one call of each
    readings = [_readings(batch, start) for batch in range(batches)]
    state["bodies"] = iter([_body(batch) for batch in readings])
    received = datetime.now(UTC)
    state["rows"] = iter(
        [
            _rows(
                [(s, m + BASELINE_SHIFT, v, subj) for s, m, v, subj in batch],
                created.device.pk,
                received,
            )
            for batch in readings
        ]
    )
    _sta_prepare(streams[0])
    from django.conf import settings

    if not settings.MQTT_URL:
        print("skipped: sensor ingest over MQTT (MQTT_URL is not set)")
    print(
        f"prepared: {batches} batches of {BATCH:,} readings each for HTTP and for the baseline; "
        f"{STA_OBSERVATIONS:,} published observations for SensorThings"
    )


def _ingest_over_http():
    from django.test import Client

    client = Client(HTTP_HOST="localhost")

    def request() -> None:
        body = next(state["bodies"])  # type: ignore[call-overload]
        response = client.post(
            INGEST_URL,
            data=body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {state['token']}",
        )
        assert response.status_code == 200, (response.status_code, response.content[:500])
        assert response.json()["accepted"] == BATCH, response.json()

    return request


def _raw_write(rows: str = "rows"):
    def run() -> None:
        from django.db import connection, transaction

        from opendata.sensors.models import RawObservation
        from opendata.sensors.services import COLUMNS

        batch = next(state[rows])  # type: ignore[call-overload]
        table = RawObservation._meta.db_table
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                columns = ", ".join(COLUMNS)
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in batch:
                        copy.write_row(row)
            else:
                placeholders = ", ".join(["%s"] * len(COLUMNS))
                # Model metadata, not input: the names are fixed.
                statement = f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({placeholders})"  # noqa: S608
                cursor.executemany(statement, batch)

    return run


# --- publication of one city-day ------------------------------------------------------------

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
    from opendata.sensors.publish import PUBLISHABLE

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
    from opendata.sensors.aggregation import aggregation_for
    from opendata.sensors.models import Datastream

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

    from opendata.sensors.models import Device, RawObservation
    from opendata.sensors.services import COLUMNS

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
    from opendata.sensors import publish

    return _day()[1] + publish.grace() + timedelta(minutes=1)


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
        from opendata.sensors import publish

        now = _sweep_time()
        _day_published(publish.publish_due(now=now, since=publish.sweep_horizon(now)))

    return run


def _publish_job(datastream_id: int) -> int:
    """One ``publish_datastream_task`` as a worker process runs it, at the bench's time."""
    from opendata.sensors import publish

    now = _sweep_time()
    return publish.publish_due(
        now=now, datastream_ids=[datastream_id], since=publish.sweep_horizon(now)
    )


def _day_publish_workers(workers: int):
    """The beat's sweep as production runs it: one job per stream with readings, taken by
    `workers` worker processes (Celery's default concurrency: one per core). The processes
    are forked in the round (a Celery worker's are forked before), so their start is timed."""

    def run() -> None:
        import multiprocessing

        from django.db import connections

        from opendata.sensors import publish

        ids = publish.publishable_datastream_ids()
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


# --- MQTT ingestion ----------------------------------------------------------------------------

MQTT_MESSAGE_READINGS = 500  # readings per MQTT message (a gateway's batch)
MQTT_ROUND_MESSAGES = 200  # messages per round: 100,000 readings
MQTT_ROUNDS = 5
MQTT_STEP = timedelta(milliseconds=10)  # between readings of the MQTT rounds
MQTT_BASELINE_SHIFT = timedelta(milliseconds=5)  # the baseline's rows: between the subject's
MQTT_CLIENT_ID = "portal-bench-ingest"
MQTT_TIMEOUT_SECONDS = 300


def _mqtt_readings(
    round_number: int, base: datetime
) -> list[tuple[int, datetime, float, str | None]]:
    """The readings of one round, as ``_readings`` makes them but 10 ms apart."""
    streams: list[int] = state["streams"]  # type: ignore[assignment]
    counter: int = state["counter"]  # type: ignore[assignment]
    per_round = MQTT_MESSAGE_READINGS * MQTT_ROUND_MESSAGES
    readings = []
    for index in range(per_round):
        moment = base + (round_number * per_round + index) * MQTT_STEP
        if index % SUBJECT_SHARE == 0:
            mac = f"02:01:{round_number % 256:02x}:{index >> 8 & 255:02x}:{index & 255:02x}:01"
            readings.append((counter, moment, 1.0, mac))
        else:
            value = round((index * 7.31 + round_number) % 1000, 2)
            readings.append((streams[index % STREAMS], moment, value, None))
    return readings


def _mqtt_prepare() -> None:
    """Start ``manage.py sensors_mqtt`` and a publishing client; encode every round."""
    import atexit
    import subprocess
    import sys
    import threading

    from django.conf import settings

    from opendata.sensors.models import Device, RawObservation, Thing
    from opendata.sensors.mqtt_ingest import BrokerAddress, mqtt_client, observations_topic
    from opendata.sensors.tokens import DEVICE_TOKENS

    token: str = state["token"]  # type: ignore[assignment]
    thing = Thing.objects.get(name="Benchmark station")
    device = Device.objects.get(token_prefix=DEVICE_TOKENS.prefix_of(token))
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=6)
    RawObservation.objects.filter(
        datastream__thing=thing,
        phenomenon_time__gte=start - timedelta(hours=1),
        phenomenon_time__lt=start + timedelta(days=1),
    ).delete()
    _raw_table_settle()
    topic = observations_topic(DEVICE_TOKENS.prefix_of(token))
    rounds = [_mqtt_readings(number, start) for number in range(MQTT_ROUNDS + 1)]
    received = datetime.now(UTC)
    state["mqtt_rounds"] = iter(
        [
            [
                json.dumps(
                    {
                        "token": token,
                        "observations": _observations(
                            batch[offset : offset + MQTT_MESSAGE_READINGS]
                        ),
                    }
                ).encode()
                for offset in range(0, len(batch), MQTT_MESSAGE_READINGS)
            ]
            for batch in rounds
        ]
    )
    state["mqtt_last"] = iter([batch[-1] for batch in rounds])  # never a WiFi sighting
    state["mqtt_rows"] = iter(
        [
            _rows(
                [(s, m + MQTT_BASELINE_SHIFT, v, subj) for s, m, v, subj in batch],
                device.pk,
                received,
            )
            for batch in rounds
        ]
    )
    environment = {**os.environ, "MQTT_CLIENT_ID": MQTT_CLIENT_ID}
    subscriber = subprocess.Popen(
        [sys.executable, "manage.py", "sensors_mqtt"],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=subprocess.DEVNULL,
    )

    def stop() -> None:
        if subscriber.poll() is None:
            subscriber.terminate()
            subscriber.wait(timeout=60)

    atexit.register(stop)
    address = BrokerAddress.from_url(settings.MQTT_URL)
    client = mqtt_client(address, client_id=f"portal-bench-device-{os.getpid()}")
    connected = threading.Event()
    client.on_connect = lambda *args: connected.set()
    client.connect(address.host, address.port, keepalive=60)
    client.loop_start()
    atexit.register(client.loop_stop)
    if not connected.wait(10):
        raise RuntimeError("the MQTT broker did not accept the bench's connection")
    state.update(mqtt_client=client, mqtt_topic=topic, mqtt_subscriber=subscriber)
    _mqtt_wait_ready(start - timedelta(minutes=30))
    print(
        f"prepared: {MQTT_ROUNDS + 1} rounds of {MQTT_ROUND_MESSAGES} MQTT messages of "
        f"{MQTT_MESSAGE_READINGS} readings each; subscriber pid {subscriber.pid}"
    )


def _mqtt_wait_ready(moment: datetime) -> None:
    """Send a probe reading every half second until the subscriber stored one."""
    import time

    from opendata.sensors.models import RawObservation

    client, topic = state["mqtt_client"], state["mqtt_topic"]
    stream = state["streams"][0]  # type: ignore[index]
    deadline = time.monotonic() + 60
    probe = 0
    while time.monotonic() < deadline:
        if state["mqtt_subscriber"].poll() is not None:  # type: ignore[attr-defined]
            raise RuntimeError("manage.py sensors_mqtt exited")
        at = moment + timedelta(seconds=probe)
        body = {
            "token": state["token"],
            "observations": [{"datastream": stream, "phenomenonTime": _iso(at), "result": 1.0}],
        }
        client.publish(topic, json.dumps(body), qos=1).wait_for_publish(10)  # type: ignore[attr-defined]
        time.sleep(0.5)
        if RawObservation.objects.filter(
            datastream_id=stream, phenomenon_time__gte=moment, phenomenon_time__lte=at
        ).exists():
            return
        probe += 1
    raise RuntimeError("the MQTT subscriber stored nothing within a minute")


def _ingest_over_mqtt():
    def run() -> None:
        import time

        from opendata.sensors.models import RawObservation

        messages = next(state["mqtt_rounds"])  # type: ignore[call-overload]
        stream, last, _value, _subject = next(state["mqtt_last"])  # type: ignore[call-overload]
        client, topic = state["mqtt_client"], state["mqtt_topic"]
        sent = [client.publish(topic, message, qos=1) for message in messages]  # type: ignore[attr-defined]
        for info in sent:
            info.wait_for_publish(MQTT_TIMEOUT_SECONDS)
        # Messages are stored in order, each batch committed before the next: the round is
        # stored once its last reading is.
        stored = RawObservation.objects.filter(datastream_id=stream, phenomenon_time=last)
        deadline = time.monotonic() + MQTT_TIMEOUT_SECONDS
        while not stored.exists():
            if time.monotonic() > deadline:
                raise RuntimeError("the MQTT round was not stored in time")
            time.sleep(0.002)
        first = last - (len(messages) * MQTT_MESSAGE_READINGS - 1) * MQTT_STEP
        count = RawObservation.objects.filter(
            datastream__thing__name="Benchmark station",
            phenomenon_time__gte=first,
            phenomenon_time__lte=last,
        ).count()
        assert count == len(messages) * MQTT_MESSAGE_READINGS, count

    return run


def mqtt_benchmarks() -> list[Benchmark]:
    """Readings per second through the MQTT subscriber (``manage.py sensors_mqtt``, end to
    end) against a raw COPY of the same rows (goal: at least half its rate); only with
    MQTT_URL."""
    from django.conf import settings

    if not settings.MQTT_URL:
        return []
    return [
        Benchmark(
            "sensor ingest MQTT, 200 messages of 500",
            _ingest_over_mqtt(),
            _raw_write("mqtt_rows"),
            "raw COPY/INSERT same rows",
            rounds=MQTT_ROUNDS,
            per_call=MQTT_MESSAGE_READINGS * MQTT_ROUND_MESSAGES,
            unit="readings",
            prepare=_mqtt_prepare,
        )
    ]


STA_PAGE = 1000
STA_OBSERVATIONS = 3000


def _sta_prepare(stream_id: int) -> None:
    """3,000 published windows of one public bench stream (releases written directly)."""
    from opendata.sensors.models import PublishedObservation, Release

    Release.objects.filter(datastream_id=stream_id).delete()  # an earlier run's, with cells
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) - timedelta(days=40)
    windows = [start + timedelta(minutes=15 * n) for n in range(STA_OBSERVATIONS)]
    releases = Release.objects.bulk_create(
        Release(
            datastream_id=stream_id,
            window_start=moment,
            window_end=moment + timedelta(minutes=15),
            created_at=moment + timedelta(minutes=17),
            method="bench",
            code_version="bench",
            digest="0" * 64,
        )
        for moment in windows
    )
    if any(release.pk is None for release in releases):  # backends that return no ids
        releases = list(Release.objects.filter(datastream_id=stream_id, method="bench"))
    PublishedObservation.objects.bulk_create(
        PublishedObservation(
            datastream_id=stream_id,
            release=release,
            phenomenon_time_start=release.window_start,
            phenomenon_time_end=release.window_end,
            result_time=release.created_at,
            result=float(index % 500),
        )
        for index, release in enumerate(releases)
    )
    state["sta_url"] = f"/sta/v1.1/Datastreams({stream_id})/Observations?$top={STA_PAGE}"


def _sta_page():
    from django.test import Client

    client = Client(HTTP_HOST="localhost")

    def request() -> None:
        response = client.get(state["sta_url"])
        assert response.status_code == 200, (response.status_code, response.content[:300])
        body = json.loads(response.content)
        assert len(body["value"]) == STA_PAGE and "@iot.nextLink" in body, list(body)

    return request


def _sta_raw_queries():
    """The SELECTs of published observations that the request runs, replayed on a cursor."""
    cache: dict[str, list[str]] = {}

    def run() -> None:
        from django.db import connection

        if "queries" not in cache:
            from django.test import Client
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as captured:
                Client(HTTP_HOST="localhost").get(state["sta_url"])
            cache["queries"] = [
                query["sql"]
                for query in captured.captured_queries
                if query["sql"].lstrip().upper().startswith("SELECT")
                and "sensors_publishedobservation" in query["sql"]
            ]
            assert cache["queries"], "the request read no published observations"
        with connection.cursor() as cursor:
            for sql in cache["queries"]:
                cursor.execute(sql)
                cursor.fetchall()

    return run


def sta_benchmarks() -> list[Benchmark]:
    """A SensorThings Observations page of 1,000 against the SQL it runs (goal: within 3x)."""
    return [
        Benchmark(
            "STA Observations page of 1,000",
            _sta_page(),
            _sta_raw_queries(),
            "its SELECTs, raw cursor",
            rounds=20,
        )
    ]


BENCHMARKS = [
    Benchmark(
        "sensor ingest HTTP batch of 10,000 readings",
        _ingest_over_http(),
        _raw_write(),
        "raw COPY/INSERT same rows",
        rounds=ROUNDS,
        per_call=BATCH,
        unit="readings",
    ),
    *publication_benchmarks(),
    *mqtt_benchmarks(),
    *sta_benchmarks(),
]
