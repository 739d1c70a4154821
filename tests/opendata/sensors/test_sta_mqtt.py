"""New published observations on SensorThings' MQTT topics, against a real Mosquitto.

MQTT_URL names the broker (in CI the PostGIS stage sets it). The announcement runs as a
Celery task enqueued on commit (eager in tests), inside the test's transaction.
"""

from __future__ import annotations

import json
import os
import threading
import time
import uuid

import pytest
from django.db import transaction
from django.utils import timezone

from opendata.sensors.models import PublishedObservation, Release
from opendata.sensors.sta import mqtt as announce
from tests.opendata.sensors.test_sta_api import START, WINDOW, World, _publish, sta_world_create

MQTT_URL = os.environ.get("MQTT_URL", "")


@pytest.fixture
def world(db) -> World:
    return sta_world_create()


class Listener:
    """Subscribes to topic filters with QoS 1 and keeps (topic, JSON) of what arrives."""

    def __init__(self, url: str, *topics: str) -> None:
        from opendata.sensors.ingestion.mqtt import BrokerAddress, mqtt_client

        address = BrokerAddress.from_url(url)
        self.messages: list[tuple[str, dict]] = []
        self.ready = threading.Event()
        self.client = mqtt_client(address, client_id=f"test-sta-{uuid.uuid4().hex[:10]}")
        self.client.on_connect = lambda client, *args: client.subscribe(
            [(topic, 1) for topic in topics]
        )
        self.client.on_subscribe = lambda *args: self.ready.set()
        self.client.on_message = lambda c, u, message: self.messages.append(
            (message.topic, json.loads(message.payload))
        )
        self.client.connect(address.host, address.port)
        self.client.loop_start()
        assert self.ready.wait(10), "listener could not subscribe"

    def of(self, observation_ids: set[int]) -> list[tuple[str, dict]]:
        return [(t, m) for t, m in self.messages if m.get("@iot.id") in observation_ids]

    def close(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()


def _release(world: World, stream, window: int, cells) -> Release:
    rows = _publish(stream, window, cells)
    return rows[0].release


def recent_window(back: int = 2) -> int:
    """The index (as _publish counts windows) of a window that ended a little while ago."""
    return (timezone.now() - START) // WINDOW - back


def _publish_releases(*releases: Release) -> None:
    """As the publication job does: the announcement enqueued inside its transaction."""
    with transaction.atomic():
        for release in releases:
            announce.release_announce_on_commit(release)


@pytest.mark.skipif(not MQTT_URL, reason="MQTT_URL is not set: needs a running MQTT broker")
def test_new_observations_arrive_on_the_standard_topics(
    world, settings, client, django_capture_on_commit_callbacks
):
    settings.MQTT_URL = MQTT_URL
    settings.PORTAL_BASE_URL = "http://testserver"
    stream_topic = f"v1.1/Datastreams({world.level.pk})/Observations"
    listener = Listener(
        MQTT_URL,
        stream_topic,
        f"v1.1/Datastreams({world.counter.pk})/Observations",
        f"v1.1/Datastreams({world.pressure.pk})/Observations",
        "v1.1/Observations",
    )
    window = recent_window()
    try:
        level = _release(world, world.level, window, [("", None, 131.5)])
        counter = _release(
            world,
            world.counter,
            window,
            [("district:n", world.north, 40.0), ("district:s", world.south, None)],
        )
        internal = _release(world, world.pressure, window, [("", world.network, 777.25)])
        published = {
            o.pk: o
            for o in PublishedObservation.objects.filter(release__in=[level, counter, internal])
        }
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            _publish_releases(level, counter, internal)
        assert len(callbacks) == 3  # one task per release, after the commit
        level_row = level.observations.get()
        counter_row = counter.observations.get(suppressed=False)
        wanted = {level_row.pk, counter_row.pk}
        deadline = time.monotonic() + 10
        while len(listener.of(wanted)) < 4 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)  # anything that should not come would have come by now
        received = listener.of(set(published))
        topics = sorted((topic, message["@iot.id"]) for topic, message in received)
        assert topics == sorted(
            [
                (stream_topic, level_row.pk),
                ("v1.1/Observations", level_row.pk),
                (f"v1.1/Datastreams({world.counter.pk})/Observations", counter_row.pk),
                ("v1.1/Observations", counter_row.pk),
            ]
        )
        # The message is the observation as the API serves it.
        message = next(m for t, m in received if t == stream_topic)
        assert message == client.get(f"/sta/v1.1/Observations({level_row.pk})").json()
        assert message["result"] == 131.5
        start = START + window * WINDOW
        assert message["phenomenonTime"] == (
            f"{start.isoformat().replace('+00:00', 'Z')}/"
            f"{(start + WINDOW).isoformat().replace('+00:00', 'Z')}"
        )
        assert "777.25" not in json.dumps([m for _t, m in listener.messages])
    finally:
        listener.close()


def test_a_broker_outage_never_fails_the_publication(
    world, settings, django_capture_on_commit_callbacks, caplog
):
    settings.MQTT_URL = "mqtt://127.0.0.1:9"  # nothing listens there
    release = _release(world, world.level, recent_window(), [("", None, 120.0)])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _publish_releases(release)
    assert len(callbacks) == 1
    assert Release.objects.filter(pk=release.pk).exists()
    # The job failed, was logged for the periodic sweep, and the publication stands.
    assert "could not enqueue opendata.sensors.tasks.sta_observations_announce_task" in (
        caplog.text
    )


def test_without_a_broker_nothing_is_enqueued(world, settings, django_capture_on_commit_callbacks):
    settings.MQTT_URL = ""
    release = _release(world, world.level, recent_window(), [("", None, 120.0)])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _publish_releases(release)
    assert callbacks == []
    assert announce.observations_announce(release_id=release.pk) == 0


def test_back_filled_releases_are_not_announced(
    world, settings, django_capture_on_commit_callbacks
):
    settings.MQTT_URL = "mqtt://127.0.0.1:9"
    old = _release(world, world.level, 50, [("", None, 120.0)])  # in 2024
    fresh = _release(world, world.level, recent_window(), [("", None, 121.0)])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _publish_releases(old)
    assert callbacks == []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _publish_releases(fresh)
    assert len(callbacks) == 1


def test_the_announcement_holds_only_what_the_api_serves(world, settings):
    settings.PORTAL_BASE_URL = "https://portal.example"
    counter = _release(
        world,
        world.counter,
        40,
        [("district:n", world.north, 41.0), ("district:s", world.south, None)],
    )
    internal = _release(world, world.pressure, 40, [("", world.network, 777.25)])
    messages = announce.release_observations(counter.pk)
    assert [(stream, item["result"]) for stream, item in messages] == [(world.counter.pk, 41.0)]
    assert messages[0][1]["@iot.selfLink"].startswith(
        "https://portal.example/sta/v1.1/Observations("
    )
    assert announce.release_observations(internal.pk) == []
    assert announce.topics_of(7) == ("v1.1/Datastreams(7)/Observations", "v1.1/Observations")
