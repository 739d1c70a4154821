"""Broken backends for fault tests: a Redis nobody listens on, a Redis that never answers.

Both configure the cache as production does (``env_cache`` from a ``redis://`` URL), so that
a test proves what the deployed settings do.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.test import override_settings

from portal.settings.env import env_cache

DEAD_REDIS_URL = "redis://127.0.0.1:9/0"  # port 9 (discard) is closed on loopback


@contextmanager
def redis_cache_at(url: str, monkeypatch) -> Iterator[None]:
    monkeypatch.setenv("FAULT_TEST_CACHE_URL", url)
    config = env_cache("FAULT_TEST_CACHE_URL", "locmemcache://", base=Path("."))
    with override_settings(CACHES={"default": config}):
        yield


@contextmanager
def hanging_redis_url() -> Iterator[str]:
    """A port that accepts connections (the kernel's backlog) and never answers: a Redis
    paused with SIGSTOP or behind a firewall that drops its replies."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    try:
        yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    finally:
        server.close()
