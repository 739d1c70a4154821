"""Typed readers for settings from the environment.

Every reader names the variable in its error, so a missing or malformed value fails at start
with a message that says what to fix.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured


class ConfigError(ImproperlyConfigured):
    """A setting read from the environment is missing or malformed."""


_MISSING: Any = object()
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _raw(name: str, default: Any) -> str | Any:
    value = os.environ.get(name)
    if value is None:
        if default is _MISSING:
            raise ConfigError(f"The environment variable {name} must be set.")
        return default
    return value.strip()


def env_str(name: str, default: str = _MISSING) -> str:
    return _raw(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name, default)
    if isinstance(value, bool):
        return value
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ConfigError(f"{name}={value!r} is not a boolean; use true or false.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = _raw(name, default)
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{name}={value!r} is not a whole number.") from None
    if minimum is not None and number < minimum:
        raise ConfigError(f"{name}={number} must be at least {minimum}.")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name, default)
    if isinstance(value, list):
        return value
    return [item.strip() for item in value.split(",") if item.strip()]


def env_path(name: str, default: Path, *, base: Path) -> Path:
    value = _raw(name, default)
    path = Path(value)
    return path if path.is_absolute() else base / path


_DATABASE_SCHEMES = {"spatialite", "postgis"}


def _url_with_scheme(name: str, default: str, schemes: set[str], hint: str = "") -> tuple[str, str]:
    """The URL in variable `name` and its scheme, which must be one of `schemes`."""
    url = _raw(name, default)
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if scheme not in schemes:
        raise ConfigError(
            f"{name}={_redact(url)!r}: the scheme must be one of "
            f"{', '.join(sorted(schemes))}{hint}."
        )
    return url, scheme


def env_database(
    name: str, default: str, *, base: Path, statement_timeout_seconds: int = 0
) -> dict[str, Any]:
    """A GeoDjango database from a URL: spatialite:///path or postgis://user:pw@host/db.

    ``statement_timeout_seconds`` (PostgreSQL; 0 for none) cancels any statement that runs
    longer, for every connection of the process.
    """
    url, scheme = _url_with_scheme(
        name, default, _DATABASE_SCHEMES, " (GeoDjango needs a spatial database)"
    )
    try:
        config = environ.Env.db_url_config(url)
    except Exception as exc:  # the parser raises several types for malformed URLs
        raise ConfigError(f"{name} is malformed: {exc}") from None
    if not config.get("NAME"):
        raise ConfigError(f"{name}={_redact(url)!r} names no database.")
    if scheme == "spatialite":
        # spatialite:///var/portal.sqlite3 is relative to the checkout, //// is absolute.
        path = Path(config["NAME"])
        config["NAME"] = str(path if path.is_absolute() else base / path)
        config["OPTIONS"] = {
            # The web server, the worker and beat share one file: WAL lets them read while
            # one writes, IMMEDIATE avoids lock upgrades that fail under contention.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    else:
        config["CONN_MAX_AGE"] = 60
        config["CONN_HEALTH_CHECKS"] = True
        if statement_timeout_seconds:
            options = config.setdefault("OPTIONS", {})
            options["options"] = f"-c statement_timeout={statement_timeout_seconds * 1000}"
    return config


_EMAIL_SCHEMES = {"smtp", "smtps", "smtp+tls", "smtp+ssl", "consolemail", "filemail", "memorymail"}


def env_email(name: str, default: str, *, base: Path) -> dict[str, Any]:
    """E-mail settings from a URL: smtp://user:pw@host:587, filemail://var/mail, consolemail://."""
    url, scheme = _url_with_scheme(name, default, _EMAIL_SCHEMES)
    config = environ.Env.email_url_config(url)
    if scheme == "filemail":
        path = url.split("://", 1)[1]
        config["EMAIL_FILE_PATH"] = str(path if Path(path).is_absolute() else base / path)
    return {key: value for key, value in config.items() if value is not None}


# The cache fails open (portal/core/cache_safe.py): these backends stand in for Django's own.
_FAIL_OPEN_CACHES = {
    "django.core.cache.backends.redis.RedisCache": "portal.core.cache_safe.FailOpenRedisCache",
    "django.core.cache.backends.filebased.FileBasedCache": (
        "portal.core.cache_safe.FailOpenFileBasedCache"
    ),
}
# Seconds to connect to and to wait for an answer from Redis: a Redis that drops packets must
# cost a page half a second, not hang the worker until gunicorn kills it.
REDIS_CACHE_SOCKET_TIMEOUT = 0.5


def env_cache(name: str, default: str, *, base: Path) -> dict[str, Any]:
    """A cache from a URL: redis://host:6379/1, filecache://var/cache, locmemcache://.

    Redis and the file cache fail open (a miss when the server cannot be reached) and Redis
    gets socket timeouts of ``REDIS_CACHE_SOCKET_TIMEOUT``.
    """
    url = _raw(name, default)
    try:
        config = environ.Env.cache_url_config(url)
    except Exception as exc:
        raise ConfigError(f"{name}={_redact(url)!r} is not a cache URL: {exc}") from None
    if url.startswith("filecache://"):
        path = Path(url.split("://", 1)[1])
        config["LOCATION"] = str(path if path.is_absolute() else base / path)
    config["BACKEND"] = _FAIL_OPEN_CACHES.get(config["BACKEND"], config["BACKEND"])
    if config["BACKEND"].endswith("RedisCache"):
        options = config.setdefault("OPTIONS", {})
        options.setdefault("socket_connect_timeout", REDIS_CACHE_SOCKET_TIMEOUT)
        options.setdefault("socket_timeout", REDIS_CACHE_SOCKET_TIMEOUT)
    return config


def env_broker(name: str, default: str) -> str:
    url = _raw(name, default)
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if scheme not in {"filesystem", "redis", "rediss", "amqp", "memory"}:
        raise ConfigError(
            f"{name}={_redact(url)!r}: use redis://host:6379/0 or filesystem:// (embedded default)."
        )
    return url


def _redact(url: str) -> str:
    """Hide the password in a URL before it reaches an error message or a log."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}"
