"""Reads for the public sensor pages: published data only, never raw readings.

Published means a ``PublishedObservation`` of a datastream whose privacy class is public or
person-derived. Streams kept internal (critical infrastructure) do not exist here. Rows that
were suppressed carry no value; pages may say that a value was withheld, downloads and
charts leave them out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

from django.contrib.gis.geos import Point, Polygon
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from opendata.sensors import air_quality
from opendata.sensors.air_quality import NO2, PM10, PM25
from opendata.sensors.models import (
    Datastream,
    Location,
    ObservedProperty,
    PublishedObservation,
    Release,
    Thing,
)

PUBLIC_CLASSES = (Datastream.PrivacyClass.PUBLIC, Datastream.PrivacyClass.PERSON_DERIVED)

# Observed properties the tiles and the warning banner look for, by definition URI: the EEA
# pollutant vocabulary for air quality (in ``air_quality``), the city's own definitions for
# parking and gauges.
FREE_SPACES = "/free-parking-spaces"
OCCUPIED_SPACES = "/occupied-parking-spaces"
WATER_LEVEL = "/water-level"

# A tile shows a value only when its window ended at most this long ago.
CURRENT_FOR = timedelta(hours=3)

# Daily totals of person-derived streams are published as cells "day" or "day:<cell>"
# (see publication/); the chart and the current value show windows, the table labels them.
DAILY_TOTAL = Q(cell="day") | Q(cell__startswith="day:")

PERIODS = {"24h": timedelta(hours=24), "7d": timedelta(days=7), "30d": timedelta(days=30)}
DEFAULT_PERIOD = "24h"


def datastream_list_public() -> QuerySet[Datastream]:
    return Datastream.objects.filter(privacy_class__in=PUBLIC_CLASSES).select_related(
        "thing", "observed_property", "sensor"
    )


def datastream_get_public(*, datastream_id: int) -> Datastream | None:
    return (
        datastream_list_public()
        .select_related("dataset", "thing__operator")
        .filter(pk=datastream_id)
        .first()
    )


def water_level_streams(prefix: str = "") -> Q:
    """Public gauges whose crossing of the warning threshold is announced to everyone."""
    return Q(
        **{
            f"{prefix}privacy_class": Datastream.PrivacyClass.PUBLIC,
            f"{prefix}observed_property__definition__endswith": WATER_LEVEL,
        }
    )


def published_rows(*, datastream: Datastream, since: datetime | None) -> QuerySet:
    """The stream's published rows (withheld ones included, without values), newest first."""
    rows = PublishedObservation.objects.filter(datastream=datastream).select_related("release")
    if since is not None:
        rows = rows.filter(phenomenon_time_start__gte=since)
    return rows.order_by("-phenomenon_time_start", "cell", "pk")


def published_values(*, datastream: Datastream, since: datetime | None) -> QuerySet:
    """Rows with a value, oldest first: what charts and downloads show."""
    if datastream.privacy_class not in PUBLIC_CLASSES:
        return PublishedObservation.objects.none()
    return (
        published_rows(datastream=datastream, since=since)
        .filter(suppressed=False, result__isnull=False)
        .order_by("phenomenon_time_start", "cell", "pk")
    )


def window_values(*, datastream: Datastream, since: datetime | None) -> QuerySet:
    """Published values of the stream's windows, daily totals left out: what charts draw."""
    return published_values(datastream=datastream, since=since).exclude(DAILY_TOTAL)


def cell_label(cell: str) -> str:
    """A published cell's spatial unit for readers: "" for the stream's own location."""
    if not cell:
        return ""
    if cell == "day":
        return _("Daily total")
    if cell.startswith("day:"):
        return _("Daily total, %(cell)s") % {"cell": cell_label(cell.removeprefix("day:"))}
    kind, _sep, name = cell.partition(":")
    if kind == "district":
        return _("District %(id)s") % {"id": name}
    if kind == "h3":
        return _("Hexagon %(id)s") % {"id": name}
    return cell


@dataclass(frozen=True)
class CurrentValue:
    value: float | None  # None: withheld
    start: datetime
    end: datetime
    cell: str

    @property
    def withheld(self) -> bool:
        return self.value is None

    @property
    def cell_label(self) -> str:
        return cell_label(self.cell)


