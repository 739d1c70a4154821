"""Reads of the catalogue: only published datasets, in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

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
