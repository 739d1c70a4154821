"""The SensorThings entity types over the registry and the published observations.

Only published data is reachable: Datastreams whose privacy class is public or
person-derived, the Things, Sensors, ObservedProperties and Locations that such a stream
reaches, Observations that are published and not suppressed, and the FeaturesOfInterest
those observations refer to. Every navigation (in URLs, ``$expand`` and ``$filter``) goes
through these visible sets, so nothing reachable only through an internal stream leaks.

Each property says which columns it reads (``values_list``), how it renders them, and which
database expression ``$filter`` and ``$orderby`` use for it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce

from opendata.sensors.models import (
    Datastream,
    FeatureOfInterest,
    Location,
    ObservedProperty,
    PublishedObservation,
    Sensor,
    Thing,
)

# The service root's path (the views serve it; the MQTT announcement links into it).
STA_PATH = "/sta/v1.1"
PUBLISHED_PRIVACY_CLASSES = (
    Datastream.PrivacyClass.PUBLIC,
    Datastream.PrivacyClass.PERSON_DERIVED,
)


def iso_time(moment: datetime | str | None) -> str | None:
    """ISO 8601 in UTC, from a datetime or from the text SQLite stores (UTC, space-separated).

    Rows are read without Django's converters (see ``serialize.Plan.rows``), so that a page
    of 1,000 observations does not spend its time parsing and re-formatting datetimes.
    """
    if moment is None:
        return None
    if isinstance(moment, str):
        return moment.replace(" ", "T", 1) + "Z"
    text = moment.isoformat()
    if text.endswith("+00:00"):  # what the drivers return with USE_TZ
        return text[:-6] + "Z"
    if moment.tzinfo is None:
        return text + "Z"
    return moment.astimezone(UTC).isoformat()[:-6] + "Z"


def json_value(value: Any) -> Any:
    """A JSON column as read from the database (text on SQLite and PostgreSQL)."""
    if isinstance(value, str | bytes):
        return {} if value == "{}" else json.loads(value)
    return value


def geojson(geometry: Any) -> dict | None:
    return None if geometry is None else json.loads(geometry.json)


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class Prop:
    """A property: the columns it reads, how it renders them, what filters compare."""

    name: str
    columns: tuple[str, ...]
    render: Callable[..., Any] = _same
    # The database field for $filter and $orderby; None: not filterable.
    field: str | None = None
    # A JSON field whose keys are addressable as `name/key` in $filter.
    json_field: str | None = None
    # Time intervals compare by their start and end (see filters.py).
    interval: tuple[str, str] | None = None
    geometry: bool = False
    # False: addressable in $filter/$orderby only (parts of a composite property).
    output: bool = True


@dataclass(frozen=True)
class Nav:
    """A navigation property to the visible set of another entity type.

    A row of the target belongs to a source row when the target's ``target_field`` equals
    the source's ``source_column``; ``match`` overrides how that is expressed.
    """

    name: str
    target: str  # entity set name
    many: bool
    source_column: str = "pk"
    target_field: str = "pk"
    match: Callable[[str, Any], Q] | None = None

    def q(self, value: Any) -> Q:
        return self.match("", value) if self.match else Q(**{self.target_field: value})

    def q_in(self, values: Sequence[Any]) -> Q:
        if self.match:
            return self.match("__in", values)
        return Q(**{f"{self.target_field}__in": values})


@dataclass(frozen=True)
class EntityType:
    name: str
    set_name: str
    model: type[Model] | None  # None: a set that is always empty (HistoricalLocations)
    visible: Callable[[], QuerySet] | None
    props: tuple[Prop, ...]
    navs: tuple[Nav, ...]
    props_by_name: dict[str, Prop] = field(init=False, repr=False, compare=False)
    navs_by_name: dict[str, Nav] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "props_by_name", {p.name: p for p in self.props})
        object.__setattr__(self, "navs_by_name", {n.name: n for n in self.navs})

    def queryset(self) -> QuerySet:
        if self.visible is None:
            raise LookupError(f"{self.set_name} has no rows")
        return self.visible()


# --- visible sets ---------------------------------------------------------------------


def visible_datastreams() -> QuerySet:
    return Datastream.objects.filter(privacy_class__in=PUBLISHED_PRIVACY_CLASSES).order_by()


def visible_things() -> QuerySet:
    return Thing.objects.filter(
        Exists(visible_datastreams().filter(thing=OuterRef("pk")))
    ).order_by()


def visible_locations() -> QuerySet:
    return Location.objects.filter(
        Exists(visible_datastreams().filter(thing__locations=OuterRef("pk")))
    ).order_by()


def visible_sensors() -> QuerySet:
    return Sensor.objects.filter(
        Exists(visible_datastreams().filter(sensor=OuterRef("pk")))
    ).order_by()


def visible_observed_properties() -> QuerySet:
    return ObservedProperty.objects.filter(
        Exists(visible_datastreams().filter(observed_property=OuterRef("pk")))
    ).order_by()


def visible_observations() -> QuerySet:
    """Published, not suppressed rows of published streams.

    An observation's feature of interest is its cell's; a row of the stream's own location
    (no feature of its own) has the datastream's.
    """
    return (
        PublishedObservation.objects.filter(
            suppressed=False, datastream__privacy_class__in=PUBLISHED_PRIVACY_CLASSES
        )
        .annotate(foi_id=Coalesce("feature_of_interest_id", "datastream__feature_of_interest_id"))
        .order_by()
    )


def _observations_of_features(lookup: str, value: Any) -> Q:
    """Observations whose (own or inherited) feature of interest is ``value``.

    Spelled without the coalesced annotation, so that the database can use the indexes.
    """
    return Q(**{f"feature_of_interest{lookup}": value}) | Q(
        **{
            "feature_of_interest__isnull": True,
            f"datastream__feature_of_interest{lookup}": value,
        }
    )


def visible_features() -> QuerySet:
    published = PublishedObservation.objects.filter(
        suppressed=False, datastream__privacy_class__in=PUBLISHED_PRIVACY_CLASSES
    )
    return FeatureOfInterest.objects.filter(
        Exists(published.filter(feature_of_interest=OuterRef("pk")))
        | Exists(
            published.filter(
                feature_of_interest__isnull=True,
                datastream__feature_of_interest=OuterRef("pk"),
            )
        )
    ).order_by()


# --- entity types ------------------------------------------------------------------------


def _text(name: str, column: str, *, output: bool = True) -> Prop:
    return Prop(name, (column,), field=column, output=output)


ID = Prop("id", ("pk",), field="pk")
NAME = _text("name", "name")
DESCRIPTION = _text("description", "description")
GEO_ENCODING = Prop("encodingType", ("encoding_type",), field="encoding_type")


def _unit(name: str, symbol: str, definition: str) -> dict:
    return {"name": name, "symbol": symbol, "definition": definition}


def _datastream_properties(privacy_class: str, window_minutes: int) -> dict:
    return {"privacyClass": privacy_class, "aggregationWindowMinutes": window_minutes}


def _interval(start: datetime, end: datetime) -> str:
    return f"{iso_time(start)}/{iso_time(end)}"


THINGS = EntityType(
    "Thing",
    "Things",
    Thing,
    visible_things,
    (
        ID,
        NAME,
        DESCRIPTION,
        Prop("properties", ("properties",), json_value, json_field="properties"),
    ),
    (
        Nav("Locations", "Locations", True, target_field="things"),
        Nav("HistoricalLocations", "HistoricalLocations", True),
        Nav("Datastreams", "Datastreams", True, target_field="thing"),
    ),
)

LOCATIONS = EntityType(
    "Location",
    "Locations",
    Location,
    visible_locations,
    (
        ID,
        NAME,
        DESCRIPTION,
        GEO_ENCODING,
        Prop("location", ("location",), geojson, field="location", geometry=True),
    ),
    (
        Nav("Things", "Things", True, target_field="locations"),
        Nav("HistoricalLocations", "HistoricalLocations", True),
    ),
)

HISTORICAL_LOCATIONS = EntityType(
    "HistoricalLocation",
    "HistoricalLocations",
    None,
    None,
    (ID, Prop("time", ("time",))),
    (
        Nav("Thing", "Things", False),
        Nav("Locations", "Locations", True),
    ),
)

SENSORS = EntityType(
    "Sensor",
    "Sensors",
    Sensor,
    visible_sensors,
    (
        ID,
        NAME,
        DESCRIPTION,
        _text("encodingType", "encoding_type"),
        _text("metadata", "metadata"),
    ),
    (Nav("Datastreams", "Datastreams", True, target_field="sensor"),),
)

OBSERVED_PROPERTIES = EntityType(
    "ObservedProperty",
    "ObservedProperties",
    ObservedProperty,
    visible_observed_properties,
    (ID, NAME, _text("definition", "definition"), DESCRIPTION),
    (Nav("Datastreams", "Datastreams", True, target_field="observed_property"),),
)

DATASTREAMS = EntityType(
    "Datastream",
    "Datastreams",
    Datastream,
    visible_datastreams,
    (
        ID,
        NAME,
        DESCRIPTION,
        Prop(
            "unitOfMeasurement",
            ("unit_name", "unit_symbol", "unit_definition"),
            _unit,
        ),
        _text("unitOfMeasurement/name", "unit_name", output=False),
        _text("unitOfMeasurement/symbol", "unit_symbol", output=False),
        _text("unitOfMeasurement/definition", "unit_definition", output=False),
        _text("observationType", "observation_type"),
        Prop(
            "properties",
            ("privacy_class", "window_minutes"),
            _datastream_properties,
        ),
    ),
    (
        Nav("Thing", "Things", False, source_column="thing_id"),
        Nav("Sensor", "Sensors", False, source_column="sensor_id"),
        Nav("ObservedProperty", "ObservedProperties", False, source_column="observed_property_id"),
        Nav("Observations", "Observations", True, target_field="datastream"),
    ),
)

OBSERVATIONS = EntityType(
    "Observation",
    "Observations",
    PublishedObservation,
    visible_observations,
    (
        ID,
        Prop(
            "phenomenonTime",
            ("phenomenon_time_start", "phenomenon_time_end"),
            _interval,
            interval=("phenomenon_time_start", "phenomenon_time_end"),
        ),
        Prop("resultTime", ("result_time",), iso_time, field="result_time"),
        Prop("result", ("result",), field="result"),
        Prop("parameters", ("parameters",), json_value, json_field="parameters"),
    ),
    (
        Nav("Datastream", "Datastreams", False, source_column="datastream_id"),
        Nav("FeatureOfInterest", "FeaturesOfInterest", False, source_column="foi_id"),
    ),
)

FEATURES = EntityType(
    "FeatureOfInterest",
    "FeaturesOfInterest",
    FeatureOfInterest,
    visible_features,
    (
        ID,
        NAME,
        DESCRIPTION,
        GEO_ENCODING,
        Prop("feature", ("feature",), geojson, field="feature", geometry=True),
    ),
    (
        Nav(
            "Observations",
            "Observations",
            True,
            target_field="foi_id",
            match=_observations_of_features,
        ),
    ),
)

ENTITY_SETS: dict[str, EntityType] = {
    e.set_name: e
    for e in (
        THINGS,
        LOCATIONS,
        HISTORICAL_LOCATIONS,
        DATASTREAMS,
        SENSORS,
        OBSERVED_PROPERTIES,
        OBSERVATIONS,
        FEATURES,
    )
}
