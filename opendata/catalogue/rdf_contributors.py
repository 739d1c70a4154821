"""What other apps add to the catalogue's RDF (DCAT-AP.de) descriptions of datasets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rdflib import Graph, URIRef

from opendata.catalogue.models import Dataset

# The catalogue knows nothing of the apps built on it. An app that knows more about some
# datasets (the sensors: a stream's provenance from its newest release) registers a
# contributor in its AppConfig.ready():
#
#     rdf_contributors.dataset_rdf_contributor_register("sensors", prefetch=..., add=...)
#
# `prefetch(datasets)` loads what `add` needs for a list of datasets in a few queries (it is
# called before a graph of many datasets is built); `add(graph, node, dataset)` writes the
# dataset's provenance into the graph and returns True, or returns False for a dataset that
# is not its own (the dataset's own `provenance` text is then used).


@dataclass(frozen=True)
class DatasetRdfContributor:
    prefetch: Callable[[list[Dataset]], None]
    add: Callable[[Graph, URIRef, Dataset], bool]


_DATASET_CONTRIBUTORS: dict[str, DatasetRdfContributor] = {}


def dataset_rdf_contributor_register(
    name: str,
    *,
    prefetch: Callable[[list[Dataset]], None],
    add: Callable[[Graph, URIRef, Dataset], bool],
) -> None:
    """Register (or replace, under the same `name`) a contributor of dataset provenance."""
    _DATASET_CONTRIBUTORS[name] = DatasetRdfContributor(prefetch=prefetch, add=add)


def contributions_prefetch(datasets: list[Dataset]) -> None:
    for contributor in _DATASET_CONTRIBUTORS.values():
        contributor.prefetch(datasets)


def contributed_provenance(graph: Graph, node: URIRef, dataset: Dataset) -> bool:
    """Whether a contributor wrote the dataset's provenance (the first that claims it)."""
    return any(
        contributor.add(graph, node, dataset) for contributor in _DATASET_CONTRIBUTORS.values()
    )
