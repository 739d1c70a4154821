"""New published observations on SensorThings' MQTT topics (STA 1.1 part 1, section 14.2).

``SensorsConfig.ready()`` registers ``release_announce_on_commit`` as a release listener of
the publication; the publication service calls it for each new release, and it enqueues
``sta_observations_announce_task`` on commit. The task sends each new, non-suppressed
observation of a published stream as STA JSON (rendered by the SensorThings serializer,
``sta.serialize``) with QoS 1 on ``v1.1/Datastreams(<id>)/Observations`` and
``v1.1/Observations``. A broker outage
never fails the publication: the task retries with backoff and gives up after a few tries
(subscribers can always read the API). Nothing happens without ``MQTT_URL``. MQTT carries
live updates only: releases of windows that ended more than ``ANNOUNCE_MAX_AGE`` ago (a
back-fill such as ``seed_demo``'s week) are not sent.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from opendata.sensors.ingestion.mqtt import BrokerAddress, mqtt_client
from opendata.sensors.models import Release
from opendata.sensors.sta import serialize
from opendata.sensors.sta.entities import OBSERVATIONS, STA_PATH
from opendata.sensors.sta.query import QueryOptions
from portal.core.jobs import enqueue_on_commit

logger = logging.getLogger(__name__)

TOPIC_VERSION = "v1.1"
PUBLISH_TIMEOUT_SECONDS = 20
ANNOUNCE_MAX_AGE = timedelta(hours=6)


class MqttAnnounceFailed(OSError):
    """The broker did not take or acknowledge the messages; the task retries."""


def topics_of(datastream_id: int) -> tuple[str, str]:
    return (
        f"{TOPIC_VERSION}/Datastreams({datastream_id})/Observations",
        f"{TOPIC_VERSION}/Observations",
    )


def release_observations(release_id: int) -> list[tuple[int, dict]]:
    """(datastream id, STA JSON) of the release's observations that the API serves."""
    base = settings.PORTAL_BASE_URL + STA_PATH
    plan = serialize.Plan(OBSERVATIONS, QueryOptions(OBSERVATIONS), base)
    queryset = OBSERVATIONS.queryset().filter(release_id=release_id).order_by("pk")
    rows = plan.rows(queryset, "datastream_id")
    return [(row[-1], item) for row, item in zip(rows, plan.render(rows), strict=True)]


def observations_announce(*, release_id: int) -> int:
    """Publish the release's observations; returns how many messages the broker took."""
    if not settings.MQTT_URL:
        return 0
    messages = release_observations(release_id)
    if not messages:
        return 0
    address = BrokerAddress.from_url(settings.MQTT_URL)
    client = mqtt_client(address, client_id=f"portal-sta-{uuid.uuid4().hex[:12]}")
    connected = threading.Event()
    client.on_connect = lambda *args: connected.set()
    client.connect(address.host, address.port, keepalive=30)
    client.loop_start()
    try:
        if not connected.wait(PUBLISH_TIMEOUT_SECONDS):
            raise MqttAnnounceFailed("the MQTT broker did not accept the connection")
        sent = []
        for datastream_id, item in messages:
            payload = json.dumps(item, separators=(",", ":"), ensure_ascii=False)
            for topic in topics_of(datastream_id):
                sent.append(client.publish(topic, payload, qos=1))
        for info in sent:
            info.wait_for_publish(PUBLISH_TIMEOUT_SECONDS)
            if not info.is_published():
                raise MqttAnnounceFailed("the MQTT broker did not acknowledge a message")
    finally:
        client.disconnect()
        client.loop_stop()
    logger.info("announced %d observations of release %d over MQTT", len(sent), release_id)
    return len(sent)


def release_announce_on_commit(release: Release) -> None:
    """Enqueue the announcement of a new release once its transaction commits (called by
    the publication service; a broker outage never fails the publication)."""
    if not settings.MQTT_URL or release.window_end < timezone.now() - ANNOUNCE_MAX_AGE:
        return
    # The task wraps this module's observations_announce (the allowed lazy import).
    from opendata.sensors.tasks import sta_observations_announce_task

    enqueue_on_commit(sta_observations_announce_task, release.pk)
