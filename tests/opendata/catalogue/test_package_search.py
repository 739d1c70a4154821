"""package_search: CKAN's search action, as ckanapi and the CKAN and udata harvesters call it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import ckanapi
import pytest
import requests

from opendata.catalogue import services
from opendata.catalogue.models import Dataset, DataTheme, Publisher


@pytest.fixture
def ckan(seeded_live_server):
    return ckanapi.RemoteCKAN(seeded_live_server.url, user_agent="portal-tests/1.0")


def _published():
    return Dataset.objects.published()


def test_search_everything_counts_every_published_dataset(ckan):
    result = ckan.action.package_search(rows=5)
    assert result["count"] == _published().count()
    assert len(result["results"]) == 5
    assert {"id", "name", "resources", "organization", "tags", "groups"} <= set(
        result["results"][0]
    )


def test_free_text_finds_title_and_keywords(ckan):
    result = ckan.action.package_search(q="Ladepunkte", rows=100)
    names = [r["name"] for r in result["results"]]
    assert "ladepunkte" in names
    assert names[0] == "ladepunkte"  # a title match ranks first
    assert result["count"] == len(names)
    for package in result["results"]:
        text = json.dumps(package, ensure_ascii=False).lower()
        assert "ladepunkt" in text


def test_fq_on_common_fields_matches_the_database(ckan):
    transport = set(_published().filter(themes="TRAN").values_list("name", flat=True))
    result = ckan.action.package_search(fq="groups:tran", rows=1000)
    assert {r["name"] for r in result["results"]} == transport
    publisher = Publisher.objects.filter(datasets__state="published").first()
    result = ckan.action.package_search(fq=f"organization:{publisher.name}", rows=1000)
    assert result["count"] == _published().filter(publisher=publisher).count()
    assert {r["organization"]["name"] for r in result["results"]} == {publisher.name}
    not_transport = ckan.action.package_search(fq="-groups:tran", rows=0)
    assert not_transport["count"] == _published().count() - len(transport)
    geojson = ckan.action.package_search(fq="res_format:GeoJSON", rows=1000)
    assert geojson["count"] == _published().filter(distributions__format="GEOJSON").count()
    assert all(any(r["format"] == "GeoJSON" for r in p["resources"]) for p in geojson["results"])


def test_fq_with_or_groups_and_tags(ckan):
    both = ckan.action.package_search(fq="groups:(tran OR envi)", rows=0)["count"]
    tran = ckan.action.package_search(fq="groups:tran", rows=0)["count"]
    envi = ckan.action.package_search(fq="groups:envi", rows=0)["count"]
    overlap = _published().filter(themes="TRAN").filter(themes="ENVI").count()
    assert both == tran + envi - overlap
    package = ckan.action.package_show(id="ladepunkte")
    tag = package["tags"][0]["name"]
    tagged = ckan.action.package_search(fq=f'tags:"{tag}"', rows=1000)
    assert "ladepunkte" in {r["name"] for r in tagged["results"]}
    assert all(tag in {t["name"] for t in r["tags"]} for r in tagged["results"])


def test_facets_count_what_the_filter_would_find(ckan):
    result = ckan.action.package_search(
        q="", rows=0, **{"facet.field": json.dumps(["groups", "res_format", "organization"])}
    )
    groups = {item["name"]: item["count"] for item in result["search_facets"]["groups"]["items"]}
    assert groups == result["facets"]["groups"]
    for code, count in groups.items():
        assert _published().filter(themes=code.upper()).count() == count
        assert ckan.action.package_search(fq=f"groups:{code}", rows=0)["count"] == count
    formats = result["facets"]["res_format"]
    assert formats["CSV"] == _published().filter(distributions__format="CSV").distinct().count()
    limited = ckan.action.package_search(
        rows=0, **{"facet.field": '["organization"]', "facet.limit": 2}
    )
    items = limited["search_facets"]["organization"]["items"]
    assert len(items) == 2
    assert items[0]["count"] >= items[1]["count"]
    mincount = ckan.action.package_search(
        rows=0, **{"facet.field": '["tags"]', "facet.mincount": 3, "facet.limit": -1}
    )
    assert all(item["count"] >= 3 for item in mincount["search_facets"]["tags"]["items"])


def test_paging_and_sorting(ckan):
    by_name = ckan.action.package_search(sort="name asc", rows=1000)["results"]
    names = [r["name"] for r in by_name]
    assert names == sorted(names)
    page = ckan.action.package_search(sort="name asc", rows=7, start=7)["results"]
    assert [r["name"] for r in page] == names[7:14]
    newest = ckan.action.package_search(sort="metadata_modified desc", rows=1000)["results"]
    stamps = [r["metadata_modified"] for r in newest]
    assert stamps == sorted(stamps, reverse=True)


def test_ckan_harvester_request_shape(seeded_live_server):
    """ckanext-harvest's CKAN harvester: GET, rows, start, sort=id asc, fq on metadata_modified,
    paging until an empty page, duplicates removed by id."""
    since = (datetime.now(UTC) - timedelta(days=3650)).strftime("%Y-%m-%dT%H:%M:%S.%f")
    params = {"rows": "10", "start": "0", "sort": "id asc"}
    params["fq"] = f"metadata_modified:[{since}Z TO *]"
    seen: list[str] = []
    while True:
        url = f"{seeded_live_server.url}/api/3/action/package_search?{urlencode(params)}"
        response = requests.get(url, timeout=30, allow_redirects=False)
        assert response.status_code == 200
        page = response.json()["result"]["results"]
        if not page:
            break
        seen.extend(p["id"] for p in page)
        params["start"] = str(int(params["start"]) + int(params["rows"]))
    assert len(seen) == len(set(seen)) == _published().count()
    # The order is by id, stable between pages.
    assert seen == sorted(seen, key=lambda value: _id_order()[value])
    # Nothing changed since tomorrow: an incremental run finds nothing.
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S")
    params = {"rows": "1000", "start": "0", "sort": "id asc"}
    params["fq"] = f"metadata_modified:[{tomorrow}Z TO *]"
    url = f"{seeded_live_server.url}/api/3/action/package_search?{urlencode(params)}"
    assert requests.get(url, timeout=30).json()["result"]["count"] == 0


def _id_order() -> dict[str, int]:
    ids = Dataset.objects.published().order_by("id").values_list("id", flat=True)
    return {str(value): index for index, value in enumerate(ids)}


def test_udata_ckan_harvester_request_shape(seeded_live_server):
    """udata's CKAN backend pages package_search with rows=1000 and reads results/count."""
    url = f"{seeded_live_server.url}/api/3/action/package_search"
    response = requests.get(url, params={"rows": 1000, "start": 0}, timeout=30)
    body = response.json()
    assert body["success"] is True
    assert body["result"]["count"] == len(body["result"]["results"]) == _published().count()
    # POST with a JSON body, as ckanapi and udata's newer backend send it.
    posted = requests.post(url, json={"rows": 1000, "q": "*:*"}, timeout=30).json()
    assert posted["result"]["count"] == body["result"]["count"]


