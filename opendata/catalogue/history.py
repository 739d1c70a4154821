"""The catalogue record history: every change of a dataset's metadata is kept as a version.

The catalogue's write services (``services.py``) record a dataset after each change (its
themes, keywords and distributions included); the admin's hooks call the same services. Who
changed it, and through which channel, comes from the context a request, a harvest or an
import sets with ``changes_by``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from opendata.catalogue.fields import VALUE_FIELDS
from opendata.catalogue.models import Dataset, DatasetRecordChange

_changed_by: ContextVar[tuple[Any, str]] = ContextVar(
    "catalogue_changed_by", default=(None, "system")
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


def snapshot(dataset: Dataset) -> dict[str, Any]:
    record = {field: _plain(getattr(dataset, field)) for field in VALUE_FIELDS}
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


def record(dataset: Dataset) -> DatasetRecordChange | None:
    """Keep the dataset's current metadata as a new version, unless nothing changed."""
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


def record_deleted(name: str) -> DatasetRecordChange:
    """The last version of a deleted record says so; earlier versions stay."""
    user, source = _changed_by.get()
    return DatasetRecordChange.objects.create(
        dataset=None,
        dataset_name=name,
        changed_by=user,
        source=source,
        changed_fields=["state"],
        snapshot={"name": name, "state": "deleted"},
    )


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
