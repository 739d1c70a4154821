"""Admin views: staff with catalogue permissions create and revoke their API tokens; the
other login entrances (Django's admin, Wagtail's admin and front-end logins) lead to the
account login."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.accounts.forms import ApiTokenCreateForm
from portal.accounts.models import ApiToken
from portal.accounts.rules import HOLD_TOKENS
from portal.accounts.tokens import (
    api_token_create,
    api_token_revoke,
    scopes_allowed,
)


def _require_token_holder(request: HttpRequest) -> list[str]:
    if not request.user.has_perm(HOLD_TOKENS):
        raise PermissionDenied
    return scopes_allowed(request.user)


def api_token_index(request: HttpRequest) -> HttpResponse:
    """The user's tokens and a form for a new one; a new token's secret is shown only here,
    in the response to the POST that created it (never stored, never shown again)."""
    allowed = _require_token_holder(request)
    secret = None
    if request.method == "POST":
        form = ApiTokenCreateForm(request.POST, allowed_scopes=allowed)
        if form.is_valid():
            created = api_token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                expires_at=form.expires_at(),
            )
            secret = created.secret
            form = ApiTokenCreateForm(allowed_scopes=allowed)
    else:
        form = ApiTokenCreateForm(allowed_scopes=allowed)
    tokens = ApiToken.objects.filter(user=request.user)
    response = TemplateResponse(
        request,
        "accounts/admin/api_tokens.html",
        {
            "page_title": _("API tokens"),
            "header_icon": "key",
            "form": form,
            "tokens": tokens,
            "secret": secret,
        },
    )
    if secret:
        response["Cache-Control"] = "no-store"
    return response


@require_POST
def api_token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require_token_holder(request)
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    api_token_revoke(token=token)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("accounts_api_tokens")


# --- Login entrances other than allauth's ------------------------------------------------------


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def login_entrance(
    *, home: Callable[[], str], may_enter: Callable[[HttpRequest], bool]
) -> Callable[[HttpRequest], HttpResponse]:
    """A login page that takes no password: the account login alone checks passwords, so
    that MFA and its rate limits apply to every login.

    Anonymous visitors go on to the account login (a POST is never read, its password never
    checked); a logged-in user who may enter goes on to ``next`` or ``home``; one who may not
    was sent here for lack of access and gets a 403 instead of a redirect loop.
    """

    def view(request: HttpRequest) -> HttpResponse:
        target = _safe_next(request)
        if request.user.is_authenticated:
            if not may_enter(request):
                raise PermissionDenied
            return HttpResponseRedirect(target or home())
        url = reverse("account_login")
        if target:
            url += "?" + urlencode({"next": target})
        response = HttpResponseRedirect(url)
        if request.method != "GET":
            response.status_code = 303  # the browser fetches the login form, posting nothing
        return response

    return view


django_admin_login = login_entrance(
    home=lambda: reverse("admin:index"), may_enter=admin.site.has_permission
)
wagtail_admin_login = login_entrance(
    home=lambda: reverse("wagtailadmin_home"),
    may_enter=lambda request: request.user.has_perm("wagtailadmin.access_admin"),
)
# Wagtail's front-end login (private pages); a logged-in user sent here lacks the page's group.
frontend_login = login_entrance(home=lambda: "/", may_enter=lambda request: False)
