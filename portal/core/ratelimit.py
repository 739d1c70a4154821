"""Rate limits on the public APIs: fixed-window counters in Django's cache.

Anonymous calls count per client address, calls with a valid API token per token (with a
higher limit), readings of a sensor device per device: a scraper that exhausts its
address's budget never stops a sensor or an API client. Every API response carries the IETF
draft headers ``RateLimit-Limit``, ``RateLimit-Remaining``, ``RateLimit-Reset`` and
``RateLimit-Policy``; over the limit the answer is 429 with ``Retry-After``, in the
convention of the endpoint (CKAN's error envelope under the CKAN Action API, Open311's error
list under ``/open311/``, DRF's ``{"detail": ...}`` elsewhere). When the cache is down the
request passes (fail open) and a warning is logged (``portal.core.cache_safe``).

Settings (from the environment, see portal/settings/base.py):
``API_RATE_LIMIT_ANON``, ``API_RATE_LIMIT_TOKEN`` and ``API_RATE_LIMIT_DEVICE`` as
``<requests>/<seconds>`` or ``off``; ``API_RATE_LIMIT_TRUSTED_PROXIES``: how many reverse
proxies in front of the portal append to ``X-Forwarded-For`` (0: use ``REMOTE_ADDR`` only);
``API_RATE_LIMIT_PROXY_ADDRESSES``: the addresses those proxies connect from (the header is
ignored on a connection from anywhere else).
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from portal.core import cache_safe
from portal.settings.env import ConfigError, env_str

logger = logging.getLogger(__name__)

API_PATH_PREFIXES = ("/api/", "/catalog.", "/dataset/", "/datastore/", "/open311/", "/sta/")
CKAN_PATH_PREFIXES = ("/api/3/action/", "/api/action/")
OPEN311_PATH_PREFIX = "/open311/"


@dataclass(frozen=True)
class Rate:
    requests: int
    seconds: int

    @property
    def policy(self) -> str:
        return f"{self.requests};w={self.seconds}"


def parse_rate(name: str, value: str) -> Rate | None:
    """``600/60`` (requests per seconds) or ``off``; errors name the variable."""
    value = value.strip().lower()
    if value == "off":
        return None
    requests, _sep, seconds = value.partition("/")
    try:
        rate = Rate(int(requests), int(seconds))
    except ValueError:
        raise ConfigError(
            f"{name}={value!r} is not a rate; use <requests>/<seconds> such as 600/60, or off."
        ) from None
    if rate.requests < 1 or rate.seconds < 1:
        raise ConfigError(f"{name}={value!r}: requests and seconds must be at least 1.")
    return rate


def rate_from_env(name: str, default: str) -> Rate | None:
    return parse_rate(name, env_str(name, default))


ProxyNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_proxy_networks(name: str, values: list[str]) -> tuple[ProxyNetwork, ...]:
    """Addresses or networks (``127.0.0.1``, ``10.0.0.0/24``, ``::1``); errors name the variable."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            raise ConfigError(
                f"{name}: {value!r} is no IP address or network (e.g. 127.0.0.1 or 10.0.0.0/24)."
            ) from None
    return tuple(networks)


