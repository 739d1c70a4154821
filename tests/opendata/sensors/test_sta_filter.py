"""SensorThings ``$filter``: operators, functions, navigation paths, time intervals, geometry.

Uses the small world of test_sta_api: the gauge's water levels 100, 102, ... 114 for the
quarter hours from 08:00 to 09:45 UTC on 2024-05-01, and a pedestrian count 20 ... 23 in a
northern district (08:00 to 08:45).
"""

from __future__ import annotations

import pytest

from tests.opendata.sensors.test_sta_api import ROOT, World, sta_world_create

LEVELS = [100.0 + 2 * n for n in range(8)]
NORTH = "POLYGON((8.55 50.955, 8.75 50.955, 8.75 51.05, 8.55 51.05, 8.55 50.955))"
WEST = "POLYGON((8.55 50.9, 8.62 50.9, 8.62 50.96, 8.55 50.96, 8.55 50.9))"


@pytest.fixture
def world(db) -> World:
    return sta_world_create()


@pytest.fixture
def query(client):
    def get(entity_set: str, expression: str, status: int = 200, **params):
        response = client.get(
            f"{ROOT}/{entity_set}",
            {"$filter": expression, "$top": "1000", **params},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert response.status_code == status, (expression, response.content[:400])
        return response.json()

    return get


@pytest.fixture
def levels(query, world):
    """Results of the gauge's observations matching a condition."""

    def results(condition: str) -> list[float]:
        expression = f"Datastream/id eq {world.level.pk} and ({condition})"
        return [o["result"] for o in query("Observations", expression)["value"]]

    return results


@pytest.fixture
def sta_names(query, world):
    def found(entity_set: str, condition: str) -> set[str]:
        expression = f"startswith(name, 'STA ') and ({condition})"
        return {item["name"] for item in query(entity_set, expression)["value"]}

    return found


def test_comparison_operators(levels):
    assert levels("result eq 104") == [104.0]
    assert levels("result ne 104") == [r for r in LEVELS if r != 104]
    assert levels("result gt 110") == [112.0, 114.0]
    assert levels("result ge 110") == [110.0, 112.0, 114.0]
    assert levels("result lt 104") == [100.0, 102.0]
    assert levels("result le 104.0") == [100.0, 102.0, 104.0]
    assert levels("110 lt result") == [112.0, 114.0]


def test_logical_operators_and_parentheses(levels):
    assert levels("result ge 104 and result le 108") == [104.0, 106.0, 108.0]
    assert levels("result lt 101 or result gt 113") == [100.0, 114.0]
    assert levels("not (result ge 102)") == [100.0]
    assert levels("(result eq 100 or result eq 102) and not (result eq 100)") == [102.0]
    # As in OData, `not` binds tighter than `eq`: `not result eq 100` compares (not result).
    assert levels("result eq 100 or result eq 114") == [100.0, 114.0]


def test_arithmetic_operators(levels):
    assert levels("result add 2 eq 104") == [102.0]
    assert levels("result sub 100 eq 4") == [104.0]
    assert levels("result mul 2 eq 220") == [110.0]
    assert levels("result div 2 eq 53") == [106.0]
    assert levels("result mod 4 eq 2") == [102.0, 106.0, 110.0, 114.0]
    assert levels("(result sub 100) mul 3 gt 36") == [114.0]


def test_math_functions(levels):
    assert levels("round(result div 3) eq 34") == [102.0]
    assert levels("floor(result div 3) eq 34") == [102.0, 104.0]
    assert levels("ceiling(result div 3) eq 34") == [100.0, 102.0]


def test_string_functions(sta_names):
    gauge, counter = "STA Pegel Lindenau", "STA Zählstelle Markt"
    assert sta_names("Things", "substringof('Pegel', name)") == {gauge}
    assert sta_names("Things", "endswith(name, 'Markt')") == {counter}
    assert sta_names("Things", "startswith(name, 'STA Z')") == {counter}
    assert sta_names("Things", "length(name) eq 18") == {gauge}
    assert sta_names("Things", "indexof(name, 'Pegel') eq 4") == {gauge}
    assert sta_names("Things", "substring(name, 4) eq 'Pegel Lindenau'") == {gauge}
    assert sta_names("Things", "substring(name, 4, 5) eq 'Pegel'") == {gauge}
    assert sta_names("Things", "tolower(name) eq 'sta pegel lindenau'") == {gauge}
    assert sta_names("Things", "toupper(name) eq 'STA PEGEL LINDENAU'") == {gauge}
    assert sta_names("Things", "trim(concat(' ', name)) eq 'STA Pegel Lindenau'") == {gauge}
    assert sta_names("Things", "concat(name, '!') eq 'STA Zählstelle Markt!'") == {counter}
    assert sta_names("Things", "description eq 'Radar gauge at the Linde bridge'") == {gauge}


def test_time_functions_in_utc(levels, query, world):
    assert levels("year(phenomenonTime) eq 2024 and month(phenomenonTime) eq 5") == LEVELS
    assert levels("day(phenomenonTime) eq 1 and second(phenomenonTime) eq 0") == LEVELS
    assert levels("hour(phenomenonTime) eq 9") == LEVELS[4:]
    assert levels("minute(phenomenonTime) eq 30") == [104.0, 112.0]
    assert levels("date(phenomenonTime) eq 2024-05-01") == LEVELS
    assert levels("hour(resultTime) eq 8 and minute(resultTime) eq 16") == [100.0]
    assert levels("resultTime lt now()") == LEVELS
    assert levels("phenomenonTime gt mindatetime() and resultTime lt maxdatetime()") == LEVELS


def test_phenomenon_time_intervals_compare_by_their_bounds(levels):
    assert levels("phenomenonTime ge 2024-05-01T09:00:00Z") == LEVELS[4:]
    assert levels("phenomenonTime gt 2024-05-01T09:30:00.000Z") == [114.0]
    # Wholly before 08:30: the windows 08:00-08:15 and 08:15-08:30.
    assert levels("phenomenonTime lt 2024-05-01T08:30:00Z") == [100.0, 102.0]
    assert levels("phenomenonTime le 2024-05-01T08:25:00Z") == [100.0]
    assert levels("phenomenonTime eq 2024-05-01T08:15:00Z") == [102.0]
    assert levels("phenomenonTime ge 2024-05-01T11:00:00+02:00") == LEVELS[4:]
    assert levels("2024-05-01T09:30:00Z lt phenomenonTime") == [114.0]
    assert levels("resultTime le 2024-05-01T08:31:00Z") == [100.0, 102.0]


def test_navigation_paths(query, sta_names, world):
    observations = query("Observations", "Datastream/Thing/name eq 'STA Pegel Lindenau'")
    assert [o["result"] for o in observations["value"]] == LEVELS
    assert sta_names("Datastreams", "Thing/Locations/name eq 'STA Marktplatz'") == {"STA Fußgänger"}
    assert sta_names("Things", "Datastreams/ObservedProperty/name eq 'STA Passanten'") == {
        "STA Zählstelle Markt"
    }
    assert sta_names("Datastreams", "unitOfMeasurement/symbol eq 'cm'") == {"STA Wasserstand"}
    assert sta_names("Things", "properties/river eq 'Linde'") == {"STA Pegel Lindenau"}
    assert sta_names("Things", "properties/height gt 10") == {"STA Pegel Lindenau"}
    assert sta_names("Locations", "Things/Datastreams/Observations/result eq 114") == {
        "STA Pegelbrücke"
    }
    assert query("Things", f"@iot.id eq {world.gauge.pk}")["value"][0]["name"] == (
        "STA Pegel Lindenau"
    )
    assert query("Things", f"id eq {world.gauge.pk}")["value"][0]["name"] == ("STA Pegel Lindenau")


def test_geometry_functions_on_locations(sta_names):
    gauge_location = {"STA Pegelbrücke"}
    assert sta_names("Locations", f"geo.intersects(location, geography'{WEST}')") == gauge_location
    assert sta_names("Locations", f"st_within(location, geography'{WEST}')") == gauge_location
    assert sta_names("Locations", f"st_intersects(location, geography'{WEST}')") == gauge_location
    assert sta_names("Locations", f"st_disjoint(location, geography'{WEST}')") == {"STA Marktplatz"}
    assert sta_names("Locations", f"st_contains(geography'{WEST}', location)") == gauge_location
    assert sta_names("Locations", "st_equals(location, geography'POINT(8.65 50.97)')") == {
        "STA Marktplatz"
    }
    assert sta_names("Things", f"st_within(Locations/location, geography'{WEST}')") == {
        "STA Pegel Lindenau"
    }
    assert sta_names(
        "Datastreams", f"geo.intersects(Thing/Locations/location, geography'{WEST}')"
    ) == {"STA Wasserstand"}


def test_geometry_functions_on_features_of_observations(query, sta_names, world):
    def found(condition: str) -> set[int]:
        expression = f"startswith(Datastream/name, 'STA ') and {condition}"
        return {o["@iot.id"] for o in query("Observations", expression)["value"]}

    counts = {o.pk for o in world.counts}
    assert found(f"st_within(FeatureOfInterest/feature, geography'{NORTH}')") == counts
    assert found("geo.intersects(FeatureOfInterest/feature, geography'POINT(8.65 50.98)')") == (
        counts
    )
    # The gauge's rows have no feature of their own: their datastream's counts.
    assert found("st_equals(FeatureOfInterest/feature, geography'POINT(8.6 50.95)')") == {
        o.pk for o in world.levels
    }
    assert sta_names(
        "FeaturesOfInterest", "st_contains(feature, geography'POINT(8.65 50.98)')"
    ) == {"STA Bezirk Nord"}


@pytest.mark.parametrize(
    ("expression", "named"),
    [
        ("result gt", "position 6"),
        ("result gt 3 and", "position 11"),
        ("result gt (3", "ends too early"),
        ("colour eq 'red'", "colour"),
        ("Datastream/colour eq 'red'", "colour"),
        ("frobnicate(name) eq 1", "frobnicate"),
        ("result eq 'a", "position"),
        ("st_within(location, geography'POLYGON((1 2')", "WKT"),
        ("st_within(result, geography'POINT(1 2)')", "not a geometry"),
        ("result", "condition"),
        ("Datastream/any(d:d/name eq 'x')", "any()"),
        ("length(name, name) eq 1", "length"),
    ],
)
def test_malformed_filters_are_400_naming_the_problem(query, world, expression, named):
    entity_set = "Locations" if "location" in expression else "Observations"
    error = query(entity_set, expression, status=400)["error"]
    assert error["code"] == "400"
    assert error["target"] == "$filter"
    assert named in error["message"], error["message"]


def test_filters_inside_expand(query, world):
    body = query(
        "Things",
        f"id eq {world.gauge.pk}",
        **{"$expand": "Datastreams($expand=Observations($filter=result gt 110;$select=result))"},
    )
    (thing,) = body["value"]
    assert [o["result"] for o in thing["Datastreams"][0]["Observations"]] == [112.0, 114.0]
