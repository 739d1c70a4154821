"""The dataset's metadata fields, declared once; every user derives its subset from here.

The REST output and input (``api/serializers.py``), the write service (``services.py``), the
CSV metadata sheet (``opendata/harvest/csv_sheet.py``) and the record history (``history.py``)
each take the fields they handle from ``DATASET_FIELDS`` instead of listing them again.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    VALUE = "value"  # a plain column: text, date, choice
    PUBLISHER = "publisher"  # the publisher, by name
    GEOMETRY = "geometry"  # the area covered
    THEMES = "themes"  # codes of the EU data-theme vocabulary
    KEYWORDS = "keywords"  # free keywords (tags)
    DISTRIBUTIONS = "distributions"  # the list of distributions
    SYSTEM = "system"  # kept by the model itself, never written


@dataclass(frozen=True)
class DatasetField:
    name: str
    kind: Kind = Kind.VALUE
    # A column of the CSV metadata sheet that sets the field (besides the key columns).
    in_sheet: bool = False


# In the order of the REST output.
DATASET_FIELDS: tuple[DatasetField, ...] = (
    DatasetField("name"),
    DatasetField("state", in_sheet=True),
    DatasetField("title", in_sheet=True),
    DatasetField("title_en", in_sheet=True),
    DatasetField("description", in_sheet=True),
    DatasetField("description_en", in_sheet=True),
    DatasetField("publisher", Kind.PUBLISHER),
    DatasetField("contact_name", in_sheet=True),
    DatasetField("contact_email", in_sheet=True),
    DatasetField("themes", Kind.THEMES),
    DatasetField("keywords", Kind.KEYWORDS),
    DatasetField("licence", in_sheet=True),
    DatasetField("attribution"),
    DatasetField("issued", in_sheet=True),
    DatasetField("modified"),
    DatasetField("accrual_periodicity", in_sheet=True),
    DatasetField("temporal_start", in_sheet=True),
    DatasetField("temporal_end", in_sheet=True),
    DatasetField("spatial", Kind.GEOMETRY),
    DatasetField("political_geocoding_uri"),
    DatasetField("landing_page", in_sheet=True),
    DatasetField("access_rights"),
    DatasetField("provenance"),
    DatasetField("version"),
    DatasetField("action_field"),
    DatasetField("metadata_created", Kind.SYSTEM),
    DatasetField("metadata_modified", Kind.SYSTEM),
    DatasetField("distributions", Kind.DISTRIBUTIONS),
)

# Plain columns: copied as they are by writes, kept as they are by the history.
VALUE_FIELDS = tuple(f.name for f in DATASET_FIELDS if f.kind == Kind.VALUE)
# What a write may set directly on the model (themes, keywords, distributions go separately).
SCALAR_WRITE_FIELDS = tuple(
    f.name for f in DATASET_FIELDS if f.kind in {Kind.VALUE, Kind.PUBLISHER, Kind.GEOMETRY}
)
# Everything a write may give (the input of REST, CKAN after mapping, harvests).
WRITE_FIELDS = tuple(f.name for f in DATASET_FIELDS if f.kind != Kind.SYSTEM)
# Everything the REST API shows of a dataset.
OUTPUT_FIELDS = tuple(f.name for f in DATASET_FIELDS)
# What the CSV metadata sheet sets besides name, publisher, themes, keywords and distribution.
SHEET_FIELDS = tuple(f.name for f in DATASET_FIELDS if f.in_sheet)

# What a write gives of a distribution (uploads go through the admin).
DISTRIBUTION_WRITE_FIELDS = ("title", "description", "url", "format", "licence", "availability")
