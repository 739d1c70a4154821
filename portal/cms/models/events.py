"""Events (workshops, information events, Zukunftswerkstätten) with an iCalendar feed."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from portal.cms.ical import events_to_ical
from portal.cms.models.pages import PortalPage


class EventFormat(models.TextChoices):
    WORKSHOP = "workshop", _("workshop")
    INFORMATION_EVENT = "information_event", _("information event")
    FUTURE_WORKSHOP = "future_workshop", _("Zukunftswerkstatt (future workshop)")
    CITIZEN_FORUM = "citizen_forum", _("citizen forum")


class EventIndexPage(RoutablePageMixin, PortalPage):
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event calendar")

    @path("ical/", name="ical")
    def ical(self, request: HttpRequest) -> HttpResponse:
        events = EventPage.objects.child_of(self).live().order_by("start")
        body = events_to_ical(events, request=request, calendar_name=self.title)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="events.ics"'
        return response


class EventPage(PortalPage):
    format = models.CharField(_("format"), max_length=30, choices=EventFormat.choices)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"), null=True, blank=True)
    location_name = models.CharField(_("venue"), max_length=150)
    address = models.CharField(_("address"), max_length=250, blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)
    venue_accessibility = models.TextField(
        _("accessibility of the venue"),
        blank=True,
        help_text=_("Step-free access, hearing loop, sign language, toilets, ..."),
    )

    content_panels = [
        *PortalPage.content_panels[:2],
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldPanel("start"),
                FieldPanel("end"),
                FieldPanel("location_name"),
                FieldPanel("address"),
                FieldPanel("registration_url"),
                FieldPanel("venue_accessibility"),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("location_name"),
        index.FilterField("start"),
    ]
    api_fields = [
        *PortalPage.api_fields,
        APIField("format"),
        APIField("start"),
        APIField("end"),
        APIField("location_name"),
        APIField("address"),
        APIField("registration_url"),
        APIField("venue_accessibility"),
    ]
    parent_page_types = ["cms.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")

    def clean(self) -> None:
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end must not be before the start.")})

    @property
    def effective_end(self):
        return self.end or self.start + timedelta(hours=2)

    @property
    def is_past(self) -> bool:
        return self.effective_end < timezone.now()
