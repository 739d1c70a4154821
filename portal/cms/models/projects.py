"""Projects (Maßnahmen) and the project map page."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.gis.db import models as gis_models
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from leaflet.forms.widgets import LeafletWidget
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.cms.blocks import MeasurementBlock
from portal.cms.models.pages import PortalPage


class ProjectStatus(models.TextChoices):
    IDEA = "idea", _("idea")
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    STOPPED = "stopped", _("stopped")


class StrategyStep(models.IntegerChoices):
    # The study's four-step model of a Smart-City strategy.
    ANALYSE = 1, _("1 – analyse and define")
    PLAN = 2, _("2 – set goals and plan")
    IMPLEMENT = 3, _("3 – implement")
    EVALUATE = 4, _("4 – evaluate and improve")


class GeoJSONField(APIField):
    """Geometry as a GeoJSON object in Wagtail's page API."""

    def __init__(self, name: str) -> None:
        class GeometrySerializer(serializers.Field):
            def to_representation(self, value: Any) -> Any:
                return json.loads(value.geojson) if value else None

        super().__init__(name, serializer=GeometrySerializer())


class ProjectIndexPage(PortalPage):
    """All projects on a map with filters, and the same content as an accessible list."""

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("project map")


class ProjectPage(PortalPage):
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    strategy_step = models.PositiveSmallIntegerField(
        _("strategy step"), choices=StrategyStep.choices, default=StrategyStep.PLAN
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget in euros"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    funding_programme = models.ForeignKey(
        "cms.FundingProgramme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        verbose_name=_("funding programme"),
    )
    partners = ParentalManyToManyField(
        "cms.Organisation", blank=True, related_name="projects", verbose_name=_("partners")
    )
    department = models.ForeignKey(
        "core.Department",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("responsible department"),
    )
    district = models.ForeignKey(
        "core.District",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("district"),
    )
    location = gis_models.GeometryField(
        _("location or area"),
        srid=4326,
        null=True,
        blank=True,
        help_text=_("A point or an area on the map."),
    )
    featured = models.BooleanField(_("highlight on the home page"), default=False)
    data_collected = models.TextField(_("what data is collected"), blank=True)
    data_purpose = models.TextField(_("why"), blank=True)
    data_retention = models.TextField(_("how long it is kept"), blank=True)
    data_processor = models.TextField(_("who processes it"), blank=True)
    data_hosting = models.TextField(_("where it is hosted"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("strategy_step"),
                FieldPanel("start_date"),
                FieldPanel("end_date"),
                FieldPanel("featured"),
            ],
            heading=_("Status and schedule"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("budget"),
                FieldPanel("funding_programme"),
                FieldPanel("partners"),
                FieldPanel("department"),
            ],
            heading=_("Money and partners"),
        ),
        MultiFieldPanel(
            [FieldPanel("district"), FieldPanel("location", widget=LeafletWidget())],
            heading=_("Place"),
        ),
        FieldPanel("body"),
        InlinePanel("kpi_items", label=_("KPIs")),
        MultiFieldPanel(
            [
                FieldPanel("data_collected"),
                FieldPanel("data_purpose"),
                FieldPanel("data_retention"),
                FieldPanel("data_processor"),
                FieldPanel("data_hosting"),
            ],
            heading=_("Data use"),
        ),
    ]
    search_fields = [
        *PortalPage.search_fields,
        index.FilterField("status"),
        index.FilterField("featured"),
        index.SearchField("data_collected"),
    ]
    api_fields = [
        *PortalPage.api_fields,
        APIField("status"),
        APIField("strategy_step"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("budget"),
        APIField("funding_programme"),
        APIField("partners"),
        GeoJSONField("location"),
        APIField("kpi_items"),
        APIField("data_collected"),
        APIField("data_purpose"),
        APIField("data_retention"),
        APIField("data_processor"),
        APIField("data_hosting"),
    ]
    parent_page_types = ["cms.ActionFieldPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end must not be before the start.")})
        if self.budget is not None and self.budget < 0:
            raise ValidationError({"budget": _("The budget cannot be negative.")})

    @property
    def has_data_use(self) -> bool:
        return any(
            [
                self.data_collected,
                self.data_purpose,
                self.data_retention,
                self.data_processor,
                self.data_hosting,
            ]
        )


class ProjectKpi(Orderable):
    """A KPI of one project: baseline, target and measured values over time."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="kpi_items")
    name = models.CharField(_("name"), max_length=150)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    baseline = models.FloatField(_("baseline"), null=True, blank=True)
    target = models.FloatField(_("target"), null=True, blank=True)
    measurements = StreamField(
        [("measurement", MeasurementBlock())], blank=True, verbose_name=_("actual values")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("unit"),
        FieldPanel("baseline"),
        FieldPanel("target"),
        FieldPanel("measurements"),
    ]
    api_fields = [
        APIField("name"),
        APIField("unit"),
        APIField("baseline"),
        APIField("target"),
        APIField("measurements"),
    ]

    @property
    def latest_value(self) -> float | None:
        values = sorted((block.value["date"], block.value["value"]) for block in self.measurements)
        return values[-1][1] if values else None
