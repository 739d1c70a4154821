"""Admin views: staff with catalogue permissions create and revoke their API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
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
