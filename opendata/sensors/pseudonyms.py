"""Pseudonyms for identifiers that could point to a person (MAC addresses, meter ids, plates).

At ingestion such an identifier is replaced by HMAC-SHA256 under a key of the current UTC
day, truncated to 64 bits (16 hex digits). The raw identifier is never stored, logged or
put into an error message; only the pseudonym is kept.

The key of a day:
- lives in Django's cache (Redis in production, shared by every web process and worker) and
  never in the database, so it is never in a database backup; it is read through
  ``strict_cache()``: a cache outage refuses readings with subjects (503) instead of
  inventing a key;
- is created on first use from ``secrets.token_bytes(32)`` with ``cache.add``, so that two
  workers racing at midnight agree on one key (the loser reads the winner's key);
- expires shortly after its day ends (at most ``KEY_GRACE`` later), and the beat task
  ``pseudonym_keys_rotate_task`` deletes every earlier day's key besides, so no key older
  than a day survives; a pseudonym of yesterday can no longer be recomputed or linked to
  today's.

Within one UTC day the same identifier always gives the same pseudonym (devices can be
counted once per window); across days it does not (no long-lived tracking, which is what a
fixed pseudonym kept for months got a Dutch city fined for).

Operations: the cache must not be persisted to backups (Redis without RDB/AOF snapshots in
the backup set, or the file cache's directory excluded from them).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import UTC, date, datetime, time, timedelta

from portal.core.cache_safe import strict_cache

KEY_CACHE_PREFIX = "sensors:pseudonym-key:"
KEY_BYTES = 32
PSEUDONYM_HEX_DIGITS = 16  # 64 bits
KEY_GRACE = timedelta(minutes=1)  # a key outlives its day by at most this
ROTATION_LOOKBACK_DAYS = 7  # earlier days' keys the rotation deletes (expired ones included)
MAX_IDENTIFIER_LENGTH = 256

_SEPARATORS = re.compile(r"[\s:.\-]+")


class PseudonymKeyUnavailable(Exception):
    """The key of the day cannot be read or stored (the cache is down): refuse, do not guess."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def utc_today() -> date:
    return utc_now().date()


def key_cache_name(day: date) -> str:
    return f"{KEY_CACHE_PREFIX}{day.isoformat()}"


def _key_timeout(day: date) -> int:
    """Seconds from now until shortly after the end of `day` (UTC)."""
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=UTC) + KEY_GRACE
    return max(int((end - utc_now()).total_seconds()), 1)


def day_key(day: date | None = None) -> bytes:
    """The key of `day` (default: today, UTC), created on first use (race-safe)."""
    day = day or utc_today()
    name = key_cache_name(day)
    cache = strict_cache()  # fails closed: no key, no pseudonym (ingestion answers 503)
    try:
        key = cache.get(name)
        if key is None:
            cache.add(name, secrets.token_bytes(KEY_BYTES), timeout=_key_timeout(day))
            key = cache.get(name)  # ours, or the one another worker added first
    except Exception as exc:
        raise PseudonymKeyUnavailable("the pseudonym key store is unavailable") from exc
    if not isinstance(key, bytes) or len(key) != KEY_BYTES:
        raise PseudonymKeyUnavailable("the pseudonym key store is unavailable")
    return key


def canonical(identifier: str) -> str:
    """One spelling per identifier: case and separators do not matter
    (``AA:BB:CC:DD:EE:FF``, ``aa-bb-cc-dd-ee-ff`` and ``aabb.ccdd.eeff`` are one device)."""
    return _SEPARATORS.sub("", identifier).casefold()


def pseudonymise(identifier: str, *, key: bytes) -> str:
    """The 64-bit keyed hash (hex) of an identifier under a day's key."""
    digest = hmac.new(key, canonical(identifier).encode("utf-8"), hashlib.sha256).hexdigest()
    return digest[:PSEUDONYM_HEX_DIGITS]


def pseudonym_for_today(identifier: str) -> str:
    return pseudonymise(identifier, key=day_key())


def pseudonym_keys_rotate(*, today: date | None = None) -> int:
    """Delete the keys of the days before `today` and make sure today's exists.

    Returns how many old keys were found and deleted. Keys are never logged.
    """
    today = today or utc_today()
    cache = strict_cache()  # a deletion that did not happen must fail the task, not pass
    deleted = 0
    for back in range(1, ROTATION_LOOKBACK_DAYS + 1):
        name = key_cache_name(today - timedelta(days=back))
        if cache.get(name) is not None:
            deleted += 1
        cache.delete(name)
    day_key(today)
    return deleted
