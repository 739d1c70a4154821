"""The portal's allauth adapter: one client address for every rate limit, throttled logins
answer 429."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from portal.accounts.middleware import LOGIN_THROTTLED_ATTRIBUTE
from portal.core.ratelimit import client_address


class PortalAccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request: HttpRequest) -> str:
        # The API limiter's notion of the client, so that both trust the same proxies.
        return client_address(request, settings.API_RATE_LIMIT_TRUSTED_PROXIES)

    def validation_error(self, code, *args) -> ValidationError:
        if code == "too_many_login_attempts" and context.request is not None:
            # Password and MFA code forms alike; LoginThrottleStatusMiddleware sets the 429.
            setattr(context.request, LOGIN_THROTTLED_ATTRIBUTE, True)
        return super().validation_error(code, *args)
