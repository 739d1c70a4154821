"""API tokens: only a hash is stored, scopes follow permissions, bad tokens are refused."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone, translation

from portal.accounts.models import ApiToken
from portal.accounts.tokens import (
    TokenInvalid,
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
    scopes_allowed,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def _database_text(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (a fixed table name)
        return repr(cursor.fetchall())


@pytest.fixture(autouse=True)
def _english_messages():
    """Messages are asserted in English, whatever the catalogues translate them to."""
    with translation.override("en"):
        yield


def test_the_secret_is_never_stored(city_admin):
    created = api_token_create(user=city_admin, name="script", scopes=["catalogue:write"])
    secret = created.secret
    assert re.fullmatch(r"sct_[0-9a-f]{12}_[-\w]{43}", secret)
    stored = ApiToken.objects.get(pk=created.token.pk)
    assert stored.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(f"sct_{stored.prefix}_")
    table = _database_text(ApiToken._meta.db_table)
    assert secret not in table
    # The random part (its own alphabet has "_", so split after the marker and the prefix).
    assert secret.split("_", 2)[2] not in table


def test_authenticate_accepts_only_the_exact_live_token(city_admin):
    created = api_token_create(user=city_admin, name="script", scopes=["catalogue:write"])
    token = api_token_authenticate(created.secret)
    assert token.pk == created.token.pk and token.last_used_at is not None
    wrong = created.secret[:-1] + ("A" if created.secret[-1] != "A" else "B")
    for raw in (wrong, "sct_", "nonsense", created.secret.replace("sct_", "abc_")):
        with pytest.raises(TokenInvalid):
            api_token_authenticate(raw)


def test_expired_revoked_and_inactive_tokens_are_refused(city_admin, editor):
    expired = api_token_create(
        user=city_admin,
        name="old",
        scopes=["catalogue:write"],
        expires_at=timezone.now() - timedelta(seconds=1),
    )
    with pytest.raises(TokenInvalid, match="expired"):
        api_token_authenticate(expired.secret)
    revoked = api_token_create(user=city_admin, name="gone", scopes=["catalogue:write"])
    first = api_token_revoke(token=revoked.token).revoked_at
    assert api_token_revoke(token=revoked.token).revoked_at == first  # idempotent
    with pytest.raises(TokenInvalid, match="revoked"):
        api_token_authenticate(revoked.secret)
    live = api_token_create(user=city_admin, name="live", scopes=["catalogue:write"])
    city_admin.is_active = False
    city_admin.save()
    with pytest.raises(TokenInvalid):
        api_token_authenticate(live.secret)


def test_scopes_follow_the_users_permissions(citizen, editor, city_admin):
    assert scopes_allowed(citizen) == []
    assert scopes_allowed(editor) == []
    assert set(scopes_allowed(city_admin)) == {
        "catalogue:write",
        "datastore:write",
        "sensors:lorawan",
    }
    with pytest.raises(ValidationError):
        api_token_create(user=citizen, name="x", scopes=["catalogue:write"])
    with pytest.raises(ValidationError):
        api_token_create(user=city_admin, name="x", scopes=["everything"])


def test_drf_accepts_bearer_and_refuses_bad_tokens_with_401(client, city_admin):
    secret = api_token_create(user=city_admin, name="x", scopes=[]).secret
    assert client.get("/api/v1/themes/", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    bad = client.get("/api/v1/themes/", HTTP_AUTHORIZATION="Bearer sct_000000000000_nope")
    assert bad.status_code == 401
    assert bad["WWW-Authenticate"].startswith("Bearer")
    assert "detail" in bad.json()
    # Other schemes are not ours: the read stays anonymous.
    basic = client.get("/api/v1/themes/", HTTP_AUTHORIZATION="Basic dXNlcjpwdw==")
    assert basic.status_code == 200


# --- The admin page ---------------------------------------------------------------------------


def test_staff_with_catalogue_permissions_create_a_token_and_see_it_once(client, city_admin):
    client.force_login(city_admin)
    assert b"/admin/api-tokens/" in client.get("/admin/").content  # in the admin's menu
    page = client.get("/admin/api-tokens/")
    assert page.status_code == 200
    assert b"catalogue:write" in page.content
    response = client.post(
        "/admin/api-tokens/",
        {"name": "Harvester", "scopes": ["catalogue:write"], "expires_in_days": "30"},
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    secret = re.search(rb"sct_[0-9a-f]{12}_[-\w]{43}", response.content).group().decode()
    token = ApiToken.objects.get(user=city_admin, name="Harvester")
    assert token.scopes == ["catalogue:write"]
    assert 29 <= (token.expires_at - timezone.now()).days <= 30
    assert api_token_authenticate(secret).pk == token.pk
    again = client.get("/admin/api-tokens/")
    assert secret.encode() not in again.content
    assert token.prefix.encode() in again.content


def test_revoking_in_the_admin(client, city_admin, personas):
    client.force_login(city_admin)
    own = api_token_create(user=city_admin, name="mine", scopes=["catalogue:write"])
    response = client.post(f"/admin/api-tokens/{own.token.pk}/revoke/")
    assert response.status_code == 302
    own.token.refresh_from_db()
    assert own.token.revoked
    # Someone else's token cannot be revoked through this page.
    other_user = personas["reviewer"]
    other_user.is_superuser = True
    other_user.save()
    other = api_token_create(user=other_user, name="theirs", scopes=["catalogue:write"])
    assert client.post(f"/admin/api-tokens/{other.token.pk}/revoke/").status_code == 404
    other.token.refresh_from_db()
    assert not other.token.revoked
    assert client.get(f"/admin/api-tokens/{own.token.pk}/revoke/").status_code == 405


def test_the_form_offers_only_allowed_scopes(client, city_admin):
    client.force_login(city_admin)
    response = client.post("/admin/api-tokens/", {"name": "x", "scopes": ["admin:all"]})
    assert response.status_code == 200
    assert not ApiToken.objects.filter(name="x").exists()


@pytest.mark.parametrize("persona", ["citizen", "editor", "moderator"])
def test_others_get_no_token_page(client, personas, persona):
    client.force_login(personas[persona])
    response = client.get("/admin/api-tokens/")
    assert response.status_code in (302, 403)
    response = client.post("/admin/api-tokens/", {"name": "x", "scopes": ["catalogue:write"]})
    assert response.status_code in (302, 403)
    assert not ApiToken.objects.exists()


def test_the_menu_item_is_hidden_without_catalogue_permissions(client, editor):
    client.force_login(editor)
    admin_home = client.get("/admin/")
    assert admin_home.status_code == 200
    assert b"/admin/api-tokens/" not in admin_home.content


def test_anonymous_is_sent_to_login(client):
    response = client.get("/admin/api-tokens/")
    assert response.status_code == 302
