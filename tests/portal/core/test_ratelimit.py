"""Rate limits on the API paths: fixed windows in the cache, per address or per token."""

from __future__ import annotations

import logging

import pytest
from django.core.cache import cache

from portal.accounts.tokens import api_token_create
from portal.core import ratelimit
from portal.core.ratelimit import Rate, parse_rate, rate_from_env
from portal.settings.env import ConfigError

NOW = 1_800_000_010.0  # 10 s into a 60-s window


@pytest.fixture(autouse=True)
def limits(settings, monkeypatch):
    cache.clear()
    monkeypatch.setattr(ratelimit, "_now", lambda: NOW)
    settings.API_RATE_LIMIT_ANON = Rate(3, 60)
    settings.API_RATE_LIMIT_TOKEN = Rate(5, 60)
    settings.API_RATE_LIMIT_TRUSTED_PROXIES = 0
    yield settings
    cache.clear()


def test_parse_rate():
    assert parse_rate("X", "600/60") == Rate(600, 60)
    assert parse_rate("X", " OFF ") is None
    assert Rate(600, 60).policy == "600;w=60"
    for bad in ("600", "600/x", "0/60", "10/0", "-1/60", ""):
        with pytest.raises(ConfigError, match="API_RATE_LIMIT_ANON"):
            parse_rate("API_RATE_LIMIT_ANON", bad)


def test_rate_from_env_names_the_variable(monkeypatch):
    monkeypatch.setenv("API_RATE_LIMIT_TOKEN", "viel")
    with pytest.raises(ConfigError, match="API_RATE_LIMIT_TOKEN"):
        rate_from_env("API_RATE_LIMIT_TOKEN", "6000/60")
    monkeypatch.delenv("API_RATE_LIMIT_TOKEN")
    assert rate_from_env("API_RATE_LIMIT_TOKEN", "6000/60") == Rate(6000, 60)


@pytest.mark.django_db
def test_headers_count_down_then_429_with_retry_after(client):
    for remaining in (2, 1, 0):
        response = client.get("/api/v1/themes/")
        assert response.status_code == 200
        assert response["RateLimit-Limit"] == "3"
        assert response["RateLimit-Remaining"] == str(remaining)
        assert response["RateLimit-Reset"] == "50"
        assert response["RateLimit-Policy"] == "3;w=60"
    over = client.get("/api/v1/themes/")
    assert over.status_code == 429
    assert over["Retry-After"] == "50"
    assert over["RateLimit-Remaining"] == "0"
    assert over.json()["detail"]
    # Other API paths share the address's budget.
    assert client.get("/catalog.ttl").status_code == 429


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/3/action/package_list", "/api/action/status_show"])
def test_ckan_paths_answer_429_in_ckans_envelope(client, path):
    for _ in range(3):
        assert client.get(path).status_code == 200
    over = client.get(path)
    assert over.status_code == 429 and over["Retry-After"] == "50"
    body = over.json()
    assert body["success"] is False
    assert body["error"]["__type"] == "Rate Limit Error"
    assert "3" in body["error"]["message"]


@pytest.mark.django_db
def test_the_next_window_starts_afresh(client, monkeypatch):
    for _ in range(4):
        client.get("/api/v1/themes/")
    assert client.get("/api/v1/themes/").status_code == 429
    monkeypatch.setattr(ratelimit, "_now", lambda: NOW + 50)
    fresh = client.get("/api/v1/themes/")
    assert fresh.status_code == 200 and fresh["RateLimit-Remaining"] == "2"
    assert fresh["RateLimit-Reset"] == "60"


@pytest.mark.django_db
def test_pages_are_not_limited(client):
    for _ in range(5):
        response = client.get("/robots.txt")
        assert response.status_code == 200
        assert "RateLimit-Limit" not in response


@pytest.mark.django_db
def test_tokens_have_their_own_higher_limit(client, city_admin):
    secret = api_token_create(user=city_admin, name="rl", scopes=["catalogue:write"]).secret
    for _ in range(3):
        client.get("/api/v1/themes/")
    assert client.get("/api/v1/themes/").status_code == 429
    with_token = client.get("/api/v1/themes/", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert with_token.status_code == 200
    assert with_token["RateLimit-Limit"] == "5" and with_token["RateLimit-Remaining"] == "4"
    ckan_style = client.get("/api/3/action/status_show", HTTP_X_CKAN_API_KEY=secret)
    assert ckan_style["RateLimit-Remaining"] == "3"  # the same token, counted together
    # A made-up token does not escape the address's limit.
    fake = client.get("/api/v1/themes/", HTTP_AUTHORIZATION="Bearer sct_123456789012_x")
    assert fake.status_code == 429


@pytest.mark.django_db
def test_each_token_has_its_own_bucket(client, city_admin):
    first = api_token_create(user=city_admin, name="a", scopes=["catalogue:write"]).secret
    second = api_token_create(user=city_admin, name="b", scopes=["catalogue:write"]).secret
    for _ in range(5):
        client.get("/api/v1/themes/", HTTP_AUTHORIZATION=f"Bearer {first}")
    assert client.get("/api/v1/themes/", HTTP_AUTHORIZATION=f"Bearer {first}").status_code == 429
    other = client.get("/api/v1/themes/", HTTP_AUTHORIZATION=f"Bearer {second}")
    assert other.status_code == 200 and other["RateLimit-Remaining"] == "4"


@pytest.mark.django_db
def test_forwarded_for_is_ignored_without_trusted_proxies(client):
    for number in range(3):
        client.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")
    assert client.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR="198.51.100.9").status_code == 429


