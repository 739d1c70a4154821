"""CKAN write actions with API tokens, driven by ckanapi against the live server."""

from __future__ import annotations

from datetime import timedelta

import ckanapi
import pytest
import requests
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone

from opendata.catalogue import services
from opendata.catalogue.models import Dataset, DatasetRecordChange, Distribution
from opendata.catalogue.public.downloads import distribution_address
from portal.accounts.models import ApiToken, User
from portal.accounts.tokens import api_token_create, api_token_revoke

NAMES = ("ckan-neu", "ckan-entwurf")


@pytest.fixture
def db_access(seeded_live_server, django_db_blocker):
    """The live server shares the database: no per-test rollback, so clean up by name."""
    cache.clear()
    with django_db_blocker.unblock():
        yield
        # Distributions first: deleting them records a change of their dataset.
        Distribution.objects.filter(dataset__name__in=NAMES).delete()
        Dataset.objects.filter(name__in=NAMES).delete()
        DatasetRecordChange.objects.filter(dataset_name__in=NAMES).delete()
        ApiToken.objects.filter(name__startswith="ckan-test").delete()


@pytest.fixture
def admin(db_access):
    return User.objects.get(username="admin")


def _token(user, scopes=("catalogue:write",), **kwargs) -> str:
    return api_token_create(user=user, name="ckan-test", scopes=list(scopes), **kwargs).secret


def _remote(server, token=None):
    return ckanapi.RemoteCKAN(server.url, apikey=token, user_agent="portal-tests/1.0")


def _package(**overrides):
    package = {
        "name": "ckan-neu",
        "title": "Neu über CKAN",
        "notes": "Angelegt mit ckanapi",
        "owner_org": "stadtwerke",
        "maintainer": "Team Daten",
        "maintainer_email": "daten@lindenhafen.example",
        "license_id": "cc-by/4.0",
        "groups": [{"name": "tran"}],
        "tags": [{"name": "ckanapi"}, {"name": "Test"}],
        "resources": [
            {"name": "Daten", "url": "https://daten.example/neu.csv", "format": "csv"},
            {"name": "Karte", "url": "https://daten.example/neu.geojson", "format": "GeoJSON"},
        ],
        "extras": [{"key": "title_en", "value": "New through CKAN"}],
    }
    package.update(overrides)
    return package


def test_package_create_with_a_token(seeded_live_server, admin):
    ckan = _remote(seeded_live_server, _token(admin))
    created = ckan.action.package_create(**_package())
    assert created["name"] == "ckan-neu" and created["state"] == "active"
    assert created["license_id"] == "cc-by/4.0"
    assert [g["name"] for g in created["groups"]] == ["tran"]
    assert {r["format"] for r in created["resources"]} == {"CSV", "GeoJSON"}
    # Visible to everyone, recorded as an API change by the token's user.
    shown = _remote(seeded_live_server).action.package_show(id="ckan-neu")
    assert shown["title"] == "Neu über CKAN"
    dataset = Dataset.objects.get(name="ckan-neu")
    assert dataset.title_en == "New through CKAN"
    assert dataset.keyword_names == ["Test", "ckanapi"]
    change = DatasetRecordChange.objects.filter(dataset=dataset).first()
    assert change.source == "api" and change.changed_by == admin


def test_writes_without_token_or_scope_are_not_authorized(seeded_live_server, admin):
    with pytest.raises(ckanapi.NotAuthorized):
        _remote(seeded_live_server).action.package_create(**_package())
    no_scope = _token(admin, scopes=["datastore:write"])
    with pytest.raises(ckanapi.NotAuthorized):
        _remote(seeded_live_server, no_scope).action.package_create(**_package())
    with pytest.raises(ckanapi.NotAuthorized):
        _remote(seeded_live_server, no_scope).action.package_patch(id="ladepunkte", title="x")
    assert not Dataset.objects.filter(name="ckan-neu").exists()
    url = f"{seeded_live_server.url}/api/3/action/package_create"
    anonymous = requests.post(url, json=_package(), timeout=10)
    assert anonymous.status_code == 401
    assert anonymous.json()["error"]["__type"] == "Authorization Error"
    scoped_out = requests.post(
        url, json=_package(), headers={"Authorization": no_scope}, timeout=10
    )
    assert scoped_out.status_code == 403
    assert scoped_out.json()["success"] is False


def test_scope_needs_the_users_permissions_too(seeded_live_server, admin):
    token = _token(admin)
    admin.is_superuser = False
    admin.save()
    try:
        with pytest.raises(ckanapi.NotAuthorized):
            _remote(seeded_live_server, token).action.package_create(**_package())
    finally:
        admin.is_superuser = True
        admin.save()


