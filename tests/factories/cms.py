"""Factories of portal.cms: pages under a parent, snippets, images and site settings.

Page factories take ``parent=`` (a page); without it each builds the parent its page type
needs (a news item gets a news index under a new home page under the tree's root), so a page
never depends on the demo city's tree. Pages are added with ``parent.add_child`` as Wagtail
requires (``wagtail_factories`` is not a dependency).
"""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Page, Site

from portal.cms.models import (
    ActionFieldPage,
    AlertBanner,
    CaseStudyIndexPage,
    CaseStudyPage,
    EventFormat,
    EventIndexPage,
    EventPage,
    FundingOverviewPage,
    FundingProgramme,
    GlossaryPage,
    GlossaryTerm,
    HomePage,
    LegalPages,
    NewsIndexPage,
    NewsPage,
    Organisation,
    PortalImage,
    PortalRendition,
    ProjectIndexPage,
    ProjectKpi,
    ProjectPage,
    StandardPage,
    StrategyPage,
)


def tree_root() -> Page:
    return Page.get_first_root_node()


class PageFactory(DjangoModelFactory):
    """Base of the page factories: ``parent`` is taken out and the page added under it."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Testseite {n}")
    slug = factory.Sequence(lambda n: f"test-page-{n}")
    parent = factory.LazyFunction(tree_root)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        kwargs.pop("parent", None)
        return model_class(*args, **kwargs)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        parent = kwargs.pop("parent")
        page = model_class(*args, **kwargs)
        return parent.add_child(instance=page)


class HomePageFactory(PageFactory):
    class Meta:
        model = HomePage


def _under(parent_factory: type[PageFactory]) -> factory.SubFactory:
    return factory.SubFactory(parent_factory)


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage

    parent = _under(HomePageFactory)


class StrategyPageFactory(PageFactory):
    class Meta:
        model = StrategyPage

    parent = _under(HomePageFactory)


class ActionFieldPageFactory(PageFactory):
    class Meta:
        model = ActionFieldPage

    parent = _under(StrategyPageFactory)


class ProjectIndexPageFactory(PageFactory):
    class Meta:
        model = ProjectIndexPage

    parent = _under(HomePageFactory)


class ProjectPageFactory(PageFactory):
    class Meta:
        model = ProjectPage

    parent = _under(ActionFieldPageFactory)


class ProjectKpiFactory(DjangoModelFactory):
    class Meta:
        model = ProjectKpi

    page = factory.SubFactory(ProjectPageFactory)
    name = factory.Sequence(lambda n: f"Test KPI {n}")
    unit = "%"
    baseline = 10.0
    target = 50.0


class NewsIndexPageFactory(PageFactory):
    class Meta:
        model = NewsIndexPage

    parent = _under(HomePageFactory)


class NewsPageFactory(PageFactory):
    class Meta:
        model = NewsPage

    parent = _under(NewsIndexPageFactory)


class EventIndexPageFactory(PageFactory):
    class Meta:
        model = EventIndexPage

    parent = _under(HomePageFactory)


class EventPageFactory(PageFactory):
    """An event a week from now, two hours long."""

    class Meta:
        model = EventPage

    parent = _under(EventIndexPageFactory)
    format = EventFormat.WORKSHOP
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    end = factory.LazyAttribute(lambda event: event.start + timedelta(hours=2))
    location_name = "Rathaus, Saal 1"


class CaseStudyIndexPageFactory(PageFactory):
    class Meta:
        model = CaseStudyIndexPage

    parent = _under(HomePageFactory)


class CaseStudyPageFactory(PageFactory):
    class Meta:
        model = CaseStudyPage

    parent = _under(CaseStudyIndexPageFactory)
    city = "Teststadt"


class GlossaryPageFactory(PageFactory):
    class Meta:
        model = GlossaryPage

    parent = _under(HomePageFactory)


class FundingOverviewPageFactory(PageFactory):
    class Meta:
        model = FundingOverviewPage

    parent = _under(HomePageFactory)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Testorganisation {n}")
    kind = Organisation.Kind.ASSOCIATION


class FundingProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = FundingProgramme

    name = factory.Sequence(lambda n: f"Testförderprogramm {n}")
    provider = "Land"


class GlossaryTermFactory(DjangoModelFactory):
    class Meta:
        model = GlossaryTerm

    term = factory.Sequence(lambda n: f"Testbegriff {n}")
    definition = "Ein Begriff für Tests."


class PortalImageFactory(DjangoModelFactory):
    """An image with a small generated file: point MEDIA_ROOT at a temporary directory."""

    class Meta:
        model = PortalImage

    title = factory.Sequence(lambda n: f"Testbild {n}")
    file = factory.django.ImageField(width=32, height=24, color="teal")
    alt_text = "Ein türkises Rechteck."


class PortalRenditionFactory(DjangoModelFactory):
    class Meta:
        model = PortalRendition

    image = factory.SubFactory(PortalImageFactory)
    filter_spec = factory.Sequence(lambda n: f"width-{10 + n}")
    file = factory.django.ImageField(width=16, height=12, color="teal")


class SiteFactory(DjangoModelFactory):
    """A Wagtail site on a home page of its own (site settings belong to a site)."""

    class Meta:
        model = Site

    hostname = factory.Sequence(lambda n: f"site{n}.test")
    port = 80
    root_page = factory.SubFactory(HomePageFactory)
    site_name = factory.Sequence(lambda n: f"Test site {n}")


class LegalPagesFactory(DjangoModelFactory):
    class Meta:
        model = LegalPages

    site = factory.SubFactory(SiteFactory)


class AlertBannerFactory(DjangoModelFactory):
    class Meta:
        model = AlertBanner

    site = factory.SubFactory(SiteFactory)
    active = True
    level = AlertBanner.Level.WARNING
    message = "Testwarnung"
    message_en = "Test warning"
