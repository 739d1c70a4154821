"""The whole catalogue as Turtle (`/catalog.ttl?page=all`, what GovData's harvester fetches).

The subject streams the whole response through Django's handler. The baseline replays, on a
bare cursor, the SQL that reads the same rows: every published dataset with its publisher,
distributions, themes and keywords (and what RDF contributors prefetch), in the stream's
chunks of 200. The first stream after preparing fills the descriptions' cache; its time is
printed as the cold figure. BENCH_RDF_DATASETS sets the catalogue's size (default 2,000).
"""

from __future__ import annotations

import os
import time

from bench.run import Benchmark

DATASETS = int(os.environ.get("BENCH_RDF_DATASETS", "2000"))
PATH = "/catalog.ttl?page=all"
CHUNK = 200


def _stream() -> int:
    from django.test import Client

    response = Client(HTTP_HOST="localhost").get(PATH)
    assert response.status_code == 200, response.status_code
    return sum(len(chunk) for chunk in response.streaming_content)


def prepare() -> None:
    from bench.bench_catalogue import _bulk_datasets
    from opendata.catalogue.models import Dataset

    existing = Dataset.objects.filter(name__startswith="bench-").count()
    if existing < DATASETS:
        _bulk_datasets(DATASETS - existing, offset=existing)
    published = Dataset.objects.published().count()
    started = time.perf_counter()
    size = _stream()
    elapsed = time.perf_counter() - started
    print(
        f"RDF catalogue, {published} published datasets: first stream {elapsed:.1f} s "
        f"({size / 2**20:.1f} MiB Turtle)"
    )


_captured: list[str] = []


def _rows_sql() -> None:
    from django.db import connection

    if not _captured:
        from django.test.utils import CaptureQueriesContext

        from opendata.catalogue import rdf_contributors, selectors

        with CaptureQueriesContext(connection) as context:
            last = ""
            while chunk := list(selectors.dataset_list_public().filter(name__gt=last)[:CHUNK]):
                rdf_contributors.contributions_prefetch(chunk)
                last = chunk[-1].name
        _captured.extend(query["sql"] for query in context.captured_queries)
    with connection.cursor() as cursor:
        for sql in _captured:
            cursor.execute(sql)
            cursor.fetchall()


BENCHMARKS = [
    Benchmark(
        f"catalog.ttl?page=all ({DATASETS:,} datasets)",
        _stream,
        _rows_sql,
        "SQL of its rows",
        rounds=5,
    ),
]
