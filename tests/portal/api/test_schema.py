"""The OpenAPI schema documents the catalogue endpoints, tokens and rate limits."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    cache.clear()
    response = client.get("/api/schema/", {"format": "json"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    return response.json()


def test_schema_has_the_catalogue_endpoints_with_tags(schema):
    paths = schema["paths"]
    for path in (
        "/api/v1/datasets/",
        "/api/v1/datasets/{name}/",
        "/api/v1/distributions/",
        "/api/v1/organisations/",
        "/api/v1/themes/",
        "/api/v1/services/",
    ):
        assert path in paths, path
        assert paths[path]["get"]["tags"][0].startswith("Open data")
    assert {"get", "post"} <= set(paths["/api/v1/datasets/"])
    assert "patch" in paths["/api/v1/datasets/{name}/"]
    assert "put" not in paths["/api/v1/datasets/{name}/"]
    parameters = {p["name"] for p in paths["/api/v1/datasets/"]["get"]["parameters"]}
    assert {
        "q",
        "theme",
        "publisher",
        "format",
        "licence",
        "keyword",
        "modified_since",
        "bbox",
        "cursor",
    } <= parameters
    responses = paths["/api/v1/datasets/"]["post"]["responses"]
    assert {"201", "400", "401", "403"} <= set(responses)


def test_schema_documents_tokens_and_rate_limits(schema):
    description = schema["info"]["description"]
    for text in ("RateLimit-Limit", "RateLimit-Policy", "Retry-After", "429", "Bearer"):
        assert text in description
    listing = schema["paths"]["/api/v1/datasets/"]["get"]["responses"]
    assert "Retry-After" in listing["429"]["headers"]
    assert {"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"} <= set(
        listing["200"]["headers"]
    )
    scheme = schema["components"]["securitySchemes"]["apiToken"]
    assert scheme["type"] == "http" and scheme["scheme"] == "bearer"


def test_schema_validates_without_warnings():
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=io.StringIO())


def test_docs_page(client):
    cache.clear()
    assert client.get("/api/docs/").status_code == 200
