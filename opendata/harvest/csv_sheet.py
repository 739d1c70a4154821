"""Importing datasets from a metadata sheet (CSV, UTF-8, comma-separated, header row).

Columns (the header names them; their order does not matter; unknown columns are an error):

====================  ========  =============================================================
column                required  content
====================  ========  =============================================================
name                  yes       the dataset's name (URL): lowercase letters, digits, hyphens
title                 yes       German title
title_en                        English title
description           yes       German description
description_en                  English description
publisher             yes       the name (URL) of an existing publisher, e.g. ``stadtwerke``
contact_name          yes       contact point
contact_email         yes       contact e-mail address
themes                          EU data-theme codes separated by ``;``, e.g. ``TRAN;ENVI``
keywords                        keywords separated by ``;``
licence                         a licence code, e.g. ``cc-by/4.0``; empty: ``dl-by-de/2.0``
                                for new datasets, unchanged for existing ones
accrual_periodicity             EU frequency code, e.g. ``ANNUAL``, ``DAILY``, ``IRREG``
issued                          date, ``YYYY-MM-DD``
temporal_start                  date, ``YYYY-MM-DD``
temporal_end                    date, ``YYYY-MM-DD``, not before temporal_start
landing_page                    web address
distribution_url                web address of the data (needs distribution_format)
distribution_format             EU file type: CSV, GEOJSON, JSON, PDF, XLSX or API
state                           ``draft`` or ``published`` (must then meet DCAT-AP.de's
                                requirements: a theme and a distribution); empty: new
                                datasets are drafts, existing ones keep their state
====================  ========  =============================================================

Only the columns in the header are written: leaving a column out of the sheet keeps what
existing datasets have there. Every row is validated before anything is written; one bad row
keeps the whole sheet out, and each error names its row (the header is row 1) and column. A
row whose name exists already updates that dataset (its distribution is added or updated by
address, others are kept); a row that would change nothing counts as unchanged. Datasets that
came from a harvest source are changed there, not here.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opendata.catalogue import history, services
from opendata.catalogue.fields import SHEET_FIELDS
from opendata.catalogue.models import Dataset, Publisher
from opendata.catalogue.services import dataset_publication_errors
from opendata.catalogue.vocabularies import FileFormat, Frequency, Licence, Theme
from opendata.harvest.importing import (
    DatasetValues,
    JobLog,
    PublisherRef,
    RecordSkipped,
    dataset_build,
)
from opendata.harvest.models import HarvestedRecord
from opendata.harvest.remote import HarvestFailed

COLUMNS = [
    "name",
    "title",
    "title_en",
    "description",
    "description_en",
    "publisher",
    "contact_name",
    "contact_email",
    "themes",
    "keywords",
    "licence",
    "accrual_periodicity",
    "issued",
    "temporal_start",
    "temporal_end",
    "landing_page",
    "distribution_url",
    "distribution_format",
    "state",
]
REQUIRED_COLUMNS = {"name", "title", "description", "publisher", "contact_name", "contact_email"}
MAX_ROWS = 5000
SCALAR_FIELDS = SHEET_FIELDS  # declared with the model: opendata.catalogue.fields

TEMPLATE_EXAMPLE = {
    "name": "beispiel-ladepunkte",
    "title": "Ladepunkte für Elektrofahrzeuge",
    "title_en": "Charging points for electric vehicles",
    "description": "Öffentliche Ladepunkte mit Leistung und Betreiber.",
    "description_en": "Public charging points with power and operator.",
    "publisher": "stadtwerke",
    "contact_name": "Stadtwerke Lindenhafen",
    "contact_email": "daten@stadtwerke.example",
    "themes": "TRAN;ENER",
    "keywords": "E-Mobilität;Laden",
    "licence": "dl-by-de/2.0",
    "accrual_periodicity": "MONTHLY",
    "issued": "2025-01-15",
    "temporal_start": "2025-01-01",
    "temporal_end": "",
    "landing_page": "https://www.example.org/ladepunkte",
    "distribution_url": "https://daten.example.org/ladepunkte.csv",
    "distribution_format": "CSV",
    "state": "draft",
}


def template_csv() -> str:
    """The sheet's header and one example row, for download."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerow(TEMPLATE_EXAMPLE)
    return buffer.getvalue()


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


