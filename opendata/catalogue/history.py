"""The catalogue record history: every change of a dataset's metadata is kept as a version.

A dataset records itself after each save (its themes, keywords and distributions included);
who changed it, and through which channel, comes from the context a request, a harvest or an
import sets with ``changes_by``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.utils import timezone

_changed_by: ContextVar[tuple[Any, str]] = ContextVar(
    "catalogue_changed_by", default=(None, "system")
)
# Set while a dataset saves itself with its children, so that each child does not record a
# half-saved version of its parent.
saving_dataset: ContextVar[bool] = ContextVar("catalogue_saving_dataset", default=False)

RECORD_FIELDS = (
    "name",
    "state",
    "title",
    "title_en",
    "description",
    "description_en",
    "contact_name",
    "contact_email",
    "licence",
    "attribution",
    "issued",
    "modified",
    "accrual_periodicity",
    "temporal_start",
    "temporal_end",
    "political_geocoding_uri",
    "landing_page",
    "access_rights",
    "provenance",
    "version",
    "action_field",
)


@contextmanager
def changes_by(user: Any, source: str) -> Iterator[None]:
    token = _changed_by.set((user if getattr(user, "is_authenticated", False) else None, source))
    try:
        yield
    finally:
        _changed_by.reset(token)


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def snapshot(dataset) -> dict[str, Any]:
    record = {field: _plain(getattr(dataset, field)) for field in RECORD_FIELDS}
    record["publisher"] = dataset.publisher.name if dataset.publisher_id else None
    record["spatial"] = dataset.spatial.wkt if dataset.spatial else None
    record["themes"] = dataset.theme_codes
    record["keywords"] = dataset.keyword_names
    record["distributions"] = [
        {
            "id": str(d.id),
            "title": d.title,
            "format": d.format,
            "licence": d.licence,
            "url": d.url,
            "file": d.file.name if d.file else "",
            "checksum_sha256": d.checksum_sha256,
        }
        for d in dataset.distributions.order_by("position", "title", "id")
    ]
    return record


def record(dataset):
    """Keep the dataset's current metadata as a new version, unless nothing changed."""
    from opendata.catalogue.models import DatasetRecordChange

    current = snapshot(dataset)
    previous = (
        DatasetRecordChange.objects.filter(dataset=dataset)
        .order_by("-changed_at", "-id")
        .values_list("snapshot", flat=True)
        .first()
    )
    if previous == current:
        return None
    user, source = _changed_by.get()
    changed = sorted(
        key for key in current if previous is None or previous.get(key) != current[key]
    )
    return DatasetRecordChange.objects.create(
        dataset=dataset,
        dataset_name=dataset.name,
        changed_by=user,
        source=source,
        changed_fields=changed,
        snapshot=current,
    )


# Datasets being deleted: their distributions go first and must not record a new version.
_deleting: ContextVar[frozenset] = ContextVar("catalogue_deleting", default=frozenset())


def dataset_deleting(sender, instance, **kwargs) -> None:
    _deleting.set(_deleting.get() | {instance.pk})


def dataset_deleted(sender, instance, **kwargs) -> None:
    """The last version of a deleted record says so; earlier versions stay."""
    from opendata.catalogue.models import DatasetRecordChange

    _deleting.set(_deleting.get() - {instance.pk})
    user, source = _changed_by.get()
    DatasetRecordChange.objects.create(
        dataset=None,
        dataset_name=instance.name,
        changed_by=user,
        source=source,
        changed_fields=["state"],
        snapshot={"name": instance.name, "state": "deleted"},
    )


def distribution_changed(sender, instance, **kwargs) -> None:
    if saving_dataset.get() or instance.dataset_id in _deleting.get():
        return
    from opendata.catalogue.models import Dataset

    # A changed distribution changes its dataset's record: harvesters that ask for what was
    # modified since their last run must see it (CKAN does the same).
    Dataset.objects.filter(pk=instance.dataset_id).update(metadata_modified=timezone.now())
    dataset = Dataset.objects.filter(pk=instance.dataset_id).first()
    if dataset is not None:
        record(dataset)


class ChangeContextMiddleware:
    """Requests of signed-in users record who changed the catalogue, and where."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        editorial = request.path.startswith(("/admin/", "/django-admin/"))
        source = "admin" if editorial else "api"
        with changes_by(user, source):
            return self.get_response(request)


def publisher_changed(sender, instance, **kwargs) -> None:
    """A publisher's name and address are part of each of its datasets' records."""
    from opendata.catalogue.models import Dataset

    Dataset.objects.filter(publisher=instance).update(metadata_modified=timezone.now())
    _search_text_refresh(Dataset.objects.filter(publisher=instance))


def keyword_removed(sender, instance, **kwargs) -> None:
    """A keyword taken off a dataset (also when its tag is deleted) changes its record."""
    from opendata.catalogue.models import Dataset

    Dataset.objects.filter(pk=instance.content_object_id).update(metadata_modified=timezone.now())
    if not saving_dataset.get():  # a dataset's own save refreshes its words afterwards
        _search_text_refresh(Dataset.objects.filter(pk=instance.content_object_id))


def tag_changed(sender, instance, **kwargs) -> None:
    """A renamed keyword changes the records of the datasets that carry it."""
    from opendata.catalogue.models import Dataset

    Dataset.objects.filter(keyword_items__tag=instance).update(metadata_modified=timezone.now())
    _search_text_refresh(Dataset.objects.filter(keyword_items__tag=instance))


def _search_text_refresh(datasets) -> None:
    from opendata.catalogue.models import search_text_of

    for dataset in datasets.select_related("publisher").prefetch_related("keyword_items__tag"):
        type(dataset).objects.filter(pk=dataset.pk).update(search_text=search_text_of(dataset))