@pytest.mark.django_db
def test_forwarded_for_with_one_trusted_proxy(client, limits):
    limits.API_RATE_LIMIT_TRUSTED_PROXIES = 1
    for _ in range(3):
        client.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert client.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 429
    # Another client behind the same proxy has its own budget ...
    assert client.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR="203.0.113.2").status_code == 200
    # ... and a client cannot pick one by sending its own X-Forwarded-For (the proxy appends).
    spoofed = client.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.1")
    assert spoofed.status_code == 429


@pytest.mark.django_db
def test_forwarded_for_from_a_peer_that_is_not_the_proxy_is_ignored(client, limits):
    """With trust on, a client reaching gunicorn directly cannot pick its own bucket."""
    limits.API_RATE_LIMIT_TRUSTED_PROXIES = 1
    direct = {"REMOTE_ADDR": "198.51.100.7"}
    for number in range(3):
        forged = client.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR=f"203.0.113.{number}", **direct)
        assert forged.status_code == 200
    forged = client.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR="203.0.113.99", **direct)
    assert forged.status_code == 429
    # Clients behind the proxy (on loopback) still have their own budgets.
    assert client.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 200


@pytest.mark.django_db
def test_forwarded_for_from_a_proxy_in_a_configured_network_is_honoured(client, limits):
    limits.API_RATE_LIMIT_TRUSTED_PROXIES = 1
    limits.API_RATE_LIMIT_PROXY_ADDRESSES = ratelimit.parse_proxy_networks("X", ["10.0.0.0/24"])
    proxy = {"REMOTE_ADDR": "10.0.0.5"}
    for _ in range(3):
        client.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR="203.0.113.1", **proxy)
    assert (
        client.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR="203.0.113.1", **proxy).status_code
        == 429
    )
    assert (
        client.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR="203.0.113.2", **proxy).status_code
        == 200
    )
    # Loopback is no longer a proxy: its header is ignored, it is one client of its own.
    for _ in range(3):
        client.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR="203.0.113.3")
    assert client.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR="203.0.113.4").status_code == 429


def test_client_address_with_proxy_chains():
    class Request:
        def __init__(self, remote, forwarded=""):
            self.META = {"REMOTE_ADDR": remote, "HTTP_X_FORWARDED_FOR": forwarded}

    proxies = ratelimit.parse_proxy_networks("X", ["10.0.0.0/24", "::1"])

    def address(remote, forwarded, trusted):
        return ratelimit.client_address(Request(remote, forwarded), trusted, proxy_networks=proxies)

    assert address("10.0.0.1", "1.1.1.1", 0) == "10.0.0.1"
    assert address("10.0.0.1", "1.1.1.1", 1) == "1.1.1.1"
    assert address("10.0.0.2", "6.6.6.6, 1.1.1.1, 10.0.0.1", 2) == "1.1.1.1"
    assert address("10.0.0.1", "", 1) == "10.0.0.1"
    assert address("::1", "1.1.1.1", 1) == "1.1.1.1"
    assert address("::ffff:10.0.0.9", "1.1.1.1", 1) == "1.1.1.1"  # IPv4-mapped
    # Not a proxy: its header means nothing.
    assert address("192.0.2.1", "1.1.1.1", 1) == "192.0.2.1"
    assert address("unknown", "1.1.1.1", 1) == "unknown"


def test_proxy_addresses_must_be_addresses():
    with pytest.raises(ConfigError, match="API_RATE_LIMIT_PROXY_ADDRESSES"):
        ratelimit.parse_proxy_networks("API_RATE_LIMIT_PROXY_ADDRESSES", ["nginx"])


@pytest.mark.django_db
def test_off_switches_limits_off(client, limits):
    limits.API_RATE_LIMIT_ANON = None
    for _ in range(5):
        response = client.get("/api/v1/themes/")
        assert response.status_code == 200
        assert "RateLimit-Limit" not in response


@pytest.mark.django_db
def test_cache_down_fails_open_and_logs(client, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "add", broken)
    with caplog.at_level(logging.WARNING, logger="portal.core.cache_safe"):
        for _ in range(5):
            response = client.get("/api/v1/themes/")
            assert response.status_code == 200
            assert "RateLimit-Limit" not in response
    # Logged once, not once per request.
    assert caplog.text.count("cache is unavailable") == 1


def test_counting_is_atomic_per_window():
    rate = Rate(2, 60)
    assert ratelimit.hit("t", rate, now=NOW).count == 1
    assert ratelimit.hit("t", rate, now=NOW + 1).remaining == 0
    assert not ratelimit.hit("t", rate, now=NOW + 2).allowed
    assert ratelimit.hit("t", rate, now=NOW + 60).count == 1
    assert ratelimit.hit("other", rate, now=NOW).count == 1