def _is_proxy(address: str, networks: tuple[ProxyNetwork, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return any(ip in network for network in networks)


def client_address(
    request,
    trusted_proxies: int | None = None,
    *,
    proxy_networks: tuple[ProxyNetwork, ...] | None = None,
) -> str:
    """REMOTE_ADDR; with N trusted proxies, the address the outermost of them saw.

    ``X-Forwarded-For`` is believed only when the direct peer is one of the proxies
    (``API_RATE_LIMIT_PROXY_ADDRESSES``): a client that reaches the application server
    directly cannot pick its own address, and so its own rate-limit bucket.
    """
    from django.conf import settings

    if trusted_proxies is None:
        trusted_proxies = settings.API_RATE_LIMIT_TRUSTED_PROXIES
    if proxy_networks is None:
        proxy_networks = settings.API_RATE_LIMIT_PROXY_ADDRESSES
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    if trusted_proxies <= 0 or not _is_proxy(remote, proxy_networks):
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    # Each trusted proxy appended the address it saw; the nearest proxy is REMOTE_ADDR itself.
    chain = [*forwarded, remote]
    index = len(chain) - 1 - trusted_proxies
    return chain[max(index, 0)]


@dataclass(frozen=True)
class Decision:
    rate: Rate
    count: int
    reset: int  # seconds until the window ends

    @property
    def remaining(self) -> int:
        return max(self.rate.requests - self.count, 0)

    @property
    def allowed(self) -> bool:
        return self.count <= self.rate.requests


def _now() -> float:
    return time.time()


def hit(identity: str, rate: Rate, *, now: float | None = None) -> Decision:
    """Count one request of `identity` in the current fixed window (atomic add + incr).

    Raises when the cache cannot be reached: each caller decides whether its limit fails
    open or closed."""
    cache = cache_safe.strict_cache()
    now = _now() if now is None else now
    window = int(now // rate.seconds)
    key = f"ratelimit:{rate.seconds}:{window}:{identity}"
    timeout = rate.seconds + 5
    cache.add(key, 0, timeout=timeout)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=timeout)
        count = 1
    reset = max(math.ceil((window + 1) * rate.seconds - now), 1)
    return Decision(rate=rate, count=count, reset=reset)


def address_rate_exceeded(request, *, scope: str, rate: Rate) -> int | None:
    """Count one request of this client address under `scope` (a form, a costly page);
    the seconds to wait when over the rate, else None.

    Fails open: a cache outage lets the request through. These limits keep one address from
    flooding staff with messages or a worker with costly pages; during an outage the form's
    own checks still apply, and refusing every citizen would be worse than a short flood.
    """
    if cache_safe.unavailable():
        return None
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    try:
        decision = hit(f"{scope}:{digest}", rate)
    except Exception:
        cache_safe.failure_record(f"rate limit {scope}")
        return None
    return None if decision.allowed else decision.reset


def too_many_page(request, *, wait: int, back: str = ""):
    """429 with Retry-After as a page in the reader's language (for the HTML pages)."""
    from django.shortcuts import render

    response = render(
        request,
        "core/too_many.html",
        {"minutes": max(1, -(-wait // 60)), "back": back},
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


# Names the authenticated API client of a request (e.g. "token:12"), or None.
ClientIdentifier = Callable[[HttpRequest], str | None]
_client_identifiers: list[ClientIdentifier] = []
_rate_settings: dict[ClientIdentifier, str] = {}


def register_client_identifier(
    identifier: ClientIdentifier, *, rate_setting: str = "API_RATE_LIMIT_TOKEN"
) -> ClientIdentifier:
    """Count requests that ``identifier`` recognises per client, at the rate of the setting
    ``rate_setting`` (a ``Rate`` or None for no limit).

    The app that issues credentials registers one in its ``AppConfig.ready()`` (so that the
    core imports no app): accounts for API tokens, sensors for device tokens. An identifier
    returns None for a request without valid credentials of its kind: such a request is
    counted as anonymous, and the API itself answers 401 to a bad credential. The first
    identifier with an answer wins.
    """
    if identifier not in _client_identifiers:
        _client_identifiers.append(identifier)
    _rate_settings[identifier] = rate_setting
    return identifier


def client_identity(request) -> str | None:
    return _client_identity_and_setting(request)[0]


def _client_identity_and_setting(request) -> tuple[str | None, str]:
    for identifier in _client_identifiers:
        identity = identifier(request)
        if identity is not None:
            return identity, _rate_settings.get(identifier, "API_RATE_LIMIT_TOKEN")
    return None, ""


def _identity_and_rate(request, settings) -> tuple[str, Rate | None]:
    identity, rate_setting = _client_identity_and_setting(request)
    if identity is not None:
        return identity, getattr(settings, rate_setting)
    address = client_address(request)
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]  # no raw addresses in keys
    return f"ip:{digest}", settings.API_RATE_LIMIT_ANON


def _too_many(request, decision: Decision):
    from django.http import HttpResponse
    from django.utils.translation import gettext as _

    message = _("Rate limit exceeded: %(requests)d requests per %(seconds)d seconds.") % {
        "requests": decision.rate.requests,
        "seconds": decision.rate.seconds,
    }
    message += " " + _("Try again in %(seconds)d seconds.") % {"seconds": decision.reset}
    if request.path.startswith(CKAN_PATH_PREFIXES):
        name = request.path.rstrip("/").rsplit("/", 1)[-1]
        body = {
            "help": request.build_absolute_uri(f"/api/3/action/help_show?name={name}"),
            "success": False,
            "error": {"__type": "Rate Limit Error", "message": message},
        }
    elif request.path.startswith(OPEN311_PATH_PREFIX):
        return _too_many_open311(request, decision, message)
    else:
        body = {"detail": message}
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=429, content_type="application/json"
    )
    response["Retry-After"] = str(decision.reset)
    return response


def _too_many_open311(request, decision: Decision, message: str):
    """Open311's error list, in XML under ``.xml`` paths, in JSON otherwise."""
    from xml.etree import ElementTree as ET

    from django.http import HttpResponse

    if request.path.endswith(".xml"):
        errors = ET.Element("errors")
        error = ET.SubElement(errors, "error")
        ET.SubElement(error, "code").text = "429"
        ET.SubElement(error, "description").text = message
        body = ET.tostring(errors, encoding="utf-8", xml_declaration=True)
        content_type = "text/xml; charset=utf-8"
    else:
        body = json.dumps([{"code": 429, "description": message}], ensure_ascii=False).encode()
        content_type = "application/json; charset=utf-8"
    response = HttpResponse(body, status=429, content_type=content_type)
    response["Retry-After"] = str(decision.reset)
    return response


class RateLimitMiddleware:
    """Fixed-window rate limits on the API paths (see the module docstring)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PATH_PREFIXES):
            return self.get_response(request)
        from django.conf import settings

        identity, rate = _identity_and_rate(request, settings)
        if rate is None or cache_safe.unavailable():
            return self.get_response(request)
        try:
            decision = hit(identity, rate)
        except Exception:
            # Fail open: during a cache outage the read APIs and sensor ingestion keep
            # answering unthrottled; gunicorn's fixed worker count still bounds the load,
            # and refusing every API call would turn a cache outage into an API outage.
            cache_safe.failure_record("rate limit")
            return self.get_response(request)
        if not decision.allowed:
            response = _too_many(request, decision)
        else:
            response = self.get_response(request)
        response["RateLimit-Limit"] = str(rate.requests)
        response["RateLimit-Remaining"] = str(decision.remaining)
        response["RateLimit-Reset"] = str(decision.reset)
        response["RateLimit-Policy"] = rate.policy
        return response


RATE_LIMIT_DOCS = """
## Rate limits

All API paths (`/api/`, `/catalog.*`, `/dataset/`, `/datastore/`, `/open311/`, `/sta/`) are
rate-limited in fixed windows: anonymous calls per client address, calls with an API token
per token (higher limit), sensor devices per device token. Every response carries the
headers `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (seconds until the window
ends) and `RateLimit-Policy` (e.g. `600;w=60`: 600 requests per 60 seconds). Over the limit
the answer is **429 Too Many Requests** with a `Retry-After` header (seconds); the body is
`{"detail": "..."}` here, CKAN's envelope
`{"success": false, "error": {"__type": "Rate Limit Error", "message": "..."}}` under the
CKAN Action API, and Open311's error list `[{"code": 429, "description": "..."}]` (or
`<errors><error>…` for `.xml`) under `/open311/`. The city sets the limits with
`API_RATE_LIMIT_ANON`, `API_RATE_LIMIT_TOKEN` and `API_RATE_LIMIT_DEVICE`.

## Authentication

Reading is anonymous. Writing needs a personal API token, sent as
`Authorization: Bearer <token>` (the CKAN Action API also takes CKAN's
`Authorization: <token>` and `X-CKAN-API-Key: <token>`). Staff create tokens with scopes
(`catalogue:write`, `datastore:write`) under “API tokens” in the admin. A missing, invalid,
expired or revoked token is answered with 401, a token without the needed scope with 403.
"""
