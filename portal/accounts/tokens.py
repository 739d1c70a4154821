"""API tokens: creation, revocation and the lookup every API shares.

A token reads ``sct_<prefix>_<secret>``. The prefix (12 hex digits) is stored in clear to find
the row; of the whole token only the SHA-256 hash is stored. SHA-256 without a salt or key
stretching suffices here: the secret has 256 bits of entropy, so there is nothing to guess.

Rate limiting (portal.core.ratelimit, through ``api_token_client_identity``), DRF's
authentication class and the CKAN endpoint all call ``api_token_from_request``, which looks
the token up once per request.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.models import ApiToken, User
from portal.core.bearer_tokens import TokenKind, token_hash, token_matches

API_TOKENS = TokenKind(marker="sct_")
# last_used_at is written at most this often per token (one UPDATE, not one per request).
LAST_USED_RESOLUTION = timedelta(minutes=1)

# Which Django permissions a user needs to hold a token with a scope, and to use it.
SCOPE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    ApiToken.Scope.CATALOGUE_WRITE: ("catalogue.add_dataset", "catalogue.change_dataset"),
    ApiToken.Scope.DATASTORE_WRITE: ("catalogue.change_dataset",),
    ApiToken.Scope.SENSORS_LORAWAN: ("sensors.change_device",),
}


class TokenInvalid(Exception):
    """A token was sent but is unknown, malformed, expired, revoked or its user inactive."""


def scopes_allowed(user: User) -> list[str]:
    """The scopes this user may put on a token."""
    if not user.is_active:
        return []
    return [
        scope
        for scope, permissions in SCOPE_PERMISSIONS.items()
        if all(user.has_perm(permission) for permission in permissions)
    ]


def user_may_hold_tokens(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(scopes_allowed(user))


@dataclass(frozen=True)
class CreatedToken:
    token: ApiToken
    secret: str  # the whole token, to show exactly once


def api_token_default_expiry() -> datetime:
    return timezone.now() + timedelta(days=settings.API_TOKEN_DEFAULT_EXPIRY_DAYS)


@transaction.atomic
def api_token_create(
    *, user: User, name: str, scopes: list[str], expires_at: datetime | None = None
) -> CreatedToken:
    """A new token; without ``expires_at`` it expires after API_TOKEN_DEFAULT_EXPIRY_DAYS
    (no token lives forever; its owner is mailed before the end)."""
    allowed = scopes_allowed(user)
    unknown = [scope for scope in scopes if scope not in allowed]
    if unknown:
        from django.core.exceptions import ValidationError

        raise ValidationError({"scopes": [_("Scope not allowed: %s") % ", ".join(unknown)]})
    prefix, raw = API_TOKENS.mint()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=prefix,
        secret_hash=token_hash(raw),
        scopes=sorted(set(scopes)),
        expires_at=expires_at or api_token_default_expiry(),
    )
    return CreatedToken(token=token, secret=raw)


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke once; revoking again keeps the first time (conditional update)."""
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now)
    token.refresh_from_db(fields=["revoked_at"])
    return token


def api_token_authenticate(raw: str) -> ApiToken:
    """The live token for this string, or TokenInvalid."""
    raw = raw.strip()
    prefix = API_TOKENS.prefix_of(raw)
    if prefix is None:
        raise TokenInvalid(_("Invalid token."))
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None or not token_matches(token.secret_hash, raw):
        raise TokenInvalid(_("Invalid token."))
    now = timezone.now()
    if token.revoked:
        raise TokenInvalid(_("The token has been revoked."))
    if token.is_expired(now):
        raise TokenInvalid(_("The token has expired."))
    if not token.user.is_active:
        raise TokenInvalid(_("The token's user is inactive."))
    if token.last_used_at is None or token.last_used_at < now - LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def raw_token_from_request(request: HttpRequest, *, ckan_conventions: bool = True) -> str | None:
    """The token a client sent: ``Authorization: Bearer <token>``, and CKAN's conventions
    ``Authorization: <token>`` and ``X-CKAN-API-Key: <token>``."""
    header = request.META.get("HTTP_AUTHORIZATION", "").strip()
    if header:
        scheme, _sep, rest = header.partition(" ")
        if scheme.lower() == "bearer":
            return rest.strip() or None
        if ckan_conventions and not rest:
            return header
        return None  # Basic, Token, ...: not ours
    if ckan_conventions:
        key = request.META.get("HTTP_X_CKAN_API_KEY", "").strip()
        return key or None
    return None


_UNSET = object()


def api_token_from_request(request: HttpRequest) -> ApiToken | None:
    """The request's token, looked up once per request; TokenInvalid for a bad one.

    All APIs accept the same three headers; an ``Authorization`` header with another scheme
    (e.g. Basic) is left to other authentication.
    """
    cached = getattr(request, "_portal_api_token", _UNSET)
    if cached is _UNSET:
        raw = raw_token_from_request(request)
        if raw is None:
            cached = None
        else:
            try:
                cached = api_token_authenticate(raw)
            except TokenInvalid as exc:
                cached = exc
        request._portal_api_token = cached  # type: ignore[attr-defined]
    if isinstance(cached, TokenInvalid):
        raise cached
    return cached


def api_token_client_identity(request: HttpRequest) -> str | None:
    """The rate limiter's name for the request's token (``token:<id>``); None without a
    valid one (registered with ``portal.core.ratelimit`` by ``AccountsConfig.ready()``)."""
    try:
        token = api_token_from_request(request)
    except TokenInvalid:
        return None  # counted as anonymous; the API itself answers 401
    return None if token is None else f"token:{token.pk}"


# The caller of the current CKAN action (actions receive only their parameters).
_current_token: ContextVar[ApiToken | None] = ContextVar("portal_api_token", default=None)


@contextmanager
def api_caller(token: ApiToken | None) -> Iterator[None]:
    reset = _current_token.set(token)
    try:
        yield
    finally:
        _current_token.reset(reset)


def current_api_token() -> ApiToken | None:
    return _current_token.get()


def token_may(token: ApiToken, scope: str) -> bool:
    """The token has the scope and its user (still) holds the permissions behind it."""
    permissions = SCOPE_PERMISSIONS.get(scope, ())
    return token.has_scope(scope) and all(token.user.has_perm(p) for p in permissions)


__all__ = [
    "CreatedToken",
    "TokenInvalid",
    "api_caller",
    "api_token_authenticate",
    "api_token_client_identity",
    "api_token_create",
    "api_token_default_expiry",
    "api_token_from_request",
    "api_token_revoke",
    "current_api_token",
    "raw_token_from_request",
    "scopes_allowed",
    "token_may",
    "user_may_hold_tokens",
]
