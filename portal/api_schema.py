"""OpenAPI schema scope: the portal's own DRF APIs.

Wagtail's page API (/api/v2/) and its admin API describe themselves differently and are
not DRF-schema friendly, so they are left out of /api/schema/.
"""

from __future__ import annotations

from typing import Any

EXCLUDED_PREFIXES = ("/admin/", "/api/v2/", "/django-admin/")


def exclude_wagtail_endpoints(endpoints: list[tuple[str, Any, str, Any]]) -> list:
    return [endpoint for endpoint in endpoints if not endpoint[0].startswith(EXCLUDED_PREFIXES)]
