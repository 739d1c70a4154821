"""The whole catalogue as one Turtle document (`/catalog.ttl?page=all`), streamed.

Harvesters (GovData) fetch it whole. Building and serialising every dataset's graph with
rdflib costs about 10 ms a dataset, so each dataset's description is kept as Turtle
(`DatasetDescription`) under its record's `metadata_modified` and the context it was written
in; the stream reads the kept texts a chunk at a time, writes anew only those whose record
changed, and adds what changes without the record: the lineage (a sensor's newest release),
the catalogue's and the data services' links to the datasets. Memory stays flat.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from typing import Any

from django.db import DatabaseError

from opendata.catalogue import rdf, rdf_contributors, selectors, services
from opendata.catalogue.models import DataService, Dataset, DatasetDescription

logger = logging.getLogger(__name__)

# Change it whenever the description of a dataset changes (rdf.add_dataset and what it calls):
# every kept description is then written anew.
DESCRIPTION_VERSION = "1"
CHUNK = 200


def description_context(published: list[DataService]) -> str:
    """What a kept description depends on besides its record."""
    endpoints = sorted((service.name, service.endpoint_path) for service in published)
    text = repr((DESCRIPTION_VERSION, rdf.base_url(), endpoints))
    return hashlib.sha256(text.encode()).hexdigest()


def _describe(
    pks: list[Any], published: list[DataService], context: str, known_prefixes: set[str]
) -> dict[Any, str]:
    """Write the descriptions of these datasets anew and keep them; {pk: turtle}."""
    datasets = list(selectors.dataset_list_public().filter(pk__in=pks))
    descriptions = [
        DatasetDescription(
            dataset_id=dataset.pk,
            metadata_modified=dataset.metadata_modified,
            context=context,
            turtle=rdf.dataset_description_turtle(dataset, published, known_prefixes),
        )
        for dataset in datasets
    ]
    try:
        services.dataset_descriptions_keep(descriptions=descriptions)
    except DatabaseError:  # a reader is not failed for a cache it could not write
        logger.warning("could not keep %d dataset descriptions", len(descriptions), exc_info=True)
    return {description.dataset_id: description.turtle for description in descriptions}


def _links(subject: str, nodes: list[str]) -> str:
    return f"{subject} dcat:dataset {', '.join(nodes)} .\n" if nodes else ""


def catalog_turtle_stream(chunk_size: int = CHUNK) -> Iterator[str]:
    """The whole catalogue as Turtle: prefixes and the catalogue's own description first, then
    a chunk of datasets at a time, each chunk a valid fragment."""
    head = rdf.catalog_graph([], services=True)
    prefixes = rdf.prefix_lines(head)
    known = set(prefixes)
    yield "\n".join(prefixes) + "\n" + rdf.turtle_body(head, known)
    published = list(rdf.published_services())
    context = description_context(published)
    catalog = rdf.catalog_uri().n3()
    chosen = {
        service.pk: set(service.serves_datasets.values_list("pk", flat=True))
        for service in published
        if not service.serves_all_datasets
    }
    last_name = ""
    while True:
        rows = list(
            Dataset.objects.published()
            .filter(name__gt=last_name)
            .order_by("name")
            .values_list(
                "pk",
                "name",
                "provenance",
                "metadata_modified",
                "description_turtle__metadata_modified",
                "description_turtle__context",
                "description_turtle__turtle",
            )[:chunk_size]
        )
        if not rows:
            return
        kept = {
            pk: turtle
            for pk, _name, _provenance, modified, kept_modified, kept_context, turtle in rows
            if kept_modified == modified and kept_context == context
        }
        stale = [row[0] for row in rows if row[0] not in kept]
        if stale:
            kept.update(_describe(stale, published, context, known))
        # Only what the lineage needs: contributors prefetch onto these and add to a graph.
        datasets = [
            Dataset(id=pk, name=name, provenance=provenance) for pk, name, provenance, *_ in rows
        ]
        rdf_contributors.contributions_prefetch(datasets)
        lineage = rdf.new_graph()
        parts = []
        described = []
        for dataset in datasets:
            if dataset.pk not in kept:
                continue  # withdrawn since the chunk was read
            parts.append(kept[dataset.pk])
            node = rdf.dataset_uri(dataset)
            described.append((dataset.pk, node.n3()))
            rdf.add_provenance(lineage, node, dataset)
        parts.append(_links(catalog, [node for _pk, node in described]))
        for service in published:
            served = [
                node
                for pk, node in described
                if service.serves_all_datasets or pk in chosen[service.pk]
            ]
            if served:
                subject = rdf.service_uri(service).n3()
                parts.append(f"{subject} dcat:servesDataset {', '.join(served)} .\n")
        if len(lineage):
            parts.append(rdf.turtle_body(lineage, known))
        yield "\n" + "\n".join(parts)
        last_name = rows[-1][1]
