"""Writes of the catalogue. Publishing checks what DCAT-AP.de requires of a dataset."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opendata.catalogue.models import Dataset


def dataset_publication_errors(
    *, dataset: Dataset, distributions: list | None = None, themes: list | None = None
) -> dict:
    """What keeps a dataset from publication, by field; empty when it may be published."""
    errors: dict[str, list[str]] = {}
    for field in ("title", "description", "contact_name", "contact_email"):
        if not getattr(dataset, field):
            errors.setdefault(field, []).append(_("Required for publication."))
    if not dataset.publisher_id:
        errors.setdefault("publisher", []).append(_("Required for publication."))
    if themes is None:
        themes = list(dataset.themes.all())
    if not themes:
        errors.setdefault("themes", []).append(_("Choose at least one theme."))
    if distributions is None:
        distributions = list(dataset.distributions.all()) if dataset.pk else []
    if not distributions:
        errors.setdefault("distributions", []).append(
            _("A published dataset needs at least one distribution.")
        )
    for distribution in distributions:
        if not distribution.licence:
            errors.setdefault("distributions", []).append(
                _("Every distribution needs a licence (%(title)s).") % {"title": distribution.title}
            )
    return errors


@transaction.atomic
def dataset_publish(*, dataset: Dataset) -> Dataset:
    errors = dataset_publication_errors(dataset=dataset)
    if errors:
        raise ValidationError(errors)
    dataset.state = Dataset.State.PUBLISHED
    dataset.modified = timezone.now()
    dataset.save(update_fields=["state", "modified", "metadata_modified"])
    return dataset
