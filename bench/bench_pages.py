"""Page rendering cost against the cheapest request the portal serves (robots.txt)."""

from __future__ import annotations

from bench.run import Benchmark
from bench.run import http_get as _get

robots = _get("/robots.txt")

BENCHMARKS = [
    Benchmark("GET / (home page, de)", _get("/"), robots, "robots.txt"),
    Benchmark("GET /en/imprint/ (standard page, en)", _get("/en/imprint/"), robots, "robots.txt"),
    Benchmark("GET /healthz (liveness)", _get("/healthz"), robots, "robots.txt"),
    Benchmark("GET /kontakt/ (form)", _get("/kontakt/"), robots, "robots.txt"),
]
