"""SensorThings ``$filter``, case by case, through its entry point ``filter_q``.

A small world of its own (factories, no demo content): a water gauge with eight published
levels 100, 102 ... 114 for the quarter hours 08:00 to 09:45 UTC on 2024-05-01, a people
counter with four published counts 20 ... 23 (08:00 to 08:45) in a cell of its own, and an
internal pump that no filter may reach. Each valid case names what the filter selects from
an entity set's visible rows; each invalid case names the fragment of the error message a
client gets (a ``StaQueryError`` whose target is ``$filter``).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.gis.geos import Point, Polygon
from django.utils import translation

from opendata.sensors.models import Datastream
from opendata.sensors.sta.entities import ENTITY_SETS
from opendata.sensors.sta.errors import StaQueryError
from opendata.sensors.sta.filters import filter_q
from tests.factories import (
    DatastreamFactory,
    FeatureOfInterestFactory,
    LocationFactory,
    ObservedPropertyFactory,
    PublishedObservationFactory,
    ReleaseFactory,
    SensorFactory,
    ThingFactory,
)
from tests.factories.sensors import QUARTER_HOUR, WINDOW_START

pytestmark = pytest.mark.django_db

LEVELS = [100.0 + 2 * n for n in range(8)]
COUNTS = [20.0, 21.0, 22.0, 23.0]
EVERY = sorted(COUNTS + LEVELS)
GAUGE, COUNTER, PUMP = "fx gauge", "fx counter", "fx pump"
LEVEL, COUNTER_SITE = "fx level", "fx counter site"
GAUGE_POINT = Point(8.60, 50.95, srid=4326)
COUNTER_POINT = Point(8.70, 51.00, srid=4326)
NORTH = "POLYGON((8.65 50.98, 8.75 50.98, 8.75 51.03, 8.65 51.03, 8.65 50.98))"
NORTH_CELL = Polygon.from_bbox((8.69, 50.99, 8.71, 51.01))
COUNT_TYPE = Datastream.ObservationType.COUNT.value


def _stream(thing, name: str, **fields):
    return DatastreamFactory(
        name=name,
        thing=thing,
        sensor=SensorFactory(name=f"{name} sensor"),
        observed_property=ObservedPropertyFactory(
            name=f"{name} property", definition=f"https://vocab.example.org/{name.split()[-1]}"
        ),
        **fields,
    )


def _publish(stream, results, *, parameters=lambda index: {}, feature=None):
    for index, result in enumerate(results):
        release = ReleaseFactory(
            datastream=stream, window_start=WINDOW_START + index * QUARTER_HOUR
        )
        PublishedObservationFactory(
            release=release,
            result=result,
            parameters=parameters(index),
            feature_of_interest=feature,
            cell="h3:north" if feature else "",
        )


@pytest.fixture
def world() -> dict[str, str]:
    gauge = ThingFactory(
        name=GAUGE,
        properties={"owner": "city", "height": 12},
        locations=[LocationFactory(name="fx gauge site", location=GAUGE_POINT)],
    )
    counter = ThingFactory(
        name=COUNTER,
        properties={"owner": "utility", "height": 3},
        locations=[LocationFactory(name="fx counter site", location=COUNTER_POINT)],
    )
    pump = ThingFactory(
        name=PUMP,
        locations=[LocationFactory(name="fx pump site", location=GAUGE_POINT)],
    )
    level = _stream(gauge, "fx level", unit_name="centimetre", unit_symbol="cm")
    wifi = _stream(counter, "fx wifi", person_derived=True)
    internal = _stream(pump, "fx pressure", internal=True, unit_name="bar", unit_symbol="bar")
    _publish(level, LEVELS, parameters=lambda index: {"quality": "good" if index < 2 else "raw"})
    cell = FeatureOfInterestFactory(name="fx cell north", feature=NORTH_CELL)
    _publish(wifi, COUNTS, parameters=lambda index: {"k": 10 + index}, feature=cell)
    _publish(internal, [7.0])
    # A suppressed cell is published as withheld, never as an observation.
    release = ReleaseFactory(datastream=wifi, window_start=WINDOW_START + 4 * QUARTER_HOUR)
    PublishedObservationFactory(release=release, result=None, suppressed=True, cell="h3:x")
    first = level.published_observations.order_by("phenomenon_time_start").first()
    return {"level": str(level.pk), "wifi": str(wifi.pk), "first": str(first.pk)}


def filled(text: str, world: dict[str, str]) -> str:
    for placeholder, value in world.items():
        text = text.replace(f"<{placeholder}>", value)
    return text


def selected(entity_set: str, text: str) -> list:
    """Observations: their results in order; other sets: the names of this world's rows."""
    entity = ENTITY_SETS[entity_set]
    with translation.override("en"):
        condition = filter_q(entity, text)
    rows = entity.queryset().filter(condition)
    if entity_set == "Observations":
        rows = rows.filter(datastream__name__startswith="fx ")
        return sorted(rows.values_list("result", flat=True))
    return sorted(rows.filter(name__startswith="fx ").values_list("name", flat=True))


