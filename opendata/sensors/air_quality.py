"""The German Federal Environment Agency's air-quality index (Luftqualitätsindex, LQI).

Five classes from "very good" to "very poor" on hourly means in µg/m³; the pollutant with the
worst class decides. Upper bounds of the classes as the agency publishes them (rounded
values, the upper bound belongs to the class):

=========  =====  =====  ======  =====
class      PM2.5  PM10   NO2
=========  =====  =====  ======  =====
very good  0-5    0-9    0-10
good       6-15   10-27  11-30
moderate   16-30  28-54  31-60
poor       31-50  55-90  61-100
very poor  > 50   > 90   > 100
=========  =====  =====  ======  =====
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Definition URIs of the EEA pollutant vocabulary.
EEA_POLLUTANT = "http://dd.eionet.europa.eu/vocabulary/aq/pollutant/"
PM25 = EEA_POLLUTANT + "6001"
PM10 = EEA_POLLUTANT + "5"
NO2 = EEA_POLLUTANT + "8"

# definition URI -> the short key used in the tiles
POLLUTANTS = {PM25: "pm25", PM10: "pm10", NO2: "no2"}

UPPER_BOUNDS = {
    "pm25": (5, 15, 30, 50),
    "pm10": (9, 27, 54, 90),
    "no2": (10, 30, 60, 100),
}

LABELS = {
    1: _("very good"),
    2: _("good"),
    3: _("moderate"),
    4: _("poor"),
    5: _("very poor"),
}


@dataclass(frozen=True)
class Band:
    rank: int  # 1 (very good) to 5 (very poor)

    @property
    def label(self) -> str:
        return str(LABELS[self.rank])

    @property
    def css(self) -> str:
        return f"aqi-{self.rank}"


def band_for(pollutant: str, value: float) -> Band:
    rounded = round(value)
    for rank, upper in enumerate(UPPER_BOUNDS[pollutant], start=1):
        if rounded <= upper:
            return Band(rank)
    return Band(5)


def band_of(values: dict[str, dict]) -> Band | None:
    """The station's class: the worst class of its pollutants (None without any value)."""
    bands = [band_for(key, entry["value"]) for key, entry in values.items()]
    return max(bands, key=lambda band: band.rank) if bands else None
