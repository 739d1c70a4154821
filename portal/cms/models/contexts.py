"""The lists a page shows beside its own fields (projects, news, events...).

Wagtail pages serve themselves, but the selectors that read those lists import the page
models; so a page asks this registry, which ``CmsConfig.ready()`` fills from
``portal.cms.page_contexts``, and the models never import the selectors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

PageContext = Callable[[Any, HttpRequest], dict[str, Any]]

_providers: dict[type, PageContext] = {}


def page_context_register(page_class: type, provider: PageContext) -> None:
    _providers[page_class] = provider


def page_context(page: Any, request: HttpRequest) -> dict[str, Any]:
    """What the page's registered provider adds to its template context (nothing if none)."""
    provider = _providers.get(type(page))
    return provider(page, request) if provider is not None else {}
