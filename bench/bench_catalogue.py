"""The catalogue APIs with 10,000 datasets, each against the raw SQL queries behind it.

The baseline of an API call replays, through a bare database cursor, exactly the SQL that the
call ran (captured on its first run): the ratio is what the API adds on top of its queries
(URL routing, middleware, building Python objects, JSON). Streaming the whole RDF catalogue is
measured for peak memory at 2,000 and at 10,000 datasets: it must stay flat. package_show
answers from a cache keyed by the record's metadata_modified; it is measured warm and cold.
"""

from __future__ import annotations

import json
import random
import time
import tracemalloc
import uuid
from urllib.parse import urlencode

from bench.run import Benchmark
from bench.run import http_get as _get

DATASETS = 10_000
WORDS = [
    "Verkehr",
    "Parken",
    "Ladepunkte",
    "Baustellen",
    "Haltestellen",
    "Radwege",
    "Luftqualität",
    "Pegel",
    "Wärme",
    "Strom",
    "Abfall",
    "Bäume",
    "Spielplätze",
    "Schulen",
    "Kitas",
    "Beleuchtung",
    "WLAN",
    "Lärm",
    "Fahrräder",
    "Bevölkerung",
    "Haushalt",
    "Wahlen",
    "Wetter",
    "Wasser",
    "Grünflächen",
    "Denkmäler",
    "Friedhöfe",
    "Märkte",
    "Bibliotheken",
    "Sport",
]


def _bulk_datasets(count: int, *, offset: int) -> None:
    from django.utils import timezone
    from taggit.models import Tag

    from opendata.catalogue.models import (
        Dataset,
        DatasetKeyword,
        DataTheme,
        Distribution,
        Publisher,
        search_words,
    )

    rng = random.Random(offset)
    publishers = list(Publisher.objects.all())
    themes = list(DataTheme.objects.values_list("code", flat=True))
    tags = {
        name: Tag.objects.get_or_create(name=name, defaults={"slug": name.lower()})[0]
        for name in WORDS
    }
    now = timezone.now()
    datasets, theme_rows, keyword_rows, distributions = [], [], [], []
    for number in range(offset, offset + count):
        words = rng.sample(WORDS, 4)
        dataset = Dataset(
            id=uuid.uuid4(),
            name=f"bench-{number:05d}",
            state=Dataset.State.PUBLISHED,
            title=f"{words[0]} und {words[1]} {number}",
            title_en=f"{words[0]} and {words[1]} {number}",
            description=f"Messwerte zu {words[2]} und {words[3]} im Stadtgebiet. " * 3,
            publisher=rng.choice(publishers),
            contact_name="Open-Data-Team",
            contact_email="opendata@lindenhafen.example",
            licence=rng.choice(["dl-by-de/2.0", "dl-zero-de/2.0", "cc-by/4.0"]),
            accrual_periodicity="DAILY",
            modified=now,
        )
        dataset.search_text = search_words(
            dataset.name,
            dataset.title,
            dataset.title_en,
            dataset.description,
            dataset.publisher.title,
            dataset.publisher.title_en,
            *words[:3],
        )
        datasets.append(dataset)
        for code in rng.sample(themes, 2):
            theme_rows.append(Dataset.themes.through(dataset_id=dataset.id, datatheme_id=code))
        for word in words[:3]:
            keyword_rows.append(DatasetKeyword(content_object_id=dataset.id, tag=tags[word]))
        for position, file_format in enumerate(["CSV", rng.choice(["JSON", "GEOJSON", "XLSX"])]):
            distributions.append(
                Distribution(
                    dataset_id=dataset.id,
                    title=f"{dataset.title} ({file_format})",
                    url=f"https://daten.lindenhafen.example/{dataset.name}.{file_format.lower()}",
                    format=file_format,
                    licence=dataset.licence,
                    position=position,
                )
            )
    Dataset.objects.bulk_create(datasets, batch_size=500)
    Dataset.themes.through.objects.bulk_create(theme_rows, batch_size=1000)
    DatasetKeyword.objects.bulk_create(keyword_rows, batch_size=1000)
    Distribution.objects.bulk_create(distributions, batch_size=1000)


def _stream_peak() -> tuple[int, float, int]:
    """Peak traced memory (bytes), seconds and size of one full /catalog.ttl?page=all."""
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    tracemalloc.start()
    started = time.perf_counter()
    response = client.get("/catalog.ttl?page=all")
    size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak, elapsed, size


def prepare() -> None:
    from opendata.catalogue.models import Dataset

    _bulk_datasets(2_000, offset=0)
    small = Dataset.objects.published().count()
    small_peak, small_time, small_size = _stream_peak()
    _bulk_datasets(DATASETS - 2_000, offset=2_000)
    large = Dataset.objects.published().count()
    large_peak, large_time, large_size = _stream_peak()
    print(f"prepared: {large} published datasets")
    print(
        f"RDF catalogue stream, {small:>6} datasets: peak {small_peak / 2**20:6.1f} MiB, "
        f"{small_time:5.1f} s, {small_size / 2**20:6.1f} MiB Turtle"
    )
    print(
        f"RDF catalogue stream, {large:>6} datasets: peak {large_peak / 2**20:6.1f} MiB, "
        f"{large_time:5.1f} s, {large_size / 2**20:6.1f} MiB Turtle "
        f"(memory {large_peak / small_peak:.2f}x for {large / small:.1f}x the datasets)"
    )


def _raw_replay(path: str):
    """The SQL a GET of `path` runs when nothing is cached, replayed on a bare cursor."""
    captured: list[str] = []

    def replay() -> None:
        from django.db import connection

        if not captured:
            from django.core.cache import cache
            from django.test import Client
            from django.test.utils import CaptureQueriesContext

            cache.clear()  # the queries of a call that finds nothing cached

            with CaptureQueriesContext(connection) as context:
                Client(HTTP_HOST="localhost").get(path)
            captured.extend(q["sql"] for q in context.captured_queries)
        with connection.cursor() as cursor:
            for sql in captured:
                cursor.execute(sql)
                cursor.fetchall()

    return replay


def _uncached(request):
    def call() -> None:
        from django.core.cache import cache

        cache.clear()
        request()

    return call


SEARCH = "/api/3/action/package_search?" + urlencode(
    {"q": "Verkehr", "facet.field": json.dumps(["groups", "res_format"]), "rows": 10}
)
SHOW = "/api/3/action/package_show?id=bench-04711"

BENCHMARKS = [
    Benchmark(
        "package_search text+2 facets (10,000)",
        _get(SEARCH),
        _raw_replay(SEARCH),
        "its raw SQL",
        rounds=15,
    ),
    Benchmark("package_show (10,000)", _get(SHOW), _raw_replay(SHOW), "its raw SQL", rounds=30),
    Benchmark(
        "package_show uncached (10,000)",
        _uncached(_get(SHOW)),
        _raw_replay(SHOW),
        "its raw SQL",
        rounds=30,
    ),
]
