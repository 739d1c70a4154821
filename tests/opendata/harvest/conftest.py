"""Remote catalogues for harvest tests: tiny threaded HTTP servers on localhost.

``fake_ckan`` answers ``package_search`` like CKAN (rows, start, sort, fq) from package dicts
recorded from our own CKAN API; ``static_server`` serves fixed bodies with a content type.
Both record what they were asked and can be told to be slow or broken.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import translation

from opendata.catalogue.models import Dataset, Distribution, Publisher
from opendata.harvest.models import HarvestSource, PublisherMapping


@pytest.fixture(autouse=True)
def _english_messages():
    """Job messages are asserted in English, whatever the catalogues translate them to."""
    with translation.override("en"):
        yield


class FakeCkan:
    def __init__(self) -> None:
        self.packages: list[dict] = []
        self.requests: list[dict[str, str]] = []
        self.rows_max = 1000
        self.delay = 0.0
        self.mode = "ok"  # ok | error | badjson | notckan
        # A package published on the remote site after the first page was served; with an
        # id sorting first, it shifts every later page by one (one record shows up twice).
        self.published_while_paging: dict | None = None
        self.url = ""

    def search(self, params: dict[str, str]) -> dict:
        rows = min(int(params.get("rows", 10)), self.rows_max)
        start = int(params.get("start", 0))
        selected = list(self.packages)
        fq = params.get("fq", "")
        if match := re.search(r"metadata_modified:\[(\S+)Z TO \*\]", fq):
            since = match.group(1)
            selected = [p for p in selected if p["metadata_modified"] >= since]
        if match := re.search(r"organization:([-\w]+)", fq):
            selected = [
                p for p in selected if (p.get("organization") or {}).get("name") == match[1]
            ]
        if params.get("sort") == "id asc":
            selected.sort(key=lambda p: p["id"])
        if self.published_while_paging is not None and start > 0:
            self.packages.append(self.published_while_paging)
            self.published_while_paging = None
            return self.search(params)
        return {"count": len(selected), "results": selected[start : start + rows]}


def _serve(handler_class) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_class)
    server.daemon_threads = True
    server.block_on_close = False
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def fake_ckan() -> Iterator[FakeCkan]:
    fake = FakeCkan()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            params = {key: values[0] for key, values in parse_qs(parts.query).items()}
            fake.requests.append({"path": parts.path, **params})
            if fake.delay:
                time.sleep(fake.delay)
            if not parts.path.endswith("/api/3/action/package_search"):
                return self._send(404, b'{"success": false}')
            if fake.mode == "error":
                return self._send(500, b"Internal Server Error", "text/plain")
            if fake.mode == "badjson":
                return self._send(200, b'{"success": true, "result": {"count": 3, "res')
            if fake.mode == "notckan":
                return self._send(200, b'{"hello": "world"}')
            body = {"help": "package_search", "success": True, "result": fake.search(params)}
            return self._send(200, json.dumps(body).encode())

        def _send(self, status: int, body: bytes, content_type: str = "application/json"):
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass  # the client gave up (timeout tests)

    server, fake.url = _serve(Handler)
    yield fake
    server.shutdown()
    server.server_close()


class StaticServer:
    def __init__(self) -> None:
        self.routes: dict[str, tuple[str, bytes]] = {}
        self.redirects: dict[str, str] = {}
        self.requests: list[str] = []
        self.hosts: list[str] = []  # the Host header of each request
        self.delay = 0.0
        # Seconds between chunks of 100 bytes once the headers are sent (a slow drip).
        self.trickle = 0.0
        self.url = ""


def _static_server() -> Iterator[StaticServer]:
    static = StaticServer()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            static.requests.append(self.path)
            static.hosts.append(self.headers.get("Host", ""))
            if self.path in static.redirects:
                self.send_response(302)
                self.send_header("Location", static.redirects[self.path])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if static.delay:
                time.sleep(static.delay)
            content_type, body = static.routes.get(self.path, ("text/plain", b"not found"))
            status = 200 if self.path in static.routes else 404
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if not static.trickle:
                    self.wfile.write(body)
                for start in range(0, len(body), 100) if static.trickle else ():
                    self.wfile.write(body[start : start + 100])
                    self.wfile.flush()
                    time.sleep(static.trickle)
            except OSError:
                pass

    server, static.url = _serve(Handler)
    yield static
    server.shutdown()
    server.server_close()


@pytest.fixture
def static_server() -> Iterator[StaticServer]:
    yield from _static_server()


@pytest.fixture
def internal_server() -> Iterator[StaticServer]:
    """A service in the city's own network that no harvest may reach."""
    yield from _static_server()


@pytest.fixture
def recorded_packages(client, demo_city) -> list[dict]:
    """Package dicts of every published demo dataset, as our own CKAN API answers them."""
    response = client.get("/api/3/action/current_package_list_with_resources", {"limit": 1000})
    assert response.status_code == 200
    packages = response.json()["result"]
    assert len(packages) == Dataset.objects.published().count()
    return packages


@pytest.fixture
def empty_catalogue(demo_city) -> None:
    """No local datasets (in this test's transaction), so harvested names are free.

    Distributions go first: deleting them records a history version of their dataset, which
    would point at a deleted dataset if the cascade from the dataset removed them.
    """
    Distribution.objects.all().delete()
    Dataset.objects.all().delete()


@pytest.fixture
def ckan_source(fake_ckan, demo_city) -> HarvestSource:
    return HarvestSource.objects.create(
        title="Nachbarstadt CKAN",
        kind=HarvestSource.Kind.CKAN,
        url=fake_ckan.url,
        publisher=Publisher.objects.get(name="smart-city"),
        timeout_seconds=5,
    )


def local_publishers_map(source: HarvestSource) -> None:
    """The remote catalogue of these tests is a copy of ours: staff mapped its organisations
    to our publishers (a harvest matches no other publisher by name or title)."""
    for publisher in Publisher.objects.all():
        PublisherMapping.objects.get_or_create(
            source=source, remote_name=publisher.name, defaults={"publisher": publisher}
        )
