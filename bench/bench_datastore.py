"""datastore_search over a 1,000,000-row resource, against the raw SQL it runs.

`prepare()` writes a 1M-row CSV, attaches it to a published dataset and loads it through the
data store's own loader (timed). The subject is one HTTP request through Django's handler
(filter + sort + limit 100, with the total); the baseline executes the very SQL statements
that request runs (records and count) on a plain cursor, so the ratio is the cost of the
API layer: lookup of the resource, parameter parsing, JSON.
"""

from __future__ import annotations

import csv
import json
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

from bench.run import Benchmark
from bench.run import http_get as _get

ROWS = 1_000_000
DISTRICTS = [
    "Altstadt",
    "Hafen",
    "Lindenau",
    "Nordheim",
    "Ostend",
    "Südfeld",
    "Westpark",
    "Auenwald",
]
SEARCH = {
    "filters": {"stadtteil": "Hafen"},
    "sort": "wert desc",
    "limit": 100,
}
state: dict[str, object] = {}


def _write_csv(path: Path) -> None:
    rng = random.Random(42)
    start = date(2020, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\n")
        writer.writerow(["messung", "stadtteil", "datum", "wert", "aktiv"])
        for number in range(1, ROWS + 1):
            writer.writerow(
                [
                    number,
                    DISTRICTS[number % len(DISTRICTS)],
                    (start + timedelta(days=number % 1500)).isoformat(),
                    f"{rng.uniform(0, 1000):.2f}".replace(".", ","),  # German decimal commas
                    "true" if number % 3 else "false",
                ]
            )


def prepare() -> None:
    from django.core.files import File

    from opendata.catalogue.models import Dataset, Distribution
    from opendata.datastore import services

    dataset = Dataset.objects.published().order_by("name").first()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "messwerte.csv"
        started = time.perf_counter()
        _write_csv(path)
        written = time.perf_counter() - started
        distribution = Distribution(
            dataset=dataset, title="Benchmark 1M", format="CSV", licence=dataset.licence
        )
        with path.open("rb") as handle:
            distribution.file.save("messwerte.csv", File(handle), save=False)
        size = path.stat().st_size
    # Saving enqueues a load on commit; the benchmark loads synchronously instead.
    Distribution.objects.bulk_create([distribution])
    started = time.perf_counter()
    table = services.datastore_load(distribution=distribution)
    loaded = time.perf_counter() - started
    assert table is not None and table.status == "active", table and table.error
    print(
        f"prepared: {table.row_count:,} rows ({size / 1e6:.0f} MB CSV written in {written:.1f}s)"
        f" loaded in {loaded:.1f}s ({table.row_count / loaded:,.0f} rows/s); "
        f"fields {[(f['id'], f['type']) for f in table.fields]}"
    )
    state["resource_id"] = str(distribution.pk)


def _search_url() -> str:
    params = {**SEARCH, "resource_id": state["resource_id"]}
    params["filters"] = json.dumps(params["filters"])
    return f"/api/3/action/datastore_search?{urlencode(params)}"


def _raw_sql():
    """The statements datastore_search runs for SEARCH, executed on a plain cursor."""
    cache: dict[str, object] = {}

    def run() -> None:
        from django.db import connection

        if "queries" not in cache:
            from opendata.datastore import selectors

            table = selectors.datastore_table_get_public(resource_id=state["resource_id"])
            query = selectors.datastore_search_build(
                table=table, filters=SEARCH["filters"], sort=SEARCH["sort"], limit=SEARCH["limit"]
            )
            cache["queries"] = [query.records_sql(), query.count_sql()]
        with connection.cursor() as cursor:
            for sql, params in cache["queries"]:
                cursor.execute(sql, params)
                rows = cursor.fetchall()
        assert rows[0][0] == ROWS // len(DISTRICTS), rows

    return run


def _unfiltered_url() -> str:
    return f"/api/3/action/datastore_search?resource_id={state['resource_id']}&limit=100"


def _raw_unfiltered():
    cache: dict[str, object] = {}

    def run() -> None:
        from django.db import connection

        if "queries" not in cache:
            from opendata.datastore import selectors

            table = selectors.datastore_table_get_public(resource_id=state["resource_id"])
            query = selectors.datastore_search_build(table=table, limit=100)
            cache["queries"] = [query.records_sql(), query.count_sql()]
        with connection.cursor() as cursor:
            for sql, params in cache["queries"]:
                cursor.execute(sql, params)
                cursor.fetchall()

    return run


BENCHMARKS = [
    Benchmark(
        "datastore_search filter+sort 100 (1M rows)",
        _get(_search_url),
        _raw_sql(),
        "same SQL, raw cursor",
        rounds=10,
    ),
    Benchmark(
        "datastore_search first 100 + total (1M rows)",
        _get(_unfiltered_url),
        _raw_unfiltered(),
        "same SQL, raw cursor",
        rounds=10,
    ),
]