@pytest.mark.parametrize("kind", ["unknown", "expired", "revoked"])
def test_bad_tokens_are_401_even_for_reads(seeded_live_server, admin, kind):
    if kind == "unknown":
        token = "sct_000000000000_" + "x" * 43
    elif kind == "expired":
        token = _token(admin, expires_at=timezone.now() - timedelta(minutes=1))
    else:
        created = api_token_create(user=admin, name="ckan-test", scopes=["catalogue:write"])
        api_token_revoke(token=created.token)
        token = created.secret
    for headers in ({"Authorization": token}, {"X-CKAN-API-Key": token}):
        response = requests.get(
            f"{seeded_live_server.url}/api/3/action/package_list", headers=headers, timeout=10
        )
        assert response.status_code == 401
        assert response.json()["error"]["__type"] == "Authorization Error"
    with pytest.raises(ckanapi.NotAuthorized):
        _remote(seeded_live_server, token).action.package_create(**_package())


def test_validation_errors_name_ckan_fields(seeded_live_server, admin):
    ckan = _remote(seeded_live_server, _token(admin))
    with pytest.raises(ckanapi.ValidationError) as excinfo:
        ckan.action.package_create(**_package(resources=[], groups=[]))
    assert {"resources", "groups"} <= set(excinfo.value.error_dict)
    with pytest.raises(ckanapi.ValidationError) as excinfo:
        ckan.action.package_create(**_package(name="ladepunkte", maintainer_email="nope"))
    assert {"name", "maintainer_email"} <= set(excinfo.value.error_dict)
    with pytest.raises(ckanapi.ValidationError) as excinfo:
        ckan.action.package_create(**_package(owner_org="gibt-es-nicht"))
    assert "owner_org" in excinfo.value.error_dict
    with pytest.raises(ckanapi.ValidationError) as excinfo:
        ckan.action.package_create(**_package(resources=[{"name": "x", "format": "CSV"}]))
    assert "resources[0].url" in excinfo.value.error_dict
    assert not Dataset.objects.filter(name="ckan-neu").exists()
    response = requests.post(
        f"{seeded_live_server.url}/api/3/action/package_create",
        json=_package(groups=[]),
        headers={"Authorization": f"Bearer {_token(admin)}"},
        timeout=10,
    )
    assert response.status_code == 409
    assert response.json()["error"]["__type"] == "Validation Error"


def test_draft_then_resource_create_then_patch_to_active(seeded_live_server, admin):
    ckan = _remote(seeded_live_server, _token(admin))
    draft = ckan.action.package_create(**_package(name="ckan-entwurf", resources=[], state="draft"))
    assert draft["state"] == "draft"
    assert "ckan-entwurf" not in _remote(seeded_live_server).action.package_list()
    resource = ckan.action.resource_create(
        package_id=draft["id"], url="https://daten.example/e.csv", format="CSV", name="CSV"
    )
    assert resource["package_id"] == draft["id"] and resource["format"] == "CSV"
    with pytest.raises(ckanapi.ValidationError):
        ckan.action.resource_create(package_id=draft["id"], format="CSV", name="ohne URL")
    with pytest.raises(ckanapi.NotFound):
        ckan.action.resource_create(package_id="gibt-es-nicht", url="https://x.example/a")
    active = ckan.action.package_patch(id="ckan-entwurf", state="active", title="Fertig")
    assert active["state"] == "active" and active["title"] == "Fertig"
    assert active["notes"] == "Angelegt mit ckanapi"  # untouched by the patch
    assert len(active["resources"]) == 1
    assert "ckan-entwurf" in _remote(seeded_live_server).action.package_list()


# --- package_patch with resources: CKAN's update-in-place semantics ---------------------------


@pytest.fixture
def with_upload(seeded_live_server, admin):
    """ckan-neu, published through CKAN, plus an uploaded CSV file as its first resource."""
    ckan = _remote(seeded_live_server, _token(admin))
    ckan.action.package_create(**_package())
    dataset = Dataset.objects.get(name="ckan-neu")
    Distribution.objects.filter(dataset=dataset).update(position=models.F("position") + 1)
    upload = Distribution(
        dataset=dataset,
        title="Hochgeladen",
        description="alt",
        format="CSV",
        licence=dataset.licence,
        position=0,
        byte_size=8,
    )
    upload.file.save("ckan-neu-upload.csv", ContentFile(b"a,b\n1,2\n"), save=False)
    services.distribution_save(distribution=upload)
    yield ckan, upload
    upload.file.storage.delete(upload.file.name)


