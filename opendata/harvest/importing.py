"""What every importer shares: mapped dataset values, the job log and writing a dataset.

Importers (CSV sheet, CKAN, DCAT) turn their input into ``DatasetValues`` first, without
touching the database; ``harvested_records_import`` then writes them in the caller's
transaction, de-duplicating by source and remote identifier.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from opendata.catalogue import history, services
from opendata.catalogue.models import Dataset, DataTheme, Distribution, Publisher
from opendata.catalogue.services import dataset_publication_errors
from opendata.catalogue.vocabularies import LICENCES, FileFormat, Licence
from opendata.harvest.models import HarvestedRecord, HarvestSource, PublisherMapping

# Format names found in the wild, mapped to the EU file types the catalogue knows.
FORMAT_ALIASES = {
    "CSV": "CSV",
    "TEXT/CSV": "CSV",
    "GEOJSON": "GEOJSON",
    "APPLICATION/GEO+JSON": "GEOJSON",
    "JSON": "JSON",
    "APPLICATION/JSON": "JSON",
    "PDF": "PDF",
    "APPLICATION/PDF": "PDF",
    "XLSX": "XLSX",
    "API": "API",
    "WMS": "API",
    "WFS": "API",
    "REST": "API",
}


# What a harvest writes when the source says nothing: a harvested dataset mirrors its source.
HARVEST_FIELD_DEFAULTS: dict[str, Any] = {
    "title_en": "",
    "description_en": "",
    "contact_name": "",
    "contact_email": "",
    "accrual_periodicity": "",
    "issued": None,
    "modified": None,
    "temporal_start": None,
    "temporal_end": None,
    "landing_page": "",
    "version": "",
}


@dataclass
class PublisherRef:
    """A publisher as a source names it; resolved to a Publisher only while importing."""

    name: str = ""
    title: str = ""
    email: str = ""
    description: str = ""


@dataclass
class DatasetValues:
    remote_id: str
    name: str
    fields: dict[str, Any]
    publisher: PublisherRef = field(default_factory=PublisherRef)
    # None: leave the dataset's themes or keywords as they are (a sheet without the column).
    themes: list[str] | None = field(default_factory=list)
    keywords: list[str] | None = field(default_factory=list)
    distributions: list[dict[str, Any]] = field(default_factory=list)

    def content_hash(self) -> str:
        data = asdict(self)
        data.pop("remote_id")
        encoded = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


class RecordSkipped(Exception):
    """One record cannot be imported; the job goes on without it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass
class JobLog:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)

    def error(self, record: str, field: str, message: str) -> None:
        self.errors.append({"record": record, "field": field, "message": str(message)})

    def skip(self, record: str, field: str, message: str) -> None:
        self.skipped += 1
        self.error(record, field, message)


def format_code(value: str) -> str | None:
    """An EU file type code for a format name, media type or file-type URI; None if unknown."""
    text = (value or "").strip()
    if "/file-type/" in text:
        text = text.rsplit("/", 1)[-1]
    code = FORMAT_ALIASES.get(text.upper())
    if code is None and text.upper() in FileFormat.values:
        code = text.upper()
    return code


def licence_code(value: str) -> str | None:
    """A catalogue licence code for a code or a DCAT-AP.de licence URI; None if unknown."""
    text = (value or "").strip()
    if text.startswith(LICENCES):
        text = text[len(LICENCES) :]
    elif text.startswith(LICENCES.replace("http://", "https://")):
        text = text[len(LICENCES) + 1 :]
    return text if text in Licence.values else None


def dataset_name(candidate: str, fallback: str = "") -> str:
    name = slugify(candidate or "")[:100].strip("-")
    if not name:
        name = slugify(fallback or "")[:100].strip("-")
    return name


def publisher_match(ref: PublisherRef, *, source: HarvestSource) -> tuple[Publisher | None, bool]:
    """The publisher a record is filed under (None: a new one is to be created), and whether
    the record's organisation was refused.

    Only publishers mapped to the remote organisation for this source are matched: one this
    source's harvest created, or one staff chose. An organisation with the name or title of
    any other publisher is refused (the source's default publisher takes the record), so a
    remote catalogue cannot file its datasets under a city office.
    """
    remote_name = dataset_name(ref.name, ref.title)
    if not remote_name:
        return source.publisher, False
    mapping = (
        PublisherMapping.objects.select_related("publisher")
        .filter(source=source, remote_name__iexact=remote_name)
        .first()
    )
    if mapping is not None:
        return mapping.publisher, False
    if (
        Publisher.objects.filter(name=remote_name).exists()
        or Publisher.objects.filter(title__iexact=(ref.title or ref.name)[:200]).exists()
    ):
        return source.publisher, True
    return None, False


def publisher_create(ref: PublisherRef, *, source: HarvestSource) -> Publisher:
    """A new publisher for an organisation ``publisher_match`` found no publisher for, mapped
    to the source; the source's default publisher when the organisation's data is invalid."""
    publisher = Publisher(
        name=dataset_name(ref.name, ref.title),
        title=(ref.title or ref.name)[:200],
        description=ref.description,
        email=ref.email or source.publisher.email,
    )
    try:
        publisher.full_clean()
    except ValidationError:
        return source.publisher
    publisher = services.publisher_save(publisher=publisher)
    PublisherMapping.objects.create(
        source=source, remote_name=publisher.name, publisher=publisher, created_by_harvest=True
    )
    return publisher


