"""Notices on the account pages."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def staff_mfa_relaxed() -> bool:
    """True where staff may log in without MFA (the demo): the login page says so."""
    return not settings.PORTAL_STAFF_MFA_REQUIRED
