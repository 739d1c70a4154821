"""``manage.py sensors_mqtt``: the MQTT subscriber (see opendata/sensors/ingestion/mqtt.py)."""

from __future__ import annotations

import signal
import threading

from django.core.management.base import BaseCommand, CommandError

from opendata.sensors.ingestion.mqtt import MqttUrlInvalid, subscriber_from_settings


class Command(BaseCommand):
    help = (
        "Subscribes to the sensors' MQTT topics (settings.MQTT_URL) and stores their readings; "
        "a message is acknowledged only after its readings are committed. Stops on SIGTERM "
        "or Ctrl-C after the batch in hand."
    )

    def handle(self, *args, **options):
        try:
            subscriber = subscriber_from_settings()
        except MqttUrlInvalid as exc:
            raise CommandError(str(exc)) from None
        stopping = threading.Event()

        def request_stop(signum, frame) -> None:
            stopping.set()

        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)
        subscriber.start()
        self.stdout.write(f"MQTT subscriber listening on {subscriber.subscription}")
        try:
            subscriber.run(stopping.is_set)
        finally:
            subscriber.stop()
        self.stdout.write(f"MQTT subscriber stopped ({subscriber.stored_messages} messages).")