def _validation_message(error: ValidationError) -> tuple[str, str]:
    if hasattr(error, "error_dict"):
        name, errors = next(iter(error.error_dict.items()))
        return name, "; ".join(str(message) for e in errors for message in e.messages)
    return "", "; ".join(error.messages)


def dataset_build(
    *,
    dataset: Dataset | None,
    values: DatasetValues,
    publisher: Publisher,
    replace_distributions: bool,
) -> tuple[Dataset, list[Distribution]]:
    """The dataset with the values applied in memory, validated; raises RecordSkipped."""
    if dataset is None:
        dataset = Dataset()
    dataset.name = values.name
    dataset.publisher = publisher
    for name, value in values.fields.items():
        setattr(dataset, name, value)
    if not dataset.contact_name:
        dataset.contact_name = publisher.title
    if not dataset.contact_email:
        dataset.contact_email = publisher.email
    if values.themes is not None:
        dataset.themes = list(DataTheme.objects.filter(code__in=values.themes))
    if values.keywords is not None:
        dataset.keywords.set(sorted(set(values.keywords)))

    existing = list(dataset.distributions.all()) if dataset.pk else []
    by_url = {d.url: d for d in existing if d.url}
    # Harvests mirror the source's distributions; a sheet only adds or updates its one.
    distributions = [] if replace_distributions else list(existing)
    seen: set[str] = set()
    for spec in values.distributions:
        if spec["url"] in seen:
            continue
        seen.add(spec["url"])
        distribution = by_url.get(spec["url"])
        if distribution is None:
            distribution = Distribution(url=spec["url"])
            if not replace_distributions:
                distribution.position = len(distributions)
                distributions.append(distribution)
        if replace_distributions:
            distribution.position = len(distributions)
            distributions.append(distribution)
        distribution.title = spec.get("title") or spec["format"]
        distribution.description = spec.get("description", "")
        distribution.format = spec["format"]
        distribution.licence = spec.get("licence") or dataset.licence
    dataset.distributions = distributions

    try:
        dataset.full_clean(validate_unique=False)
        for distribution in distributions:
            distribution.full_clean(exclude=["dataset"], validate_constraints=False)
    except ValidationError as error:
        raise RecordSkipped(*_validation_message(error)) from None
    return dataset, distributions


def publication_state(dataset: Dataset, distributions: list[Distribution]) -> str:
    errors = dataset_publication_errors(dataset=dataset, distributions=distributions)
    return Dataset.State.DRAFT if errors else Dataset.State.PUBLISHED


def harvested_records_import(
    *, source: HarvestSource, records: list[DatasetValues], log: JobLog, user: Any
) -> None:
    """Create, update or leave alone one dataset per record; call inside a transaction.

    A record already harvested from this source is updated when its content changed; a
    dataset of the same name that came from anywhere else is never overwritten.
    """
    now = timezone.now()
    refused: set[str] = set()
    with history.changes_by(user, "harvest"):
        for values in records:
            label = values.name or values.remote_id
            content_hash = values.content_hash()
            known = (
                HarvestedRecord.objects.select_related("dataset")
                .filter(source=source, remote_id=values.remote_id)
                .first()
            )
            publisher, organisation_refused = publisher_match(values.publisher, source=source)
            if (
                known is not None
                and known.content_hash == content_hash
                and publisher is not None
                and known.dataset.publisher_id == publisher.pk
            ):
                known.last_seen = now
                known.save(update_fields=["last_seen"])
                log.unchanged += 1
                continue
            clash = Dataset.objects.filter(name=values.name)
            if known is not None:
                clash = clash.exclude(pk=known.dataset_id)
            if clash.exists():
                log.skip(
                    label,
                    "name",
                    _(
                        "A dataset named “%(name)s” already exists and did not come from this "
                        "record of the source; it was left unchanged."
                    )
                    % {"name": values.name},
                )
                continue
            organisation = values.publisher.name or values.publisher.title
            if organisation_refused and organisation not in refused:
                refused.add(organisation)
                log.error(
                    label,
                    "publisher",
                    _(
                        "The source's organisation “%(organisation)s” has the name or title of "
                        "a publisher of this portal that is not mapped to this source; its "
                        "datasets are filed under the source's default publisher. Staff can "
                        "map it in the source's settings."
                    )
                    % {"organisation": organisation},
                )
            if publisher is None:
                publisher = publisher_create(values.publisher, source=source)
            mirrored = replace(values, fields={**HARVEST_FIELD_DEFAULTS, **values.fields})
            try:
                dataset, distributions = dataset_build(
                    dataset=known.dataset if known else None,
                    values=mirrored,
                    publisher=publisher,
                    replace_distributions=True,
                )
            except RecordSkipped as skipped:
                log.skip(label, skipped.field, skipped.message)
                continue
            dataset.state = publication_state(dataset, distributions)
            services.dataset_save(dataset=dataset)
            if known is None:
                HarvestedRecord.objects.create(
                    source=source,
                    remote_id=values.remote_id,
                    dataset=dataset,
                    content_hash=content_hash,
                    last_seen=now,
                )
                log.created += 1
            else:
                known.content_hash = content_hash
                known.last_seen = now
                known.save(update_fields=["content_hash", "last_seen"])
                log.updated += 1