def test_bad_search_input_gets_ckan_errors(ckan, seeded_live_server):
    with pytest.raises(ckanapi.ValidationError) as excinfo:
        ckan.action.package_search(rows=100000)
    assert "rows" in excinfo.value.error_dict
    url = f"{seeded_live_server.url}/api/3/action/package_search"
    for fq in ("groups:(tran", "metadata_modified:[x TO *]", "nosuchfield:1", "groups:"):
        response = requests.get(url, params={"fq": fq}, timeout=30)
        assert response.status_code == 409, fq
        error = response.json()["error"]
        assert error["__type"] == "Search Query Error"
        assert "Search Query is invalid" in error["message"]
    unknown_facet = requests.get(url, params={"facet.field": '["secret"]'}, timeout=30)
    assert unknown_facet.status_code == 409
    bad_sort = requests.get(url, params={"sort": "password desc"}, timeout=30)
    assert bad_sort.status_code == 409
    # Unknown extra parameters are accepted, as CKAN does; no redirects.
    extra = requests.get(
        url, params={"include_private": "true", "foo": "bar"}, timeout=30, allow_redirects=False
    )
    assert extra.status_code == 200


def test_drafts_never_found(ckan, django_db_blocker):
    # Committed, so that the live server's own connection sees it.
    with django_db_blocker.unblock():
        draft = Dataset(
            name="kanarienvogel-entwurf",
            title="Kanarienvogel Entwurf",
            description="Darf nie erscheinen",
            publisher=Publisher.objects.first(),
            contact_name="Team",
            contact_email="team@lindenhafen.example",
        )
        services.dataset_save(dataset=draft)
        draft.themes.set([DataTheme.objects.get(code="TRAN")])
        services.dataset_save(dataset=draft)
    try:
        assert "kanarienvogel" in Dataset.objects.get(pk=draft.pk).search_text
        result = ckan.action.package_search(q="Kanarienvogel", rows=1000)
        assert result["count"] == 0
        everything = ckan.action.package_search(rows=1000, **{"facet.field": '["groups"]'})
        assert "kanarienvogel" not in json.dumps(everything).lower()
        assert ckan.action.package_search(fq="name:kanarienvogel-entwurf")["count"] == 0
    finally:
        with django_db_blocker.unblock():
            draft.delete()