class SheetRowForm(forms.Form):
    """One row of the sheet; field names are the column names."""

    name = forms.SlugField(max_length=100)
    title = forms.CharField(max_length=250)
    title_en = forms.CharField(max_length=250, required=False)
    description = forms.CharField()
    description_en = forms.CharField(required=False)
    publisher = forms.CharField(max_length=100)
    contact_name = forms.CharField(max_length=150)
    contact_email = forms.EmailField()
    themes = forms.CharField(required=False)
    keywords = forms.CharField(required=False)
    licence = forms.ChoiceField(choices=[("", "–"), *Licence.choices], required=False)
    accrual_periodicity = forms.ChoiceField(choices=[("", "–"), *Frequency.choices], required=False)
    issued = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    temporal_start = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    temporal_end = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    landing_page = forms.URLField(required=False, max_length=200, assume_scheme="https")
    distribution_url = forms.URLField(required=False, max_length=500, assume_scheme="https")
    distribution_format = forms.CharField(required=False)
    state = forms.ChoiceField(choices=[("", "–"), *Dataset.State.choices], required=False)

    def clean_name(self) -> str:
        return self.cleaned_data["name"].lower()

    def clean_publisher(self) -> Publisher:
        name = self.cleaned_data["publisher"].strip()
        publisher = Publisher.objects.filter(name=name).first()
        if publisher is None:
            raise forms.ValidationError(
                gettext_lazy("There is no publisher named “%(name)s”."), params={"name": name}
            )
        return publisher

    def clean_themes(self) -> list[str]:
        codes = [code.upper() for code in _split(self.cleaned_data["themes"])]
        unknown = [code for code in codes if code not in Theme.values]
        if unknown:
            raise forms.ValidationError(
                gettext_lazy("Unknown theme code(s): %(codes)s. Use EU codes such as TRAN."),
                params={"codes": ", ".join(unknown)},
            )
        return sorted(set(codes))

    def clean_keywords(self) -> list[str]:
        keywords = _split(self.cleaned_data["keywords"])
        if any(len(keyword) > 100 for keyword in keywords):
            raise forms.ValidationError(gettext_lazy("A keyword is longer than 100 characters."))
        return sorted(set(keywords))

    def clean_distribution_format(self) -> str:
        value = self.cleaned_data["distribution_format"].strip().upper()
        if value and value not in FileFormat.values:
            raise forms.ValidationError(
                gettext_lazy("Unknown format “%(format)s”; use one of %(formats)s."),
                params={"format": value, "formats": ", ".join(FileFormat.values)},
            )
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("temporal_start"), cleaned.get("temporal_end")
        if start and end and end < start:
            self.add_error("temporal_end", gettext_lazy("The end must not be before the start."))
        url, fmt = cleaned.get("distribution_url"), cleaned.get("distribution_format")
        if url and not fmt and "distribution_format" not in self.errors:
            self.add_error("distribution_format", gettext_lazy("Required with distribution_url."))
        if fmt and not url and "distribution_url" not in self.errors:
            self.add_error("distribution_url", gettext_lazy("Required with distribution_format."))
        return cleaned


def sheet_decode(content: bytes) -> str:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise HarvestFailed(
            _(
                "The file is not UTF-8 encoded (invalid byte at position %(position)s). "
                "Save the sheet as “CSV UTF-8”."
            )
            % {"position": exc.start}
        ) from None
    if "\x00" in text:
        raise HarvestFailed(_("The file is not a CSV text file."))
    return text


def _row_label(number: int) -> str:
    return _("row %(number)s") % {"number": number}


