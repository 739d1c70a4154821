"""The catalogue's REST API under /api/v1/: reads, filters, pagination, GeoJSON, writes."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.contrib.gis.geos import MultiPolygon, Polygon
from django.core.cache import cache
from django.utils import timezone

from opendata.catalogue import services
from opendata.catalogue.models import (
    DataService,
    Dataset,
    DatasetRecordChange,
    Distribution,
    Publisher,
)
from portal.accounts.tokens import api_token_create, api_token_revoke

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def _all_pages(client, url: str, **params) -> list[dict]:
    results, page = [], client.get(url, params).json()
    results += page["results"]
    while page["next"]:
        page = client.get(page["next"]).json()
        results += page["results"]
    return results


def _names(client, **params) -> list[str]:
    return [d["name"] for d in _all_pages(client, "/api/v1/datasets/", **params)]


@pytest.fixture
def draft_canary(demo_city):
    dataset = Dataset(
        name="rest-draft-canary",
        title="REST-DRAFT-CANARY",
        description="Geheim",
        publisher=Publisher.objects.get(name="stadtwerke"),
        contact_name="x",
        contact_email="x@lindenhafen.example",
    )
    services.dataset_save(dataset=dataset)
    dataset.themes.set(["TRAN"])
    services.dataset_save(dataset=dataset)
    dataset.distributions.create(
        title="CANARY-DIST", url="https://canary.example/a.csv", format="CSV", licence="cc-zero"
    )
    services.dataset_save(dataset=dataset)  # commits the cluster's distributions
    assert Distribution.objects.filter(title="CANARY-DIST").exists()
    return dataset


@pytest.fixture
def elsewhere(demo_city):
    """A published dataset whose area lies far from the demo city (in Hamburg)."""
    dataset = Dataset(
        name="rest-anderswo",
        state=Dataset.State.PUBLISHED,
        title="Anderswo",
        description="Weit weg",
        publisher=Publisher.objects.get(name="stadtwerke"),
        contact_name="x",
        contact_email="x@lindenhafen.example",
        spatial=MultiPolygon(Polygon.from_bbox((9.9, 53.5, 10.1, 53.6)), srid=4326),
        licence="cc-by/4.0",
    )
    services.dataset_save(dataset=dataset)
    dataset.themes.set(["HEAL"])
    dataset.keywords.add("Fernweh")
    services.dataset_save(dataset=dataset)
    dataset.distributions.create(
        title="PDF", url="https://anderswo.example/a.pdf", format="PDF", licence="cc-by/4.0"
    )
    services.dataset_save(dataset=dataset)
    return dataset


def test_list_has_exactly_the_published_datasets_in_cursor_pages(client, demo_city):
    first = client.get("/api/v1/datasets/", {"page_size": 7})
    assert first.status_code == 200
    body = first.json()
    assert len(body["results"]) == 7
    assert "cursor=" in body["next"] and body["previous"] is None
    names = _names(client, page_size=7)
    assert names == sorted(Dataset.objects.published().values_list("name", flat=True))
    assert len(names) == len(set(names))


def test_drafts_never_appear(client, draft_canary):
    listing = json.dumps(_all_pages(client, "/api/v1/datasets/", page_size=500))
    assert "REST-DRAFT-CANARY" not in listing
    assert client.get("/api/v1/datasets/rest-draft-canary/").status_code == 404
    distributions = json.dumps(_all_pages(client, "/api/v1/distributions/", page_size=500))
    assert "CANARY-DIST" not in distributions
    canary_dist = draft_canary.distributions.get()
    assert client.get(f"/api/v1/distributions/{canary_dist.id}/").status_code == 404
    listed_services = json.dumps(client.get("/api/v1/services/").json())
    assert "rest-draft-canary" not in listed_services


def test_detail_by_name_with_geojson_spatial_and_distributions(client, demo_city):
    dataset = Dataset.objects.published().get(name="ladepunkte")
    body = client.get("/api/v1/datasets/ladepunkte/").json()
    assert body["title"] == dataset.title
    assert body["publisher"]["name"] == dataset.publisher.name
    assert body["themes"] == dataset.theme_codes
    assert body["keywords"] == dataset.keyword_names
    assert body["spatial"]["type"] == "MultiPolygon"
    ring = body["spatial"]["coordinates"][0][0]
    assert ring[0] == ring[-1] and 8 < ring[0][0] < 9.5 and 50 < ring[0][1] < 51.5
    assert {d["format"] for d in body["distributions"]} == {"CSV", "GEOJSON"}
    assert all(d["download_url"].startswith("http") for d in body["distributions"])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"theme": "HEAL"}, lambda names: "rest-anderswo" in names),
        ({"theme": "TRAN"}, lambda names: "rest-anderswo" not in names and "ladepunkte" in names),
        ({"keyword": "fernweh"}, lambda names: names == ["rest-anderswo"]),
        ({"format": "PDF"}, lambda names: "rest-anderswo" in names and "ladepunkte" not in names),
        ({"licence": "cc-by/4.0"}, lambda names: names == ["rest-anderswo"]),
        ({"q": "weit"}, lambda names: names == ["rest-anderswo"]),
        ({"bbox": "9.8,53.4,10.2,53.7"}, lambda names: names == ["rest-anderswo"]),
        (
            {"bbox": "8.0,50.5,9.5,51.5"},
            lambda names: "ladepunkte" in names and "rest-anderswo" not in names,
        ),
        ({"theme": "TRAN", "publisher": "nobody"}, lambda names: names == []),
    ],
)
def test_filters(client, elsewhere, params, expected):
    names = _names(client, **params, page_size=500)
    assert expected(names), names


def test_filters_match_the_database(client, demo_city):
    tran = _names(client, theme="TRAN", page_size=500)
    assert tran == sorted(
        Dataset.objects.published().filter(themes__code="TRAN").values_list("name", flat=True)
    )
    stadtwerke = _names(client, publisher="stadtwerke", page_size=500)
    assert stadtwerke == sorted(
        Dataset.objects.published()
        .filter(publisher__name="stadtwerke")
        .values_list("name", flat=True)
    )
    # A dataset with two CSV distributions is listed once.
    csv = _names(client, format="CSV", page_size=500)
    assert len(csv) == len(set(csv)) > 0


def test_modified_since(client, demo_city):
    changed = Dataset.objects.published().get(name="ladepunkte")
    changed.version = "2.0"
    services.dataset_save(dataset=changed)
    since = (changed.metadata_modified - timedelta(seconds=1)).isoformat()
    names = _names(client, modified_since=since)
    assert "ladepunkte" in names
    assert len(names) < Dataset.objects.published().count()
    future = (timezone.now() + timedelta(days=1)).isoformat()
    assert _names(client, modified_since=future) == []


def test_invalid_filters_are_400_naming_the_parameter(client, demo_city):
    response = client.get("/api/v1/datasets/", {"bbox": "1,2,3"})
    assert response.status_code == 400 and "bbox" in response.json()
    response = client.get("/api/v1/datasets/", {"theme": "QQQQ"})
    assert response.status_code == 400 and "theme" in response.json()
    response = client.get("/api/v1/datasets/", {"modified_since": "gestern"})
    assert response.status_code == 400 and "modified_since" in response.json()


def test_list_queries_do_not_grow_with_the_page_size(
    client, demo_city, django_assert_max_num_queries
):
    client.get("/api/v1/datasets/", {"page_size": 2})  # warm caches (content types, ...)
    with django_assert_max_num_queries(8) as small:
        client.get("/api/v1/datasets/", {"page_size": 2})
    with django_assert_max_num_queries(8) as large:
        body = client.get("/api/v1/datasets/", {"page_size": 40}).json()
    assert len(body["results"]) == 40
    assert len(large.captured_queries) == len(small.captured_queries)
    for url in ("/api/v1/distributions/", "/api/v1/organisations/", "/api/v1/services/"):
        with django_assert_max_num_queries(4):
            assert client.get(url, {"page_size": 100}).status_code == 200


def test_other_endpoints(client, demo_city):
    organisations = _all_pages(client, "/api/v1/organisations/")
    assert {o["name"] for o in organisations} == set(
        Publisher.objects.values_list("name", flat=True)
    )
    assert client.get("/api/v1/organisations/stadtwerke/").json()["name"] == "stadtwerke"
    themes = client.get("/api/v1/themes/").json()
    assert len(themes) == 13 and themes[0]["uri"].endswith("/AGRI")
    assert client.get("/api/v1/themes/TRAN/").json()["code"] == "TRAN"
    listed_services = _all_pages(client, "/api/v1/services/")
    assert {s["name"] for s in listed_services} == set(
        DataService.objects.filter(is_published=True).values_list("name", flat=True)
    )
    assert all(s["endpoint_url"].startswith("http") for s in listed_services)
    distributions = _all_pages(client, "/api/v1/distributions/", page_size=500)
    assert len(distributions) == Distribution.objects.filter(dataset__state="published").count()
    one = client.get("/api/v1/distributions/", {"dataset__name": "ladepunkte"}).json()
    assert {d["dataset"] for d in one["results"]} == {"ladepunkte"}


# --- Writes ---------------------------------------------------------------------------------


@pytest.fixture
def writer(city_admin):
    return api_token_create(user=city_admin, name="tests", scopes=["catalogue:write"]).secret


def _payload(**overrides):
    payload = {
        "name": "rest-neu",
        "state": "published",
        "title": "Neu über REST",
        "description": "Angelegt über die REST-API",
        "publisher": "stadtwerke",
        "contact_name": "Team Daten",
        "contact_email": "daten@lindenhafen.example",
        "themes": ["tran", "ENVI"],
        "keywords": ["Test", "REST"],
        "licence": "dl-zero-de/2.0",
        "spatial": {
            "type": "Polygon",
            "coordinates": [[[8.6, 50.9], [8.7, 50.9], [8.7, 51.0], [8.6, 51.0], [8.6, 50.9]]],
        },
        "distributions": [
            {"title": "CSV", "url": "https://daten.example/neu.csv", "format": "CSV"},
        ],
    }
    payload.update(overrides)
    return payload


def _post(client, payload, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(
        "/api/v1/datasets/", json.dumps(payload), content_type="application/json", **headers
    )


def _patch(client, name, payload, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.patch(
        f"/api/v1/datasets/{name}/",
        json.dumps(payload),
        content_type="application/json",
        **headers,
    )


def test_create_published_dataset_with_token(client, writer, city_admin):
    response = _post(client, _payload(), writer)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["state"] == "published" and body["themes"] == ["ENVI", "TRAN"]
    assert body["spatial"]["type"] == "MultiPolygon"
    dataset = Dataset.objects.get(name="rest-neu")
    assert dataset.keyword_names == ["REST", "Test"]
    assert dataset.distributions.get().licence == "dl-zero-de/2.0"
    change = DatasetRecordChange.objects.filter(dataset=dataset).first()
    assert change.source == "api" and change.changed_by == city_admin
    assert "rest-neu" in _names(client, page_size=500)


def test_create_published_without_requirements_names_the_fields(client, writer):
    response = _post(client, _payload(themes=[], distributions=[]), writer)
    assert response.status_code == 400
    assert {"themes", "distributions"} <= set(response.json())
    assert not Dataset.objects.filter(name="rest-neu").exists()
    response = _post(client, _payload(contact_email="keine-adresse"), writer)
    assert response.status_code == 400 and "contact_email" in response.json()
    duplicate = _post(client, _payload(name="ladepunkte"), writer)
    assert duplicate.status_code == 400 and "name" in duplicate.json()
    bad_url = _post(client, _payload(distributions=[{"title": "x", "format": "CSV"}]), writer)
    assert bad_url.status_code == 400 and "distributions" in bad_url.json()


def test_draft_then_patch_to_published(client, writer):
    response = _post(client, _payload(state="draft", themes=[], distributions=[]), writer)
    assert response.status_code == 201 and response.json()["state"] == "draft"
    assert "rest-neu" not in _names(client, page_size=500)
    refused = _patch(client, "rest-neu", {"state": "published"}, writer)
    assert refused.status_code == 400 and "themes" in refused.json()
    done = _patch(
        client,
        "rest-neu",
        {
            "state": "published",
            "themes": ["TRAN"],
            "distributions": [{"title": "API", "url": "https://daten.example/", "format": "API"}],
        },
        writer,
    )
    assert done.status_code == 200, done.json()
    assert done.json()["state"] == "published"
    assert Dataset.objects.get(name="rest-neu").title == "Neu über REST"  # untouched by patch
    assert "rest-neu" in _names(client, page_size=500)


def test_writes_need_a_token_with_the_scope(client, city_admin):
    anonymous = _post(client, _payload())
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"].startswith("Bearer")
    no_scope = api_token_create(user=city_admin, name="read", scopes=["datastore:write"])
    assert _post(client, _payload(), no_scope.secret).status_code == 403
    assert _patch(client, "ladepunkte", {"title": "x"}, no_scope.secret).status_code == 403
    assert _patch(client, "ladepunkte", {"title": "x"}).status_code == 401
    assert not Dataset.objects.filter(name="rest-neu").exists()
    assert Dataset.objects.get(name="ladepunkte").title != "x"


def test_expired_and_revoked_tokens_are_401(client, city_admin):
    expired = api_token_create(
        user=city_admin,
        name="old",
        scopes=["catalogue:write"],
        expires_at=timezone.now() - timedelta(seconds=1),
    )
    revoked = api_token_create(user=city_admin, name="gone", scopes=["catalogue:write"])
    api_token_revoke(token=revoked.token)
    for created in (expired, revoked):
        response = _post(client, _payload(), created.secret)
        assert response.status_code == 401
        assert response.json()["detail"]
    assert not Dataset.objects.filter(name="rest-neu").exists()


def test_session_login_is_not_enough_to_write(client, city_admin):
    client.force_login(city_admin)
    assert _post(client, _payload()).status_code in (401, 403)
    assert not Dataset.objects.filter(name="rest-neu").exists()


def test_put_and_delete_are_not_offered(client, writer):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {writer}"}
    assert client.delete("/api/v1/datasets/ladepunkte/", **headers).status_code == 405
    assert (
        client.put(
            "/api/v1/datasets/ladepunkte/", "{}", content_type="application/json", **headers
        ).status_code
        == 405
    )


def test_rest_search_finds_what_package_search_finds(client, demo_city):
    """One engine: the REST q matches the same datasets as CKAN's package_search."""
    for words in ("Ladepunkte", "PARKHÄUSER", "stadtwerke"):
        ckan = client.get("/api/3/action/package_search", {"q": words, "rows": 1000}).json()
        expected = {r["name"] for r in ckan["result"]["results"]}
        found, url = set(), "/api/v1/datasets/"
        params = {"q": words, "page_size": 500}
        while url:
            page = client.get(url, params).json()
            found |= {d["name"] for d in page["results"]}
            url, params = page["next"], None
        assert found == expected, words
        assert expected
