"""SensorThings: GET /sta/v1.1/Datastreams(id)/Observations?$top=1000 (3,000 published
windows) against the SELECT statements of published observations that request runs, captured
once and replayed on a plain cursor (goal: within 3x).

``prepare()`` writes the 3,000 windows into the first stream of the bench station
(``sensors_common.station_prepare``).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from bench.run import Benchmark
from bench.sensors_common import state, station_prepare

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


def prepare() -> None:
    station_prepare()
    _sta_prepare(state["streams"][0])  # type: ignore[index]
    print(f"prepared: {STA_OBSERVATIONS:,} published observations for SensorThings")


BENCHMARKS = sta_benchmarks()
