"""The SensorThings API through FROST's Python client (frost_sta_client) on a live server.

The live server sees only committed data: the world of test_sta_api is created under
``django_db_blocker.unblock()`` and deleted afterwards.
"""

from __future__ import annotations

import frost_sta_client as fsc
import pytest
import requests

from tests.opendata.sensors.test_sta_api import CANARIES, ROOT, sta_world_create

# furl, which the client uses, warns about its own deprecated API.
pytestmark = pytest.mark.filterwarnings("ignore:furl.pathstr is deprecated:DeprecationWarning")


@pytest.fixture
def live_world(seeded_live_server, django_db_blocker):
    with django_db_blocker.unblock():
        world = sta_world_create()
    try:
        yield world
    finally:
        with django_db_blocker.unblock():
            world.delete()


@pytest.fixture
def service(seeded_live_server):
    return fsc.SensorThingsService(f"{seeded_live_server.url}{ROOT}")


def test_things_with_filter_expand_and_orderby(service, live_world):
    things = (
        service.things()
        .query()
        .filter("startswith(name, 'STA ')")
        .expand("Datastreams($orderby=name asc),Locations")
        .orderby("name", "ASC")
        .list()
    )
    found = list(things)
    assert [t.name for t in found] == ["STA Pegel Lindenau", "STA Zählstelle Markt"]
    gauge = found[0]
    assert gauge.id == live_world.gauge.pk
    assert gauge.properties == {"river": "Linde", "height": 12}
    assert [d.name for d in gauge.datastreams] == ["STA Wasserstand"]
    assert [loc.name for loc in gauge.locations] == ["STA Pegelbrücke"]
    assert next(iter(gauge.locations)).location["coordinates"] == [8.6, 50.95]


def test_datastreams_follow_next_links(service, live_world):
    streams = (
        service.datastreams()
        .query()
        .filter("startswith(Thing/name, 'STA ')")
        .expand("Thing,ObservedProperty,Sensor")
        .orderby("name", "DESC")
        .top(1)
        .list()
    )
    assert streams.next_link  # one per page: the client must follow the links
    found = list(streams)
    assert [d.name for d in found] == ["STA Wasserstand", "STA Fußgänger"]
    assert found[0].unit_of_measurement.symbol == "cm"
    assert found[0].thing.name == "STA Pegel Lindenau"
    assert found[1].observed_property.name == "STA Passanten"
    assert found[1].sensor.name == "STA Infrarotzähler"


def test_observations_paged_with_filter_expand_and_orderby(service, live_world):
    observations = (
        service.observations()
        .query()
        .filter(
            f"Datastream/id eq {live_world.level.pk} and phenomenonTime ge 2024-05-01T08:30:00Z"
        )
        .expand("Datastream($select=name),FeatureOfInterest")
        .orderby("phenomenonTime", "DESC")
        .top(2)
        .count()
        .list()
    )
    assert observations.count == 6
    found = list(observations)
    assert [o.result for o in found] == [114.0, 112.0, 110.0, 108.0, 106.0, 104.0]
    assert found[0].phenomenon_time == "2024-05-01T09:45:00Z/2024-05-01T10:00:00Z"
    assert found[0].datastream.name == "STA Wasserstand"
    assert found[0].feature_of_interest.name == "STA Flussabschnitt Linde"


def test_navigation_from_an_entity(service, live_world):
    thing = service.things().find(live_world.counter_thing.pk)
    assert thing.name == "STA Zählstelle Markt"
    stream = service.datastreams().find(live_world.counter.pk)
    results = [o.result for o in stream.get_observations().query().orderby("result", "ASC").list()]
    assert results == [20.0, 21.0, 22.0, 23.0]


def test_unpublished_data_stays_out_of_reach(service, live_world, seeded_live_server):
    with pytest.raises(requests.HTTPError) as excinfo:
        service.datastreams().find(live_world.pressure.pk)
    assert excinfo.value.response.status_code == 404
    everything = service.observations().query().filter("startswith(Datastream/name, 'STA ')")
    ids = {o.id for o in everything.top(5).list()}
    assert ids == {o.pk for o in live_world.levels + live_world.counts}
    assert not ids & {o.pk for o in live_world.suppressed + live_world.internal}
    raw = requests.get(
        f"{seeded_live_server.url}{ROOT}/Things",
        params={"$expand": "Datastreams/Observations,Locations", "$top": "1000"},
        timeout=30,
    ).text
    for canary in CANARIES:
        assert canary not in raw
