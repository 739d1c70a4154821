"""DCAT provenance of sensor datasets: ``dct:provenance`` (German and English) and
``prov:wasGeneratedBy`` from the newest release.

The catalogue's RDF knows nothing of sensors: ``SensorsConfig.ready()`` calls ``register``,
which adds this module's prefetch and provenance writer to ``opendata.catalogue.rdf``'s
registry of dataset contributors.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD

from opendata.catalogue import rdf_contributors
from opendata.catalogue.models import Dataset
from opendata.catalogue.rdf import PROV
from opendata.sensors.catalogue.dataset import PUBLISHED_CLASSES, provenance_texts
from opendata.sensors.models import Datastream, Release
from opendata.sensors.publication import REFUSED_BUDGET


@dataclass(frozen=True)
class SensorPublication:
    datastream: Datastream
    release: Release | None


_ATTRIBUTE = "_sensor_publication"


def sensor_publications_prefetch(datasets: Iterable[Dataset]) -> None:
    """Attach each dataset's datastream and newest release in two queries (for lists)."""
    datasets = list(datasets)
    newest = (
        Release.objects.filter(datastream=OuterRef("pk"))
        .exclude(method=REFUSED_BUDGET)
        .order_by("-created_at", "-pk")
        .values("pk")
    )
    streams = {
        stream.dataset_id: stream
        for stream in Datastream.objects.filter(
            dataset__in=[d.pk for d in datasets], privacy_class__in=PUBLISHED_CLASSES
        ).annotate(newest_release_id=Subquery(newest[:1]))
    }
    releases = Release.objects.in_bulk(
        [s.newest_release_id for s in streams.values() if s.newest_release_id]
    )
    for dataset in datasets:
        stream = streams.get(dataset.pk)
        publication = None
        if stream is not None:
            publication = SensorPublication(stream, releases.get(stream.newest_release_id))
        setattr(dataset, _ATTRIBUTE, publication)


def sensor_publication_of(dataset: Dataset) -> SensorPublication | None:
    if not hasattr(dataset, _ATTRIBUTE):
        sensor_publications_prefetch([dataset])
    return getattr(dataset, _ATTRIBUTE)


def add_sensor_provenance(graph: Graph, node: URIRef, dataset: Dataset) -> bool:
    """``dct:provenance`` and ``prov:wasGeneratedBy`` of a sensor dataset; False for others."""
    publication = sensor_publication_of(dataset)
    if publication is None:
        return False
    stream, release = publication.datastream, publication.release
    german, english = provenance_texts(stream, release)
    statement = BNode()
    graph.add((statement, RDF.type, DCTERMS.ProvenanceStatement))
    graph.add((statement, RDFS.label, Literal(german, lang="de")))
    graph.add((statement, RDFS.label, Literal(english, lang="en")))
    graph.add((node, DCTERMS.provenance, statement))

    activity = BNode()
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, RDFS.label, Literal("Veröffentlichungsjob des Datenstroms", lang="de")))
    graph.add((activity, RDFS.label, Literal("Publication job of the datastream", lang="en")))
    plan = BNode()
    graph.add((plan, RDF.type, PROV.Plan))
    graph.add((plan, RDF.type, PROV.Entity))
    association = BNode()
    graph.add((association, RDF.type, PROV.Association))
    graph.add((association, PROV.hadPlan, plan))
    graph.add((activity, PROV.qualifiedAssociation, association))
    parameters = {
        "window_minutes": stream.window_minutes,
        "k_minimum": stream.k_minimum
        if stream.privacy_class == Datastream.PrivacyClass.PERSON_DERIVED
        else None,
        "noise_epsilon_per_day": stream.noise_epsilon_per_day,
    }
    if release is not None:
        parameters.update(release.parameters or {})
        graph.add((plan, RDFS.label, Literal(release.method)))
        graph.add((plan, OWL.versionInfo, Literal(release.code_version)))
        graph.add(
            (activity, PROV.startedAtTime, Literal(release.created_at, datatype=XSD.dateTime))
        )
        graph.add((activity, PROV.endedAtTime, Literal(release.created_at, datatype=XSD.dateTime)))
    parameters = {key: value for key, value in parameters.items() if value is not None}
    graph.add(
        (
            plan,
            DCTERMS.description,
            Literal(json.dumps(parameters, sort_keys=True, ensure_ascii=False)),
        )
    )
    graph.add((node, PROV.wasGeneratedBy, activity))
    return True


def register() -> None:
    """Contribute sensor provenance to the catalogue's RDF (idempotent)."""
    rdf_contributors.dataset_rdf_contributor_register(
        "sensors", prefetch=sensor_publications_prefetch, add=add_sensor_provenance
    )