VALID = [
    # comparison operators, either side
    ("Observations", "result eq 104", [104.0]),
    ("Observations", "result ne 104", sorted([*COUNTS, *(r for r in LEVELS if r != 104)])),
    ("Observations", "result gt 110", [112.0, 114.0]),
    ("Observations", "result ge 110", [110.0, 112.0, 114.0]),
    ("Observations", "result lt 21", [20.0]),
    ("Observations", "result le 21.0", [20.0, 21.0]),
    ("Observations", "110 lt result", [112.0, 114.0]),
    ("Observations", "result eq null", []),
    ("Observations", "result ne null", EVERY),
    # logical operators and parentheses
    ("Observations", "result ge 104 and result le 108", [104.0, 106.0, 108.0]),
    ("Observations", "result lt 21 or result gt 113", [20.0, 114.0]),
    ("Observations", "not (result ge 21)", [20.0]),
    ("Observations", "(result eq 100 or result eq 102) and not (result eq 100)", [102.0]),
    # arithmetic
    ("Observations", "result add 2 eq 104", [102.0]),
    ("Observations", "result sub 100 eq 4", [104.0]),
    ("Observations", "result mul 2 eq 220", [110.0]),
    ("Observations", "result div 2 eq 51", [102.0]),
    ("Observations", "result mod 4 eq 0 and result gt 50", [100.0, 104.0, 108.0, 112.0]),
    # phenomenonTime is an interval: eq is its start, gt/ge its start, lt/le its end
    ("Observations", "phenomenonTime eq 2024-05-01T08:00:00Z", [20.0, 100.0]),
    ("Observations", "phenomenonTime ge 2024-05-01T09:00:00Z", LEVELS[4:]),
    ("Observations", "phenomenonTime gt 2024-05-01T09:00:00Z", LEVELS[5:]),
    ("Observations", "phenomenonTime lt 2024-05-01T08:30:00Z", [20.0, 21.0, 100.0, 102.0]),
    ("Observations", "phenomenonTime le 2024-05-01T08:15:00Z", [20.0, 100.0]),
    ("Observations", "2024-05-01T09:30:00Z le phenomenonTime", LEVELS[6:]),
    ("Observations", "phenomenonTime eq 2024-05-01T10:00:00+02:00", [20.0, 100.0]),
    ("Observations", "resultTime lt 2024-05-01T08:30:00Z", [20.0, 100.0]),
    # time functions in UTC
    ("Observations", "hour(phenomenonTime) eq 9", LEVELS[4:]),
    ("Observations", "minute(phenomenonTime) eq 45", [23.0, 106.0, 114.0]),
    (
        "Observations",
        "year(resultTime) eq 2024 and month(resultTime) eq 5",
        EVERY,
    ),
    ("Observations", "day(resultTime) eq 2", []),
    ("Observations", "phenomenonTime gt mindatetime()", EVERY),
    ("Observations", "resultTime ge maxdatetime()", []),
    # ids, @iot.id included
    ("Observations", "id eq <first>", [100.0]),
    ("Observations", "@iot.id eq <first>", [100.0]),
    ("Observations", "@iot.id ne <first> and result lt 103", [20.0, 21.0, 22.0, 23.0, 102.0]),
    # JSON parameters, text and numbers
    ("Observations", "parameters/quality eq 'good'", [100.0, 102.0]),
    ("Observations", "parameters/k ge 12", [22.0, 23.0]),
    # navigation: through the visible sets only
    ("Observations", "Datastream/id eq <wifi>", COUNTS),
    ("Observations", "Datastream/name eq 'fx level'", LEVELS),
    ("Observations", "Datastream/name eq 'fx pressure'", []),
    ("Observations", "Datastream/Thing/name eq 'fx gauge'", LEVELS),
    ("Observations", "Datastream/unitOfMeasurement/symbol eq 'cm'", LEVELS),
    ("Observations", "Datastream/ObservedProperty/name eq 'fx wifi property'", COUNTS),
    ("Observations", "FeatureOfInterest/name eq 'fx cell north'", COUNTS),
    ("Observations", "Datastream/id eq <level> and result gt 112", [114.0]),
    ("Observations", f"st_within(FeatureOfInterest/feature, geography'{NORTH}')", COUNTS),
    # Things: text functions, JSON properties, navigation, geometry
    ("Things", "name eq 'fx gauge'", [GAUGE]),
    ("Things", "name eq 'fx pump'", []),
    ("Things", "startswith(name, 'fx g')", [GAUGE]),
    ("Things", "endswith(name, 'counter')", [COUNTER]),
    ("Things", "substringof('aug', name)", [GAUGE]),
    ("Things", "contains(name, 'count')", [COUNTER]),
    ("Things", "tolower(name) eq 'fx gauge'", [GAUGE]),
    ("Things", "toupper(name) eq 'FX COUNTER'", [COUNTER]),
    ("Things", "length(name) eq 8", [GAUGE]),
    ("Things", "properties/owner eq 'city'", [GAUGE]),
    ("Things", "properties/height gt 10", [GAUGE]),
    ("Things", "properties/height lt 10 or properties/owner eq 'city'", [COUNTER, GAUGE]),
    ("Things", "Datastreams/name eq 'fx wifi'", [COUNTER]),
    ("Things", "Datastreams/name eq 'fx pressure'", []),
    ("Things", "Datastreams/Observations/result gt 110", [GAUGE]),
    ("Things", "Locations/name eq 'fx counter site'", [COUNTER]),
    ("Things", f"st_within(Locations/location, geography'{NORTH}')", [COUNTER]),
    ("Things", f"geo.intersects(Locations/location, geography'{NORTH}')", [COUNTER]),
    ("Things", "HistoricalLocations/time gt 2024-01-01T00:00:00Z", []),
    # Locations: spatial predicates, either argument order
    ("Locations", f"st_within(location, geography'{NORTH}')", ["fx counter site"]),
    ("Locations", f"st_contains(geography'{NORTH}', location)", ["fx counter site"]),
    ("Locations", f"st_disjoint(location, geography'{NORTH}')", ["fx gauge site"]),
    ("Locations", "st_equals(location, geography'POINT(8.6 50.95)')", ["fx gauge site"]),
    (
        "Locations",
        "st_intersects(location, geography'SRID=4326;POINT(8.7 51)')",
        ["fx counter site"],
    ),
    # Datastreams: the unit's parts, the observation type, their navigation
    ("Datastreams", "unitOfMeasurement/name eq 'centimetre'", ["fx level"]),
    ("Datastreams", f"observationType eq '{COUNT_TYPE}'", ["fx wifi"]),
    ("Datastreams", "Thing/name eq 'fx gauge'", ["fx level"]),
    ("Datastreams", "Sensor/name eq 'fx wifi sensor'", ["fx wifi"]),
    (
        "Datastreams",
        "ObservedProperty/definition eq 'https://vocab.example.org/level'",
        ["fx level"],
    ),
    ("Datastreams", "name eq 'fx pressure'", []),
    # The other sets
    ("Sensors", "startswith(name, 'fx ')", ["fx level sensor", "fx wifi sensor"]),
    ("ObservedProperties", "name eq 'fx pressure property'", []),
    ("FeaturesOfInterest", "name eq 'fx cell north'", ["fx cell north"]),
]

