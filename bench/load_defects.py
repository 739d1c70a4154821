#!/usr/bin/env python
"""Bounded load on the Open311 endpoint: N reports from C concurrent clients, none lost.

Starts nothing itself: point it at a running portal (gunicorn on PostGIS for figures worth
quoting) and give it an Open311 API key issued in the admin::

    bench/load_defects.py --base-url http://127.0.0.1:58000 --api-key o311_... [-n 2000 -c 50]
    bench/load_defects.py --dry-run            # prints what it would send, sends nothing

One way to get such a server (as stage 4 of ``.ci/run`` does)::

    eval "$(scripts/ci-services start /tmp/load-services)"
    export DJANGO_SETTINGS_MODULE=portal.settings.production SECRET_KEY=... \\
      ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false API_RATE_LIMIT_ANON=off \\
      API_RATE_LIMIT_TOKEN=off DEFECTS_SUBMIT_RATE=off
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py seed_demo
    .venv/bin/gunicorn portal.wsgi --bind 127.0.0.1:58000 --workers 4 &
    # issue an Open311 key in the admin (Open311 clients), run this script, then
    scripts/ci-services stop /tmp/load-services

Each client is a thread with its own ``requests`` session; together they send exactly N form-
encoded POSTs to ``/open311/v2/requests.json`` (GeoReport v2: ``api_key``, ``service_code``,
``lat``, ``long``, ``description``, ``email``), each with a timeout, never retried (a retry
could create a report twice). The answer is ``[{"service_request_id": ..., "service_notice":
...}]``, or ``[{"token": ...}]`` when the request is not public yet. Afterwards every id that
a 2xx answer returned is looked up with ``GET /open311/v2/requests.json?service_request_id=a,b,...``
in chunks; the run fails (exit status 1) on any 5xx, transport error or lost report.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

# Places inside the demo city's districts and codes of its categories (participation/defects/
# demo_data/categories.yaml); reports are spread so that the duplicate check sees a few.
CENTRES = [
    (50.9550, 8.6150),  # Altstadt
    (50.9330, 8.6330),  # Hafenviertel
    (50.9830, 8.6080),  # Nordstadt
    (50.9700, 8.6400),  # Lindenhöhe
    (50.9500, 8.6550),  # Ostend
    (50.9500, 8.5750),  # Auenfeld
    (50.9300, 8.5950),  # Südstadt
    (50.9720, 8.5800),  # Weststadt
]
SERVICE_CODES = [
    "strasse.schlagloch",
    "strasse.gehweg",
    "beleuchtung.mast",
    "abfall.papierkorb",
    "abfall.ablagerung",
    "gruen.bank",
    "haltestelle.unterstand",
    "wlan.ausfall",
]
LOOKUP_CHUNK = 50


@dataclass
class Result:
    status: int  # 0: transport error or timeout
    seconds: float
    request_id: str = ""
    token: str = ""
    error: str = ""


@dataclass
class Run:
    results: list[Result] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def payload(n: int, api_key: str) -> dict[str, str]:
    rng = random.Random(n)
    lat, lon = CENTRES[n % len(CENTRES)]
    return {
        "api_key": api_key,
        "service_code": SERVICE_CODES[n % len(SERVICE_CODES)],
        "lat": f"{lat + rng.uniform(-0.003, 0.003):.6f}",
        "long": f"{lon + rng.uniform(-0.004, 0.004):.6f}",
        "description": f"Lasttest Meldung {n}: Schaden im öffentlichen Raum, bitte prüfen.",
        "email": f"lasttest{n}@example.org",
    }


def _answer(response) -> tuple[str, str]:
    try:
        body = response.json()
    except ValueError:
        return "", ""
    item = body[0] if isinstance(body, list) and body else body
    if not isinstance(item, dict):
        return "", ""
    return str(item.get("service_request_id") or ""), str(item.get("token") or "")


def submit_all(base: str, api_key: str, total: int, clients: int, timeout: float) -> Run:
    import requests

    run = Run()
    url = f"{base}/open311/v2/requests.json"
    counter = iter(range(total))  # shared: exactly `total` requests, whatever the threads do
    counter_lock = threading.Lock()
    local = threading.local()

    def client() -> None:
        local.session = requests.Session()
        while True:
            with counter_lock:
                n = next(counter, None)
            if n is None:
                return
            started = time.perf_counter()
            try:
                response = local.session.post(url, data=payload(n, api_key), timeout=timeout)
                request_id, token = _answer(response)
                result = Result(
                    response.status_code,
                    time.perf_counter() - started,
                    request_id,
                    token,
                    "" if response.ok else response.text[:200],
                )
            except requests.RequestException as exc:
                result = Result(0, time.perf_counter() - started, error=repr(exc)[:200])
            with run.lock:
                run.results.append(result)

    with ThreadPoolExecutor(max_workers=clients) as pool:
        for _ in range(clients):
            pool.submit(client)
    return run


def lookup(base: str, ids: list[str], timeout: float) -> set[str]:
    """The ids the server knows, asked in chunks of LOOKUP_CHUNK."""
    import requests

    found: set[str] = set()
    with requests.Session() as session:
        for start in range(0, len(ids), LOOKUP_CHUNK):
            chunk = ids[start : start + LOOKUP_CHUNK]
            response = session.get(
                f"{base}/open311/v2/requests.json",
                params={"service_request_id": ",".join(chunk)},
                timeout=timeout,
            )
            response.raise_for_status()
            found |= {str(item.get("service_request_id")) for item in response.json()}
    return found


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:58000")
    parser.add_argument("--api-key", default="")
    parser.add_argument("-n", "--requests", type=int, default=2000)
    parser.add_argument("-c", "--clients", type=int, default=50)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    parser.add_argument("--dry-run", action="store_true", help="print, send nothing")
    args = parser.parse_args(argv)
    base = args.base_url.rstrip("/")
    if args.requests < 1 or args.clients < 1:
        parser.error("--requests and --clients must be at least 1")
    if args.dry_run:
        print(
            f"would POST {args.requests} reports to {base}/open311/v2/requests.json "
            f"from {args.clients} clients (timeout {args.timeout:g} s), for example:"
        )
        for n in range(min(3, args.requests)):
            print(json.dumps(payload(n, args.api_key or "<api key>"), ensure_ascii=False))
        print(
            f"then GET {base}/open311/v2/requests.json?service_request_id=... "
            f"in chunks of {LOOKUP_CHUNK}"
        )
        return 0
    if not args.api_key:
        parser.error("--api-key is required (issue one in the admin), or use --dry-run")
    started = time.perf_counter()
    run = submit_all(base, args.api_key, args.requests, args.clients, args.timeout)
    elapsed = time.perf_counter() - started
    results = run.results
    codes = Counter(r.status for r in results)
    latencies = [r.seconds for r in results]
    ids = [r.request_id for r in results if 200 <= r.status < 300 and r.request_id]
    tokens = [r.token for r in results if 200 <= r.status < 300 and not r.request_id]
    found = lookup(base, ids, args.timeout) if ids else set()
    lost = [i for i in ids if i not in found]
    server_errors = sum(n for code, n in codes.items() if code >= 500)
    print(
        f"sent {len(results)} of {args.requests} in {elapsed:.1f} s from {args.clients} "
        f"clients: {len(results) / elapsed:.1f} reports/s"
    )
    print(
        "answers: " + ", ".join(f"{code or 'no answer'}: {n}" for code, n in sorted(codes.items()))
    )
    print(
        f"latency: median {statistics.median(latencies) * 1000:.0f} ms, "
        f"p90 {percentile(latencies, 0.90) * 1000:.0f} ms, "
        f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms"
    )
    print(
        f"ids returned: {len(ids)}, found again: {len(found)}, lost: {len(lost)}; "
        f"answered with a token only (not yet public): {len(tokens)}"
    )
    for result in [r for r in results if r.error][:5]:
        print(f"  e.g. {result.status}: {result.error}")
    failed = server_errors or codes.get(0, 0) or lost or len(results) != args.requests
    print("FAILED" if failed else "OK: zero 5xx, zero lost")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
