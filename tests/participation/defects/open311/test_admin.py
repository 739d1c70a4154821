"""The admin's Open311 clients: staff with ``defects.add_open311client`` issue a key, shown
once and stored only as its hash; revoking it locks the client out."""

from __future__ import annotations

import re

import pytest
from defusedxml import ElementTree as SafeET
from django.core.cache import cache

from participation.defects.models import Open311Client
from participation.defects.open311.selectors import open311_client_for_key
from participation.defects.open311.services import open311_client_create
from portal.core import ratelimit
from portal.core.bearer_tokens import token_hash
from portal.core.ratelimit import Rate
from tests.participation.defects.open311.conftest import ROOT

pytestmark = pytest.mark.django_db


def test_client_create_returns_the_key_once_and_stores_its_hash():
    client, key = open311_client_create(name="  App  ", contact_email="dev@example.org")
    assert key.startswith(f"o311_{client.prefix}_")
    assert client.name == "App" and client.secret_hash == token_hash(key)
    assert key not in str(Open311Client.objects.filter(pk=client.pk).values().get())
    assert open311_client_for_key(api_key=key) == client


def test_staff_with_the_permission_create_and_revoke_clients(client, make_persona):
    staff = make_persona(
        "staff",
        permissions=[
            "wagtailadmin.access_admin",
            "defects.add_open311client",
            "defects.change_open311client",
        ],
    )
    client.force_login(staff)
    page = client.get("/admin/open311-clients/")
    assert page.status_code == 200
    response = client.post(
        "/admin/open311-clients/",
        {"name": "Stadtwerke", "contact_email": "it@stadtwerke.example", "may_update": "on"},
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    key = re.search(r'data-testid="new-key">([^<]+)<', response.content.decode())[1]
    created = Open311Client.objects.get(name="Stadtwerke")
    assert created.may_update and open311_client_for_key(api_key=key) == created
    assert key not in client.get("/admin/open311-clients/").content.decode()  # shown once
    client.post(f"/admin/open311-clients/{created.pk}/revoke/")
    assert open311_client_for_key(api_key=key) is None


def test_without_the_permission_the_page_is_refused(client, make_persona):
    staff = make_persona("staff", permissions=["wagtailadmin.access_admin"])
    client.force_login(staff)
    assert client.get("/admin/open311-clients/").status_code in (302, 403)
    assert client.post("/admin/open311-clients/", {"name": "x"}).status_code in (302, 403)
    assert not Open311Client.objects.filter(name="x").exists()


@pytest.mark.parametrize("suffix", ["json", "xml"])
def test_rate_limit_answers_429_in_open311_error_format(client, settings, monkeypatch, suffix):
    cache.clear()
    monkeypatch.setattr(ratelimit, "_now", lambda: 1_800_000_010.0)
    settings.API_RATE_LIMIT_ANON = Rate(2, 60)
    for _ in range(2):
        client.get(f"{ROOT}/services.{suffix}")
    response = client.get(f"{ROOT}/services.{suffix}")
    cache.clear()
    assert response.status_code == 429
    assert response["Retry-After"] == "50"
    if suffix == "json":
        (error,) = response.json()
        assert error["code"] == 429 and "60" in error["description"]
    else:
        root = SafeET.fromstring(response.content)
        assert root.tag == "errors" and root.findtext("error/code") == "429"


def test_each_open311_key_has_its_own_bucket_at_the_token_rate(
    client, world, settings, monkeypatch
):
    """Two back offices behind one address (the city's proxy) do not stop each other, and
    anonymous readers from that address do not use up a key's requests."""
    cache.clear()
    monkeypatch.setattr(ratelimit, "_now", lambda: 1_800_000_010.0)
    settings.API_RATE_LIMIT_ANON = Rate(2, 60)
    settings.API_RATE_LIMIT_TOKEN = Rate(4, 60)
    for _ in range(3):
        client.get(f"{ROOT}/services.json")  # the address's own bucket runs out
    assert client.get(f"{ROOT}/services.json").status_code == 429
    for key in (world.key, world.updater_key):
        answers = [client.get(f"{ROOT}/services.json?api_key={key}") for _ in range(5)]
        assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
        assert answers[0]["RateLimit-Limit"] == "4"
    posted = client.post(f"{ROOT}/services.json", {"api_key": world.key})  # key in the body
    assert posted.status_code == 429
    cache.clear()
