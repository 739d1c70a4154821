"""The page tree: where each page type may live, required fields, translations."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Locale, Page

from portal.cms.models import (
    ActionFieldPage,
    CaseStudyIndexPage,
    CaseStudyPage,
    EventIndexPage,
    EventPage,
    FundingOverviewPage,
    GlossaryPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    ProjectIndexPage,
    ProjectPage,
    StandardPage,
    StrategyPage,
)

EXPECTED_PARENTS = {
    HomePage: {Page},
    StrategyPage: {HomePage},
    ActionFieldPage: {StrategyPage},
    ProjectPage: {ActionFieldPage},
    ProjectIndexPage: {HomePage},
    NewsIndexPage: {HomePage},
    NewsPage: {NewsIndexPage},
    EventIndexPage: {HomePage},
    EventPage: {EventIndexPage},
    CaseStudyIndexPage: {HomePage},
    CaseStudyPage: {CaseStudyIndexPage},
    GlossaryPage: {HomePage},
    FundingOverviewPage: {HomePage},
    StandardPage: {HomePage, StandardPage},
}


@pytest.mark.parametrize(("page_class", "parents"), EXPECTED_PARENTS.items())
def test_allowed_parents(page_class, parents):
    assert set(page_class.allowed_parent_page_models()) == parents


@pytest.mark.parametrize(
    ("page_class", "children"),
    [
        (ActionFieldPage, {ProjectPage}),
        (ProjectPage, set()),
        (NewsPage, set()),
        (EventPage, set()),
        (StrategyPage, {ActionFieldPage}),
    ],
)
def test_allowed_children(page_class, children):
    assert set(page_class.allowed_subpage_models()) == children


def test_singleton_index_pages_cannot_be_added_twice(demo_city):
    home = HomePage.objects.get(locale__language_code="de")
    for page_class in (StrategyPage, ProjectIndexPage, NewsIndexPage, EventIndexPage):
        assert not page_class.can_create_at(home), page_class


def test_project_end_before_start_names_the_field(demo_city):
    project = ProjectPage.objects.filter(locale__language_code="de").first()
    project.end_date = project.start_date.replace(year=project.start_date.year - 1)
    with pytest.raises(ValidationError) as excinfo:
        project.full_clean()
    assert "end_date" in excinfo.value.message_dict


def test_event_needs_start_and_venue(demo_city):
    event = EventPage(title="Forum", slug="forum", format="citizen_forum")
    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()
    assert {"start", "location_name"} <= set(excinfo.value.message_dict)


def test_event_end_before_start_names_the_field(demo_city):
    event = EventPage.objects.filter(locale__language_code="de").first()
    event.end = event.start - timezone.timedelta(hours=1)
    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()
    assert "end" in excinfo.value.message_dict


def test_every_demo_page_exists_in_german_and_english(demo_city):
    de, en = Locale.objects.get(language_code="de"), Locale.objects.get(language_code="en")
    german = Page.objects.filter(locale=de, depth__gte=2).live()
    assert german.count() > 40
    for page in german:
        translation = page.get_translation_or_none(en)
        assert translation is not None and translation.live, page
        assert translation.title, page


def test_demo_has_the_studys_action_fields_and_projects(demo_city):
    de = Locale.objects.get(language_code="de")
    assert ActionFieldPage.objects.filter(locale=de).count() >= 12
    assert ProjectPage.objects.filter(locale=de).count() >= 14
    assert ProjectPage.objects.filter(locale=de, location__isnull=False).count() >= 14
    assert set(ProjectPage.objects.values_list("status", flat=True)) >= {
        "planned",
        "in_progress",
        "done",
    }
