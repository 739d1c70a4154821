"""Harvesting a DCAT-AP.de catalogue: our own /catalog.* over HTTP, Hydra-paged."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph

from opendata.catalogue import views as catalogue_views
from opendata.catalogue.models import Dataset, DatasetRecordChange, Publisher
from opendata.harvest import services
from opendata.harvest.models import HarvestedRecord, HarvestJob, HarvestSource
from opendata.harvest.remote import HarvestFailed
from tests.opendata.harvest.conftest import local_publishers_map


def _run(source: HarvestSource, user=None) -> HarvestJob:
    job = HarvestJob.objects.create(source=source, kind=source.kind, started_by=user)
    return services.harvest_source_run(source_id=source.pk, job_id=job.pk)


def _source(url: str, **fields) -> HarvestSource:
    return HarvestSource.objects.create(
        title="DCAT-Katalog",
        kind=HarvestSource.Kind.DCAT,
        url=url,
        publisher=Publisher.objects.get(name="smart-city"),
        timeout_seconds=fields.pop("timeout_seconds", 30),
        **fields,
    )


@pytest.fixture
def live_catalogue(seeded_live_server, settings, monkeypatch, db):
    """Our catalogue over HTTP in pages of 15, with page links pointing at the live server."""
    settings.PORTAL_BASE_URL = seeded_live_server.url
    monkeypatch.setattr(catalogue_views, "PAGE_SIZE", 15)
    published = {
        d.name: {
            "title": d.title,
            "title_en": d.title_en,
            "themes": d.theme_codes,
            "keywords": d.keyword_names,
            "publisher": d.publisher.name,
            "licence": d.licence,
            "contact_email": d.contact_email,
            "distributions": d.distributions.count(),
        }
        for d in Dataset.objects.published().select_related("publisher")
    }
    return seeded_live_server.url, published


def test_follows_hydra_pages_and_maps_the_datasets(live_catalogue, empty_catalogue, city_admin):
    url, published = live_catalogue
    assert len(published) > 30  # three pages of 15
    source = _source(f"{url}/catalog.ttl")
    local_publishers_map(source)

    job = _run(source, city_admin)

    assert job.status == HarvestJob.Status.FINISHED, job.errors
    assert job.errors == []
    assert job.created_count == len(published)
    assert set(Dataset.objects.values_list("name", flat=True)) == set(published)
    dataset = Dataset.objects.get(name="ladepunkte")
    expected = published["ladepunkte"]
    assert dataset.title == expected["title"]
    assert dataset.title_en == expected["title_en"]
    assert dataset.theme_codes == expected["themes"]
    assert dataset.keyword_names == expected["keywords"]
    assert dataset.publisher.name == expected["publisher"]
    assert dataset.licence == expected["licence"]
    assert dataset.contact_email == expected["contact_email"]
    assert dataset.distributions.count() == expected["distributions"]
    assert all(d.url.startswith(url) for d in dataset.distributions.all())
    assert dataset.state == Dataset.State.PUBLISHED
    record = dataset.harvested_record
    assert record.source == source
    change = DatasetRecordChange.objects.get(dataset=dataset)
    assert (change.source, change.changed_by) == ("harvest", city_admin)


def test_second_run_finds_everything_unchanged(live_catalogue, empty_catalogue):
    url, published = live_catalogue
    source = _source(f"{url}/catalog.ttl")
    _run(source)

    job = _run(source)

    assert (job.created_count, job.updated_count) == (0, 0)
    assert job.unchanged_count == len(published)
    assert DatasetRecordChange.objects.filter(source="harvest").count() == len(published)


@pytest.mark.parametrize("extension", ["rdf", "jsonld"])
def test_reads_rdf_xml_and_json_ld(live_catalogue, empty_catalogue, extension):
    url, published = live_catalogue
    source = _source(f"{url}/catalog.{extension}")
    local_publishers_map(source)

    job = _run(source)

    assert job.status == HarvestJob.Status.FINISHED, job.errors
    assert job.created_count == len(published)
    assert Dataset.objects.get(name="ladepunkte").theme_codes == published["ladepunkte"]["themes"]


def test_local_datasets_are_skipped_not_overwritten(live_catalogue):
    url, published = live_catalogue
    source = _source(f"{url}/catalog.ttl")
    before = Dataset.objects.get(name="ladepunkte").metadata_modified

    job = _run(source)

    assert job.status == HarvestJob.Status.FINISHED
    assert job.skipped_count == len(published)
    assert job.created_count == job.updated_count == 0
    assert {e["field"] for e in job.errors} == {"name"}
    assert Dataset.objects.get(name="ladepunkte").metadata_modified == before
    assert not HarvestedRecord.objects.exists()


def _turtle(body: str) -> tuple[str, bytes]:
    return "text/turtle; charset=utf-8", body.encode()


DATASET_TTL = """
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix hydra: <http://www.w3.org/ns/hydra/core#> .
<{base}/catalog.ttl?page=1> hydra:nextPage "{base}/catalog.ttl?page=2" .
<https://daten.example/dataset/baustellen> a dcat:Dataset ;
    dct:identifier "baustellen-1" ;
    dct:title "Baustellen"@de, "Roadworks"@en ;
    dct:description "Aktuelle Baustellen"@de ;
    dcat:theme <http://publications.europa.eu/resource/authority/data-theme/TRAN> ;
    dcat:keyword "Verkehr"@de ;
    dcat:distribution [ a dcat:Distribution ;
        dcat:downloadURL <https://daten.example/baustellen.csv> ;
        dct:format <http://publications.europa.eu/resource/authority/file-type/CSV> ;
        dct:license <{licence}> ] .
