"""Every write of the catalogue, and what follows from it.

REST, CKAN, harvesting, the CSV sheet, the demo, the sensors' catalogue link and the admin
(through ``wagtail_hooks.py``) write through these functions. The side effects of a change
are explicit here, never in ``save()`` or signals: a changed dataset gets its search words
(``search_text``) and a new version in the record history (``history.py``); a saved
distribution runs the hooks other apps registered (the data store enqueues a load on commit).

Who changed a record, and through which channel, is the context of ``history.changes_by``
(set by the request middleware, a harvest or an import); the ``user``/``source`` arguments set
it for one call.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from taggit.models import Tag

from opendata.catalogue import history
from opendata.catalogue.dataset_input import (
    Errors,
    add_errors,
    apply_data,
    error_messages,
    validate_dataset,
)
from opendata.catalogue.fields import DISTRIBUTION_WRITE_FIELDS
from opendata.catalogue.models import (
    Dataset,
    DatasetDescription,
    Distribution,
    Publisher,
    search_text_of,
)
from opendata.catalogue.publication import dataset_publication_errors

__all__ = [
    "dataset_changed",
    "dataset_create",
    "dataset_delete",
    "dataset_descriptions_keep",
    "dataset_publication_errors",
    "dataset_publish",
    "dataset_save",
    "dataset_update",
    "dataset_withdraw",
    "distribution_add",
    "distribution_delete",
    "distribution_save",
    "publisher_changed",
    "publisher_save",
    "register_distribution_saved_hook",
    "tag_changed",
    "tag_delete",
    "tag_save",
]

DistributionHook = Callable[[Distribution], None]
_distribution_saved_hooks: list[DistributionHook] = []


def register_distribution_saved_hook(hook: DistributionHook) -> None:
    """Let another app react to every saved distribution (from its ``AppConfig.ready()``).

    The catalogue knows nothing of its consumers: the data store registers the hook that
    enqueues a load, on commit, of a loadable file.
    """
    if hook not in _distribution_saved_hooks:
        _distribution_saved_hooks.append(hook)


def _distributions_saved(distributions: Iterable[Distribution]) -> None:
    for distribution in distributions:
        for hook in _distribution_saved_hooks:
            hook(distribution)


@contextlib.contextmanager
def _changed_by(user: Any, source: str | None) -> Iterator[None]:
    """The given channel for this write; without one, the context the caller set."""
    if source is None:
        yield
        return
    with history.changes_by(user, source):
        yield


def _search_text_refresh(datasets: QuerySet[Dataset]) -> None:
    for dataset in datasets.select_related("publisher").prefetch_related("keyword_items__tag"):
        Dataset.objects.filter(pk=dataset.pk).update(search_text=search_text_of(dataset))


def _touch(datasets: QuerySet[Dataset]) -> None:
    # Harvesters ask for what was modified since their last run, and package_show is cached
    # under metadata_modified: a change of a part of the record moves it on (as in CKAN).
    datasets.update(metadata_modified=timezone.now())


def _dataset_recorded(dataset: Dataset) -> None:
    Dataset.objects.filter(pk=dataset.pk).update(search_text=search_text_of(dataset))
    history.record(dataset)


def dataset_changed(*, dataset: Dataset) -> None:
    """What follows a saved dataset (with its children): words, a version, distribution hooks.

    The write services call it; the admin's after-create and after-edit hooks call it after
    the form saved the dataset.
    """
    _dataset_recorded(dataset)
    _distributions_saved(dataset.distributions.all())


@transaction.atomic
def dataset_save(*, dataset: Dataset, user: Any = None, source: str | None = None) -> Dataset:
    """Save a dataset changed in memory, with its themes, keywords and distributions."""
    with _changed_by(user, source):
        dataset.save()
        dataset_changed(dataset=dataset)
    return dataset


@transaction.atomic
def dataset_delete(*, dataset: Dataset, user: Any = None, source: str | None = None) -> None:
    """Delete a dataset; its history stays, with a last version that says it was deleted."""
    name = dataset.name
    with _changed_by(user, source):
        dataset.delete()
        history.record_deleted(name)


@transaction.atomic
def dataset_publish(*, dataset: Dataset) -> Dataset:
    errors = dataset_publication_errors(dataset=dataset)
    if errors:
        raise ValidationError(errors)
    dataset.state = Dataset.State.PUBLISHED
    dataset.modified = timezone.now()
    dataset.save(update_fields=["state", "modified", "metadata_modified"])
    _dataset_recorded(dataset)
    return dataset


@transaction.atomic
def dataset_withdraw(*, dataset: Dataset) -> Dataset:
    """Back to draft: the dataset leaves every public output, its record stays."""
    dataset.state = Dataset.State.DRAFT
    dataset.save(update_fields=["state", "metadata_modified"])
    _dataset_recorded(dataset)
    return dataset


def _api_save(dataset: Dataset, *, user: Any, was_published: bool) -> Dataset:
    if dataset.state == Dataset.State.PUBLISHED and not was_published and not dataset.modified:
        dataset.modified = timezone.now()
    return dataset_save(dataset=dataset, user=user, source="api")


@transaction.atomic
def dataset_create(*, user: Any, data: dict[str, Any]) -> Dataset:
    """A new dataset from API data; ValidationError by field when it is invalid.

    Fails on an existing name (the model's unique check), as CKAN's package_create does.
    """
    dataset = Dataset()
    errors: Errors = {}
    distributions = apply_data(dataset, data, errors)
    if distributions is None:
        distributions = []
    validate_dataset(dataset, distributions, errors)
    return _api_save(dataset, user=user, was_published=False)


@transaction.atomic
def dataset_update(*, user: Any, dataset: Dataset, data: dict[str, Any]) -> Dataset:
    """Change the given fields (a patch).

    A given distribution list is the new list, with CKAN's semantics: an entry with the id of
    one of the dataset's distributions updates it in place (keeping its stored file unless a
    new address is given), entries without id are created, and distributions left out are
    removed.
    """
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    was_published = dataset.state == Dataset.State.PUBLISHED
    errors: Errors = {}
    distributions = apply_data(dataset, data, errors)
    validate_dataset(dataset, distributions, errors)
    return _api_save(dataset, user=user, was_published=was_published)


@transaction.atomic
def distribution_add(*, user: Any, dataset: Dataset, data: dict[str, Any]) -> Distribution:
    """One more distribution (by URL) for a dataset."""
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    values = {field: data[field] for field in DISTRIBUTION_WRITE_FIELDS if data.get(field)}
    values.setdefault("licence", dataset.licence)
    position = dataset.distributions.count()
    distribution = Distribution(dataset=dataset, position=position, **values)
    errors: Errors = {}
    if not distribution.url:
        errors["url"] = [_("Give the address of the data.")]
    try:
        distribution.full_clean(validate_constraints=False)
    except ValidationError as exc:
        add_errors(errors, error_messages(exc))
    if errors:
        raise ValidationError(errors)
    return distribution_save(distribution=distribution, user=user, source="api")


def _distribution_changed(dataset_id: Any) -> None:
    """A changed distribution changes its dataset's record."""
    _touch(Dataset.objects.filter(pk=dataset_id))
    dataset = Dataset.objects.filter(pk=dataset_id).first()
    if dataset is not None:
        history.record(dataset)


