"""Sensor ingestion through the HTTP batch endpoint, against a raw bulk write of the same rows.

`prepare()` sets up the bench station (``sensors_common.station_prepare``: 20 public
datastreams and one WiFi device counter, person-derived: 10% of the readings carry a fake MAC
that ingestion pseudonymises; a device and its token) and encodes every batch of 10,000
readings up front (JSON of the ``{"observations": [...]}`` form), so that only the request is
timed.

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
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bench.run import Benchmark
from bench.sensors_common import (
    BASELINE_SHIFT,
    BATCH,
    ROUNDS,
    _body,
    _raw_write,
    _readings,
    _rows,
    state,
    station_prepare,
)

INGEST_URL = "/api/v1/ingest/observations"


def prepare() -> None:
    station_prepare()
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
                state["device"],
                received,
            )
            for batch in readings
        ]
    )
    from django.conf import settings

    if not settings.MQTT_URL:
        print("skipped: sensor ingest over MQTT (MQTT_URL is not set)")
    print(f"prepared: {batches} batches of {BATCH:,} readings each for HTTP and for the baseline")


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
]
