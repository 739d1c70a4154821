"""A quality indicator for a dataset's record, in the spirit of udata's quality score.

Each check is a plain yes/no with an explanation, so that readers and publishers can see why
a dataset scores as it does. Checks that do not apply (freshness of a dataset that is
updated irregularly) are left out of the score instead of counting against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from opendata.catalogue.models import Dataset
from opendata.catalogue.vocabularies import Frequency, Licence

MIN_DESCRIPTION_LENGTH = 50

# Formats that are both machine-readable and open (not bound to one vendor's software).
OPEN_MACHINE_READABLE_FORMATS = {"CSV", "GEOJSON", "JSON"}
OPEN_LICENCES = {Licence.DL_BY_DE_2, Licence.DL_ZERO_DE_2, Licence.CC_BY_4, Licence.CC_ZERO}

# How long after the last update a dataset still counts as current, per declared frequency:
# the period itself plus a margin for publishing.
FRESHNESS = {
    Frequency.CONTINUOUS: timedelta(days=2),
    Frequency.DAILY: timedelta(days=3),
    Frequency.WEEKLY: timedelta(days=10),
    Frequency.MONTHLY: timedelta(days=38),
    Frequency.QUARTERLY: timedelta(days=100),
    Frequency.ANNUAL: timedelta(days=380),
}


@dataclass(frozen=True)
class QualityCheck:
    key: str
    label: str
    passed: bool | None  # None: does not apply to this dataset
    explanation: str
    weight: int = 1


@dataclass(frozen=True)
class Quality:
    checks: list[QualityCheck]

    @property
    def applicable(self) -> list[QualityCheck]:
        return [check for check in self.checks if check.passed is not None]

    @property
    def score(self) -> int:
        total = sum(check.weight for check in self.applicable)
        passed = sum(check.weight for check in self.applicable if check.passed)
        return round(100 * passed / total) if total else 0

    @property
    def level(self) -> str:
        if self.score >= 80:
            return "good"
        return "fair" if self.score >= 50 else "poor"

    @property
    def level_label(self) -> str:
        return {"good": _("good"), "fair": _("fair"), "poor": _("needs improvement")}[self.level]

    @property
    def passed_count(self) -> int:
        return sum(1 for check in self.applicable if check.passed)


def last_update(dataset: Dataset) -> datetime | None:
    """When the data last changed: the declared date, else the newest distribution."""
    if dataset.modified:
        return dataset.modified
    dates = [d.modified for d in dataset.distributions.all() if d.modified]
    return max(dates) if dates else None


def dataset_quality(*, dataset: Dataset, now: datetime | None = None) -> Quality:
    now = now or timezone.now()
    distributions = list(dataset.distributions.all())
    checks = [
        QualityCheck(
            "description",
            _("Informative description"),
            len(dataset.description.strip()) >= MIN_DESCRIPTION_LENGTH,
            _("The description has at least %(count)s characters.")
            % {"count": MIN_DESCRIPTION_LENGTH},
        ),
        QualityCheck(
            "english",
            _("Described in English too"),
            bool(dataset.title_en and dataset.description_en),
            _("Title and description are also available in English."),
        ),
        QualityCheck(
            "themes",
            _("Themes"),
            bool(dataset.theme_codes),
            _("The dataset is assigned to at least one theme of the EU vocabulary."),
        ),
        QualityCheck(
            "keywords",
            _("Keywords"),
            bool(dataset.keyword_names),
            _("Keywords help to find the dataset."),
        ),
        QualityCheck(
            "contact",
            _("Contact point"),
            bool(dataset.contact_name and dataset.contact_email),
            _("A contact point with an e-mail address answers questions about the data."),
        ),
        QualityCheck(
            "temporal",
            _("Time period covered"),
            dataset.temporal_start is not None or dataset.temporal_end is not None,
            _("The record states the period the data covers."),
        ),
        QualityCheck(
            "spatial",
            _("Area covered"),
            dataset.spatial is not None or bool(dataset.political_geocoding_uri),
            _("The record states the area the data covers."),
        ),
        QualityCheck(
            "frequency",
            _("Update frequency declared"),
            bool(dataset.accrual_periodicity),
            _("The record says how often the data is updated."),
        ),
        _freshness(dataset, now),
        QualityCheck(
            "distributions",
            _("Data available"),
            bool(distributions),
            _("At least one file or service offers the data."),
            weight=2,
        ),
        QualityCheck(
            "open_format",
            _("Open, machine-readable format"),
            any(d.format in OPEN_MACHINE_READABLE_FORMATS for d in distributions),
            _(
                "At least one distribution is CSV, JSON or GeoJSON, which programs can read "
                "without proprietary software."
            ),
            weight=2,
        ),
        QualityCheck(
            "open_licence",
            _("Open licence"),
            dataset.licence in OPEN_LICENCES
            and all(d.licence in OPEN_LICENCES for d in distributions),
            _("The dataset and all its distributions are under an open licence."),
            weight=2,
        ),
        QualityCheck(
            "file_details",
            _("Size and checksum"),
            bool(distributions)
            and all(d.byte_size is not None and d.checksum_sha256 for d in distributions if d.file),
            _("Every file states its size and a SHA-256 checksum to verify downloads."),
        ),
    ]
    return Quality(checks)


def _freshness(dataset: Dataset, now: datetime) -> QualityCheck:
    label = _("Up to date")
    allowed = FRESHNESS.get(dataset.accrual_periodicity)  # type: ignore[call-overload]
    if allowed is None:
        return QualityCheck(
            "freshness",
            label,
            None,
            _("Not assessed: the data is updated irregularly, never, or no frequency is declared."),
        )
    updated = last_update(dataset)
    if updated is None:
        return QualityCheck("freshness", label, False, _("The record gives no date of update."))
    frequency = Frequency(dataset.accrual_periodicity).label
    days = max((now - updated).days, 0)
    if now - updated <= allowed:
        explanation = _("Last updated %(days)s days ago, within what “%(frequency)s” promises.") % {
            "days": days,
            "frequency": frequency,
        }
        return QualityCheck("freshness", label, True, explanation, weight=2)
    explanation = _("Last updated %(days)s days ago, later than “%(frequency)s” promises.") % {
        "days": days,
        "frequency": frequency,
    }
    return QualityCheck("freshness", label, False, explanation, weight=2)
