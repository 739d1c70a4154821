"""Content-Security-Policy on every response: strict on the public site, looser where third
parties need it.

Public pages run only the portal's own script files (no inline script, no eval, no inline
style: ``tests/portal/core/test_csp.py`` keeps the templates so), load images from the portal
and the configured tile server (``MAP_TILE_URL``), and frame only HTTPS pages (the two-click
video embeds editors add, created after the reader's consent). No nonce is needed, since
there is no inline script to allow.

Two areas get their own policy:
- the Wagtail and Django admins (``/admin/``, ``/django-admin/``): Wagtail 8 still renders
  inline scripts and styles and its accessibility checker compiles templates at run time,
  so scripts and styles may be inline and ``eval`` is allowed; images and frames from any
  HTTPS host (avatars, previews of embeds);
- the API docs (``/api/docs/``): Swagger UI starts from an inline script and draws with
  inline styles and ``data:`` images.

A response that already carries the header (a view that knows better) keeps it.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings

HEADER = "Content-Security-Policy"
ADMIN_PREFIXES = ("/admin/", "/django-admin/")
API_DOCS_PREFIXES = ("/api/docs/",)

_COMMON = {
    "default-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'self'",
}


def tile_source(tile_url: str) -> str:
    """The origin of the tile server for img-src (``{s}`` subdomains as a wildcard); empty
    for tiles served by the portal itself."""
    parts = urlsplit(tile_url.replace("{s}", "tile-subdomain"))
    if not parts.scheme or not parts.netloc:
        return ""
    host = parts.netloc.replace("tile-subdomain", "*")
    return f"{parts.scheme}://{host}"


def _header(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in {**_COMMON, **directives}.items())


@lru_cache(maxsize=8)
def policies(tile_url: str) -> dict[str, str]:
    tiles = tile_source(tile_url)
    return {
        "public": _header(
            {
                "script-src": "'self'",
                "style-src": "'self'",
                "img-src": " ".join(filter(None, ["'self'", "data:", tiles])),
                "font-src": "'self'",
                "connect-src": "'self'",
                "media-src": "'self'",
                "frame-src": "'self' https:",
            }
        ),
        "admin": _header(
            {
                "script-src": "'self' 'unsafe-inline' 'unsafe-eval'",
                "style-src": "'self' 'unsafe-inline'",
                "img-src": "'self' data: blob: https:",
                "font-src": "'self' data:",
                "connect-src": "'self'",
                "media-src": "'self' blob:",
                "frame-src": "'self' https:",
            }
        ),
        "api-docs": _header(
            {
                "script-src": "'self' 'unsafe-inline'",
                "style-src": "'self' 'unsafe-inline'",
                "img-src": "'self' data:",
                "connect-src": "'self'",
            }
        ),
    }


def policy_for(path: str) -> str:
    kinds = policies(settings.MAP_TILE_URL)
    if path.startswith(ADMIN_PREFIXES):
        return kinds["admin"]
    if path.startswith(API_DOCS_PREFIXES):
        return kinds["api-docs"]
    return kinds["public"]


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if HEADER not in response:
            response[HEADER] = policy_for(request.path)
        return response
