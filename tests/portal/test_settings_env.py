"""Settings come from the environment; bad values fail at start and name the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from portal.settings.env import (
    ConfigError,
    env_bool,
    env_broker,
    env_cache,
    env_database,
    env_email,
    env_int,
    env_list,
)

BASE = Path("/srv/portal")


def test_missing_required_variable_names_it(monkeypatch):
    from portal.settings.env import env_str

    monkeypatch.delenv("PORTAL_SOMETHING", raising=False)
    with pytest.raises(ConfigError, match="PORTAL_SOMETHING"):
        env_str("PORTAL_SOMETHING")


@pytest.mark.parametrize("value", ["maybe", "2", "ja"])
def test_malformed_boolean_names_variable_and_value(monkeypatch, value):
    monkeypatch.setenv("DEBUG", value)
    with pytest.raises(ConfigError, match=rf"DEBUG='{value}' is not a boolean"):
        env_bool("DEBUG", False)


def test_booleans_and_numbers_are_parsed(monkeypatch):
    monkeypatch.setenv("DEBUG", "yes")
    monkeypatch.setenv("PORTAL_HEARTBEAT_SECONDS", "45")
    monkeypatch.setenv("ALLOWED_HOSTS", "portal.example, www.portal.example ,")
    assert env_bool("DEBUG", False) is True
    assert env_int("PORTAL_HEARTBEAT_SECONDS", 30) == 45
    assert env_list("ALLOWED_HOSTS", []) == ["portal.example", "www.portal.example"]


def test_number_below_minimum_is_refused(monkeypatch):
    monkeypatch.setenv("PORTAL_HEARTBEAT_SECONDS", "1")
    with pytest.raises(ConfigError, match="PORTAL_HEARTBEAT_SECONDS=1 must be at least 5"):
        env_int("PORTAL_HEARTBEAT_SECONDS", 30, minimum=5)


def test_spatialite_default_is_relative_to_checkout_and_uses_wal(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = env_database("DATABASE_URL", "spatialite:///var/portal.sqlite3", base=BASE)
    assert config["ENGINE"] == "django.contrib.gis.db.backends.spatialite"
    assert config["NAME"] == "/srv/portal/var/portal.sqlite3"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_postgis_url_is_parsed(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgis://portal:secret@db.internal:5433/city")
    config = env_database("DATABASE_URL", "", base=BASE)
    assert config["ENGINE"] == "django.contrib.gis.db.backends.postgis"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.internal", 5433, "city")


def test_a_statement_timeout_goes_into_postgresql_connection_options(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgis://portal:secret@db.internal:5433/city")
    config = env_database("DATABASE_URL", "", base=BASE, statement_timeout_seconds=10)
    assert config["OPTIONS"]["options"] == "-c statement_timeout=10000"
    without = env_database("DATABASE_URL", "", base=BASE)
    assert "options" not in without.get("OPTIONS", {})
    monkeypatch.delenv("DATABASE_URL")
    sqlite = env_database(
        "DATABASE_URL", "spatialite:///x.sqlite3", base=BASE, statement_timeout_seconds=10
    )
    assert "options" not in sqlite["OPTIONS"]


@pytest.mark.parametrize(
    "url", ["postgres://u:secret@h/db", "mysql://u:secret@h/db", "not a url", "sqlite:///x"]
)
def test_non_spatial_database_url_is_refused_without_leaking_password(monkeypatch, url):
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ConfigError, match="DATABASE_URL") as excinfo:
        env_database("DATABASE_URL", "", base=BASE)
    assert "secret" not in str(excinfo.value)


def test_database_url_without_name_is_refused(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgis://u@h:5432/")
    with pytest.raises(ConfigError, match="names no database"):
        env_database("DATABASE_URL", "", base=BASE)


def test_broker_url_with_unknown_scheme_is_refused(monkeypatch):
    monkeypatch.setenv("CELERY_BROKER_URL", "kafka://x")
    with pytest.raises(ConfigError, match="CELERY_BROKER_URL"):
        env_broker("CELERY_BROKER_URL", "filesystem://")


def test_redis_cache_fails_open_with_half_second_socket_timeouts(monkeypatch):
    monkeypatch.setenv("CACHE_URL", "redis://redis.internal:6379/2")
    config = env_cache("CACHE_URL", "locmemcache://", base=BASE)
    assert config["BACKEND"] == "portal.core.cache_safe.FailOpenRedisCache"
    assert config["OPTIONS"] == {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


def test_file_cache_fails_open_too(monkeypatch):
    monkeypatch.setenv("CACHE_URL", "filecache://var/cache")
    config = env_cache("CACHE_URL", "locmemcache://", base=BASE)
    assert config["BACKEND"] == "portal.core.cache_safe.FailOpenFileBasedCache"
    assert config["LOCATION"] == str(BASE / "var/cache")


def test_email_urls(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "smtp://mailer:pw@mail.example:587")
    smtp = env_email("EMAIL_URL", "", base=BASE)
    assert smtp["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (smtp["EMAIL_HOST"], smtp["EMAIL_PORT"]) == ("mail.example", 587)
    monkeypatch.setenv("EMAIL_URL", "filemail://var/mail")
    assert env_email("EMAIL_URL", "", base=BASE)["EMAIL_FILE_PATH"] == "/srv/portal/var/mail"
    monkeypatch.setenv("EMAIL_URL", "pigeon://loft")
    with pytest.raises(ConfigError, match="EMAIL_URL"):
        env_email("EMAIL_URL", "", base=BASE)


def _import_settings(module: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", f"import {module}"],
        capture_output=True,
        text=True,
        env=clean,
        cwd=Path(__file__).resolve().parents[2],
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _import_settings("portal.settings.production", ALLOWED_HOSTS="portal.example")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_the_development_key():
    from portal.settings.base import DEV_SECRET_KEY

    result = _import_settings(
        "portal.settings.production", SECRET_KEY=DEV_SECRET_KEY, ALLOWED_HOSTS="portal.example"
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be a random value" in result.stderr


def test_production_starts_with_real_secrets():
    result = _import_settings(
        "portal.settings.production", SECRET_KEY="k" * 64, ALLOWED_HOSTS="portal.example"
    )
    assert result.returncode == 0, result.stderr


def test_malformed_variable_fails_at_start_naming_it():
    result = _import_settings("portal.settings.dev", DATABASE_URL="mysql://u:pw@h/db")
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"API_RATE_LIMIT_PROXY_ADDRESSES": "nginx.local"}, "API_RATE_LIMIT_PROXY_ADDRESSES"),
        (
            {"API_RATE_LIMIT_TRUSTED_PROXIES": "1", "API_RATE_LIMIT_PROXY_ADDRESSES": ""},
            "API_RATE_LIMIT_PROXY_ADDRESSES is empty",
        ),
    ],
)
def test_proxy_trust_without_valid_proxy_addresses_stops_the_start(variables, message):
    result = _import_settings("portal.settings.dev", **variables)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_a_short_health_token():
    result = _import_settings(
        "portal.settings.production",
        SECRET_KEY="k" * 64,
        ALLOWED_HOSTS="portal.example",
        HEALTHZ_TOKEN="secret",
    )
    assert result.returncode != 0
    assert "HEALTHZ_TOKEN" in result.stderr


def _database_options(entry_point: str) -> str:
    """The database OPTIONS a process started through ``entry_point`` connects with."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_STATEMENT_TIMEOUT"}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DATABASE_URL="postgis://portal:secret@db.internal:5432/city",
    )
    code = (
        f"import {entry_point}; from django.conf import settings; "
        "print(settings.DATABASES['default'].get('OPTIONS', {}).get('options', ''))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _gunicorn_timeout() -> int:
    procfile = (Path(__file__).resolve().parents[2] / "deploy" / "Procfile").read_text()
    web = next(line for line in procfile.splitlines() if line.startswith("web:"))
    return int(web.split("--timeout", 1)[1].split()[0])


def test_web_requests_end_their_statements_before_gunicorn_kills_the_worker():
    """The web entry point connects with a 10 s statement timeout; the worker, which runs
    long data-store loads, without one; the data store's own search limit is shorter still
    than gunicorn's worker timeout."""
    from opendata.datastore.selectors import SEARCH_TIMEOUT_MS

    assert _database_options("portal.wsgi") == "-c statement_timeout=10000"
    assert _database_options("portal.celery") == ""
    assert SEARCH_TIMEOUT_MS <= 10_000 < _gunicorn_timeout() * 1000
