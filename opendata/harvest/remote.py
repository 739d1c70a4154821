"""Fetching from harvest sources: every network failure becomes one clear ``HarvestFailed``."""

from __future__ import annotations

import ipaddress
import socket
import time
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings
from django.utils.translation import gettext as _
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ReadTimeoutError

# Connecting should be quick; the read timeout is the source's own setting.
CONNECT_TIMEOUT_SECONDS = 10
# One answer larger than this is refused rather than read into memory.
MAX_RESPONSE_BYTES = 100 * 1024 * 1024


class HarvestFailed(Exception):
    """The whole job fails: nothing it did is kept, and the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


DEFAULT_PORTS = {"http": 80, "https": 443}


def _public_address(url: str) -> str:
    """The one address the harvester will connect to for ``url``, resolved once here.

    Sources in private, loopback or link-local networks are refused unless allowed: an
    editor's harvest source must not make the server read the city's internal services.
    Connecting to exactly this address (not resolving the name again) keeps a name that
    answers differently the second time (DNS rebinding) from slipping past the check.
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme not in DEFAULT_PORTS or not host:
        raise HarvestFailed(
            _("Only http and https addresses are harvested (%(url)s).") % {"url": url}
        )
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme]
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError, UnicodeError):
        raise HarvestFailed(
            _("The source could not be reached (%(url)s): %(error)s")
            % {"url": url, "error": "NameResolutionError"}
        ) from None
    addresses = [str(info[4][0]).split("%")[0] for info in infos]
    if not settings.HARVEST_ALLOW_PRIVATE_HOSTS:
        for address in addresses:
            ip = ipaddress.ip_address(address)
            if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
                ip = ip.ipv4_mapped
            if not ip.is_global:
                raise HarvestFailed(
                    _(
                        "The source %(host)s is in a private network (%(address)s); harvesting "
                        "from there is switched off (HARVEST_ALLOW_PRIVATE_HOSTS)."
                    )
                    % {"host": host, "address": address}
                )
    return addresses[0]


class PinnedAddressAdapter(HTTPAdapter):
    """Connects to an address resolved beforehand while speaking to the host by name: the
    Host header, TLS's server name (SNI) and the certificate check all use the name."""

    def __init__(self, *, hostname: str, address: str) -> None:
        super().__init__(max_retries=0)
        self.hostname = hostname
        self.address = address

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(
            request, verify, cert
        )
        if (host_params["host"] or "").lower() != self.hostname.lower():
            # Only the checked host may be asked; redirects get an adapter of their own.
            raise requests.exceptions.InvalidURL(f"not the checked host: {request.url}")
        host_params["host"] = self.address
        if host_params["scheme"] == "https":
            pool_kwargs["server_hostname"] = self.hostname
            pool_kwargs["assert_hostname"] = self.hostname
        return host_params, pool_kwargs

    def add_headers(self, request, **kwargs) -> None:
        request.headers["Host"] = urlsplit(request.url).netloc.rsplit("@", 1)[-1]


def _pinned_get(
    url: str, *, params: dict[str, Any] | None, timeout: int, accept: str
) -> requests.Response:
    """One GET to the address checked for ``url``'s host, redirects not followed."""
    address = _public_address(url)
    # Not closed here: the answer streams from it after this returns.
    session = requests.Session()
    # No proxies, .netrc credentials or CA bundles from the environment: a harvest source is
    # an editor's choice of address and gets nothing of the server's own.
    session.trust_env = False
    adapter = PinnedAddressAdapter(hostname=urlsplit(url).hostname or "", address=address)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session.get(
        url,
        params=params,
        timeout=(min(CONNECT_TIMEOUT_SECONDS, timeout), timeout),
        headers={"Accept": accept, "User-Agent": user_agent()},
        stream=True,
        allow_redirects=False,
    )


MAX_REDIRECTS = 5


def _get_following_checked_redirects(
    url: str, *, params: dict[str, Any] | None, timeout: int, accept: str
) -> requests.Response:
    """GET, following redirects by hand: every address on the way is checked and pinned, so
    that a public source cannot redirect the harvester into the city's internal network."""
    for _hop in range(MAX_REDIRECTS + 1):
        response = _pinned_get(url, params=params, timeout=timeout, accept=accept)
        if not response.is_redirect:
            return response
        location = urljoin(response.url, response.headers["Location"])
        response.close()
        url, params = location, None
    raise HarvestFailed(
        _("The source redirected more than %(count)s times (%(url)s).")
        % {"count": MAX_REDIRECTS, "url": url}
    )


def user_agent() -> str:
    return f"SmartCityPortal-Harvester/1.0 (+{settings.PORTAL_BASE_URL})"


def fetch(
    url: str, *, timeout: int, params: dict[str, Any] | None = None, accept: str = "*/*"
) -> requests.Response:
    """GET ``url``; a timeout, a refused connection or an HTTP error raises HarvestFailed.

    ``timeout`` bounds the whole answer, not only each read: a source that trickles its
    answer slowly fails like one that does not answer.
    """
    deadline = time.monotonic() + timeout
    too_slow = _("The source did not answer within %(seconds)s s (%(url)s).") % {
        "seconds": timeout,
        "url": url,
    }
    try:
        response = _get_following_checked_redirects(
            url, params=params, timeout=timeout, accept=accept
        )
        with response:
            if response.status_code >= 400:
                raise HarvestFailed(
                    _("The source answered with HTTP %(status)s (%(url)s).")
                    % {"status": response.status_code, "url": response.url}
                )
            body = bytearray()
            for chunk in response.iter_content(chunk_size=64 * 1024):
                body.extend(chunk)
                if len(body) > MAX_RESPONSE_BYTES:
                    raise HarvestFailed(
                        _("The source's answer is larger than %(mb)s MB (%(url)s).")
                        % {"mb": MAX_RESPONSE_BYTES // (1024 * 1024), "url": url}
                    )
                if time.monotonic() > deadline:
                    raise HarvestFailed(too_slow)
            response._content = bytes(body)
    except requests.Timeout:
        raise HarvestFailed(too_slow) from None
    except requests.ConnectionError as exc:
        # A read timeout while the body streams in arrives as a ConnectionError.
        if any(isinstance(arg, ReadTimeoutError) for arg in exc.args):
            raise HarvestFailed(too_slow) from None
        raise HarvestFailed(
            _("The source could not be reached (%(url)s): %(error)s")
            % {"url": url, "error": exc.__class__.__name__}
        ) from None
    except requests.RequestException as exc:
        raise HarvestFailed(
            _("The request to the source failed (%(url)s): %(error)s") % {"url": url, "error": exc}
        ) from None
    return response