"""
PAGE_2_TTL = """
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
<https://daten.example/dataset/baustellen> a dcat:Dataset ;
    dct:identifier "baustellen-1" ;
    dct:title "Baustellen"@de .
<https://daten.example/dataset/radwege> a dcat:Dataset ;
    dct:title "Radwege"@de ;
    dcat:distribution [ dcat:accessURL <https://daten.example/radwege.json> ;
        dct:format "JSON" ;
        dct:license <http://dcat-ap.de/def/licenses/cc-by/4.0> ] .
"""


def test_pages_of_another_catalogue_and_the_same_dataset_on_two_pages(
    static_server, empty_catalogue
):
    base = static_server.url
    licence = "http://dcat-ap.de/def/licenses/dl-zero-de/2.0"
    static_server.routes["/catalog.ttl"] = _turtle(DATASET_TTL.format(base=base, licence=licence))
    static_server.routes["/catalog.ttl?page=2"] = _turtle(PAGE_2_TTL)
    source = _source(f"{base}/catalog.ttl")

    job = _run(source)

    assert static_server.requests == ["/catalog.ttl", "/catalog.ttl?page=2"]
    assert job.created_count == 2, job.errors
    roadworks = Dataset.objects.get(name="baustellen")
    assert (roadworks.title, roadworks.title_en) == ("Baustellen", "Roadworks")
    assert roadworks.theme_codes == ["TRAN"]
    assert roadworks.licence == "dl-zero-de/2.0"
    assert roadworks.publisher == source.publisher  # none named: the default
    assert roadworks.harvested_record.remote_id == "baustellen-1"
    cycle_paths = Dataset.objects.get(name="radwege")
    assert cycle_paths.harvested_record.remote_id == "https://daten.example/dataset/radwege"
    assert cycle_paths.distributions.get().format == "JSON"
    assert cycle_paths.state == Dataset.State.DRAFT  # no theme: not publishable


def test_an_unknown_licence_skips_the_dataset_with_an_error(static_server, empty_catalogue):
    base = static_server.url
    body = DATASET_TTL.format(base=base, licence="https://example.org/proprietaer")
    static_server.routes["/catalog.ttl"] = _turtle(body)
    static_server.routes["/catalog.ttl?page=2"] = _turtle("")
    source = _source(f"{base}/catalog.ttl")

    job = _run(source)

    assert job.status == HarvestJob.Status.FINISHED
    assert job.skipped_count == 1
    assert job.errors[0]["record"] == "baustellen"
    assert "proprietaer" in job.errors[0]["message"]
    assert not Dataset.objects.exists()


@pytest.mark.parametrize(
    ("route", "message"),
    [
        (("text/turtle", b"@prefix broken <oops"), "could not be read"),
        (("application/ld+json", b"{not json"), "could not be read"),
        (("text/html", b"<html></html>"), "not an RDF format"),
    ],
)
def test_malformed_rdf_fails_the_job(static_server, empty_catalogue, route, message):
    static_server.routes["/feed"] = route
    source = _source(f"{static_server.url}/feed")

    job = _run(source)

    assert job.status == HarvestJob.Status.FAILED
    assert message in job.errors[0]["message"]
    assert not Dataset.objects.exists()


def test_a_broken_second_page_fails_the_whole_job(static_server, empty_catalogue):
    base = static_server.url
    licence = "http://dcat-ap.de/def/licenses/dl-zero-de/2.0"
    static_server.routes["/catalog.ttl"] = _turtle(DATASET_TTL.format(base=base, licence=licence))

    job = _run(_source(f"{base}/catalog.ttl"))

    assert job.status == HarvestJob.Status.FAILED
    assert "HTTP 404" in job.errors[0]["message"]
    assert not Dataset.objects.exists()


def test_a_source_slower_than_its_timeout_fails_and_imports_nothing(static_server, empty_catalogue):
    static_server.routes["/catalog.ttl"] = _turtle("")
    static_server.delay = 2.5

    job = _run(_source(f"{static_server.url}/catalog.ttl", timeout_seconds=1))

    assert job.status == HarvestJob.Status.FAILED
    assert job.errors[0]["message"].startswith("The source did not answer within 1 s")
    assert not Dataset.objects.exists()


def test_a_source_that_trickles_its_answer_fails_at_the_timeout(static_server, empty_catalogue):
    static_server.routes["/catalog.ttl"] = _turtle("# " + "x" * 2000 + "\n")
    static_server.trickle = 0.2  # 20 chunks: 4 s in all, each read well within the timeout

    job = _run(_source(f"{static_server.url}/catalog.ttl", timeout_seconds=1))

    assert job.status == HarvestJob.Status.FAILED
    assert job.errors[0]["message"].startswith("The source did not answer within 1 s")


def test_a_redirect_into_a_private_network_is_refused(
    static_server, empty_catalogue, settings, monkeypatch
):
    """The test source itself is on this machine; everything it redirects to is checked."""
    from urllib.parse import urlsplit

    from opendata.harvest import remote

    settings.HARVEST_ALLOW_PRIVATE_HOSTS = False
    checked = remote._public_address

    def check(url: str) -> str:
        if url.startswith(static_server.url):
            return "127.0.0.1"
        return checked(url)

    monkeypatch.setattr(remote, "_public_address", check)
    static_server.redirects["/catalog.ttl"] = "http://169.254.169.254/latest/meta-data/"

    job = _run(_source(f"{static_server.url}/catalog.ttl"))

    assert job.status == HarvestJob.Status.FAILED
    assert "private network" in job.errors[0]["message"]
    assert "169.254.169.254" in job.errors[0]["message"]
    assert urlsplit(static_server.url).hostname == "127.0.0.1"
    assert not Dataset.objects.exists()


def test_redirects_within_public_sources_are_followed(static_server, empty_catalogue):
    static_server.redirects["/old.ttl"] = "/catalog.ttl"
    static_server.routes["/catalog.ttl"] = _turtle("")
    job = _run(_source(f"{static_server.url}/old.ttl"))
    assert job.status == HarvestJob.Status.FINISHED, job.errors
    assert static_server.requests == ["/old.ttl", "/catalog.ttl"]


JSON_LD_DATASET = {
    "@id": "https://daten.example/dataset/baustellen",
    "@type": "dcat:Dataset",
    "dct:title": {"@value": "Baustellen", "@language": "de"},
}


def _json_ld(context) -> tuple[str, bytes]:
    return "application/ld+json", json.dumps({"@context": context, **JSON_LD_DATASET}).encode()


@pytest.fixture
def context_file(tmp_path):
    """A context on this machine's disk, which rdflib would read from a file: address."""
    path = tmp_path / "context.jsonld"
    path.write_text(json.dumps({"@context": {"dcat": "http://www.w3.org/ns/dcat#"}}))
    return path.as_uri()


@pytest.mark.parametrize(
    "context",
    [
        pytest.param(lambda server, file: f"{server}/context.jsonld", id="context-by-http"),
        pytest.param(lambda server, file: file, id="context-by-file"),
        pytest.param(lambda server, file: [{"dct": "http://purl.org/dc/terms/"}, file], id="list"),
        pytest.param(lambda server, file: {"@import": f"{server}/context.jsonld"}, id="import"),
        pytest.param(lambda server, file: {"@import": file}, id="import-file"),
        pytest.param(
            lambda server, file: {"dct": {"@id": "http://purl.org/dc/terms/", "@context": file}},
            id="scoped-context",
        ),
    ],
)
def test_json_ld_contexts_by_address_are_not_fetched(
    static_server, internal_server, empty_catalogue, context_file, context
):
    """A context named by address (http or file:, directly, in a list, through @import or
    scoped to a term) fails the job before rdflib could read it."""
    internal_server.routes["/context.jsonld"] = (
        "application/ld+json",
        b'{"@context": {"dcat": "http://www.w3.org/ns/dcat#"}}',
    )
    static_server.routes["/catalog.jsonld"] = _json_ld(context(internal_server.url, context_file))

    job = _run(_source(f"{static_server.url}/catalog.jsonld"))

    assert job.status == HarvestJob.Status.FAILED
    assert "context by address" in job.errors[0]["message"]
    assert internal_server.requests == []
    assert not Dataset.objects.exists()


def test_rdflib_itself_never_fetches_a_json_ld_context(internal_server, context_file):
    """Behind the check, rdflib's own context loading is switched off in the portal."""
    internal_server.routes["/context.jsonld"] = (
        "application/ld+json",
        b'{"@context": {"dcat": "http://www.w3.org/ns/dcat#"}}',
    )
    for context in (f"{internal_server.url}/context.jsonld", {"@import": context_file}):
        document = {"@context": context, **JSON_LD_DATASET}
        with pytest.raises(HarvestFailed, match="context by address"):
            Graph().parse(data=document, format="json-ld")
    assert internal_server.requests == []


def test_inline_json_ld_contexts_are_read(static_server, empty_catalogue):
    static_server.routes["/catalog.jsonld"] = _json_ld(
        {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/"}
    )
    job = _run(_source(f"{static_server.url}/catalog.jsonld"))
    assert job.status == HarvestJob.Status.FINISHED, job.errors
    # Read, and skipped only for what the dataset lacks (a licence).
    assert job.skipped_count == 1
    assert job.errors[0]["field"] == "license"


def test_deeply_nested_json_ld_fails_the_job_cleanly(static_server, empty_catalogue):
    static_server.routes["/catalog.jsonld"] = ("application/ld+json", b"[" * 100_000)
    job = _run(_source(f"{static_server.url}/catalog.jsonld"))
    assert job.status == HarvestJob.Status.FAILED
    assert "could not be read" in job.errors[0]["message"]
