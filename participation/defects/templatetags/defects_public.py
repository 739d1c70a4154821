"""Template helpers of the defect reporter's public pages."""

from __future__ import annotations

from django import template

from participation.defects import selectors
from participation.defects.models import Status

register = template.Library()


@register.simple_tag
def defect_statuses() -> list[Status]:
    """The configured statuses, for the traffic-light legend."""
    return list(selectors.status_list())
