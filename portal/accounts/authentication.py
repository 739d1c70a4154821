"""DRF authentication with the portal's API tokens (``Authorization: Bearer <token>``)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from portal.accounts.models import ApiToken
from portal.accounts.tokens import TokenInvalid, api_token_from_request, token_may


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """Bearer tokens; a bad token is a 401, no token leaves the request anonymous."""

    def authenticate(self, request):
        try:
            token = api_token_from_request(request._request)
        except TokenInvalid as exc:
            raise exceptions.AuthenticationFailed(str(exc)) from None
        if token is None:
            return None
        return (token.user, token)

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "portal.accounts.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "A personal API token (`sct_…`), created by staff under “API tokens” in the "
                "admin. Reading needs no token; writing needs one with the right scope."
            ),
        }


class TokenScopeOrReadOnly(permissions.BasePermission):
    """Anyone may read; writes need an API token with the view's ``required_scope``.

    No token: 401 (NotAuthenticated); a token without the scope, or whose user lacks the
    permissions behind it: 403.
    """

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        token = request.auth
        if not isinstance(token, ApiToken):
            raise exceptions.NotAuthenticated(_("Writing needs an API token."))
        scope = getattr(view, "required_scope", None)
        if scope is None or not token_may(token, scope):
            raise exceptions.PermissionDenied(
                _("The token lacks the scope %(scope)s.") % {"scope": scope}
            )
        return True
