"""Login hardening around allauth: staff enrol MFA first, throttled logins answer 429.

``StaffMfaRequiredMiddleware`` sends staff without a second factor (TOTP or a security key)
to allauth's MFA enrolment before any other page, when ``PORTAL_STAFF_MFA_REQUIRED`` is on
(production's default; the demo may switch it off and then says so on the login page).
Staff are users with ``is_staff`` or ``is_superuser`` and, on the admin's paths, anyone whom
Wagtail lets into its admin (``wagtailadmin.access_admin``) — checked only there, so that a
citizen's page view costs no permission query.

``LoginThrottleStatusMiddleware`` turns allauth's "too many failed login attempts" form (a
200 by default) into a 429 with ``Retry-After``; ``PortalAccountAdapter.validation_error``
marks the request.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

# The factors that count: recovery codes alone are a fallback, not a second factor.
SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")
# Marks a request whose login attempt allauth refused for too many failures.
LOGIN_THROTTLED_ATTRIBUTE = "_portal_login_throttled"
LOGIN_THROTTLE_RETRY_AFTER_SECONDS = 60


def _exempt_path_pattern() -> re.Pattern[str]:
    """allauth's pages in every language (login, logout, MFA enrolment, reauthentication),
    the uploaded media and the health check: what a staff member needs to enrol."""
    languages = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    media = re.escape(settings.MEDIA_URL)
    return re.compile(rf"^(?:/(?:(?:{languages})/)?accounts/|{media}|/healthz$)")


def user_counts_as_staff(user, *, admin_path: bool) -> bool:
    if user.is_staff or user.is_superuser:
        return True
    return admin_path and user.has_perm("wagtailadmin.access_admin")


def staff_mfa_missing(user, *, admin_path: bool = True) -> bool:
    """A logged-in staff member without a second factor."""
    if not user.is_authenticated or not user_counts_as_staff(user, admin_path=admin_path):
        return False
    return not is_mfa_enabled(user, types=SECOND_FACTORS)


class StaffMfaRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.exempt = _exempt_path_pattern()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.PORTAL_STAFF_MFA_REQUIRED and not self.exempt.match(request.path_info):
            admin_path = request.path_info.startswith(ADMIN_PATH_PREFIXES)
            if staff_mfa_missing(request.user, admin_path=admin_path):
                return self.enrolment_redirect(request)
        return self.get_response(request)

    def enrolment_redirect(self, request: HttpRequest) -> HttpResponse:
        messages.warning(
            request,
            _(
                "Staff accounts need two-factor authentication. Please set up an "
                "authenticator app or a security key before you continue."
            ),
        )
        return HttpResponseRedirect(reverse("mfa_index"))


class LoginThrottleStatusMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, LOGIN_THROTTLED_ATTRIBUTE, False) and response.status_code == 200:
            # The page still shows the form and allauth's message; the status tells clients.
            response.status_code = 429
            response.reason_phrase = "Too Many Requests"
            response["Retry-After"] = str(LOGIN_THROTTLE_RETRY_AFTER_SECONDS)
        return response