def latest_values(stream_ids: Iterable[int]) -> dict[int, list[CurrentValue]]:
    """The cells of each stream's latest release (two queries for any number of streams)."""
    # Windows only: a daily total or a release refused for budget has no current value.
    latest = (
        Release.objects.filter(datastream=OuterRef("pk"), observations__isnull=False)
        .exclude(observations__cell="day")
        .exclude(observations__cell__startswith="day:")
        .order_by("-window_start")
    )
    release_ids = [
        release_id
        for release_id in Datastream.objects.filter(
            pk__in=list(stream_ids), privacy_class__in=PUBLIC_CLASSES
        )
        .annotate(latest_release=Subquery(latest.values("pk")[:1]))
        .values_list("latest_release", flat=True)
        if release_id is not None
    ]
    values: dict[int, list[CurrentValue]] = {}
    rows = PublishedObservation.objects.filter(release_id__in=release_ids).order_by("cell", "pk")
    for row in rows:
        values.setdefault(row.datastream_id, []).append(
            CurrentValue(
                value=None if row.suppressed else row.result,
                start=row.phenomenon_time_start,
                end=row.phenomenon_time_end,
                cell=row.cell,
            )
        )
    return values


def value_label(value: float | None, datastream: Datastream) -> str:
    """A published value in the reader's number format, with the stream's unit symbol."""
    if value is None:
        return ""
    count = datastream.observation_type == Datastream.ObservationType.COUNT
    rounded = round(value, 0 if count else 1)
    decimals = 0 if rounded == int(rounded) else 1
    text = number_format(rounded, decimal_pos=decimals, use_l10n=True)
    return f"{text} {datastream.unit_symbol}".strip()


@dataclass
class StreamRow:
    datastream: Datastream
    current: list[CurrentValue]

    @property
    def labels(self) -> list[str]:
        return [value_label(value.value, self.datastream) for value in self.current]

    @property
    def values_with_labels(self) -> list[tuple[CurrentValue, str]]:
        return list(zip(self.current, self.labels, strict=True))


@dataclass
class ThingRow:
    thing: Thing
    location: Location | None
    streams: list[StreamRow] = field(default_factory=list)

    @property
    def district(self) -> str:
        district = self.location.district if self.location else None
        return district.name if district else ""


def map_properties() -> QuerySet[ObservedProperty]:
    """Observed properties of published streams, for the map's filter."""
    return ObservedProperty.objects.filter(datastreams__privacy_class__in=PUBLIC_CLASSES).distinct()


def map_things(*, observed_property_id: int | None = None) -> list[ThingRow]:
    """Things with at least one published stream, with the current value of each stream."""
    streams = datastream_list_public().order_by("observed_property__name", "name", "pk")
    if observed_property_id is not None:
        streams = streams.filter(observed_property_id=observed_property_id)
    queryset = (
        Thing.objects.filter(pk__in=streams.values("thing_id"))
        .prefetch_related(
            Prefetch("datastreams", queryset=streams, to_attr="public_streams"),
            Prefetch(
                "locations",
                queryset=Location.objects.select_related("district").order_by("pk"),
                to_attr="ordered_locations",
            ),
        )
        .order_by("name", "pk")
    )
    things = list(queryset)
    current = latest_values(stream.pk for thing in things for stream in thing.public_streams)
    return [
        ThingRow(
            thing=thing,
            location=thing.ordered_locations[0] if thing.ordered_locations else None,
            streams=[
                StreamRow(datastream=stream, current=current.get(stream.pk, []))
                for stream in thing.public_streams
            ],
        )
        for thing in things
    ]


# --- home-page tiles ---------------------------------------------------------------------


def _current(values: list[CurrentValue], now: datetime) -> list[CurrentValue]:
    return [value for value in values if value.end >= now - CURRENT_FOR]


def _single(values: list[CurrentValue]) -> CurrentValue | None:
    """The stream's own value (cell ""), withheld values never."""
    for value in values:
        if value.cell == "" and value.value is not None:
            return value
    return None


