"""``manage.py simulate_sensors``: feeds the demo city's sensors like real devices would.

At start it replaces the tokens of the demo devices (only their hashes are stored, so there
is no other way to send as them; their previous tokens stop working) and then, every
``--interval`` seconds, sends each device's readings of the interval just ended through the
real ingestion paths: the HTTP batch endpoint (``--via http``, default, against ``--url``)
or the MQTT broker (``--via mqtt``, settings.MQTT_URL, read by ``manage.py sensors_mqtt``).
Meant for development and demos; outside DEBUG it refuses unless ``--replace-tokens`` is
given explicitly.
"""

from __future__ import annotations

import json
import signal
import threading
import urllib.error
import urllib.request
import uuid
from datetime import timedelta

import paho.mqtt.client as mqtt
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from opendata.sensors.demo import THINGS
from opendata.sensors.ingestion.mqtt import BrokerAddress, mqtt_client, observations_topic
from opendata.sensors.simulation import (
    SimulatedDevice,
    Simulator,
    demo_devices_with_new_tokens,
    tick_bodies,
)
from opendata.sensors.tokens import DEVICE_TOKENS

INGEST_PATH = "/api/v1/ingest/observations"


class HttpSender:
    def __init__(self, base_url: str) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise CommandError("--url must start with http:// or https://.")
        self.url = base_url.rstrip("/") + INGEST_PATH

    def send(self, simulated: SimulatedDevice, body: dict) -> str:
        request = urllib.request.Request(  # noqa: S310 (the scheme is checked above)
            self.url,
            data=json.dumps(body).encode(),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {simulated.token}",
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return str(response.status)
        except urllib.error.HTTPError as exc:
            return str(exc.code)
        except (urllib.error.URLError, OSError) as exc:
            return f"unreachable ({type(exc).__name__})"

    def close(self) -> None:
        pass


class MqttSender:
    """Publishes as the devices would, QoS 1; paho queues while the broker is away."""

    def __init__(self, url: str) -> None:
        address = BrokerAddress.from_url(url)
        client_id = f"lindenhafen-simulator-{uuid.uuid4().hex[:8]}"
        self.client = mqtt_client(address, client_id=client_id)
        self.connected = threading.Event()
        self.client.on_connect = lambda *args: self.connected.set()
        self.client.connect_async(address.host, address.port, keepalive=30)
        self.client.loop_start()
        self.pending: list[mqtt.MQTTMessageInfo] = []
        if not self.connected.wait(10):
            raise CommandError(f"Cannot reach the MQTT broker at {address.host}:{address.port}.")

    def send(self, simulated: SimulatedDevice, body: dict) -> str:
        prefix = DEVICE_TOKENS.prefix_of(simulated.token)
        payload = json.dumps({"token": simulated.token, **body})
        info = self.client.publish(observations_topic(prefix), payload, qos=1)
        self.pending = [sent for sent in self.pending if not sent.is_published()] + [info]
        return "published" if info.rc == mqtt.MQTT_ERR_SUCCESS else "queued"

    def close(self) -> None:
        """Disconnect once the broker acknowledged what was sent (at most 10 s)."""
        for info in self.pending:
            try:
                info.wait_for_publish(timeout=10)
            except (RuntimeError, ValueError):
                break  # not connected: the rest cannot be delivered now
        self.client.disconnect()
        self.client.loop_stop()


class Command(BaseCommand):
    help = "Feeds the demo city's sensors with simulated readings over HTTP or MQTT."

    def add_arguments(self, parser):
        parser.add_argument("--via", choices=["http", "mqtt"], default="http")
        parser.add_argument(
            "--url", default="http://127.0.0.1:8000", help="The portal's base URL (HTTP)."
        )
        parser.add_argument("--interval", type=float, default=60.0, help="Seconds per tick.")
        parser.add_argument("--once", action="store_true", help="Send one tick and stop.")
        parser.add_argument("--seed", type=int, default=0, help="Same seed, same readings.")
        parser.add_argument(
            "--flood-percent",
            type=float,
            default=None,
            help="Share of days (percent) on which water levels pass their warning level.",
        )
        parser.add_argument(
            "--replace-tokens",
            action="store_true",
            help="Allow replacing the demo devices' tokens outside DEBUG.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["replace_tokens"]:
            raise CommandError(
                "The simulator replaces the demo devices' tokens; outside DEBUG pass "
                "--replace-tokens to allow it."
            )
        if options["interval"] <= 0:
            raise CommandError("--interval must be positive.")
        if options["via"] == "mqtt":
            if not settings.MQTT_URL:
                raise CommandError("--via mqtt needs MQTT_URL.")
            sender = MqttSender(settings.MQTT_URL)
        else:
            sender = HttpSender(options["url"])
        devices = demo_devices_with_new_tokens(spec.name for spec in THINGS)
        if not devices:
            raise CommandError("No demo sensor devices: run manage.py seed_demo first.")
        simulator = Simulator(seed=options["seed"], flood_percent=options["flood_percent"])
        interval = timedelta(seconds=options["interval"])
        stopping = threading.Event()
        signal.signal(signal.SIGTERM, lambda signum, frame: stopping.set())
        signal.signal(signal.SIGINT, lambda signum, frame: stopping.set())
        self.stdout.write(
            f"Simulating {len(devices)} sensor devices via {options['via']} "
            f"every {options['interval']:g} s (tokens replaced)."
        )
        try:
            while not stopping.is_set():
                self.tick(sender, devices, simulator, interval)
                if options["once"]:
                    break
                stopping.wait(options["interval"])
        finally:
            sender.close()

    def tick(self, sender, devices, simulator: Simulator, interval: timedelta) -> None:
        at = timezone.now().replace(microsecond=0)
        outcomes: dict[str, int] = {}
        readings = 0
        for simulated, body in tick_bodies(devices, simulator=simulator, at=at, interval=interval):
            outcome = sender.send(simulated, body)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
            readings += len(body["observations"])
        summary = ", ".join(f"{count}× {outcome}" for outcome, count in sorted(outcomes.items()))
        self.stdout.write(f"{at.isoformat()}: {readings} readings ({summary})")
