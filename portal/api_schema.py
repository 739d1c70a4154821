"""OpenAPI schema scope: the portal's own DRF APIs.

Wagtail's page API (/api/v2/) and its admin API describe themselves differently and are
not DRF-schema friendly, so they are left out of /api/schema/.
"""

from __future__ import annotations

from typing import Any

EXCLUDED_PREFIXES = ("/admin/", "/api/v2/", "/django-admin/")


def exclude_wagtail_endpoints(endpoints: list[tuple[str, Any, str, Any]]) -> list:
    return [endpoint for endpoint in endpoints if not endpoint[0].startswith(EXCLUDED_PREFIXES)]


_RATE_LIMIT_HEADERS = {
    "RateLimit-Limit": ("Requests allowed in the current window.", "integer"),
    "RateLimit-Remaining": ("Requests left in the current window.", "integer"),
    "RateLimit-Reset": ("Seconds until the current window ends.", "integer"),
    "RateLimit-Policy": ("The limit and window, e.g. `600;w=60`.", "string"),
}


def _header(description: str, kind: str) -> dict[str, Any]:
    return {"description": description, "schema": {"type": kind}}


def add_rate_limit_responses(result: dict, generator: Any, request: Any, public: bool) -> dict:
    """Every operation documents the rate-limit headers and its 429 answer."""
    headers = {name: _header(*spec) for name, spec in _RATE_LIMIT_HEADERS.items()}
    too_many = {
        "description": "Rate limit exceeded; try again after `Retry-After` seconds.",
        "headers": {
            **headers,
            "Retry-After": _header("Seconds to wait before the next request.", "integer"),
        },
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {"detail": {"type": "string"}},
                    "required": ["detail"],
                }
            }
        },
    }
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for response in operation["responses"].values():
                response.setdefault("headers", {}).update(headers)
            operation["responses"].setdefault("429", too_many)
    return result