def tiles_data(*, now: datetime | None = None) -> dict:
    """Numbers for the home page's live tiles, from the latest published values."""
    now = now or timezone.now()
    streams = list(
        datastream_list_public().filter(
            Q(observed_property__definition__endswith=FREE_SPACES)
            | Q(observed_property__definition__endswith=OCCUPIED_SPACES)
            | Q(observed_property__definition__in=[PM25, PM10, NO2])
            | water_level_streams()
        )
    )
    latest = latest_values(stream.pk for stream in streams)
    parking: dict[str, Any] = {"free": 0, "sites": 0, "as_of": None}
    stations: dict[int, dict] = {}
    gauges = []
    for stream in streams:
        definition = stream.observed_property.definition
        value = _single(_current(latest.get(stream.pk, []), now))
        if definition.endswith((FREE_SPACES, OCCUPIED_SPACES)) and value is not None:
            current = cast(float, value.value)  # `_single` never returns a withheld value
            if definition.endswith(FREE_SPACES):
                free = current
            elif stream.valid_max is not None:  # free = capacity - occupied
                free = stream.valid_max - current
            else:
                continue
            parking["free"] += max(0, round(free))
            parking["sites"] += 1
            parking["as_of"] = max(filter(None, [parking["as_of"], value.end]))
        elif definition in (PM25, PM10, NO2) and value is not None:
            station = stations.setdefault(
                stream.thing_id, {"name": stream.thing.name, "values": {}, "as_of": value.end}
            )
            station["values"][air_quality.POLLUTANTS[definition]] = {
                "value": value.value,
                "label": value_label(value.value, stream),
            }
            station["as_of"] = max(station["as_of"], value.end)
        elif definition.endswith(WATER_LEVEL):
            gauges.append(
                {
                    "name": stream.thing.name,
                    "datastream_id": stream.pk,
                    "value": value.value if value else None,
                    "label": value_label(value.value, stream) if value else "",
                    "threshold": stream.warning_threshold,
                    "threshold_label": value_label(stream.warning_threshold, stream),
                    "as_of": value.end if value else None,
                    "above": bool(
                        value
                        and stream.warning_threshold is not None
                        # `_single` never returns a withheld (None) value
                        and cast(float, value.value) >= stream.warning_threshold
                    ),
                }
            )
    for station in stations.values():
        station["band"] = air_quality.band_of(station["values"])
    bands = [station["band"] for station in stations.values() if station["band"] is not None]
    return {
        "parking": parking,
        "air": {
            "stations": sorted(stations.values(), key=lambda station: station["name"]),
            "band": max(bands, key=lambda band: band.rank) if bands else None,
        },
        "gauges": sorted(gauges, key=lambda gauge: gauge["name"]),
    }


# --- things near a place (the defect reporter shows staff the nearest one) -----------------

EARTH_RADIUS_METRES = 6_371_008.8


def _metres_between(a: Point, b: Point) -> float:
    lat1, lat2 = math.radians(a.y), math.radians(b.y)
    dlat, dlon = lat2 - lat1, math.radians(b.x - a.x)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_METRES * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class NearbyThing:
    thing: Thing
    datastream: Datastream
    distance_m: float
    latest: CurrentValue | None  # None: nothing published yet

    @property
    def latest_label(self) -> str:
        if self.latest is None:
            return ""
        return value_label(self.latest.value, self.datastream)


def thing_latest_nearby(
    *, observed_property_slug: str, location: Point, radius_m: float = 100.0
) -> NearbyThing | None:
    """The nearest thing within ``radius_m`` with a published stream of the observed property
    whose definition ends in ``/<slug>``, with that stream's latest published reading."""
    if not observed_property_slug:
        return None
    dlat = math.degrees(radius_m / EARTH_RADIUS_METRES)
    dlon = dlat / max(math.cos(math.radians(location.y)), 1e-6)
    box = Polygon.from_bbox(
        (location.x - dlon, location.y - dlat, location.x + dlon, location.y + dlat)
    )
    box.srid = 4326
    streams = (
        datastream_list_public()
        .filter(
            observed_property__definition__endswith=f"/{observed_property_slug}",
            thing__locations__location__intersects=box,
        )
        .prefetch_related("thing__locations")
        .distinct()
    )
    candidates: list[tuple[float, int, Datastream]] = []
    for stream in streams:
        for place in stream.thing.locations.all():
            distance = _metres_between(location, place.location)
            if distance <= radius_m:
                candidates.append((distance, stream.pk, stream))
    if not candidates:
        return None
    distance, _pk, stream = min(candidates, key=lambda item: (item[0], item[1]))
    current = _single(latest_values([stream.pk]).get(stream.pk, []))
    return NearbyThing(thing=stream.thing, datastream=stream, distance_m=distance, latest=current)
