"""What each page type shows beside its own fields, read through the selectors.

Registered in ``CmsConfig.ready()`` with ``portal.cms.models.contexts``; a page's
``get_context`` adds what its provider returns.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page as PaginatorPage
from django.http import HttpRequest

from portal.cms import selectors
from portal.cms.models import (
    ActionFieldPage,
    EventIndexPage,
    FundingOverviewPage,
    HomePage,
    NewsIndexPage,
    ProjectIndexPage,
    StrategyPage,
)
from portal.cms.models.contexts import page_context_register
from portal.cms.models.projects import ProjectStatus

# The project map lists its projects a page at a time (the map shows them all).
PROJECTS_PER_PAGE = 24


def home(page: HomePage, request: HttpRequest) -> dict[str, Any]:
    locale = page.locale
    return {
        "action_fields": selectors.action_field_list(locale=locale)[:6],
        "featured_projects": selectors.project_list_featured(locale=locale)[:4],
        "latest_news": selectors.news_list(locale=locale)[:3],
        "upcoming_events": selectors.event_list_upcoming(locale=locale)[:3],
    }


def strategy(page: StrategyPage, request: HttpRequest) -> dict[str, Any]:
    return {"action_fields": selectors.action_field_list(locale=page.locale)}


def action_field(page: ActionFieldPage, request: HttpRequest) -> dict[str, Any]:
    return {"projects": selectors.project_list(locale=page.locale, action_field=page)}


def news_index(page: NewsIndexPage, request: HttpRequest) -> dict[str, Any]:
    return {"items": selectors.news_list(locale=page.locale)}


def funding_overview(page: FundingOverviewPage, request: HttpRequest) -> dict[str, Any]:
    return {"programmes": selectors.funding_programme_list(locale=page.locale)}


def event_index(page: EventIndexPage, request: HttpRequest) -> dict[str, Any]:
    return {
        "upcoming": selectors.event_list_upcoming(locale=page.locale),
        "past": selectors.event_list_past(locale=page.locale)[:10],
    }


def project_index(page: ProjectIndexPage, request: HttpRequest) -> dict[str, Any]:
    """The project map's list, filtered by action field and status from the query string."""
    action_fields = selectors.action_field_list(locale=page.locale)
    chosen_field = next(
        (f for f in action_fields if f.slug == request.GET.get("handlungsfeld")), None
    )
    status = request.GET.get("status")
    if status not in ProjectStatus.values:
        status = None
    projects = selectors.project_page(
        locale=page.locale,
        action_field=chosen_field,
        status=status,
        number=request.GET.get("page"),
        per_page=PROJECTS_PER_PAGE,
    )
    # Page links keep the filters (and only them) and lead to the list, below the map.
    filters = {"handlungsfeld": chosen_field.slug if chosen_field else None, "status": status}
    query = urlencode({key: value for key, value in filters.items() if value})
    page_url = f"?{query}&page={{}}#project-list" if query else "?page={}#project-list"
    return {
        "action_fields": action_fields,
        "statuses": ProjectStatus.choices,
        "chosen_field": chosen_field,
        "chosen_status": status,
        "projects_page": projects,
        "projects": projects.object_list,
        "page_links": _page_links(projects, page_url),
        "previous_url": page_url.format(projects.previous_page_number())
        if projects.has_previous()
        else None,
        "next_url": page_url.format(projects.next_page_number()) if projects.has_next() else None,
    }


def _page_links(page: PaginatorPage, page_url: str) -> list[dict[str, Any]]:
    """Links to the first, the last and the pages around this one, with gaps between them."""
    last = page.paginator.num_pages
    if last < 2:
        return []
    shown = sorted({1, last, *range(max(1, page.number - 2), min(last, page.number + 2) + 1)})
    links: list[dict[str, Any]] = []
    previous = 0
    for number in shown:
        if number - previous > 1:
            links.append({"gap": True})
        links.append(
            {"number": number, "url": page_url.format(number), "current": number == page.number}
        )
        previous = number
    return links


def register() -> None:
    for page_class, provider in (
        (HomePage, home),
        (StrategyPage, strategy),
        (ActionFieldPage, action_field),
        (NewsIndexPage, news_index),
        (FundingOverviewPage, funding_overview),
        (EventIndexPage, event_index),
        (ProjectIndexPage, project_index),
    ):
        page_context_register(page_class, provider)
