"""The streamed catalogue (/catalog.ttl?page=all): the whole catalogue's graph, from kept texts."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, SKOS

from opendata.catalogue import rdf, rdf_contributors, selectors, services
from opendata.catalogue.models import Dataset, DatasetDescription
from opendata.catalogue.vocabularies import DATA_THEME, Theme


def _stream(client) -> Graph:
    response = client.get("/catalog.ttl?page=all", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    return Graph().parse(data=b"".join(response.streaming_content), format="turtle")


def _tree(graph: Graph, node) -> object:
    """A blank node as the set of what is said of it, nested (ours are trees)."""
    if not isinstance(node, BNode):
        return node
    return frozenset((p, _tree(graph, o)) for p, o in graph.predicate_objects(node))


def _statements(graph: Graph) -> Counter:
    """The graph's statements about named nodes, blank nodes replaced by their trees (a much
    cheaper equality than rdflib's isomorphism, exact for tree-shaped blank nodes)."""
    return Counter((s, p, _tree(graph, o)) for s, p, o in graph if not isinstance(s, BNode))


def _same(first: Graph, second: Graph) -> bool:
    return len(first) == len(second) and _statements(first) == _statements(second)


@pytest.fixture
def written(monkeypatch):
    """The names of the datasets whose description the stream writes anew."""
    names: list[str] = []
    real = rdf.dataset_description_turtle

    def counting(dataset, *args, **kwargs):
        names.append(dataset.name)
        return real(dataset, *args, **kwargs)

    monkeypatch.setattr(rdf, "dataset_description_turtle", counting)
    return names


def test_the_stream_is_the_graph_of_the_whole_catalogue(client, demo_city):
    built = rdf.catalog_graph(selectors.dataset_list_public())
    assert _same(_stream(client), built)
    assert _same(_stream(client), built)  # from the kept descriptions


def test_kept_descriptions_are_read_not_written_again(client, demo_city, written):
    first = _stream(client)
    published = Dataset.objects.published().count()
    assert len(written) == published
    assert DatasetDescription.objects.count() >= published
    written.clear()
    with CaptureQueriesContext(connection) as queries:
        again = _stream(client)
    assert written == []
    assert _same(first, again)
    # the head, the services, one read per chunk, what the sensors prefetch for the lineage
    assert len(queries) <= 10


def test_a_changed_record_is_written_anew_alone(client, demo_city, written):
    _stream(client)
    dataset = Dataset.objects.published().order_by("name")[3]
    dataset.title = "Neu betitelt"
    services.dataset_save(dataset=dataset)
    written.clear()
    graph = _stream(client)
    assert written == [dataset.name]
    node = rdf.dataset_uri(dataset)
    assert (node, DCTERMS.title, Literal("Neu betitelt", lang="de")) in graph


def test_a_new_portal_address_writes_every_description_anew(client, demo_city, written, settings):
    _stream(client)
    settings.PORTAL_BASE_URL = "https://daten.example.org"
    written.clear()
    graph = _stream(client)
    assert len(written) == Dataset.objects.published().count()
    subjects = {str(s) for s in graph.subjects(RDF.type, DCAT.Dataset)}
    assert subjects and all(s.startswith("https://daten.example.org/dataset/") for s in subjects)


def test_the_lineage_is_never_kept(client, demo_city, written):
    """A sensor's lineage changes with every release, without the dataset's record."""
    dataset = Dataset.objects.published().order_by("name").first()
    release = {"label": "Release 1"}

    def add(graph, node, candidate) -> bool:
        if candidate.pk != dataset.pk:
            return False
        graph.add((node, DCTERMS.provenance, Literal(release["label"])))
        return True

    rdf_contributors.dataset_rdf_contributor_register("test", prefetch=lambda _: None, add=add)
    try:
        node = rdf.dataset_uri(dataset)
        assert (node, DCTERMS.provenance, Literal("Release 1")) in _stream(client)
        release["label"] = "Release 2"
        written.clear()
        graph = _stream(client)
    finally:
        del rdf_contributors._DATASET_CONTRIBUTORS["test"]
    assert written == []
    assert set(graph.objects(node, DCTERMS.provenance)) == {Literal("Release 2")}


def test_a_datasets_own_lineage_is_in_the_stream(client, demo_city):
    dataset = Dataset.objects.published().order_by("name").first()
    dataset.provenance = "Aus dem Liegenschaftskataster"
    services.dataset_save(dataset=dataset)
    graph = _stream(client)
    statements = list(graph.objects(rdf.dataset_uri(dataset), DCTERMS.provenance))
    assert [graph.value(s, RDFS.label) for s in statements] == [
        Literal("Aus dem Liegenschaftskataster", lang="de")
    ]


def test_vocabulary_labels_are_english_for_every_reader(client, demo_city):
    graph = _stream(client)
    with translation.override("en"):
        english = {code: str(Theme(code).label) for code in Theme.values}
    themes = {
        str(theme).removeprefix(DATA_THEME): theme
        for theme in graph.objects(None, DCAT.theme)
        if isinstance(theme, URIRef)
    }
    assert themes
    for code, theme in themes.items():
        assert set(graph.objects(theme, SKOS.prefLabel)) == {Literal(english[code], lang="en")}
