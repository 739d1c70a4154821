"""The portal's allauth adapter: one client address for every rate limit, throttled logins
answer 429, and mails go through the job queue."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from portal.accounts.middleware import LOGIN_THROTTLED_ATTRIBUTE
from portal.accounts.services import account_mail_queue
from portal.core.ratelimit import client_address


class PortalAccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request: HttpRequest) -> str:
        # The API limiter's notion of the client, so that both trust the same proxies.
        return client_address(request, settings.API_RATE_LIMIT_TRUSTED_PROXIES)

    def validation_error(self, code, *args) -> ValidationError:
        request = allauth_context.request
        if code == "too_many_login_attempts" and request is not None:
            # Password and MFA code forms alike; LoginThrottleStatusMiddleware sets the 429.
            setattr(request, LOGIN_THROTTLED_ATTRIBUTE, True)
        return super().validation_error(code, *args)

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Rendered now (the visitor's language, the site's address), sent by a job: a mail
        server that is slow or down never holds up sign-up or password reset."""
        request = allauth_context.request
        mail_context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
        }
        mail_context.update(context)
        account_mail_queue(message=self.render_mail(template_prefix, email, mail_context))
