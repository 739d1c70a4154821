"""API tokens are checked anew on every request: a token revoked, or whose user lost a
permission, is refused on its very next request, in each API's own error format."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache

from portal.accounts.models import ApiToken
from portal.accounts.tokens import api_token_create, api_token_revoke

pytestmark = pytest.mark.django_db

WRITE_PERMISSIONS = ["catalogue.add_dataset", "catalogue.change_dataset"]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def writer(demo_city, make_persona):
    return make_persona("staff", permissions=WRITE_PERMISSIONS)


def _dataset(name: str) -> dict:
    return {
        "name": name,
        "state": "draft",
        "title": "Token-Test",
        "description": "Angelegt von einem Token-Test",
        "publisher": "stadtwerke",
        "contact_name": "Team Daten",
        "contact_email": "daten@lindenhafen.example",
    }


def _rest_create(client, secret: str, name: str):
    return client.post(
        "/api/v1/datasets/",
        json.dumps(_dataset(name)),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )


def _ckan_create(client, secret: str, name: str):
    body = {
        "name": name,
        "title": "Token-Test",
        "notes": "Angelegt von einem Token-Test",
        "owner_org": "stadtwerke",
        "private": True,
        "maintainer": "Team Daten",
        "maintainer_email": "daten@lindenhafen.example",
    }
    return client.post(
        "/api/3/action/package_create",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=secret,
    )


def _lose_permission(user, dotted: str) -> None:
    app_label, codename = dotted.split(".")
    user.user_permissions.remove(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
    )


def test_rest_a_revoked_token_is_refused_on_its_next_request(client, writer):
    created = api_token_create(user=writer, name="rest", scopes=["catalogue:write"])
    assert _rest_create(client, created.secret, "token-rest-1").status_code == 201
    api_token_revoke(token=ApiToken.objects.get(pk=created.token.pk))
    response = _rest_create(client, created.secret, "token-rest-2")
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"] or "widerrufen" in response.json()["detail"]


def test_ckan_a_revoked_token_is_refused_on_its_next_request(client, writer):
    created = api_token_create(user=writer, name="ckan", scopes=["catalogue:write"])
    first = _ckan_create(client, created.secret, "token-ckan-1")
    assert first.status_code == 200, first.content
    api_token_revoke(token=ApiToken.objects.get(pk=created.token.pk))
    response = _ckan_create(client, created.secret, "token-ckan-2")
    assert response.status_code == 401
    body = response.json()
    assert body["success"] is False and body["error"]["__type"] == "Authorization Error"


@pytest.mark.parametrize("lost", WRITE_PERMISSIONS)
def test_rest_a_token_whose_user_lost_a_permission_gets_403(client, writer, lost):
    created = api_token_create(user=writer, name="rest", scopes=["catalogue:write"])
    assert _rest_create(client, created.secret, "token-rest-1").status_code == 201
    _lose_permission(writer, lost)
    response = _rest_create(client, created.secret, "token-rest-2")
    assert response.status_code == 403
    assert "detail" in response.json()


@pytest.mark.parametrize("lost", WRITE_PERMISSIONS)
def test_ckan_a_token_whose_user_lost_a_permission_gets_403(client, writer, lost):
    created = api_token_create(user=writer, name="ckan", scopes=["catalogue:write"])
    assert _ckan_create(client, created.secret, "token-ckan-1").status_code == 200
    _lose_permission(writer, lost)
    response = _ckan_create(client, created.secret, "token-ckan-2")
    assert response.status_code == 403
    body = response.json()
    assert body["success"] is False and body["error"]["__type"] == "Authorization Error"


def test_a_deactivated_user_s_token_is_refused_on_its_next_request(client, writer):
    created = api_token_create(user=writer, name="rest", scopes=["catalogue:write"])
    assert _rest_create(client, created.secret, "token-rest-1").status_code == 201
    writer.is_active = False
    writer.save(update_fields=["is_active"])
    assert _rest_create(client, created.secret, "token-rest-2").status_code == 401
