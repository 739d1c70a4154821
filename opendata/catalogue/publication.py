"""What DCAT-AP.de requires of a dataset before it may be published (a check; writes nothing)."""

from __future__ import annotations

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
