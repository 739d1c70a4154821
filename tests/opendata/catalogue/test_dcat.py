"""DCAT-AP.de output: conformant to the official shapes (pyshacl), published data only."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, RDF, SH

from opendata.catalogue.models import Dataset, Distribution

STANDARDS = Path(__file__).resolve().parents[3].parent / "shared" / "standards"
needs_standards = pytest.mark.skipif(
    not STANDARDS.is_dir(),
    reason=f"the official DCAT-AP shapes are read from {STANDARDS}, which is absent here",
)


@pytest.fixture(scope="module")
def shapes_and_ontology():
    shapes = Graph()
    shapes.parse(STANDARDS / "dcat-ap-3.0.1" / "dcat-ap-SHACL.ttl")
    # The 3.0.1 release names one property shape of dcat:DataService (endpoint description)
    # that only its range file defines; take exactly such dangling definitions from there.
    ranges = Graph().parse(STANDARDS / "dcat-ap-3.0.1" / "ranges.ttl")
    for shape in set(shapes.objects(None, SH.property)):
        if (shape, SH.path, None) not in shapes:
            for triple in ranges.triples((shape, None, None)):
                shapes.add(triple)
    # GovData's German files after the SEMIC one: they relax range checks and add rules.
    for path in sorted((STANDARDS / "dcat-ap-de-3.0").glob("*.ttl")):
        if "imports" not in path.name:
            shapes.parse(path)
    ontology = Graph()
    mirror = STANDARDS / "dcat-ap-de-3.0" / "mirror"
    ontology.parse(mirror / "foaf_0_1.rdf", format="xml")
    ontology.parse(mirror / "org.ttl")
    ontology.parse(mirror / "vcard.ttl")
    return shapes, ontology


def _validate(data: Graph, shapes_and_ontology) -> tuple[bool, str]:
    import pyshacl

    shapes, ontology = shapes_and_ontology
    conforms, _, text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="rdfs", allow_warnings=True
    )
    return conforms, text


@needs_standards
def test_whole_catalogue_conforms_to_dcat_ap_de(client, demo_city, shapes_and_ontology):
    response = client.get("/catalog.ttl")
    assert response.status_code == 200
    data = Graph().parse(data=response.content, format="turtle")
    assert len(list(data.subjects(RDF.type, DCAT.Dataset))) == Dataset.objects.published().count()
    conforms, report = _validate(data, shapes_and_ontology)
    assert conforms, report
    assert "sh:Violation" not in report


@needs_standards
def test_the_streamed_catalogue_conforms_to_dcat_ap_de_written_anew_and_kept(
    client, demo_city, shapes_and_ontology
):
    graphs = []
    for _written_anew_then_kept in range(2):
        response = client.get("/catalog.ttl?page=all", HTTP_ACCEPT_LANGUAGE="de")
        graphs.append(Graph().parse(data=b"".join(response.streaming_content), format="turtle"))
    assert len(graphs[0]) == len(graphs[1])
    published = Dataset.objects.published().count()
    assert len(list(graphs[1].subjects(RDF.type, DCAT.Dataset))) == published
    conforms, report = _validate(graphs[1], shapes_and_ontology)
    assert conforms, report
    assert "sh:Violation" not in report


@needs_standards
def test_every_dataset_conforms_to_dcat_ap_de(client, demo_city, shapes_and_ontology):
    for dataset in Dataset.objects.published():
        response = client.get(f"/dataset/{dataset.name}.ttl")
        assert response.status_code == 200, dataset.name
        conforms, report = _validate(
            Graph().parse(data=response.content, format="turtle"), shapes_and_ontology
        )
        assert conforms, f"{dataset.name}: {report}"


@needs_standards
def test_missing_licence_is_reported_by_the_shapes(client, demo_city, shapes_and_ontology):
    """The validation can fail: a distribution without licence is a violation."""
    from opendata.catalogue import rdf

    dataset = Dataset.objects.published().first()
    graph = rdf.dataset_graph(dataset)
    distribution = URIRef(rdf.distribution_uri(dataset.distributions.first()))
    graph.remove((distribution, URIRef("http://purl.org/dc/terms/license"), None))
    conforms, report = _validate(graph, shapes_and_ontology)
    assert not conforms
    assert "license" in report


@pytest.mark.parametrize(
    ("extension", "rdf_format", "content_type"),
    [
        ("ttl", "turtle", "text/turtle"),
        ("rdf", "xml", "application/rdf+xml"),
        ("jsonld", "json-ld", "application/ld+json"),
    ],
)
def test_catalogue_in_three_serialisations(client, demo_city, extension, rdf_format, content_type):
    response = client.get(f"/catalog.{extension}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    graph = Graph().parse(data=response.content, format=rdf_format)
    assert (None, RDF.type, DCAT.Catalog) in graph


def test_hydra_paging(client, demo_city, monkeypatch):
    from opendata.catalogue import views

    monkeypatch.setattr(views, "PAGE_SIZE", 10)
    graph = Graph().parse(data=client.get("/catalog.ttl?page=2").content, format="turtle")
    assert len(list(graph.subjects(RDF.type, DCAT.Dataset))) == 10
    hydra = "http://www.w3.org/ns/hydra/core#"
    total = next(graph.objects(None, URIRef(hydra + "totalItems")))
    assert int(total) == Dataset.objects.published().count()
    assert list(graph.objects(None, URIRef(hydra + "nextPage")))
    assert client.get("/catalog.ttl?page=999").status_code == 404
    assert client.get("/catalog.ttl?page=abc").status_code == 400


def test_drafts_never_reach_the_rdf(client, demo_city):
    dataset = Dataset.objects.published().first()
    Dataset.objects.filter(pk=dataset.pk).update(state=Dataset.State.DRAFT, title="DRAFT-CANARY-42")
    assert client.get(f"/dataset/{dataset.name}.ttl").status_code == 404
    for extension in ("ttl", "rdf", "jsonld"):
        assert b"DRAFT-CANARY-42" not in client.get(f"/catalog.{extension}").content


def test_unknown_dataset_is_404(client, demo_city):
    assert client.get("/dataset/gibt-es-nicht.ttl").status_code == 404


def test_demo_catalogue_has_real_files(demo_city):
    import hashlib

    assert Dataset.objects.published().count() >= 40
    for distribution in Distribution.objects.exclude(file=""):
        content = distribution.file.read()
        distribution.file.close()
        assert len(content) == distribution.byte_size
        assert hashlib.sha256(content).hexdigest() == distribution.checksum_sha256
