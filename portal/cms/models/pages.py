"""Editorial pages: home, strategy and action fields, standard pages, the library."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.cms.blocks import (
    RICH_TEXT_FEATURES,
    BodyBlock,
    KeyFiguresBlock,
    KpiBlock,
    ListItemBlock,
    MilestoneBlock,
    StepBlock,
)
from portal.cms.models.contexts import page_context
from portal.cms.models.snippets import GlossaryTerm


class PortalPage(Page):
    """Abstract base: an introduction, a body, a teaser image and the usual index entries."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("One or two sentences."))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    listing_image = models.ForeignKey(
        "cms.PortalImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("teaser image"),
        help_text=_("Shown in lists and when the page is shared."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    promote_panels = [*Page.promote_panels, FieldPanel("listing_image")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("locale_id"),
    ]
    api_fields = [APIField("intro"), APIField("body"), APIField("listing_image")]

    class Meta:
        abstract = True

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self, request))
        return context


class HomePage(PortalPage):
    """Start page: strategy statement, highlights, news, events (later: processes, sensors)."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.StrategyPage",
        "cms.ProjectIndexPage",
        "cms.NewsIndexPage",
        "cms.EventIndexPage",
        "cms.CaseStudyIndexPage",
        "cms.GlossaryPage",
        "cms.FundingOverviewPage",
        "cms.StandardPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


class StandardPage(PortalPage):
    """Imprint, privacy notice, accessibility statement, plain-language pages."""

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class StrategyPage(PortalPage):
    """The Smart-City strategy (Leitbild): definition, goals, the four-step model, timeline."""

    definition = RichTextField(_("definition"), features=RICH_TEXT_FEATURES, blank=True)
    goals = StreamField(ListItemBlock(), blank=True, verbose_name=_("goals"))
    steps = StreamField(
        [("step", StepBlock())], blank=True, max_num=4, verbose_name=_("strategy model")
    )
    steering_group = RichTextField(_("steering group"), features=RICH_TEXT_FEATURES, blank=True)
    timeline = StreamField(
        [("milestone", MilestoneBlock())], blank=True, verbose_name=_("timeline")
    )

    content_panels = [
        *PortalPage.content_panels,
        FieldPanel("definition"),
        FieldPanel("goals"),
        FieldPanel("steps"),
        FieldPanel("steering_group"),
        FieldPanel("timeline"),
    ]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("definition"),
        index.SearchField("goals"),
    ]
    api_fields = [
        *PortalPage.api_fields,
        APIField("definition"),
        APIField("goals"),
        APIField("steps"),
        APIField("steering_group"),
        APIField("timeline"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ActionFieldPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("strategy page")


class ActionFieldPage(PortalPage):
    """An action field (Handlungsfeld) with goals, measures, chances, risks and KPIs."""

    priority_rank = models.PositiveSmallIntegerField(
        _("priority rank"), default=10, help_text=_("1 is the highest priority.")
    )
    goals = StreamField(ListItemBlock(), blank=True, verbose_name=_("goals"))
    measures = StreamField(ListItemBlock(), blank=True, verbose_name=_("measures"))
    opportunities = StreamField(ListItemBlock(), blank=True, verbose_name=_("opportunities"))
    risks = StreamField(ListItemBlock(), blank=True, verbose_name=_("risks"))
    kpis = StreamField([("kpi", KpiBlock())], blank=True, verbose_name=_("KPIs"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("priority_rank"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("goals"), FieldPanel("measures")], heading=_("Goals and measures")
        ),
        MultiFieldPanel(
            [FieldPanel("opportunities"), FieldPanel("risks")],
            heading=_("Opportunities and risks"),
        ),
        FieldPanel("kpis"),
        FieldPanel("body"),
    ]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("goals"),
        index.SearchField("measures"),
        index.FilterField("priority_rank"),
    ]
    api_fields = [
        *PortalPage.api_fields,
        APIField("priority_rank"),
        APIField("goals"),
        APIField("measures"),
        APIField("opportunities"),
        APIField("risks"),
        APIField("kpis"),
    ]
    parent_page_types = ["cms.StrategyPage"]
    subpage_types = ["cms.ProjectPage"]

    class Meta:
        verbose_name = _("action field")
        verbose_name_plural = _("action fields")


class NewsIndexPage(PortalPage):
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")


class NewsPage(PortalPage):
    date = models.DateField(_("date"), default=timezone.localdate)

    content_panels = [
        *PortalPage.content_panels[:1],
        FieldPanel("date"),
        *PortalPage.content_panels[1:],
    ]
    search_fields = [*PortalPage.search_fields, index.FilterField("date")]
    api_fields = [*PortalPage.api_fields, APIField("date")]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news item")
        ordering = ["-date"]


class CaseStudyIndexPage(PortalPage):
    """The best-practice library."""

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.CaseStudyPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("case study library")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["items"] = CaseStudyPage.objects.child_of(self).live().order_by("title")
        return context


class CaseStudyPage(PortalPage):
    city = models.CharField(_("city or region"), max_length=120)
    source = models.CharField(_("source"), max_length=300, blank=True)
    figures = StreamField(
        [("key_figures", KeyFiguresBlock())], blank=True, max_num=1, verbose_name=_("figures")
    )
    lessons = StreamField(ListItemBlock(), blank=True, verbose_name=_("lessons learned"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("city"),
        FieldPanel("intro"),
        FieldPanel("figures"),
        FieldPanel("body"),
        FieldPanel("lessons"),
        FieldPanel("source"),
    ]
    search_fields = [*PortalPage.search_fields, index.SearchField("city")]
    api_fields = [
        *PortalPage.api_fields,
        APIField("city"),
        APIField("source"),
        APIField("figures"),
        APIField("lessons"),
    ]
    parent_page_types = ["cms.CaseStudyIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("case study")


class GlossaryPage(PortalPage):
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("glossary")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["terms"] = GlossaryTerm.objects.filter(locale=self.locale).order_by("term")
        return context


class FundingOverviewPage(PortalPage):
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("funding overview")