def test_ckanapi_command_line_search_datasets(seeded_live_server, tmp_path):
    """`ckanapi search datasets` pages through package_search with rows=1000."""
    scripts = Path(sys.executable).parent
    environment = dict(os.environ, PATH=f"{scripts}{os.pathsep}{os.environ.get('PATH', '')}")
    output = tmp_path / "found.jsonl"
    subprocess.run(
        [
            str(scripts / "ckanapi"),
            "search",
            "datasets",
            "fq=groups:tran",
            "-r",
            seeded_live_server.url,
            "-O",
            str(output),
        ],
        check=True,
        env=environment,
        timeout=120,
    )
    found = [json.loads(line) for line in output.read_text().splitlines()]
    expected = set(_published().filter(themes="TRAN").values_list("name", flat=True))
    assert {package["name"] for package in found} == expected
    assert all(package["resources"] for package in found)


def test_filter_edge_cases(ckan, seeded_live_server):
    total = _published().count()
    # A negated match-all finds nothing (not everything).
    assert ckan.action.package_search(fq="-organization:*", rows=0)["count"] == 0
    assert ckan.action.package_search(fq="NOT *:*", rows=0)["count"] == 0
    # Solr date math with rounding: everything in the demo changed within the last year.
    recent = ckan.action.package_search(fq="metadata_modified:[NOW/DAY-365DAYS TO NOW]", rows=0)
    assert recent["count"] == total
    future = ckan.action.package_search(fq="metadata_modified:[NOW+1DAY TO *]", rows=0)
    assert future["count"] == 0
    # Words with a colon that is not a field stay text; quoted phrases too: a phrase is one
    # term, so it does not find a dataset that holds its words apart ("Nutzung der Ladepunkte").
    words = ckan.action.package_search(q="Ladepunkte Nutzung", rows=1000)
    phrase = ckan.action.package_search(q='"Ladepunkte: Nutzung"', rows=1000)
    assert words["count"] > 0
    assert phrase["count"] == len(phrase["results"]) < words["count"]
    assert {p["name"] for p in phrase["results"]} < {p["name"] for p in words["results"]}
    assert ckan.action.package_search(q="https://example.org", rows=0)["count"] == 0
    # fq and fq_list are each a group of their own.
    tran = ckan.action.package_search(fq="groups:tran", rows=0)["count"]
    both = ckan.action.package_search(
        fq="groups:tran OR groups:envi", fq_list=["organization:nirgendwo"], rows=0
    )
    assert both["count"] == 0
    assert tran > 0
    url = f"{seeded_live_server.url}/api/3/action/package_show"
    assert requests.post(url, json={"id": {"x": 1}}, timeout=30).status_code == 409
    with pytest.raises(ckanapi.errors.CKANAPIError):
        ckan.action.package_search(fq="title:[a TO b]")


