"""Reads for CMS pages: each list is one query (plus a fixed few), whatever its length."""

from __future__ import annotations

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail.query import PageQuerySet

from portal.cms.models import (
    ActionFieldPage,
    EventPage,
    FundingProgramme,
    NewsPage,
    ProjectPage,
)


def in_language_with_fallback(queryset: PageQuerySet, *, locale: Locale) -> PageQuerySet:
    """Pages in `locale`, plus default-language pages that have no translation into it."""
    default = Locale.get_default()
    if locale.pk == default.pk:
        return queryset.filter(locale=locale)
    translated = Page.objects.filter(locale=locale).values("translation_key")
    return queryset.filter(
        Q(locale=locale) | (Q(locale=default) & ~Q(translation_key__in=translated))
    )


def action_field_list(*, locale: Locale) -> list[ActionFieldPage]:
    return list(
        ActionFieldPage.objects.live()
        .public()
        .filter(locale=locale)
        .order_by("priority_rank", "title")
        .defer_streamfields()
    )


def _projects(
    *, locale: Locale, action_field: ActionFieldPage | None, status: str | None
) -> PageQuerySet:
    projects = in_language_with_fallback(ProjectPage.objects.live().public(), locale=locale)
    if action_field is not None:
        # Projects sit below their action field; match the field in every language version.
        paths = Page.objects.filter(translation_key=action_field.translation_key).values_list(
            "path", flat=True
        )
        condition = Q()
        for path in paths:
            condition |= Q(path__startswith=path)
        projects = projects.filter(condition)
    if status:
        projects = projects.filter(status=status)
    return (
        projects.select_related("locale", "district").defer_streamfields().order_by("title", "pk")
    )


def project_list(
    *,
    locale: Locale,
    action_field: ActionFieldPage | None = None,
    status: str | None = None,
) -> list[ProjectPage]:
    """Projects in the reader's language (German where untranslated), with their field."""
    found = list(_projects(locale=locale, action_field=action_field, status=status))
    _attach_action_fields(found)
    return found


def project_page(
    *,
    locale: Locale,
    number: str | int | None,
    per_page: int,
    action_field: ActionFieldPage | None = None,
    status: str | None = None,
) -> PaginatorPage:
    """One page of `project_list` (a number out of range or not a number: the nearest page),
    read with a count and one slice, whatever the number of projects."""
    projects = _projects(locale=locale, action_field=action_field, status=status)
    page = Paginator(projects, per_page).get_page(number)
    page.object_list = list(page.object_list)
    _attach_action_fields(page.object_list)
    return page


def project_list_featured(*, locale: Locale) -> list[ProjectPage]:
    projects = list(
        ProjectPage.objects.live()
        .public()
        .filter(locale=locale, featured=True)
        .select_related("locale", "district", "listing_image")
        .defer_streamfields()
        .order_by("title")
    )
    _attach_action_fields(projects)
    return projects


def _attach_action_fields(projects: list[ProjectPage]) -> None:
    """Set `project.action_field` from the parent path in one query for the whole list."""
    steplen = Page.steplen
    parent_paths = {project.path[:-steplen] for project in projects}
    parents = {
        page.path: page
        for page in ActionFieldPage.objects.filter(path__in=parent_paths).defer_streamfields()
    }
    for project in projects:
        project.action_field = parents.get(project.path[:-steplen])


def news_list(*, locale: Locale) -> QuerySet[NewsPage]:
    return (
        in_language_with_fallback(NewsPage.objects.live().public(), locale=locale)
        .select_related("locale")
        .defer_streamfields()
        .order_by("-date", "-first_published_at")
    )


def _events(*, locale: Locale) -> QuerySet[EventPage]:
    return (
        in_language_with_fallback(EventPage.objects.live().public(), locale=locale)
        .select_related("locale")
        .defer_streamfields()
    )


def event_list_upcoming(*, locale: Locale) -> QuerySet[EventPage]:
    now = timezone.now()
    upcoming = Q(end__gte=now) | Q(end__isnull=True, start__gte=now)
    return _events(locale=locale).filter(upcoming).order_by("start")


def event_list_past(*, locale: Locale) -> QuerySet[EventPage]:
    now = timezone.now()
    past = Q(end__lt=now) | Q(end__isnull=True, start__lt=now)
    return _events(locale=locale).filter(past).order_by("-start")


def funding_programme_list(*, locale: Locale) -> list[FundingProgramme]:
    """Programmes in the reader's language, each with the projects it funds (two queries)."""
    programmes = list(FundingProgramme.objects.filter(locale=locale).order_by("name"))
    keys = [programme.translation_key for programme in programmes]
    projects = (
        in_language_with_fallback(ProjectPage.objects.live().public(), locale=locale)
        .filter(funding_programme__translation_key__in=keys)
        .select_related("funding_programme")
        .defer_streamfields()
        .order_by("title")
    )
    by_key: dict[object, list[ProjectPage]] = {}
    for project in projects:
        by_key.setdefault(project.funding_programme.translation_key, []).append(project)
    for programme in programmes:
        programme.funded_projects = by_key.get(programme.translation_key, [])
    return programmes