def sheet_parse(content: bytes) -> tuple[list[tuple[int, DatasetValues, str]], JobLog]:
    """The sheet's rows as dataset values; the log holds every error found, by row and column.

    Raises HarvestFailed when the file as a whole cannot be read.
    """
    text = sheet_decode(content)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    log = JobLog()
    header = [name.strip() for name in (reader.fieldnames or [])]
    if not header:
        raise HarvestFailed(_("The file is empty."))
    reader.fieldnames = header
    present = set(header)
    for column in sorted(set(header) - set(COLUMNS)):
        log.error(_row_label(1), column, _("Unknown column."))
    for column in sorted(REQUIRED_COLUMNS - set(header)):
        log.error(_row_label(1), column, _("This column is missing."))
    if log.errors:
        return [], log

    rows: list[tuple[int, DatasetValues, str]] = []
    names: dict[str, int] = {}
    try:
        for index, raw in enumerate(reader):
            number = index + 2
            if index >= MAX_ROWS:
                log.error(
                    _row_label(number), "", _("At most %(n)s rows per sheet.") % {"n": MAX_ROWS}
                )
                break
            if None in raw:
                log.error(_row_label(number), "", _("The row has more cells than the header."))
                continue
            data = {key: (value or "").strip() for key, value in raw.items()}
            if not any(data.values()):
                continue  # blank line
            form = SheetRowForm(data)
            if not form.is_valid():
                for column, errors in form.errors.items():
                    for message in errors:
                        log.error(_row_label(number), column, message)
                continue
            cleaned = form.cleaned_data
            name = cleaned["name"]
            if name in names:
                log.error(
                    _row_label(number),
                    "name",
                    _("The name “%(name)s” is already used in row %(row)s.")
                    % {"name": name, "row": names[name]},
                )
                continue
            names[name] = number
            publisher: Publisher = cleaned["publisher"]
            fields = {
                key: cleaned[key] for key in SCALAR_FIELDS if key != "state" and key in present
            }
            if not fields.get("licence"):
                fields.pop("licence", None)  # the model's default, or what the dataset has
            distributions = []
            if cleaned["distribution_url"]:
                distributions.append(
                    {
                        "url": cleaned["distribution_url"],
                        "title": f"{cleaned['title'][:230]} ({cleaned['distribution_format']})",
                        "format": cleaned["distribution_format"],
                        # Empty: the dataset's licence.
                        "licence": fields.get("licence", ""),
                    }
                )
            values = DatasetValues(
                remote_id=name,
                name=name,
                fields=fields,
                publisher=PublisherRef(name=publisher.name, title=publisher.title),
                themes=cleaned["themes"] if "themes" in present else None,
                keywords=cleaned["keywords"] if "keywords" in present else None,
                distributions=distributions,
            )
            rows.append((number, values, cleaned["state"]))
    except csv.Error as exc:
        raise HarvestFailed(
            _("The file is not a valid CSV sheet (line %(line)s): %(error)s")
            % {"line": reader.line_num, "error": exc}
        ) from None
    if not rows and not log.errors:
        log.error(_row_label(2), "", _("The sheet has no data rows."))
    return rows, log


def _current(dataset: Dataset) -> dict[str, Any]:
    return {
        "fields": {key: getattr(dataset, key) for key in SCALAR_FIELDS},
        "publisher": dataset.publisher_id,
        "themes": dataset.theme_codes,
        "keywords": dataset.keyword_names,
        "distributions": sorted(
            (d.url, d.format, d.licence, d.title) for d in dataset.distributions.all() if d.url
        ),
    }


def sheet_rows_import(
    *, rows: list[tuple[int, DatasetValues, str]], log: JobLog, user: Any
) -> None:
    """Write the parsed rows; call inside a transaction. Rows that fail add to ``log.errors``."""
    harvested = set(
        HarvestedRecord.objects.filter(
            dataset__name__in=[v.name for _n, v, _s in rows]
        ).values_list("dataset__name", flat=True)
    )
    with history.changes_by(user, "import"):
        for number, values, state in rows:
            label = _row_label(number)
            if values.name in harvested:
                log.error(
                    label,
                    "name",
                    _("The dataset “%(name)s” is harvested from a source; change it there.")
                    % {"name": values.name},
                )
                continue
            existing = (
                Dataset.objects.filter(name=values.name)
                .select_related("publisher")
                .prefetch_related("themes", "keyword_items__tag", "distributions")
                .first()
            )
            before = _current(existing) if existing is not None else None
            publisher = Publisher.objects.get(name=values.publisher.name)
            try:
                dataset, distributions = dataset_build(
                    dataset=existing,
                    values=values,
                    publisher=publisher,
                    replace_distributions=False,
                )
            except RecordSkipped as error:
                log.error(label, error.field, error.message)
                continue
            dataset.state = state or (existing.state if existing else Dataset.State.DRAFT)
            if dataset.state == Dataset.State.PUBLISHED:
                problems = dataset_publication_errors(dataset=dataset, distributions=distributions)
                if problems:
                    for field, messages in problems.items():
                        column = {"distributions": "distribution_url"}.get(field, field)
                        for message in messages:
                            log.error(label, column, message)
                    continue
            if before is not None and _current(dataset) == before:
                log.unchanged += 1
                continue
            services.dataset_save(dataset=dataset)
            if existing is None:
                log.created += 1
            else:
                log.updated += 1