def test_text_search_folds_umlauts_and_follows_renamed_publishers(ckan, django_db_blocker):
    with django_db_blocker.unblock():
        dataset = next(d for d in _published() if any(c in d.title for c in "äöü"))
    word = next(w for w in dataset.title.split() if any(c in w for c in "äöü"))
    found = ckan.action.package_search(q=word.upper(), rows=1000)
    assert dataset.name in {r["name"] for r in found["results"]}
    with django_db_blocker.unblock():
        publisher = dataset.publisher
        original = publisher.title
        publisher.title = "Amt für Zählwerke"
        services.publisher_save(publisher=publisher)
        expected = _published().filter(publisher=publisher).count()
    try:
        renamed = ckan.action.package_search(q="ZÄHLWERKE", rows=1000)
        assert renamed["count"] == expected > 0
    finally:
        with django_db_blocker.unblock():
            publisher.title = original
            services.publisher_save(publisher=publisher)


HOSTILE_SEARCHES = [
    ({"fq": "(" * 300 + "name:x" + ")" * 300}, "nests parentheses"),
    ({"fq": "metadata_modified:[NOW+100000YEARS TO *]"}, "out of range"),
    ({"q": "w " * 1200}, "more than 100 words"),
    ({"q": "name:w " * 101}, "more than 100 words"),
    ({"q": "x" * 100_000}, "too long"),
]


@pytest.mark.parametrize(("params", "fragment"), HOSTILE_SEARCHES)
def test_hostile_searches_get_ckan_search_errors_not_500(client, demo_city, params, fragment):
    response = client.get("/api/3/action/package_search", params)
    assert response.status_code == 409
    body = response.json()
    assert body["success"] is False
    assert body["error"]["__type"] == "Search Query Error"
    assert fragment in body["error"]["message"]


def test_a_hundred_words_are_still_searched(client, demo_city):
    response = client.get(
        "/api/3/action/package_search", {"q": " ".join(["ladepunkte"] * 100), "sort": "score desc"}
    )
    assert response.status_code == 200
    assert response.json()["result"]["count"] >= 1


@pytest.mark.parametrize(
    ("action", "body", "field"),
    [
        ("package_search", b'{"rows": 1e400}', "rows"),
        ("package_search", b'{"start": 1e20}', "start"),
        ("package_search", b'{"facet.limit": -1e400}', "facet.limit"),
        ("package_list", b'{"offset": 999999999999999999999999}', "offset"),
        ("current_package_list_with_resources", b'{"offset": 1e30}', "offset"),
    ],
)
def test_numbers_beyond_any_row_count_are_validation_errors(client, demo_city, action, body, field):
    response = client.post(f"/api/3/action/{action}", body, content_type="application/json")
    assert response.status_code == 409
    assert response.json()["error"]["__type"] == "Validation Error"
    assert field in response.json()["error"]


@pytest.mark.parametrize("action", ["package_search", "package_list", "package_create"])
def test_a_body_nested_beyond_the_json_decoder_is_a_json_error(client, demo_city, action):
    response = client.post(f"/api/3/action/{action}", b"[" * 100_000, "application/json")
    assert response.status_code == 400
    assert response.json()["success"] is False
    assert response.json()["error"]["message"].startswith("Bad request - JSON Error")


def test_a_statement_past_the_timeout_is_a_ckan_error(client, demo_city, monkeypatch):
    """PostgreSQL cancels a statement at the request's statement timeout (SQLSTATE 57014)."""
    from django.db import OperationalError

    from opendata.catalogue import search

    class QueryCanceled(Exception):
        sqlstate = "57014"

    def slow(query):
        raise OperationalError("canceling statement due to statement timeout") from (
            QueryCanceled()
        )

    monkeypatch.setattr(search, "dataset_search", slow)
    response = client.get("/api/3/action/package_search", {"q": "x"})
    assert response.status_code == 409
    assert response.json()["error"] == {
        "__type": "Validation Error",
        "query": ["Query took too long"],
    }