INVALID = [
    # An operator needs a space on either side: a dangling one is a syntax error at the gap.
    ("Observations", "result eq", "syntax error at position 6"),
    ("Observations", "result eq 104 and", "syntax error at position 13"),
    ("Observations", "(result eq 104", "ends too early"),
    ("Observations", "result eqq 104", "syntax error"),
    ("Observations", "result eq 104)", "syntax error"),
    ("Observations", "result eq 'open", "cannot read the expression"),
    ("Observations", "result eq 99999999999999999999", "out of range"),
    ("Observations", "nosuch eq 1", "Observation has no property nosuch"),
    ("Things", "Datastreams/nosuch eq 1", "Datastream has no property nosuch"),
    ("Datastreams", "unitOfMeasurement eq 'cm'", "cannot be filtered on"),
    ("Datastreams", "properties/privacyClass eq 'public'", "cannot be filtered on"),
    ("Datastreams", "Thing/name eq Sensor/name", "only one navigation path"),
    ("Things", "Datastreams/any(d: d/name eq 'fx wifi')", "any() and all()"),
    ("Things", "substringof('a')", "substringof"),
    ("Things", "st_within(name, geography'POINT(8.6 50.95)')", "is not a geometry"),
    ("Locations", "st_within(location, 'POINT(8.6 50.95)')", "need a literal"),
    ("Locations", "st_within(geography'POINT(1 2)', geography'POINT(1 2)')", "geometry property"),
    ("Locations", "st_within(location, geography'POINT(8.6)')", "not valid WKT"),
    ("Locations", "st_relate(location, geography'POINT(8.6 50.95)', 3)", "pattern string"),
    ("Observations", "phenomenonTime eq 2024-13-45T00:00:00Z", "$filter"),
]


@pytest.mark.parametrize(
    ("entity_set", "text", "expected"), VALID, ids=[f"{c[0]}: {c[1][:60]}" for c in VALID]
)
def test_valid_filter_selects(world, entity_set, text, expected):
    assert selected(entity_set, filled(text, world)) == expected


@pytest.mark.parametrize(
    ("entity_set", "text", "fragment"), INVALID, ids=[f"{c[0]}: {c[1][:60]}" for c in INVALID]
)
def test_invalid_filter_is_refused_naming_the_problem(world, entity_set, text, fragment):
    with pytest.raises(StaQueryError) as refused:
        selected(entity_set, filled(text, world))
    assert fragment in refused.value.message
    assert refused.value.target == "$filter"
    assert refused.value.status == 400


def test_window_start_and_quarter_hour_make_the_levels_times():
    # The table's times rely on the factories' windows: guard against a change there.
    assert WINDOW_START.isoformat() == "2024-05-01T08:00:00+00:00"
    assert timedelta(minutes=15) == QUARTER_HOUR
