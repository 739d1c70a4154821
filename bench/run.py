#!/usr/bin/env python
"""Benchmark runner: `make bench`.

Each bench/bench_*.py module defines BENCHMARKS, a list of Benchmark(name, subject, baseline).
The runner times subject and baseline alternately in the same run (these machines are noisy;
only ratios are comparable between runs) and prints median times and the ratio.
A module's ``prepare()`` runs when any of its benchmarks is selected, a benchmark's own
``prepare`` only when that benchmark is; a benchmark's ``setup`` runs untimed before every
call of its subject (e.g. to undo what an idempotent job did).
Runs against a throwaway SpatiaLite database with the demo city loaded, or against
DATABASE_URL when it is set. ``bench/run.py [words]`` runs the benchmarks whose names contain
one of the words (all without words); ``bench/run.py --list`` only prints their names.
"""

from __future__ import annotations

import importlib
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Benchmark:
    name: str
    subject: Callable[[], object]
    baseline: Callable[[], object]
    baseline_name: str
    rounds: int = 30
    per_call: int = 1  # items one call handles (e.g. readings of a batch), for a rate per item
    unit: str = ""
    setup: Callable[[], object] | None = None  # untimed, before every call of the subject
    prepare: Callable[[], object] | None = None  # once, before the table, if selected
    warm_up: bool = True  # one untimed call of each first (off for calls of many seconds)


def http_get(path: str | Callable[[], str]) -> Callable[[], None]:
    """A benchmark subject: one GET through Django's handler in this process, expecting 200.

    `path` may be a callable, for addresses known only once the database is ready.
    """
    from django.test import Client

    client = Client(HTTP_HOST="localhost")

    def request() -> None:
        address = path() if callable(path) else path
        response = client.get(address)
        assert response.status_code == 200, (address, response.status_code)

    return request


def _measure(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def run(benchmark: Benchmark) -> tuple[float, float]:
    setup = benchmark.setup or (lambda: None)
    if benchmark.warm_up:
        setup()
        benchmark.subject(), benchmark.baseline()  # warm caches and connections
    subject, baseline = [], []
    for _ in range(benchmark.rounds):  # interleaved, so that noise hits both alike
        setup()
        subject.append(_measure(benchmark.subject))
        baseline.append(_measure(benchmark.baseline))
    return statistics.median(subject), statistics.median(baseline)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    tmp = tempfile.mkdtemp(prefix="portal-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    os.environ.setdefault("PORTAL_VAR_DIR", tmp)
    os.environ.setdefault("DATABASE_URL", f"spatialite:///{tmp}/bench.sqlite3")
    # Benchmarks send thousands of requests from one address: no rate limits.
    os.environ.setdefault("API_RATE_LIMIT_ANON", "off")
    os.environ.setdefault("API_RATE_LIMIT_TOKEN", "off")
    import django

    django.setup()
    if sys.argv[1:] == ["--list"]:  # names only: nothing is migrated, seeded or prepared
        for path in sorted((ROOT / "bench").glob("bench_*.py")):
            module = importlib.import_module(f"bench.{path.stem}")
            for benchmark in module.BENCHMARKS:
                print(f"{path.stem:<28} {benchmark.name}")
        return 0
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())

    only = sys.argv[1:]

    def selected(benchmark: Benchmark) -> bool:
        return not only or any(word in benchmark.name for word in only)

    for path in sorted((ROOT / "bench").glob("bench_*.py")):
        module = importlib.import_module(f"bench.{path.stem}")
        # Preparing is costly (10,000 datasets, a million rows): only for what runs.
        if hasattr(module, "prepare") and any(selected(b) for b in module.BENCHMARKS):
            module.prepare()
        for benchmark in module.BENCHMARKS:
            if benchmark.prepare is not None and selected(benchmark):
                benchmark.prepare()
    print(
        f"{'benchmark':<46} {'median':>9} {'req/s':>7}   {'baseline':<24} {'req/s':>7} {'ratio':>7}"
    )
    for path in sorted((ROOT / "bench").glob("bench_*.py")):
        module = importlib.import_module(f"bench.{path.stem}")
        for benchmark in module.BENCHMARKS:
            if not selected(benchmark):
                continue
            subject, baseline = run(benchmark)
            print(
                f"{benchmark.name:<46} {subject * 1000:>7.2f}ms {1 / subject:>7.0f}   "
                f"{benchmark.baseline_name + f' {baseline * 1000:.2f}ms':<24} "
                f"{1 / baseline:>7.0f} {subject / baseline:>6.1f}x"
            )
            if benchmark.per_call > 1:
                print(
                    f"{'':<4}{benchmark.per_call / subject:,.0f} {benchmark.unit}/s, baseline "
                    f"{benchmark.per_call / baseline:,.0f} {benchmark.unit}/s "
                    f"(subject at {baseline / subject:.0%} of the baseline's rate)"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
