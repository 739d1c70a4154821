"""The CKAN Action API, driven by ckanapi (the client CKAN users and harvesters script with)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import ckanapi
import pytest

from opendata.catalogue import services
from opendata.catalogue.models import Dataset, Publisher


@pytest.fixture
def ckan(seeded_live_server):
    return ckanapi.RemoteCKAN(seeded_live_server.url, user_agent="portal-tests/1.0")


def test_status_show(ckan):
    status = ckan.action.status_show()
    assert status["site_title"].startswith("Offene Daten")
    assert status["ckan_version"]


def test_package_list_has_exactly_the_published_datasets(ckan):
    names = ckan.action.package_list()
    assert names == sorted(Dataset.objects.published().values_list("name", flat=True))
    assert ckan.action.package_list(limit=5, offset=5) == names[5:10]


def test_package_show_by_name_and_id(ckan):
    dataset = Dataset.objects.published().get(name="ladepunkte")
    by_name = ckan.action.package_show(id="ladepunkte")
    by_id = ckan.action.package_show(id=str(dataset.id))
    assert by_name == by_id
    assert by_name["title"] == dataset.title
    assert by_name["organization"]["name"] == dataset.publisher.name
    assert by_name["license_id"] == dataset.licence
    assert {r["format"] for r in by_name["resources"]} == {"CSV", "GeoJSON"}
    resource = ckan.action.resource_show(id=by_name["resources"][0]["id"])
    assert resource["package_id"] == by_name["id"]


def test_unknown_dataset_and_resource_raise_not_found(ckan):
    with pytest.raises(ckanapi.NotFound):
        ckan.action.package_show(id="gibt-es-nicht")
    with pytest.raises(ckanapi.NotFound):
        ckan.action.resource_show(id="00000000-0000-0000-0000-000000000000")


def test_bad_parameters_are_validation_errors(ckan):
    with pytest.raises(ckanapi.ValidationError) as excinfo:
        ckan.action.package_list(limit=100000)
    assert "limit" in excinfo.value.error_dict
    with pytest.raises(ckanapi.ValidationError):
        ckan.action.package_show()


def test_organizations_and_groups(ckan):
    organizations = ckan.action.organization_list(all_fields=True)
    assert {o["name"] for o in organizations} == set(
        Publisher.objects.values_list("name", flat=True)
    )
    total = sum(o["package_count"] for o in organizations)
    assert total == Dataset.objects.published().count()
    stadtwerke = ckan.action.organization_show(id="stadtwerke", include_datasets=True)
    assert len(stadtwerke["packages"]) == stadtwerke["package_count"] > 0
    groups = ckan.action.group_list()
    assert "tran" in groups
    assert ckan.action.group_show(id="tran")["package_count"] > 0
    assert "dl-by-de/2.0" in {lic["id"] for lic in ckan.action.license_list()}
    assert "Parken" in ckan.action.tag_list()


def test_get_requests_and_unknown_actions(seeded_live_server):
    import requests

    url = f"{seeded_live_server.url}/api/3/action/package_show?id=ladepunkte&extra=ignored"
    response = requests.get(url, timeout=10, allow_redirects=False)
    assert response.status_code == 200 and response.json()["success"] is True
    unknown = requests.get(f"{seeded_live_server.url}/api/3/action/nonsense", timeout=10)
    assert unknown.status_code == 400 and unknown.json()["success"] is False
    broken = requests.post(
        f"{seeded_live_server.url}/api/action/package_list", data=b"{not json", timeout=10
    )
    assert broken.status_code == 400
    assert "JSON" in broken.json()["error"]["message"]


def test_drafts_are_invisible(ckan, django_db_blocker):
    with django_db_blocker.unblock():
        draft = Dataset.objects.create(
            name="entwurf-canary",
            title="DRAFT-CANARY",
            description="x",
            publisher=Publisher.objects.first(),
            contact_name="x",
            contact_email="x@lindenhafen.example",
        )
    try:
        assert "entwurf-canary" not in ckan.action.package_list()
        with pytest.raises(ckanapi.NotFound):
            ckan.action.package_show(id="entwurf-canary")
        listing = ckan.action.current_package_list_with_resources(limit=1000)
        assert "DRAFT-CANARY" not in json.dumps(listing)
    finally:
        with django_db_blocker.unblock():
            draft.delete()


def test_ckanapi_command_line_dumps_all_datasets(seeded_live_server, tmp_path):
    target = tmp_path / "datasets.jsonl"
    scripts = Path(sys.executable).parent
    # ckanapi starts its parallel workers by name, as an installed command line would be.
    env = {**os.environ, "PATH": f"{scripts}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [
            str(scripts / "ckanapi"),
            "dump",
            "datasets",
            "--all",
            "-q",
            "-r",
            seeded_live_server.url,
            "-O",
            str(target),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    dumped = [json.loads(line) for line in target.read_text().splitlines()]
    assert {d["name"] for d in dumped} == set(
        Dataset.objects.published().values_list("name", flat=True)
    )
    assert all(d["resources"] for d in dumped)


def _package(client, name: str) -> dict:
    response = client.get("/api/3/action/package_show", {"id": name})
    assert response.status_code == 200
    return response.json()["result"]


def test_package_show_never_answers_from_a_stale_cache(client, demo_city):
    """package_show is cached under metadata_modified; every change that shows moves it on."""
    from taggit.models import Tag

    dataset = Dataset.objects.published().get(name="ladepunkte")
    assert _package(client, "ladepunkte") == _package(client, "ladepunkte")  # cached
    dataset.title = "Ladepunkte (neu)"
    services.dataset_save(dataset=dataset)
    assert _package(client, "ladepunkte")["title"] == "Ladepunkte (neu)"
    distribution = dataset.distributions.first()
    distribution.title = "Neue Datei"
    services.distribution_save(distribution=distribution)
    assert "Neue Datei" in {r["name"] for r in _package(client, "ladepunkte")["resources"]}
    publisher = dataset.publisher
    publisher.title = "Umbenannte Stelle"
    services.publisher_save(publisher=publisher)
    assert _package(client, "ladepunkte")["organization"]["title"] == "Umbenannte Stelle"
    tag = Tag.objects.get(name=dataset.keyword_names[0])
    tag.name = "umbenanntes-schlagwort"
    services.tag_save(tag=tag)
    tags = {t["name"] for t in _package(client, "ladepunkte")["tags"]}
    assert "umbenanntes-schlagwort" in tags
    services.tag_delete(tag=tag)
    tags = {t["name"] for t in _package(client, "ladepunkte")["tags"]}
    assert "umbenanntes-schlagwort" not in tags


def test_package_show_without_its_cache_reads_in_three_queries(
    client, demo_city, django_assert_num_queries
):
    from django.core.cache import cache

    dataset = Dataset.objects.published().get(name="ladepunkte")
    cache.clear()
    # the dataset with its publisher; its distributions with their tables; themes and keywords
    with django_assert_num_queries(3):
        by_id = _package(client, str(dataset.pk))
    with django_assert_num_queries(1):
        assert _package(client, "ladepunkte") == by_id


def test_package_show_shows_what_the_list_actions_show(client, demo_city):
    """package_show reads a record's parts without prefetching: the same package either way."""
    from django.core.cache import cache

    from opendata.catalogue import selectors
    from opendata.catalogue.ckan import dicts

    cache.clear()
    for dataset in selectors.dataset_list_public():
        assert _package(client, dataset.name) == dicts.package_dict(dataset), dataset.name


def test_apis_answer_in_the_language_the_client_asks_for(client, demo_city):
    german = client.get("/api/3/action/license_list").json()["result"]
    english = client.get("/api/3/action/license_list", HTTP_ACCEPT_LANGUAGE="en").json()["result"]
    assert german[0]["title"] != english[0]["title"]
    assert english[0]["title"].startswith(("Data licence", "Creative Commons"))
