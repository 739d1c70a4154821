"""SensorThings API 1.1 (read-only), modelled on the OGC conformance suite's level 1 (ets-sta10
"read" class): service root, every entity set, every entity by id, 404, navigation,
$select/$expand/$top/$skip/$orderby/$count/$filter, and that nothing unpublished leaks.

``sta_world_create`` builds a small world of its own (names begin with "STA "): a gauge
with a public water-level stream, a pedestrian counter (person-derived) with one published
and one suppressed cell per window, and critical-infrastructure streams whose published
rows must never appear.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.gis.geos import Point, Polygon

from opendata.sensors.models import (
    Datastream,
    FeatureOfInterest,
    Location,
    ObservedProperty,
    PublishedObservation,
    Release,
    Sensor,
    Thing,
)

ROOT = "/sta/v1.1"
START = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)
WINDOW = timedelta(minutes=15)
# Values and names of critical-infrastructure data: must appear in no response.
CANARIES = ("777.25", "888.75", "Wasserwerk", "Hochbehälter", "Leitungsnetz", "Drucksensor")


@dataclass
class World:
    gauge: Thing
    gauge_location: Location
    level: Datastream
    river: FeatureOfInterest
    counter_thing: Thing
    counter: Datastream
    north: FeatureOfInterest
    south: FeatureOfInterest
    plant: Thing
    plant_location: Location
    pressure: Datastream
    pressure_sensor: Sensor
    pressure_property: ObservedProperty
    network: FeatureOfInterest
    gauge_internal: Datastream
    levels: list[PublishedObservation] = field(default_factory=list)
    counts: list[PublishedObservation] = field(default_factory=list)
    suppressed: list[PublishedObservation] = field(default_factory=list)
    internal: list[PublishedObservation] = field(default_factory=list)

    def delete(self) -> None:
        streams = [self.level, self.counter, self.pressure, self.gauge_internal]
        PublishedObservation.objects.filter(datastream__in=streams).delete()
        Release.objects.filter(datastream__in=streams).delete()
        Datastream.objects.filter(pk__in=[s.pk for s in streams]).delete()
        for thing in (self.gauge, self.counter_thing, self.plant):
            thing.delete()
        Location.objects.filter(name__startswith="STA ").delete()
        FeatureOfInterest.objects.filter(name__startswith="STA ").delete()
        Sensor.objects.filter(name__startswith="STA ").delete()
        ObservedProperty.objects.filter(name__startswith="STA ").delete()


def _box(x0: float, y0: float, x1: float, y1: float) -> Polygon:
    return Polygon(((x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)), srid=4326)


def _stream(thing: Thing, name: str, sensor: str, prop: str, **fields) -> Datastream:
    return Datastream.objects.create(
        name=name,
        thing=thing,
        sensor=Sensor.objects.create(name=sensor, description=f"{sensor} (test)"),
        observed_property=ObservedProperty.objects.create(
            name=prop, definition=f"https://example.org/def/{prop.replace(' ', '-')}"
        ),
        **fields,
    )


def _publish(
    stream: Datastream, window: int, cells: list[tuple[str, FeatureOfInterest | None, float | None]]
) -> list[PublishedObservation]:
    start = START + window * WINDOW
    release = Release.objects.create(
        datastream=stream,
        window_start=start,
        window_end=start + WINDOW,
        created_at=start + WINDOW + timedelta(minutes=1),
        method="test",
        code_version="test",
        digest="0" * 64,
    )
    return [
        PublishedObservation.objects.create(
            datastream=stream,
            release=release,
            phenomenon_time_start=start,
            phenomenon_time_end=start + WINDOW,
            result_time=release.created_at,
            result=result,
            suppressed=result is None,
            cell=cell,
            feature_of_interest=foi,
            parameters={"cell": cell} if cell else {},
        )
        for cell, foi, result in cells
    ]


def sta_world_create() -> World:
    gauge = Thing.objects.create(
        name="STA Pegel Lindenau",
        description="Radar gauge at the Linde bridge",
        properties={"river": "Linde", "height": 12},
    )
    gauge_location = Location.objects.create(
        name="STA Pegelbrücke", description="Bridge", location=Point(8.60, 50.95, srid=4326)
    )
    gauge.locations.add(gauge_location)
    river = FeatureOfInterest.objects.create(
        name="STA Flussabschnitt Linde", feature=Point(8.60, 50.95, srid=4326)
    )
    level = _stream(
        gauge,
        "STA Wasserstand",
        "STA Radarpegel",
        "STA Pegelstand",
        unit_name="centimetre",
        unit_symbol="cm",
        unit_definition="http://qudt.org/vocab/unit/CentiM",
        feature_of_interest=river,
    )
    gauge_internal = _stream(
        gauge,
        "STA Pegel Steuerung",
        "STA Drucksensor Pegel",
        "STA Steuerdruck",
        unit_name="bar",
        privacy_class=Datastream.PrivacyClass.CRITICAL_INTERNAL,
    )

    counter_thing = Thing.objects.create(name="STA Zählstelle Markt", description="Footfall")
    counter_location = Location.objects.create(
        name="STA Marktplatz", location=Point(8.65, 50.97, srid=4326)
    )
    counter_thing.locations.add(counter_location)
    counter = _stream(
        counter_thing,
        "STA Fußgänger",
        "STA Infrarotzähler",
        "STA Passanten",
        unit_name="count",
        observation_type=Datastream.ObservationType.COUNT,
        privacy_class=Datastream.PrivacyClass.PERSON_DERIVED,
    )
    north = FeatureOfInterest.objects.create(
        name="STA Bezirk Nord", feature=_box(8.60, 50.96, 8.70, 51.00)
    )
    south = FeatureOfInterest.objects.create(
        name="STA Bezirk Süd", feature=_box(8.60, 50.90, 8.70, 50.96)
    )

    plant = Thing.objects.create(name="STA Wasserwerk", description="Hochbehälter Ost")
    plant_location = Location.objects.create(
        name="STA Hochbehälter", location=Point(8.70, 50.90, srid=4326)
    )
    plant.locations.add(plant_location)
    network = FeatureOfInterest.objects.create(
        name="STA Leitungsnetz", feature=Point(8.70, 50.90, srid=4326)
    )
    pressure = _stream(
        plant,
        "STA Netzdruck",
        "STA Drucksensor",
        "STA Druck im Netz",
        unit_name="bar",
        privacy_class=Datastream.PrivacyClass.CRITICAL_INTERNAL,
        feature_of_interest=network,
    )
    world = World(
        gauge=gauge,
        gauge_location=gauge_location,
        level=level,
        river=river,
        counter_thing=counter_thing,
        counter=counter,
        north=north,
        south=south,
        plant=plant,
        plant_location=plant_location,
        pressure=pressure,
        pressure_sensor=pressure.sensor,
        pressure_property=pressure.observed_property,
        network=network,
        gauge_internal=gauge_internal,
    )
    for window in range(8):  # 08:00 .. 10:00, results 100, 102, ... 114
        world.levels += _publish(level, window, [("", None, 100.0 + 2 * window)])
    for window in range(4):
        published, withheld = _publish(
            counter, window, [("district:n", north, 20.0 + window), ("district:s", south, None)]
        )
        world.counts.append(published)
        world.suppressed.append(withheld)
    for window in range(3):
        world.internal += _publish(pressure, window, [("", network, 777.25)])
    world.internal += _publish(gauge_internal, 0, [("", river, 888.75)])
    return world


@pytest.fixture
def world(db) -> World:
    return sta_world_create()


@pytest.fixture
def sta(client):
    def get(path: str, status: int = 200, **params):
        response = client.get(f"{ROOT}/{path}", params, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == status, (path, params, response.content[:500])
        if response["Content-Type"].startswith("application/json"):
            text = response.content.decode()
            for canary in CANARIES:
                assert canary not in text, (canary, path, params)
            return json.loads(text)
        return response.content.decode()

    return get


def ids(body: dict) -> list[int]:
    return [item["@iot.id"] for item in body["value"]]


def names(body: dict) -> set[str]:
    return {item["name"] for item in body["value"]}


STA_ONLY = "startswith(name, 'STA ')"


# --- service root and entity sets ------------------------------------------------------


def test_service_root_lists_every_entity_set_and_the_conformance_classes(sta, world):
    root = sta("")
    sets = {entry["name"]: entry["url"] for entry in root["value"]}
    assert set(sets) == {
        "Things",
        "Locations",
        "HistoricalLocations",
        "Datastreams",
        "Sensors",
        "ObservedProperties",
        "Observations",
        "FeaturesOfInterest",
    }
    for name, url in sets.items():
        assert url == f"http://testserver{ROOT}/{name}"
    conformance = root["serverSettings"]["conformance"]
    assert "http://www.opengis.net/spec/iot_sensing/1.1/req/request-data" in conformance


def test_service_root_names_the_mqtt_endpoint_when_configured(sta, settings, world):
    mqtt_class = "http://www.opengis.net/spec/iot_sensing/1.1/req/receive-updates-via-mqtt"
    settings.MQTT_URL, settings.STA_MQTT_PUBLIC_URL = "mqtt://user:secret@broker:1883", ""
    assert mqtt_class not in sta("")["serverSettings"]["conformance"]
    settings.STA_MQTT_PUBLIC_URL = "mqtts://mqtt.lindenhafen.example:8883"
    server = sta("")["serverSettings"]
    assert mqtt_class in server["conformance"]
    assert server[mqtt_class] == {"endpoints": ["mqtts://mqtt.lindenhafen.example:8883"]}
    assert "secret" not in json.dumps(server)


def test_service_root_answers_without_the_trailing_slash(client):
    response = client.get(ROOT)
    assert response.status_code == 200
    assert len(response.json()["value"]) == 8


def test_every_entity_set_and_every_entity_by_id(sta, world):
    expected = {
        "Things": {world.gauge.pk, world.counter_thing.pk},
        "Locations": {world.gauge_location.pk},
        "Datastreams": {world.level.pk, world.counter.pk},
        "Sensors": {world.level.sensor_id, world.counter.sensor_id},
        "ObservedProperties": {world.level.observed_property_id},
        "FeaturesOfInterest": {world.river.pk, world.north.pk},
    }
    for entity_set, wanted in expected.items():
        body = sta(entity_set, **{"$top": "1000"})
        found = set(ids(body))
        assert wanted <= found, entity_set
        for item in body["value"]:
            assert isinstance(item["@iot.id"], int)
            assert (
                item["@iot.selfLink"] == f"http://testserver{ROOT}/{entity_set}({item['@iot.id']})"
            )
        one = sta(f"{entity_set}({min(wanted)})")
        assert one["@iot.id"] == min(wanted)
        assert one["@iot.selfLink"].endswith(f"/{entity_set}({min(wanted)})")
    observations = sta("Observations", **{"$filter": f"Datastream/id eq {world.level.pk}"})
    assert ids(observations) == [o.pk for o in world.levels]
    first = sta(f"Observations({world.levels[0].pk})")
    assert first["phenomenonTime"] == "2024-05-01T08:00:00Z/2024-05-01T08:15:00Z"
    assert first["resultTime"] == "2024-05-01T08:16:00Z"
    assert first["result"] == 100.0
    assert first["parameters"] == {}
    assert sta("HistoricalLocations") == {"value": []}


def test_entity_properties_follow_the_data_model(sta, world):
    thing = sta(f"Things({world.gauge.pk})")
    assert thing["name"] == "STA Pegel Lindenau"
    assert thing["properties"] == {"river": "Linde", "height": 12}
    for nav in ("Locations", "HistoricalLocations", "Datastreams"):
        assert thing[f"{nav}@iot.navigationLink"] == f"{thing['@iot.selfLink']}/{nav}"
    location = sta(f"Locations({world.gauge_location.pk})")
    assert location["encodingType"] == "application/geo+json"
    assert location["location"] == {"type": "Point", "coordinates": [8.6, 50.95]}
    stream = sta(f"Datastreams({world.level.pk})")
    assert stream["unitOfMeasurement"] == {
        "name": "centimetre",
        "symbol": "cm",
        "definition": "http://qudt.org/vocab/unit/CentiM",
    }
    assert stream["observationType"].endswith("OM_Measurement")
    for nav in ("Thing", "Sensor", "ObservedProperty", "Observations"):
        assert f"{nav}@iot.navigationLink" in stream
    feature = sta(f"FeaturesOfInterest({world.north.pk})")
    assert feature["feature"]["type"] == "Polygon"
    sensor = sta(f"Sensors({world.level.sensor_id})")
    assert set(sensor) >= {"name", "description", "encodingType", "metadata"}
    prop = sta(f"ObservedProperties({world.level.observed_property_id})")
    assert prop["definition"] == "https://example.org/def/STA-Pegelstand"


def test_missing_entities_are_404_in_odata_error_format(sta, world):
    for path in (
        "Things(999999999)",
        "Observations(999999999)",
        "Things(abc)",
        "Unicorns",
        f"Things({world.gauge.pk})/Unicorns",
        f"Things({world.gauge.pk})/name/nonsense",
        "HistoricalLocations(1)",
        "Datastreams(999999999)/Observations",
    ):
        body = sta(path, status=404)
        assert body["error"]["code"] == "404", path
        assert body["error"]["message"]


# --- privacy ---------------------------------------------------------------------------


def test_internal_streams_and_what_only_they_reach_are_404(sta, world):
    for path in (
        f"Datastreams({world.pressure.pk})",
        f"Datastreams({world.gauge_internal.pk})",
        f"Datastreams({world.pressure.pk})/Observations",
        f"Things({world.plant.pk})",
        f"Locations({world.plant_location.pk})",
        f"Sensors({world.pressure_sensor.pk})",
        f"ObservedProperties({world.pressure_property.pk})",
        f"FeaturesOfInterest({world.network.pk})",
        f"Observations({world.internal[0].pk})",
        f"Observations({world.suppressed[0].pk})",
        f"FeaturesOfInterest({world.south.pk})",  # only suppressed cells refer to it
    ):
        sta(path, status=404)
    # The gauge is public; its internal stream is not among its datastreams.
    streams = sta(f"Things({world.gauge.pk})/Datastreams")
    assert ids(streams) == [world.level.pk]


def test_no_listing_filter_or_expansion_reaches_unpublished_rows(sta, world):
    everything = {"$top": "1000", "$filter": STA_ONLY}
    for entity_set in ("Things", "Locations", "Datastreams", "Sensors", "ObservedProperties"):
        sta(entity_set, **everything)  # the canary check runs on every response
    observations = sta(
        "Observations",
        **{"$top": "1000", "$count": "true", "$filter": "startswith(Datastream/name, 'STA ')"},
    )
    assert ids(observations) == sorted(o.pk for o in world.levels + world.counts)
    assert observations["@iot.count"] == 12
    every = sta("Observations", **{"$count": "true", "$top": "0"})
    assert (
        every["@iot.count"]
        == PublishedObservation.objects.filter(
            suppressed=False, datastream__privacy_class__in=["public", "person_derived"]
        ).count()
    )
    hidden = " or ".join(f"id eq {o.pk}" for o in world.suppressed + world.internal)
    assert sta("Observations", **{"$filter": hidden})["value"] == []
    # Filters that navigate to internal streams, suppressed rows or their features find nothing.
    assert sta("Things", **{"$filter": "Datastreams/name eq 'STA Pegel Steuerung'"})["value"] == []
    assert (
        sta("Sensors", **{"$filter": "Datastreams/unitOfMeasurement/name eq 'bar'"})["value"] == []
    )
    assert sta("FeaturesOfInterest", **{"$filter": "Observations/result eq 777.25"})["value"] == []
    assert sta("Datastreams", **{"$filter": "Observations/result eq null"})["value"] == []
    expanded = sta(
        f"Things({world.gauge.pk})",
        **{"$expand": "Datastreams($expand=Observations($top=1000);$count=true)"},
    )
    assert [s["@iot.id"] for s in expanded["Datastreams"]] == [world.level.pk]
    counter = sta(f"Datastreams({world.counter.pk})", **{"$expand": "Observations"})
    assert [o["@iot.id"] for o in counter["Observations"]] == [o.pk for o in world.counts]


# --- navigation -------------------------------------------------------------------------


def test_navigation_links_lead_to_related_entities(sta, world):
    level_obs = world.levels[3]
    assert sta(f"Observations({level_obs.pk})/Datastream")["@iot.id"] == world.level.pk
    # Rows without a feature of their own have their datastream's.
    assert sta(f"Observations({level_obs.pk})/FeatureOfInterest")["@iot.id"] == world.river.pk
    count_obs = world.counts[0]
    assert sta(f"Observations({count_obs.pk})/FeatureOfInterest")["@iot.id"] == world.north.pk
    assert ids(sta(f"Datastreams({world.level.pk})/Observations")) == [o.pk for o in world.levels]
    locations = sta(f"Datastreams({world.level.pk})/Thing/Locations")
    assert ids(locations) == [world.gauge_location.pk]
    assert ids(sta(f"Locations({world.gauge_location.pk})/Things")) == [world.gauge.pk]
    assert ids(sta(f"FeaturesOfInterest({world.river.pk})/Observations")) == [
        o.pk for o in world.levels
    ]
    assert ids(sta(f"FeaturesOfInterest({world.north.pk})/Observations")) == [
        o.pk for o in world.counts
    ]
    assert sta(f"Sensors({world.counter.sensor_id})/Datastreams")["value"][0]["name"] == (
        "STA Fußgänger"
    )
    assert sta(f"Things({world.gauge.pk})/HistoricalLocations") == {"value": []}
    assert sta(f"Datastreams({world.level.pk})/Observations({level_obs.pk})")["result"] == 106.0
    sta(f"Datastreams({world.counter.pk})/Observations({level_obs.pk})", status=404)


def test_properties_and_their_raw_values(sta, world):
    assert sta(f"Things({world.gauge.pk})/name") == {"name": "STA Pegel Lindenau"}
    assert sta(f"Things({world.gauge.pk})/name/$value") == "STA Pegel Lindenau"
    assert sta(f"Observations({world.levels[1].pk})/result/$value") == "102.0"
    refs = sta(f"Things({world.gauge.pk})/Datastreams/$ref")
    assert refs["value"] == [
        {"@iot.selfLink": f"http://testserver{ROOT}/Datastreams({world.level.pk})"}
    ]


# --- $select, $expand, $orderby, $top, $skip, $count --------------------------------------


def test_select_returns_only_the_named_properties(sta, world):
    body = sta("Things", **{"$select": "name,description", "$filter": STA_ONLY})
    assert all(set(item) == {"name", "description"} for item in body["value"])
    body = sta("Observations", **{"$select": "id,result", "$top": "2"})
    assert all(set(item) == {"@iot.id", "@iot.selfLink", "result"} for item in body["value"])
    body = sta(f"Things({world.gauge.pk})", **{"$select": "name,Datastreams"})
    assert set(body) == {"name", "Datastreams@iot.navigationLink"}
    error = sta("Things", status=400, **{"$select": "name,colour"})
    assert "colour" in error["error"]["message"]
    assert error["error"]["target"] == "$select"


def test_nested_expand_with_top_orderby_and_select(sta, world):
    body = sta(
        f"Things({world.gauge.pk})",
        **{
            "$expand": "Datastreams($select=name,id;"
            "$expand=Observations($top=3;$orderby=phenomenonTime desc;$select=result)),"
            "Locations"
        },
    )
    (stream,) = body["Datastreams"]
    assert set(stream) == {
        "@iot.id",
        "@iot.selfLink",
        "name",
        "Observations",
        "Observations@iot.nextLink",
    }
    assert [o["result"] for o in stream["Observations"]] == [114.0, 112.0, 110.0]
    assert stream["Observations@iot.nextLink"].startswith(
        f"http://testserver{ROOT}/Datastreams({world.level.pk})/Observations?"
    )
    assert (
        "%24skip=3" in stream["Observations@iot.nextLink"]
        or "$skip=3" in stream["Observations@iot.nextLink"]
    )
    assert [loc["name"] for loc in body["Locations"]] == ["STA Pegelbrücke"]
    # Path form and to-one expansions
    observation = sta(
        f"Observations({world.counts[1].pk})",
        **{"$expand": "Datastream/Thing/Locations,Datastream/Sensor,FeatureOfInterest"},
    )
    assert observation["Datastream"]["Thing"]["Locations"][0]["name"] == "STA Marktplatz"
    assert observation["Datastream"]["Sensor"]["name"] == "STA Infrarotzähler"
    assert observation["FeatureOfInterest"]["name"] == "STA Bezirk Nord"


def test_expand_applies_top_and_count_per_parent(sta, world):
    body = sta(
        "Datastreams",
        **{
            "$filter": STA_ONLY,
            "$orderby": "name",
            "$expand": "Observations($top=2;$count=true;$orderby=result desc)",
        },
    )
    by_name = {s["name"]: s for s in body["value"]}
    assert [o["result"] for o in by_name["STA Wasserstand"]["Observations"]] == [114.0, 112.0]
    assert by_name["STA Wasserstand"]["Observations@iot.count"] == 8
    assert [o["result"] for o in by_name["STA Fußgänger"]["Observations"]] == [23.0, 22.0]
    assert by_name["STA Fußgänger"]["Observations@iot.count"] == 4


def test_expand_refuses_unknown_navigation(sta, world):
    error = sta("Things", status=400, **{"$expand": "Datastreams/Colours"})
    assert "Colours" in error["error"]["message"]
    sta("Things", status=400, **{"$expand": "Datastreams($top=x)"})
    sta("Things", status=400, **{"$expand": "Datastreams($top=3"})


def test_orderby_several_properties_and_directions(sta, world):
    body = sta(
        "Observations",
        **{
            "$filter": f"Datastream/id eq {world.counter.pk} or Datastream/id eq {world.level.pk}",
            "$orderby": "phenomenonTime desc,result asc",
            "$top": "4",
        },
    )
    rows = [(o["phenomenonTime"], o["result"]) for o in body["value"]]
    assert rows == sorted(rows, key=lambda r: (r[0], -r[1]), reverse=True)
    assert rows[0] == ("2024-05-01T09:45:00Z/2024-05-01T10:00:00Z", 114.0)
    names_desc = [
        t["name"] for t in sta("Things", **{"$filter": STA_ONLY, "$orderby": "name desc"})["value"]
    ]
    assert names_desc == ["STA Zählstelle Markt", "STA Pegel Lindenau"]
    sta("Things", status=400, **{"$orderby": "name sideways"})
    sta("Things", status=400, **{"$orderby": "colour"})


def test_top_skip_count_and_next_links_page_through_everything(sta, client, world):
    query = {"$filter": f"Datastream/id eq {world.level.pk}", "$top": "3", "$count": "true"}
    body = sta("Observations", **query)
    seen = ids(body)
    assert body["@iot.count"] == 8
    while "@iot.nextLink" in body:
        link = body["@iot.nextLink"]
        assert link.startswith(f"http://testserver{ROOT}/Observations?")
        assert "filter" in link and "count" in link  # the other options are kept
        body = client.get(link).json()
        assert body["@iot.count"] == 8
        seen += ids(body)
    assert seen == [o.pk for o in world.levels]
    page = sta("Observations", **{**query, "$skip": "6"})
    assert ids(page) == [o.pk for o in world.levels[6:]]
    assert "@iot.nextLink" not in page
    assert "@iot.count" not in sta("Observations", **{"$top": "1"})


def test_top_has_a_default_and_a_maximum(sta, world):
    from opendata.sensors.sta.query import DEFAULT_TOP, MAX_TOP

    assert (DEFAULT_TOP, MAX_TOP) == (100, 1000)
    start = START + timedelta(days=1)
    release = Release.objects.create(
        datastream=world.level,
        window_start=start,
        window_end=start + WINDOW,
        method="test",
        code_version="test",
        digest="1" * 64,
    )
    PublishedObservation.objects.bulk_create(
        PublishedObservation(
            datastream=world.level,
            release=release,
            phenomenon_time_start=start,
            phenomenon_time_end=start + WINDOW,
            result_time=start,
            result=float(n),
            cell=f"c{n}",
        )
        for n in range(1005)
    )
    assert len(sta("Observations")["value"]) == DEFAULT_TOP
    big = sta("Observations", **{"$top": "5000"})
    assert len(big["value"]) == MAX_TOP
    assert "%24top=1000" in big["@iot.nextLink"] or "$top=1000" in big["@iot.nextLink"]


def test_bad_paging_options_are_400_naming_the_option(sta, world):
    for option, value in (("$top", "-1"), ("$top", "ten"), ("$skip", "x"), ("$count", "yes")):
        error = sta("Things", status=400, **{option: value})
        assert error["error"]["target"] == option
        assert option in error["error"]["message"]
    error = sta("Things", status=400, **{"$colour": "red"})
    assert "$colour" in error["error"]["message"]


def test_writes_are_refused(client, world):
    response = client.post(f"{ROOT}/Things", data="{}", content_type="application/json")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "405"


def test_query_count_does_not_grow_with_the_page(sta, world, django_assert_max_num_queries):
    expand = {"$expand": "Datastreams($expand=Observations($top=3),Sensor),Locations"}
    with django_assert_max_num_queries(6):
        sta("Things", **{"$top": "1000", **expand})
    with django_assert_max_num_queries(3):
        sta("Observations", **{"$top": "1000", "$expand": "Datastream,FeatureOfInterest"})


def test_writes_are_refused_in_json_even_with_csrf_checks(world):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    for method in ("post", "put", "patch", "delete"):
        response = getattr(strict, method)(
            f"{ROOT}/Things", data="{}", content_type="application/json"
        )
        assert response.status_code == 405, method
        assert response["Allow"] == "GET, HEAD"
        assert response.json()["error"]["code"] == "405"


@pytest.mark.parametrize(
    "entity_set, expression",
    [
        ("Things", "id eq 99999999999999999999999"),
        ("Things", "year(name) eq 1"),
        ("Observations", "month(result) eq 1"),
        ("Things", "null eq null"),
        ("Things", " or ".join(["name eq 'a'"] * 400)),
        ("Things", "Datastreams/Thing/" * 40 + "name eq 'a'"),
    ],
)
def test_filters_that_cannot_be_evaluated_are_400_not_500(sta, world, entity_set, expression):
    error = sta(entity_set, status=400, **{"$filter": expression})
    assert error["error"]["target"] == "$filter"
    assert "$filter" in error["error"]["message"]


def test_the_id_property_and_its_value(sta, world):
    assert sta(f"Things({world.gauge.pk})/id") == {"@iot.id": world.gauge.pk}
    assert sta(f"Things({world.gauge.pk})/id/$value") == str(world.gauge.pk)
    sta(f"Things({world.gauge.pk})/name/$ref", status=404)


def test_responses_have_an_entity_budget(sta, world, monkeypatch):
    from opendata.sensors.sta import serialize

    expand = {"$expand": "Datastreams($expand=Observations)"}
    whole = sta("Things", **{"$filter": STA_ONLY, **expand})
    rendered = len(whole["value"]) + sum(
        1 + len(stream["Observations"])
        for thing in whole["value"]
        for stream in thing["Datastreams"]
    )
    monkeypatch.setattr(serialize, "MAX_RESPONSE_ENTITIES", rendered - 1)
    error = sta("Things", status=400, **{"$filter": STA_ONLY, **expand})
    assert error["error"]["target"] == "$expand" and "$top" in error["error"]["message"]
    monkeypatch.setattr(serialize, "MAX_RESPONSE_ENTITIES", rendered)
    assert sta("Things", **{"$filter": STA_ONLY, **expand}) == whole


def test_expanding_back_to_the_parent_works(sta, world):
    body = sta("Things", **{"$filter": STA_ONLY, "$expand": "Datastreams($expand=Thing)"})
    for thing in body["value"]:
        for stream in thing["Datastreams"]:
            assert stream["Thing"]["@iot.id"] == thing["@iot.id"]
    assert any(thing["Datastreams"] for thing in body["value"])
    body = sta(
        "Datastreams",
        **{"$filter": STA_ONLY, "$expand": "Observations($top=2;$expand=Datastream)"},
    )
    for stream in body["value"]:
        assert all(o["Datastream"]["@iot.id"] == stream["@iot.id"] for o in stream["Observations"])
