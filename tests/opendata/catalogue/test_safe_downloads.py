"""Uploaded files are published at the checked download address, never at /media/.

nginx serves /media/ with a type guessed from the file name and for ever; the download view
serves published datasets only, as attachments with the format's type and ``nosniff``.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT

from opendata.catalogue import services
from opendata.catalogue.models import Dataset, Distribution
from opendata.catalogue.public.downloads import distribution_address

pytestmark = pytest.mark.django_db

NAME = "parkhaeuser"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def uploads(demo_city) -> list[Distribution]:
    distributions = list(
        Distribution.objects.filter(dataset__name=NAME).exclude(file="").select_related("dataset")
    )
    assert {d.format for d in distributions} == {"CSV", "GEOJSON"}
    return distributions


def _expected(distribution: Distribution) -> str:
    filename = distribution.file.name.rsplit("/", 1)[-1]
    return (
        f"{settings.PORTAL_BASE_URL}/dataset/{NAME}/resource/{distribution.pk}/download/{filename}"
    )


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8")
    return response.content.decode("utf-8")


def test_the_address_is_the_download_route_ending_in_the_file_name(uploads):
    for distribution in uploads:
        address = distribution_address(distribution)
        assert address == _expected(distribution)
        assert "/media/" not in address and distribution.file.url not in address
        assert address.endswith((".csv", ".geojson"))


def test_ckan_gives_the_download_address(client, uploads):
    package = client.get("/api/3/action/package_show", {"id": NAME}).json()["result"]
    by_id = {resource["id"]: resource for resource in package["resources"]}
    for distribution in uploads:
        assert by_id[str(distribution.pk)]["url"] == _expected(distribution)
        assert by_id[str(distribution.pk)]["url_type"] == "upload"
        shown = client.get("/api/3/action/resource_show", {"id": str(distribution.pk)}).json()
        assert shown["result"]["url"] == _expected(distribution)
    assert "/media/" not in json.dumps(package)


def test_dcat_gives_the_download_address(client, uploads):
    response = client.get(f"/dataset/{NAME}.ttl")
    assert response.status_code == 200
    graph = Graph().parse(data=response.content, format="turtle")
    for distribution in uploads:
        node = URIRef(f"{settings.PORTAL_BASE_URL}/dataset/{NAME}/resource/{distribution.pk}")
        address = URIRef(_expected(distribution))
        assert set(graph.objects(node, DCAT.downloadURL)) == {address}
        assert set(graph.objects(node, DCAT.accessURL)) == {address}
    assert "/media/" not in response.content.decode()


def test_rest_gives_the_download_address(client, uploads):
    body = client.get(f"/api/v1/datasets/{NAME}/").json()
    by_id = {d["id"]: d for d in body["distributions"]}
    for distribution in uploads:
        assert by_id[str(distribution.pk)]["download_url"] == _expected(distribution)
        single = client.get(f"/api/v1/distributions/{distribution.pk}/")
        assert single.status_code == 200
        assert single.json()["download_url"] == _expected(distribution)


def test_exports_give_the_download_address(client, uploads):
    lines = [json.loads(line) for line in _body(client.get("/catalog.jsonl")).splitlines()]
    park = next(line for line in lines if line["name"] == NAME)
    assert {d["url"] for d in park["distributions"]} == {_expected(d) for d in uploads}
    rows = csv.DictReader(io.StringIO(_body(client.get("/catalog.csv")).lstrip("\ufeff")))
    row = next(row for row in rows if row["name"] == NAME)
    assert set(row["distribution_urls"].split()) == {_expected(d) for d in uploads}


@pytest.mark.parametrize(
    ("file_format", "content_type"),
    [("CSV", "text/csv"), ("GEOJSON", "application/geo+json")],
)
def test_the_address_serves_an_attachment(client, uploads, file_format, content_type):
    distribution = next(d for d in uploads if d.format == file_format)
    response = client.get(_expected(distribution).removeprefix(settings.PORTAL_BASE_URL))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    filename = distribution.file.name.rsplit("/", 1)[-1]
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    with distribution.file.open("rb") as handle:
        assert b"".join(response.streaming_content) == handle.read()


def test_another_file_name_redirects_to_the_address(client, uploads):
    distribution = uploads[0]
    path = f"/dataset/{NAME}/resource/{distribution.pk}/download/evil.html"
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == _expected(distribution).removeprefix(settings.PORTAL_BASE_URL)


def test_the_address_is_gone_once_the_dataset_is_unpublished(client, uploads):
    path = _expected(uploads[0]).removeprefix(settings.PORTAL_BASE_URL)
    assert client.get(path).status_code == 200
    dataset = Dataset.objects.get(name=NAME)
    dataset.state = Dataset.State.DRAFT
    services.dataset_save(dataset=dataset)
    assert client.get(path).status_code == 404
    other = Dataset.objects.published().exclude(name=NAME).first()
    wrong_dataset = path.replace(f"/dataset/{NAME}/", f"/dataset/{other.name}/")
    assert client.get(wrong_dataset).status_code == 404


@pytest.mark.parametrize("filename", ["evil.html", "x.svg", "script.js", "daten"])
def test_an_upload_must_end_in_an_extension_of_its_format(demo_city, filename):
    dataset = Dataset.objects.published().first()
    distribution = Distribution(
        dataset=dataset, title="Daten", format="CSV", licence="dl-zero-de/2.0"
    )
    distribution.file = SimpleUploadedFile(filename, b"name,wert\n<script>alert(1)</script>,1\n")
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        distribution.full_clean()
    message = excinfo.value.message_dict["file"][0]
    assert ".csv" in message and "CSV" in message
    distribution.file = SimpleUploadedFile("daten.csv", b"name,wert\na,1\n")
    distribution.full_clean()  # no error