@transaction.atomic
def distribution_save(
    *, distribution: Distribution, user: Any = None, source: str | None = None
) -> Distribution:
    """Save one distribution on its own (not through its dataset's form or list)."""
    with _changed_by(user, source):
        distribution.save()
        _distribution_changed(distribution.dataset_id)
        _distributions_saved([distribution])
    return distribution


@transaction.atomic
def distribution_delete(
    *, distribution: Distribution, user: Any = None, source: str | None = None
) -> None:
    with _changed_by(user, source):
        dataset_id = distribution.dataset_id
        distribution.delete()
        _distribution_changed(dataset_id)


def publisher_changed(*, publisher: Publisher) -> None:
    """A publisher's name and address are part of each of its datasets' records."""
    datasets = Dataset.objects.filter(publisher=publisher)
    _touch(datasets)
    _search_text_refresh(datasets)


@transaction.atomic
def publisher_save(*, publisher: Publisher) -> Publisher:
    publisher.save()
    publisher_changed(publisher=publisher)
    return publisher


def tag_changed(*, dataset_ids: Iterable[Any]) -> None:
    """A renamed or deleted keyword changes the records of the datasets that carry(ed) it."""
    datasets = Dataset.objects.filter(pk__in=list(dataset_ids))
    _touch(datasets)
    _search_text_refresh(datasets)


def _tagged_dataset_ids(tag: Tag) -> list[Any]:
    return list(Dataset.objects.filter(keyword_items__tag=tag).values_list("pk", flat=True))


@transaction.atomic
def tag_save(*, tag: Tag) -> Tag:
    """Rename (or otherwise change) a keyword shared by datasets."""
    tag.save()
    tag_changed(dataset_ids=_tagged_dataset_ids(tag))
    return tag


@transaction.atomic
def tag_delete(*, tag: Tag) -> None:
    """Delete a keyword: it is taken off every dataset that carries it."""
    dataset_ids = _tagged_dataset_ids(tag)
    tag.delete()
    tag_changed(dataset_ids=dataset_ids)


@transaction.atomic
def dataset_descriptions_keep(*, descriptions: list[DatasetDescription]) -> None:
    """Keep the datasets' RDF descriptions for the catalogue stream (replacing older ones)."""
    DatasetDescription.objects.bulk_create(
        descriptions,
        update_conflicts=True,
        unique_fields=["dataset"],
        update_fields=["metadata_modified", "context", "turtle"],
    )
