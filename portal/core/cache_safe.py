"""A cache that fails open: with the cache server down, pages are slower, not broken.

The portal's cache (Redis in production) holds only what can be computed again: the flood
banner, the sensor tiles, CKAN package dictionaries, and what Wagtail (site root paths,
renditions) and allauth keep there. Wagtail reads it on every page, so guarding our own
calls would not be enough: the backends below guard every call. When the server cannot
be reached, reads answer a miss, writes are dropped, and a warning is logged (at most once a
minute per process). For a few seconds after a failure the process does not try the server
at all, so that a Redis that drops packets costs one socket timeout per process every
``RETRY_AFTER_SECONDS``, not one per call.

Two uses must not fail open and take ``strict_cache()`` (the same cache, raising):
- the pseudonym key store: without the key of the day no pseudonym can be computed, and
  guessing one would split a device's counts; ingestion with subjects answers 503;
- the API rate limiter, which decides per limit what an outage means (portal/core/ratelimit.py).

allauth's login rate limits see the outage as a lock they cannot take and refuse the attempt
(429 after a second): logins fail closed, which is the right side for a password check.
``incr``/``decr`` and ``clear`` are not guarded (nothing can be answered in their place).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What a cache server that is down, full or unreachable raises (the file cache: OSError).
CACHE_ERRORS: tuple[type[Exception], ...] = (RedisError, OSError)
RETRY_AFTER_SECONDS = 5.0
LOG_INTERVAL_SECONDS = 60.0

_skip_until = 0.0
_last_logged = 0.0


def unavailable() -> bool:
    """True for a few seconds after the cache failed in this process."""
    return time.monotonic() < _skip_until


def failure_record(operation: str) -> None:
    """Note a failed cache call: skip the server for a while, warn once a minute."""
    global _skip_until, _last_logged
    now = time.monotonic()
    _skip_until = now + RETRY_AFTER_SECONDS
    if not _last_logged or now - _last_logged >= LOG_INTERVAL_SECONDS:
        _last_logged = now
        logger.warning(
            "The cache is unavailable (%s failed); serving without it.", operation, exc_info=True
        )


def reset() -> None:
    """Forget earlier failures (tests, and after an operator fixed the cache)."""
    global _skip_until, _last_logged
    _skip_until = _last_logged = 0.0


class _Strict:
    """The raising methods of a fail-open backend (the class after the mixin in its MRO)."""

    def __init__(self, backend: BaseCache) -> None:
        self._parent = super(FailOpenMixin, backend)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._parent, name)


class FailOpenMixin(BaseCache):
    """Reads answer a miss and writes are dropped while the cache cannot be reached."""

    def _guarded(self, operation: str, fallback: Any, *args: Any, **kwargs: Any) -> Any:
        if unavailable():
            return fallback
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except CACHE_ERRORS:
            failure_record(operation)
            return fallback

    @property
    def strict(self) -> BaseCache:
        return _Strict(self)  # type: ignore[return-value]

    def get(self, key, default=None, version=None):
        return self._guarded("get", default, key, default=default, version=version)

    def get_many(self, keys, version=None):
        return self._guarded("get_many", {}, keys, version=version)

    def has_key(self, key, version=None):
        return self._guarded("has_key", False, key, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("add", False, key, value, timeout=timeout, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("set", None, key, value, timeout=timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("set_many", list(data), data, timeout=timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("touch", False, key, timeout=timeout, version=version)

    def delete(self, key, version=None):
        return self._guarded("delete", False, key, version=version)

    def delete_many(self, keys, version=None):
        return self._guarded("delete_many", None, keys, version=version)


class FailOpenRedisCache(FailOpenMixin, RedisCache):
    pass


class FailOpenFileBasedCache(FailOpenMixin, FileBasedCache):
    pass


def strict_cache(alias: str = "default") -> BaseCache:
    """The cache with errors raised, for what must fail closed (see the module docstring)."""
    backend = caches[alias]
    return getattr(backend, "strict", backend)
