"""MQTT ingestion against a real Mosquitto (MQTT_URL; in CI the PostGIS stage sets it).

The subscriber's network loop runs on paho's thread while storing happens on the test's
thread, inside the test's transaction, so these tests need no committed data. Each test uses
a topic root and client ids of its own: the shared broker serves other suites at once.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from opendata.sensors.ingestion import write
from opendata.sensors.ingestion.mqtt import (
    BrokerAddress,
    MqttSubscriber,
    errors_topic,
    messages_store,
    mqtt_client,
    observations_topic,
)
from opendata.sensors.models import Device, RawObservation
from opendata.sensors.tokens import DEVICE_TOKENS, device_revoke
from tests.opendata.sensors.conftest import iso, recent

pytestmark = pytest.mark.django_db

MQTT_URL = os.environ.get("MQTT_URL", "")
needs_broker = pytest.mark.skipif(
    not MQTT_URL, reason="MQTT_URL is not set: these tests need a running MQTT broker"
)
MOSQUITTO = shutil.which("mosquitto") or "/usr/sbin/mosquitto"


def wait_for(condition, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


class Publisher:
    """A device-side client publishing with QoS 1; remembers what the broker acknowledged."""

    def __init__(self, address: BrokerAddress) -> None:
        self.acknowledged: set[int] = set()
        self.client = mqtt_client(address, client_id=f"test-pub-{uuid.uuid4().hex[:10]}")
        self.client.on_publish = self._on_publish
        self.connected = threading.Event()
        self.client.on_connect = lambda *args: self.connected.set()
        self.client.connect_async(address.host, address.port, keepalive=10, clean_start=False)
        self.client.loop_start()
        assert self.connected.wait(10), "publisher could not connect"

    def _on_publish(self, client, userdata, mid, reason_code, properties) -> None:
        self.acknowledged.add(mid)

    def send(self, topic: str, payload: dict | bytes) -> int:
        data = payload if isinstance(payload, bytes) else json.dumps(payload)
        return self.client.publish(topic, data, qos=1).mid

    def close(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()


class Listener:
    """Collects what the portal answers on a topic."""

    def __init__(self, address: BrokerAddress, topic: str) -> None:
        self.messages: list[dict] = []
        self.ready = threading.Event()
        self.client = mqtt_client(address, client_id=f"test-listen-{uuid.uuid4().hex[:10]}")
        self.client.on_connect = lambda client, *args: client.subscribe(topic, qos=1)
        self.client.on_subscribe = lambda *args: self.ready.set()
        self.client.on_message = lambda c, u, message: self.messages.append(
            json.loads(message.payload)
        )
        self.client.connect(address.host, address.port)
        self.client.loop_start()
        assert self.ready.wait(10), "listener could not subscribe"

    def close(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()


def subscriber_started(address: BrokerAddress, root: str, client_id: str) -> MqttSubscriber:
    subscriber = MqttSubscriber(
        address, client_id=client_id, root=root, batch_messages=50, batch_milliseconds=50
    )
    subscriber.start()
    assert subscriber.subscribed.wait(10), "subscriber could not subscribe"
    return subscriber


def run_until(subscriber: MqttSubscriber, condition, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    subscriber.run(lambda: condition() or time.monotonic() > deadline)


@pytest.fixture
def address() -> BrokerAddress:
    if not MQTT_URL:
        pytest.skip("MQTT_URL is not set: these tests need a running MQTT broker")
    return BrokerAddress.from_url(MQTT_URL)


@pytest.fixture
def root() -> str:
    return f"test-{uuid.uuid4().hex[:12]}/sensors"


@pytest.fixture
def publisher(address):
    publisher = Publisher(address)
    yield publisher
    publisher.close()


@pytest.fixture
def subscriber(address, root):
    subscriber = subscriber_started(address, root, f"test-sub-{uuid.uuid4().hex[:10]}")
    yield subscriber
    subscriber.stop()


def topic_of(station, root: str) -> str:
    return observations_topic(DEVICE_TOKENS.prefix_of(station.token), root=root)


def level_readings(station, count: int, start_minutes: int = 60) -> list[dict]:
    start = recent(start_minutes)
    return [
        {
            "datastream": station.level.pk,
            "phenomenonTime": iso(start + timedelta(seconds=index)),
            "result": index % 600,
        }
        for index in range(count)
    ]


def test_url_parsing():
    address = BrokerAddress.from_url("mqtts://ingest:s%40cret@broker.example")
    assert (address.host, address.port, address.tls) == ("broker.example", 8883, True)
    assert (address.username, address.password) == ("ingest", "s@cret")
    assert BrokerAddress.from_url("mqtt://127.0.0.1:51883").port == 51883
    with pytest.raises(ValueError):
        BrokerAddress.from_url("http://broker.example")


@needs_broker
def test_published_readings_are_stored_with_pseudonymised_subjects(
    station, publisher, subscriber, root
):
    t = recent()
    publisher.send(
        topic_of(station, root),
        {
            "token": station.token,
            "observations": [
                {"datastream": station.level.pk, "phenomenonTime": iso(t), "result": 42.5},
                {
                    "datastream": station.counter.pk,
                    "phenomenonTime": iso(t),
                    "result": 1,
                    "subject": "AA:BB:CC:00:11:22",
                },
            ],
        },
    )
    run_until(subscriber, lambda: subscriber.stored_messages >= 1)
    assert RawObservation.objects.get(datastream=station.level).result == 42.5
    counted = RawObservation.objects.get(datastream=station.counter)
    assert len(counted.subject_pseudonym) == 16
    assert "aabbcc" not in counted.subject_pseudonym.lower()


@needs_broker
def test_bad_payloads_are_answered_on_the_error_topic_naming_the_field(
    station, other_station, publisher, subscriber, root, address, caplog
):
    prefix = DEVICE_TOKENS.prefix_of(station.token)
    listener = Listener(address, errors_topic(prefix, root=root))
    try:
        topic = topic_of(station, root)
        publisher.send(topic, b"{not json")
        publisher.send(topic, {"observations": []})
        publisher.send(topic, {"token": other_station.token, "observations": []})
        publisher.send(
            topic,
            {
                "token": station.token,
                "observations": [
                    {
                        "datastream": station.level.pk,
                        "phenomenonTime": iso(recent()),
                        "result": 9999,
                    },
                    {"datastream": station.level.pk, "phenomenonTime": "yesterday", "result": 1},
                    {"datastream": station.level.pk, "phenomenonTime": iso(recent()), "result": 7},
                ],
            },
        )
        run_until(subscriber, lambda: subscriber.stored_messages >= 4)
        assert wait_for(lambda: len(listener.messages) >= 4)
    finally:
        listener.close()
    by_status = sorted(listener.messages, key=lambda answer: answer["status"])
    assert [answer["status"] for answer in by_status] == [207, 400, 401, 401]
    partial = by_status[0]
    assert (partial["accepted"], partial["rejected"]) == (1, 2)
    assert [error["field"] for error in partial["errors"]] == [
        "observations[0].result",
        "observations[1].phenomenonTime",
    ]
    assert by_status[1]["errors"][0]["field"] == ""
    assert {answer["errors"][0]["field"] for answer in by_status[2:]} == {"token"}
    assert [row.result for row in RawObservation.objects.filter(datastream=station.level)] == [7.0]
    log = caplog.text
    assert "9999" not in log and station.token not in log and other_station.token not in log


@needs_broker
def test_messages_not_yet_stored_are_redelivered_to_the_next_subscriber(
    station, publisher, address, root
):
    """A subscriber that received messages but stopped (or crashed) before committing them
    acknowledged nothing: the broker hands them to its successor (same client id)."""
    client_id = f"test-sub-{uuid.uuid4().hex[:10]}"
    first = subscriber_started(address, root, client_id)
    readings = level_readings(station, 30)
    for index in range(0, 30, 3):
        publisher.send(
            topic_of(station, root),
            {"token": station.token, "observations": readings[index : index + 3]},
        )
    assert wait_for(lambda: first.inbox.qsize() == 10), "first subscriber did not receive"
    first.stop()  # never stored, never acknowledged
    assert not RawObservation.objects.filter(datastream=station.level).exists()

    second = subscriber_started(address, root, client_id)
    try:
        run_until(
            second,
            lambda: RawObservation.objects.filter(datastream=station.level).count() >= 30,
        )
    finally:
        second.stop()
    assert RawObservation.objects.filter(datastream=station.level).count() == 30


@needs_broker
def test_a_failed_batch_is_retried_and_not_acknowledged_before_it_is_stored(
    station, publisher, subscriber, root, monkeypatch
):
    from django.db import OperationalError

    from opendata.sensors.ingestion import mqtt as mqtt_ingest

    real_prepare = mqtt_ingest.message_prepare
    calls = {"n": 0}
    acknowledged_early = []

    def flaky(**kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OperationalError("database went away")
        return real_prepare(**kwargs)

    real_ack = subscriber.client.ack

    def ack(mid, qos):
        if not RawObservation.objects.filter(datastream=station.level).exists():
            acknowledged_early.append(mid)
        return real_ack(mid, qos)

    monkeypatch.setattr(mqtt_ingest, "message_prepare", flaky)
    monkeypatch.setattr(subscriber.client, "ack", ack)
    publisher.send(
        topic_of(station, root),
        {"token": station.token, "observations": level_readings(station, 2)},
    )
    run_until(subscriber, lambda: subscriber.stored_messages >= 1, timeout=20)
    assert calls["n"] >= 2
    assert RawObservation.objects.filter(datastream=station.level).count() == 2
    assert acknowledged_early == []


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateBroker:
    """A Mosquitto of this test alone, with persistence, that can be restarted."""

    def __init__(self) -> None:
        self.directory = Path(tempfile.mkdtemp(prefix="mqtt-test-"))
        self.port = _free_port()
        config = self.directory / "mosquitto.conf"
        config.write_text(
            f"listener {self.port} 127.0.0.1\n"
            "allow_anonymous true\n"
            "persistence true\n"
            f"persistence_location {self.directory}/\n"
            "user root\n"
        )
        self.config = config
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [MOSQUITTO, "-c", str(self.config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

        def accepting() -> bool:
            with socket.socket() as probe:
                return probe.connect_ex(("127.0.0.1", self.port)) == 0

        assert wait_for(accepting, 10), "private mosquitto did not start"

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()  # mosquitto saves its persistence file on SIGTERM
            self.process.wait(10)
            self.process = None

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


@pytest.mark.skipif(not Path(MOSQUITTO).exists(), reason="no mosquitto binary to run a broker")
def test_a_broker_restart_mid_stream_loses_no_acknowledged_reading(station):
    broker = PrivateBroker()
    broker.start()
    address = BrokerAddress(host="127.0.0.1", port=broker.port)
    root = "restart/sensors"
    subscriber = subscriber_started(address, root, "test-restart-subscriber")
    publisher = Publisher(address)
    total = 300
    readings = level_readings(station, total, start_minutes=120)
    sent: dict[int, dict] = {}

    def publish_all() -> None:
        for reading in readings:
            mid = publisher.send(
                topic_of(station, root), {"token": station.token, "observations": [reading]}
            )
            sent[mid] = reading
            time.sleep(0.005)

    sender = threading.Thread(target=publish_all)
    stored = RawObservation.objects.filter(datastream=station.level)
    try:
        sender.start()
        run_until(subscriber, lambda: stored.count() >= 60, timeout=20)
        broker.stop()  # mid-stream: the publisher keeps sending, the subscriber keeps storing
        run_until(subscriber, lambda: not sender.is_alive() or stored.count() >= total, 3)
        broker.start()
        sender.join(30)
        run_until(subscriber, lambda: stored.count() >= total, timeout=60)
    finally:
        sender.join(5)
        subscriber.stop()
        publisher.close()
        broker.remove()
    stored_times = {iso(moment) for moment in stored.values_list("phenomenon_time", flat=True)}
    acknowledged = [sent[mid]["phenomenonTime"] for mid in publisher.acknowledged if mid in sent]
    assert len(acknowledged) > 60
    assert set(acknowledged) <= stored_times, "an acknowledged reading was lost"
    assert len(stored_times) == total


# --- batches: one bulk write for all messages, an outcome for each ---------------------------

ROOT = "batch-test/sensors"


def _message(station, observations: list[dict], token: str | None = None) -> tuple[str, bytes]:
    body = {"token": token or station.token, "observations": observations}
    return topic_of(station, ROOT), json.dumps(body).encode()


def _mixed_batch(station, other_station) -> list[tuple[str, bytes]]:
    good = level_readings(station, 5, start_minutes=60)
    duplicate_only = level_readings(station, 3, start_minutes=60)  # the first 3 of `good`
    Device.objects.filter(thing=other_station.thing).update(revoked_at=recent())
    revoked = level_readings(other_station, 2, start_minutes=50)
    invalid = [
        {"datastream": station.level.pk, "phenomenonTime": "yesterday", "result": 1},
        {"datastream": station.level.pk, "phenomenonTime": iso(recent(40)), "result": 9999},
    ]
    also_good = [
        *level_readings(station, 2, start_minutes=30),
        {
            "datastream": station.counter.pk,
            "phenomenonTime": iso(recent(30)),
            "result": 1,
            "subject": "AA:BB:CC:00:11:22",
        },
        good[4],  # a duplicate of the first message's, in the same batch
    ]
    return [
        _message(station, good),
        _message(station, duplicate_only),
        _message(other_station, revoked),
        _message(station, invalid),
        (topic_of(station, ROOT), b"{not json"),
        _message(station, also_good),
    ]


def _summary(outcome) -> tuple:
    body = outcome.body
    return (
        outcome.status,
        body.get("accepted"),
        body.get("duplicates"),
        body.get("rejected"),
        [error["field"] for error in body.get("errors", [])],
    )


EXPECTED_MIXED = [
    (200, 5, 0, 0, []),
    (200, 0, 3, 0, []),
    (401, None, None, None, ["token"]),
    (422, 0, 0, 2, ["observations[0].phenomenonTime", "observations[1].result"]),
    (400, None, None, None, [""]),
    (200, 3, 1, 0, []),  # its repeat of the first message's reading counts as a duplicate
]


def test_a_mixed_batch_gives_each_message_its_own_outcome(station, other_station):
    messages = _mixed_batch(station, other_station)
    outcomes = messages_store(messages, root=ROOT)
    assert [_summary(outcome) for outcome in outcomes] == EXPECTED_MIXED
    assert all(outcome.acknowledge for outcome in outcomes)
    assert RawObservation.objects.filter(datastream=station.level).count() == 7
    assert RawObservation.objects.filter(datastream=station.counter).count() == 1
    assert not RawObservation.objects.filter(datastream=other_station.level).exists()

    # Delivered again (a crash before the acknowledgement) with a new message: the old
    # readings are duplicates, the new ones are counted for the new message alone.
    fresh = _message(station, level_readings(station, 4, start_minutes=20))
    again = messages_store([*messages, fresh], root=ROOT)
    assert [_summary(outcome)[:3] for outcome in again[:2]] == [(200, 0, 5), (200, 0, 3)]
    assert _summary(again[5])[:3] == (200, 0, 4)
    assert _summary(again[6])[:3] == (200, 4, 0)
    assert RawObservation.objects.filter(datastream=station.level).count() == 11


def test_a_batch_looks_up_each_token_and_thing_once_and_writes_once(station, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    writes = []
    real_insert_many = write._insert_many

    def insert_many(groups):
        writes.append(len(groups))
        return real_insert_many(groups)

    monkeypatch.setattr(write, "_insert_many", insert_many)
    messages = [
        _message(station, level_readings(station, 2, start_minutes=60 - index))
        for index in range(10)
    ]
    with CaptureQueriesContext(connection) as queries:
        outcomes = messages_store(messages, root=ROOT)
    assert {outcome.status for outcome in outcomes} == {200}
    assert RawObservation.objects.filter(datastream=station.level).count() == 20
    assert writes == [10]  # one bulk write for the ten messages

    def counted(table: str) -> int:
        return sum(
            1
            for query in queries.captured_queries
            if query["sql"].lstrip().upper().startswith("SELECT") and f'"{table}"' in query["sql"]
        )

    assert counted("sensors_device") == 1
    assert counted("sensors_datastream") == 1


def test_a_batch_that_cannot_commit_in_time_is_not_stored_and_counts_as_transient(
    station, settings, monkeypatch
):
    import time

    from opendata.sensors.ingestion.mqtt import TRANSIENT_ERRORS

    settings.SENSOR_INGEST_SETTLE_SECONDS = 2
    real_insert_many = write._insert_many

    def stalls(groups):
        inserted = real_insert_many(groups)
        time.sleep(1.1)
        return inserted

    monkeypatch.setattr(write, "_insert_many", stalls)
    messages = [_message(station, level_readings(station, 3))]
    with pytest.raises(write.IngestTooSlow) as raised:
        messages_store(messages, root=ROOT)
    assert isinstance(raised.value, TRANSIENT_ERRORS)  # the subscriber retries, unacknowledged
    assert not RawObservation.objects.filter(datastream=station.level).exists()
    monkeypatch.undo()
    assert [outcome.status for outcome in messages_store(messages, root=ROOT)] == [200]
    assert RawObservation.objects.filter(datastream=station.level).count() == 3


def test_a_batch_too_slow_to_commit_is_stored_in_halves(station, monkeypatch):
    """A batch that cannot commit in time is not retried whole forever: the subscriber stores
    it in halves (here: any write of more than two messages is too slow)."""
    from opendata.sensors.ingestion import mqtt as mqtt_ingest
    from opendata.sensors.ingestion.mqtt import Incoming

    real_store = mqtt_ingest.messages_store
    sizes = []

    def slow_when_large(messages, *, root):
        sizes.append(len(messages))
        if len(messages) > 2:
            raise write.IngestTooSlow("too slow")
        return real_store(messages, root=root)

    monkeypatch.setattr(mqtt_ingest, "messages_store", slow_when_large)
    subscriber = MqttSubscriber(
        BrokerAddress.from_url("mqtt://127.0.0.1:1"), client_id="t", root=ROOT
    )
    batch = [
        Incoming(mid=index, qos=1, topic=topic, payload=payload, generation=0)
        for index, (topic, payload) in enumerate(
            _message(station, level_readings(station, 2, start_minutes=60 - 5 * index))
            for index in range(5)
        )
    ]
    outcomes = subscriber._store(batch)
    assert [outcome.status for outcome in outcomes] == [200] * 5
    assert sizes == [5, 2, 3, 1, 2]
    assert RawObservation.objects.filter(datastream=station.level).count() == 10


def test_a_revoked_token_stops_working_with_the_next_batch(station):
    first = messages_store([_message(station, level_readings(station, 1))], root=ROOT)
    assert first[0].status == 200
    device_revoke(device=Device.objects.get(thing=station.thing))
    second = messages_store(
        [_message(station, level_readings(station, 1, start_minutes=30))], root=ROOT
    )
    assert _summary(second[0]) == (401, None, None, None, ["token"])
    assert RawObservation.objects.filter(datastream=station.level).count() == 1


def test_a_failing_bulk_write_falls_back_to_one_write_per_message(
    station, other_station, monkeypatch
):
    from django.db import IntegrityError

    real_insert_many = write._insert_many
    calls = []

    def fails_in_bulk_and_for_one(groups):
        calls.append(len(groups))
        if len(groups) > 1:
            raise IntegrityError("bulk write refused")
        if groups[0] and groups[0][0][2] == 17.0:  # the readings of the message that fails
            raise IntegrityError("this message's write refused")
        return real_insert_many(groups)

    monkeypatch.setattr(write, "_insert_many", fails_in_bulk_and_for_one)
    messages = _mixed_batch(station, other_station)
    failing = [{"datastream": station.level.pk, "phenomenonTime": iso(recent(20)), "result": 17}]
    messages.append(_message(station, failing))
    outcomes = messages_store(messages, root=ROOT)
    assert calls[0] > 1 and set(calls[1:]) == {1}  # bulk first, then one by one
    assert [_summary(outcome) for outcome in outcomes[:6]] == EXPECTED_MIXED
    assert outcomes[6].status == 500 and not outcomes[6].acknowledge
    assert [error["field"] for error in outcomes[6].body["errors"]] == [""]
    assert all(outcome.acknowledge for outcome in outcomes[:6])
    levels = RawObservation.objects.filter(datastream=station.level)
    assert levels.count() == 7 and not levels.filter(result=17).exists()
    assert RawObservation.objects.filter(datastream=station.counter).count() == 1


@needs_broker
def test_a_mixed_batch_is_answered_and_acknowledged_through_the_broker(
    station, other_station, publisher, subscriber, root, address
):
    prefix = DEVICE_TOKENS.prefix_of(station.token)
    listener = Listener(address, errors_topic(prefix, root=root))
    other_listener = Listener(
        address, errors_topic(DEVICE_TOKENS.prefix_of(other_station.token), root=root)
    )
    acknowledged = []
    real_ack = subscriber.client.ack
    monkeypatched = lambda mid, qos: (acknowledged.append(mid), real_ack(mid, qos))  # noqa: E731
    subscriber.client.ack = monkeypatched
    try:
        messages = _mixed_batch(station, other_station)
        for topic, payload in messages:
            publisher.send(topic.replace(ROOT, root, 1), payload)
        run_until(subscriber, lambda: subscriber.stored_messages >= len(messages))
        assert wait_for(lambda: len(listener.messages) >= 2 and len(other_listener.messages) >= 1)
    finally:
        listener.close()
        other_listener.close()
    assert len(acknowledged) == len(messages)
    assert sorted(answer["status"] for answer in listener.messages) == [400, 422]
    assert other_listener.messages[0]["status"] == 401
    assert other_listener.messages[0]["errors"][0]["field"] == "token"
    assert RawObservation.objects.filter(datastream=station.level).count() == 7
    assert RawObservation.objects.filter(datastream=station.counter).count() == 1
