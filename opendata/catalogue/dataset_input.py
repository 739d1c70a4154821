"""Writes arrive as plain dictionaries keyed by model field names: applying and validating them.

Used by the write services (``services.py``) for REST, CKAN and anything else that sends data
in that shape. Everything is validated the way the admin validates it (the model's own
validation, then DCAT-AP.de's publication requirements for a dataset that is or becomes
published).
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from opendata.catalogue.addresses import distribution_address
from opendata.catalogue.fields import DISTRIBUTION_WRITE_FIELDS, SCALAR_WRITE_FIELDS
from opendata.catalogue.models import Dataset, DataTheme, Distribution
from opendata.catalogue.publication import dataset_publication_errors
from opendata.catalogue.uploads import EXTENSIONS

# Routes that serve a distribution's stored file.
DOWNLOAD_ROUTES = {"catalogue-resource-download", "catalogue-download"}

Errors = dict[str, list[str]]


def error_messages(error: ValidationError) -> Errors:
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in msgs] for field, msgs in error.message_dict.items()}
    return {"__all__": [str(m) for m in error.messages]}


def add_errors(errors: Errors, more: Errors, prefix: str = "") -> None:
    for field, messages in more.items():
        key = prefix if field == "__all__" and prefix else f"{prefix}{field}"
        errors.setdefault(key, []).extend(str(m) for m in messages)


def apply_data(dataset: Dataset, data: dict[str, Any], errors: Errors) -> list[Distribution] | None:
    """Set the given fields on the (possibly unsaved) dataset; the new distributions, if given."""
    for field in SCALAR_WRITE_FIELDS:
        if field in data:
            setattr(dataset, field, data[field])
    if "themes" in data:
        codes = sorted({str(code).upper() for code in data["themes"] or []})
        themes = list(DataTheme.objects.filter(code__in=codes))
        unknown = sorted(set(codes) - {theme.code for theme in themes})
        if unknown:
            errors.setdefault("themes", []).append(
                _("Unknown theme: %(codes)s") % {"codes": ", ".join(unknown)}
            )
        dataset.themes.set(themes)
    if "keywords" in data:
        names = sorted({str(name).strip() for name in data["keywords"] or [] if str(name).strip()})
        too_long = [name for name in names if len(name) > 100]
        if too_long:
            errors.setdefault("keywords", []).append(_("A keyword has at most 100 characters."))
        dataset.keywords.set([name for name in names if name not in too_long])
    if "distributions" not in data:
        return None
    existing = _existing_distributions(dataset)
    distributions = []
    for position, item in enumerate(data["distributions"] or []):
        distribution = _matching(existing, item)
        stored_format = distribution.format if distribution is not None else None
        if distribution is None:
            values = {field: item[field] for field in DISTRIBUTION_WRITE_FIELDS if item.get(field)}
            values.setdefault("licence", dataset.licence)
            distribution = Distribution(**values)
        else:
            _update(distribution, item)
        distribution.position = position
        prefix = f"distributions[{position}]."
        changed_format = stored_format is not None and distribution.format != stored_format
        if distribution.file and changed_format and not _fits_format(distribution):
            errors.setdefault(f"{prefix}format", []).append(
                _("The stored file “%(name)s” is not a %(format)s file.")
                % {"name": PurePath(distribution.file.name).name, "format": distribution.format}
            )
        if not distribution.url and not distribution.file:
            # Uploads go through the admin; the APIs take addresses (or keep a stored file).
            errors.setdefault(f"{prefix}url", []).append(_("Give the address of the data."))
        try:
            distribution.full_clean(exclude=["dataset"], validate_constraints=False)
        except ValidationError as exc:
            add_errors(errors, error_messages(exc), prefix=prefix)
        distributions.append(distribution)
    # Distributions left out of the list are removed when the dataset is saved (as in CKAN).
    dataset.distributions = distributions
    return distributions


def _existing_distributions(dataset: Dataset) -> dict[str, Distribution]:
    if dataset.pk is None:
        return {}
    queryset = Distribution.objects.filter(dataset_id=dataset.pk).select_related("dataset")
    return {str(distribution.pk): distribution for distribution in queryset}


def _is_own_download(distribution: Distribution, address: str) -> bool:
    """Whether `address` is where this portal publishes the distribution's stored file."""
    if not distribution.file or not address:
        return False
    base = settings.PORTAL_BASE_URL
    if address in {distribution_address(distribution), f"{base}{distribution.file.url}"}:
        return True
    parts = urlsplit(address)
    if parts.netloc and parts.netloc != urlsplit(base).netloc:
        return False
    try:
        match = resolve(parts.path)
    except Resolver404:
        return False
    return match.url_name in DOWNLOAD_ROUTES and str(match.kwargs.get("distribution_id")) == str(
        distribution.pk
    )


def _matching(existing: dict[str, Distribution], item: dict[str, Any]) -> Distribution | None:
    """The dataset's distribution an incoming one updates: by id, else by its own download.

    Ids of other datasets' distributions are ignored (a new distribution is created). Every
    existing distribution is matched at most once.
    """
    key = str(item.get("id") or "")
    if key in existing:
        return existing.pop(key)
    address = item.get("url") or ""
    for pk, distribution in existing.items():
        if _is_own_download(distribution, address):
            return existing.pop(pk)
    return None


def _fits_format(distribution: Distribution) -> bool:
    """Whether a kept file's name still fits the format (it is served with the format's type)."""
    expected = EXTENSIONS.get(distribution.format) or set()
    return PurePath(distribution.file.name).suffix.lower() in expected


def _update(distribution: Distribution, item: dict[str, Any]) -> None:
    """Change an existing distribution in place; fields not given keep their values."""
    for field in ("title", "format", "licence", "availability"):
        if item.get(field):
            setattr(distribution, field, item[field])
    if "description" in item:
        distribution.description = item["description"] or ""
    address = item.get("url") or ""
    if not address or address == distribution.url or _is_own_download(distribution, address):
        return  # no new address: a stored file (or the external address) stays
    distribution.url = address
    if distribution.file:
        # A new external address replaces the stored file and what was measured of it.
        distribution.file = ""
        distribution.byte_size = None
        distribution.checksum_sha256 = ""


def validate_dataset(
    dataset: Dataset, distributions: list[Distribution] | None, errors: Errors
) -> None:
    try:
        dataset.full_clean()
    except ValidationError as exc:
        add_errors(errors, error_messages(exc))
    if dataset.state == Dataset.State.PUBLISHED:
        if distributions is None:
            distributions = list(dataset.distributions.all())
        add_errors(errors, dataset_publication_errors(dataset=dataset, distributions=distributions))
    if errors:
        raise ValidationError(errors)
