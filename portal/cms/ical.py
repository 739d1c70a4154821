"""iCalendar (RFC 5545) feed of events, built with the icalendar library."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.http import HttpRequest
from icalendar import Calendar, Event

if TYPE_CHECKING:  # the event models import this module to serve their feed
    from portal.cms.models import EventPage


def events_to_ical(
    events: Iterable[EventPage], *, request: HttpRequest, calendar_name: str
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Smart-City-Portal//Veranstaltungen//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", calendar_name)
    host = request.get_host()
    for page in events:
        event = Event()
        event.add("uid", f"event-{page.pk}@{host}")
        event.add("summary", page.title)
        event.add("dtstart", page.start)
        event.add("dtend", page.effective_end)
        event.add("dtstamp", page.last_published_at or page.start)
        location = ", ".join(part for part in (page.location_name, page.address) if part)
        if location:
            event.add("location", location)
        if page.intro:
            event.add("description", page.intro)
        event.add("url", page.get_full_url(request=request))
        calendar.add_component(event)
    return calendar.to_ical()
