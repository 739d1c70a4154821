"""Sensor ingestion over MQTT, only with MQTT_URL (otherwise the HTTP ingestion benchmark's
``prepare()`` prints that it is skipped): readings per second through the real subscriber.

``prepare`` starts ``manage.py sensors_mqtt`` (client id ``portal-bench-ingest``; batches and
acknowledgements as configured) and a publishing client, and encodes every round up front.
Subject, end to end: publish 200 QoS-1 messages of 500 readings each (the HTTP batch's mix,
10 ms apart, six days back) to ``<MQTT_TOPIC_ROOT>/<token prefix>/observations``, wait for the
broker's acknowledgements and until the round's last reading is committed (messages are
stored in order), then check the round's row count. Baseline: the same 100,000 rows (5 ms
later) written with one COPY (``executemany`` on SQLite). Goal: at least half the raw
write's rate. The bench station and the raw write come from ``sensors_common``.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta

from bench.run import Benchmark
from bench.sensors_common import (
    STREAMS,
    SUBJECT_SHARE,
    _iso,
    _observations,
    _raw_table_settle,
    _raw_write,
    _rows,
    state,
    station_prepare,
)

MQTT_MESSAGE_READINGS = 500  # readings per MQTT message (a gateway's batch)
MQTT_ROUND_MESSAGES = 200  # messages per round: 100,000 readings
MQTT_ROUNDS = 5
MQTT_STEP = timedelta(milliseconds=10)  # between readings of the MQTT rounds
MQTT_BASELINE_SHIFT = timedelta(milliseconds=5)  # the baseline's rows: between the subject's
MQTT_CLIENT_ID = "portal-bench-ingest"
MQTT_TIMEOUT_SECONDS = 300


def _mqtt_readings(
    round_number: int, base: datetime
) -> list[tuple[int, datetime, float, str | None]]:
    """The readings of one round, as ``_readings`` makes them but 10 ms apart."""
    streams: list[int] = state["streams"]  # type: ignore[assignment]
    counter: int = state["counter"]  # type: ignore[assignment]
    per_round = MQTT_MESSAGE_READINGS * MQTT_ROUND_MESSAGES
    readings = []
    for index in range(per_round):
        moment = base + (round_number * per_round + index) * MQTT_STEP
        if index % SUBJECT_SHARE == 0:
            mac = f"02:01:{round_number % 256:02x}:{index >> 8 & 255:02x}:{index & 255:02x}:01"
            readings.append((counter, moment, 1.0, mac))
        else:
            value = round((index * 7.31 + round_number) % 1000, 2)
            readings.append((streams[index % STREAMS], moment, value, None))
    return readings


def _mqtt_prepare() -> None:
    """Start ``manage.py sensors_mqtt`` and a publishing client; encode every round."""
    import atexit
    import subprocess
    import sys
    import threading

    from django.conf import settings

    from opendata.sensors.ingestion.mqtt import BrokerAddress, mqtt_client, observations_topic
    from opendata.sensors.models import Device, RawObservation, Thing
    from opendata.sensors.tokens import DEVICE_TOKENS

    station_prepare()
    token: str = state["token"]  # type: ignore[assignment]
    thing = Thing.objects.get(name="Benchmark station")
    device = Device.objects.get(token_prefix=DEVICE_TOKENS.prefix_of(token))
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=6)
    RawObservation.objects.filter(
        datastream__thing=thing,
        phenomenon_time__gte=start - timedelta(hours=1),
        phenomenon_time__lt=start + timedelta(days=1),
    ).delete()
    _raw_table_settle()
    topic = observations_topic(DEVICE_TOKENS.prefix_of(token))
    rounds = [_mqtt_readings(number, start) for number in range(MQTT_ROUNDS + 1)]
    received = datetime.now(UTC)
    state["mqtt_rounds"] = iter(
        [
            [
                json.dumps(
                    {
                        "token": token,
                        "observations": _observations(
                            batch[offset : offset + MQTT_MESSAGE_READINGS]
                        ),
                    }
                ).encode()
                for offset in range(0, len(batch), MQTT_MESSAGE_READINGS)
            ]
            for batch in rounds
        ]
    )
    state["mqtt_last"] = iter([batch[-1] for batch in rounds])  # never a WiFi sighting
    state["mqtt_rows"] = iter(
        [
            _rows(
                [(s, m + MQTT_BASELINE_SHIFT, v, subj) for s, m, v, subj in batch],
                device.pk,
                received,
            )
            for batch in rounds
        ]
    )
    environment = {**os.environ, "MQTT_CLIENT_ID": MQTT_CLIENT_ID}
    subscriber = subprocess.Popen(
        [sys.executable, "manage.py", "sensors_mqtt"],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=subprocess.DEVNULL,
    )

    def stop() -> None:
        if subscriber.poll() is None:
            subscriber.terminate()
            subscriber.wait(timeout=60)

    atexit.register(stop)
    address = BrokerAddress.from_url(settings.MQTT_URL)
    client = mqtt_client(address, client_id=f"portal-bench-device-{os.getpid()}")
    connected = threading.Event()
    client.on_connect = lambda *args: connected.set()
    client.connect(address.host, address.port, keepalive=60)
    client.loop_start()
    atexit.register(client.loop_stop)
    if not connected.wait(10):
        raise RuntimeError("the MQTT broker did not accept the bench's connection")
    state.update(mqtt_client=client, mqtt_topic=topic, mqtt_subscriber=subscriber)
    _mqtt_wait_ready(start - timedelta(minutes=30))
    print(
        f"prepared: {MQTT_ROUNDS + 1} rounds of {MQTT_ROUND_MESSAGES} MQTT messages of "
        f"{MQTT_MESSAGE_READINGS} readings each; subscriber pid {subscriber.pid}"
    )


def _mqtt_wait_ready(moment: datetime) -> None:
    """Send a probe reading every half second until the subscriber stored one."""
    import time

    from opendata.sensors.models import RawObservation

    client, topic = state["mqtt_client"], state["mqtt_topic"]
    stream = state["streams"][0]  # type: ignore[index]
    deadline = time.monotonic() + 60
    probe = 0
    while time.monotonic() < deadline:
        if state["mqtt_subscriber"].poll() is not None:  # type: ignore[attr-defined]
            raise RuntimeError("manage.py sensors_mqtt exited")
        at = moment + timedelta(seconds=probe)
        body = {
            "token": state["token"],
            "observations": [{"datastream": stream, "phenomenonTime": _iso(at), "result": 1.0}],
        }
        client.publish(topic, json.dumps(body), qos=1).wait_for_publish(10)  # type: ignore[attr-defined]
        time.sleep(0.5)
        if RawObservation.objects.filter(
            datastream_id=stream, phenomenon_time__gte=moment, phenomenon_time__lte=at
        ).exists():
            return
        probe += 1
    raise RuntimeError("the MQTT subscriber stored nothing within a minute")


def _ingest_over_mqtt():
    def run() -> None:
        import time

        from opendata.sensors.models import RawObservation

        messages = next(state["mqtt_rounds"])  # type: ignore[call-overload]
        stream, last, _value, _subject = next(state["mqtt_last"])  # type: ignore[call-overload]
        client, topic = state["mqtt_client"], state["mqtt_topic"]
        sent = [client.publish(topic, message, qos=1) for message in messages]  # type: ignore[attr-defined]
        for info in sent:
            info.wait_for_publish(MQTT_TIMEOUT_SECONDS)
        # Messages are stored in order, each batch committed before the next: the round is
        # stored once its last reading is.
        stored = RawObservation.objects.filter(datastream_id=stream, phenomenon_time=last)
        deadline = time.monotonic() + MQTT_TIMEOUT_SECONDS
        while not stored.exists():
            if time.monotonic() > deadline:
                raise RuntimeError("the MQTT round was not stored in time")
            time.sleep(0.002)
        first = last - (len(messages) * MQTT_MESSAGE_READINGS - 1) * MQTT_STEP
        count = RawObservation.objects.filter(
            datastream__thing__name="Benchmark station",
            phenomenon_time__gte=first,
            phenomenon_time__lte=last,
        ).count()
        assert count == len(messages) * MQTT_MESSAGE_READINGS, count

    return run


def mqtt_benchmarks() -> list[Benchmark]:
    """Readings per second through the MQTT subscriber (``manage.py sensors_mqtt``, end to
    end) against a raw COPY of the same rows (goal: at least half its rate); only with
    MQTT_URL."""
    from django.conf import settings

    if not settings.MQTT_URL:
        return []
    return [
        Benchmark(
            "sensor ingest MQTT, 200 messages of 500",
            _ingest_over_mqtt(),
            _raw_write("mqtt_rows"),
            "raw COPY/INSERT same rows",
            rounds=MQTT_ROUNDS,
            per_call=MQTT_MESSAGE_READINGS * MQTT_ROUND_MESSAGES,
            unit="readings",
            prepare=_mqtt_prepare,
        )
    ]


BENCHMARKS = mqtt_benchmarks()
