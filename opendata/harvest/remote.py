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


def _check_public_address(url: str) -> None:
    """Refuse sources in private, loopback or link-local networks, unless allowed: an editor's
    harvest source must not make the server read the city's internal services."""
    if settings.HARVEST_ALLOW_PRIVATE_HOSTS:
        return
    host = urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return  # unknown host: requests reports it as unreachable
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global:
            raise HarvestFailed(
                _(
                    "The source %(host)s is in a private network (%(address)s); harvesting "
                    "from there is switched off (HARVEST_ALLOW_PRIVATE_HOSTS)."
                )
                % {"host": host, "address": address}
            )


MAX_REDIRECTS = 5


def _get_following_checked_redirects(
    url: str, *, params: dict[str, Any] | None, timeout: int, accept: str
) -> requests.Response:
    """GET, following redirects by hand: every address on the way is checked, so that a
    public source cannot redirect the harvester into the city's internal network."""
    for _hop in range(MAX_REDIRECTS + 1):
        response = requests.get(
            url,
            params=params,
            timeout=(min(CONNECT_TIMEOUT_SECONDS, timeout), timeout),
            headers={"Accept": accept, "User-Agent": user_agent()},
            stream=True,
            allow_redirects=False,
        )
        if not response.is_redirect:
            return response
        location = urljoin(response.url, response.headers["Location"])
        response.close()
        _check_public_address(location)
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
    _check_public_address(url)
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
