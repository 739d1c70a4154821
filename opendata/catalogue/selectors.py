"""Reads of the catalogue: only published datasets, in a fixed number of queries."""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet, Value

from opendata.catalogue.models import Dataset, DatasetKeyword, Distribution, Publisher


def dataset_list_public() -> QuerySet[Dataset]:
    return (
        Dataset.objects.published()
        .select_related("publisher")
        .prefetch_related(
            Prefetch("distributions", Distribution.objects.select_related("datastore_table")),
            "themes",
            Prefetch("keyword_items", DatasetKeyword.objects.select_related("tag")),
        )
        .order_by("name")
    )


def dataset_get_public(*, name: str) -> Dataset | None:
    return dataset_list_public().filter(name=name).first()


def dataset_detail_any_state() -> QuerySet[Dataset]:
    """Datasets in any state, with what a detail shows: the result of a write may be a draft."""
    return Dataset.objects.select_related("publisher").prefetch_related(
        Prefetch("distributions", queryset=Distribution.objects.select_related("dataset")),
        "themes",
        "keyword_items__tag",
    )


def publisher_of_department(*, department_id: int) -> Publisher | None:
    """The publisher that stands for an office or municipal company in the catalogue."""
    return Publisher.objects.filter(department_id=department_id).first()


def dataset_any_state(*, name: str) -> Dataset | None:
    """A dataset by name whatever its state, with its distributions (for the apps that keep
    a dataset of their own up to date through the write services)."""
    return dataset_detail_any_state().filter(name=name).first()


def dataset_get_public_by_key(*, key: str) -> Dataset | None:
    """A published dataset by name or id, with its publisher: one query."""
    condition = Q(name=key)
    with contextlib.suppress(ValueError):  # not an id: by name only
        condition |= Q(id=uuid.UUID(key))
    found = Dataset.objects.published().filter(condition).select_related("publisher").order_by()
    return next(iter(found[:1]), None)


@dataclass(frozen=True)
class DatasetParts:
    """What a dataset's record shows beside its own row and its publisher."""

    distributions: list[Distribution]
    theme_codes: list[str]
    keyword_names: list[str]


def dataset_parts(*, dataset: Dataset) -> DatasetParts:
    """A dataset's distributions (with their data-store tables), themes and keywords in two
    queries, without the prefetch machinery (package_show is called often, one at a time)."""
    distributions = list(
        Distribution.objects.filter(dataset_id=dataset.pk).select_related("datastore_table")
    )
    for distribution in distributions:
        distribution.dataset = dataset
    themes = Dataset.themes.through.objects.filter(dataset_id=dataset.pk).annotate(
        kind=Value("theme")
    )
    keywords = DatasetKeyword.objects.filter(content_object_id=dataset.pk).annotate(
        kind=Value("keyword")
    )
    rows = themes.values_list("kind", "datatheme_id").union(
        keywords.values_list("kind", "tag__name"), all=True
    )
    labels: dict[str, list[str]] = {"theme": [], "keyword": []}
    for kind, label in rows:
        labels[kind].append(label)
    return DatasetParts(
        distributions=distributions,
        theme_codes=sorted(labels["theme"]),
        keyword_names=sorted(labels["keyword"]),
    )