def test_package_patch_with_shown_resources_updates_them_in_place(with_upload):
    ckan, upload = with_upload
    before = {d.pk: d.file.name for d in Distribution.objects.filter(dataset__name="ckan-neu")}
    # The common ckanapi pattern: show, change one field, patch the resources back.
    package = ckan.action.package_show(id="ckan-neu")
    assert package["resources"][0]["id"] == str(upload.pk)
    assert package["resources"][0]["url"] == distribution_address(upload)
    package["resources"][0]["description"] = "neu"
    patched = ckan.action.package_patch(id="ckan-neu", resources=package["resources"])
    assert [r["id"] for r in patched["resources"]] == [r["id"] for r in package["resources"]]
    assert patched["resources"][0]["description"] == "neu"
    assert patched["resources"][0]["url"] == distribution_address(upload)
    after = {d.pk: d.file.name for d in Distribution.objects.filter(dataset__name="ckan-neu")}
    assert after == before  # same ids, the uploaded file kept
    kept = Distribution.objects.get(pk=upload.pk)
    assert kept.description == "neu" and kept.file.name == upload.file.name
    assert kept.byte_size == 8 and kept.url == ""

    # Without id: created; left out: removed; an id of another dataset is not taken over.
    foreign = Distribution.objects.exclude(dataset__name="ckan-neu").first()
    resources = [
        {"id": str(upload.pk), "name": "Hochgeladen (neu)"},
        {"id": str(foreign.pk), "name": "Fremd", "url": "https://x.example/f.csv", "format": "CSV"},
        {"name": "Neu", "url": "https://daten.example/n.json", "format": "JSON"},
    ]
    patched = ckan.action.package_patch(id="ckan-neu", resources=resources)
    ids = [r["id"] for r in patched["resources"]]
    assert ids[0] == str(upload.pk) and str(foreign.pk) not in ids
    assert [r["name"] for r in patched["resources"]] == ["Hochgeladen (neu)", "Fremd", "Neu"]
    assert Distribution.objects.filter(dataset__name="ckan-neu").count() == 3
    assert Distribution.objects.filter(pk=foreign.pk).exclude(dataset__name="ckan-neu").exists()
    assert Distribution.objects.get(pk=upload.pk).file.name == upload.file.name

    # A kept file must still fit the format it is served as.
    with pytest.raises(ckanapi.ValidationError) as excinfo:
        ckan.action.package_patch(
            id="ckan-neu", resources=[{"id": str(upload.pk), "format": "PDF"}]
        )
    assert "resources[0].format" in excinfo.value.error_dict
    assert Distribution.objects.get(pk=upload.pk).format == "CSV"

    # A new url replaces the stored file.
    resources = [{"id": str(upload.pk), "url": "https://daten.example/extern.csv"}]
    patched = ckan.action.package_patch(id="ckan-neu", resources=resources)
    assert [r["id"] for r in patched["resources"]] == [str(upload.pk)]
    assert patched["resources"][0]["url"] == "https://daten.example/extern.csv"
    assert not Distribution.objects.get(pk=upload.pk).file


def test_package_patch_keeps_a_resource_given_by_its_own_download_address(with_upload):
    ckan, upload = with_upload
    package = ckan.action.package_show(id="ckan-neu")
    resources = [{k: v for k, v in r.items() if k != "id"} for r in package["resources"]]
    patched = ckan.action.package_patch(id="ckan-neu", resources=resources)
    assert patched["resources"][0]["id"] == str(upload.pk)
    assert Distribution.objects.get(pk=upload.pk).file.name == upload.file.name


def test_rest_patch_with_distributions_updates_them_in_place(seeded_live_server, with_upload):
    _ckan, upload = with_upload
    headers = {"Authorization": f"Bearer {_token(_admin())}"}
    address = f"{seeded_live_server.url}/api/v1/datasets/ckan-neu/"
    shown = requests.get(address, timeout=10).json()
    distributions = [
        {"id": d["id"], "title": d["title"], "description": d["description"]}
        for d in shown["distributions"]
    ]
    distributions[0]["description"] = "über REST"
    response = requests.patch(
        address, json={"distributions": distributions}, headers=headers, timeout=10
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert [d["id"] for d in body["distributions"]] == [d["id"] for d in shown["distributions"]]
    assert body["distributions"][0]["description"] == "über REST"
    assert body["distributions"][0]["download_url"] == distribution_address(upload)
    assert Distribution.objects.get(pk=upload.pk).file.name == upload.file.name
    missing = requests.patch(
        address, json={"distributions": [{"title": "ohne"}]}, headers=headers, timeout=10
    )
    assert missing.status_code == 400 and "distributions" in missing.json()


def _admin():
    return User.objects.get(username="admin")


@pytest.mark.parametrize("name", ["package_create", "package_patch", "resource_create"])
def test_write_actions_refuse_get_as_ckan_does(client, city_admin, name):
    """A link or an image tag must not change the catalogue: writes need POST."""
    token = api_token_create(user=city_admin, name="ckan-test", scopes=["catalogue:write"])
    before = Dataset.objects.count()

    response = client.get(
        f"/api/3/action/{name}",
        {"name": "per-get", "id": "ladepunkte", "package_id": "ladepunkte", "title": "GET"},
        HTTP_AUTHORIZATION=token.secret,
    )

    assert response.status_code == 400
    body = response.json()
    assert body["success"] is False
    assert body["error"] == {
        "__type": "Bad request",
        "message": "Bad request - JSON Error: Invalid request. "
        "Please use POST method for your request",
    }
    assert Dataset.objects.count() == before
    assert Dataset.objects.get(name="ladepunkte").title != "GET"


def test_read_actions_still_answer_get(client, demo_city):
    for name, params in [("package_show", {"id": "ladepunkte"}), ("datastore_info", {})]:
        response = client.get(f"/api/3/action/{name}", params)
        assert response.status_code != 400 or "POST" not in response.json()["error"].get(
            "message", ""
        ), name
