"""MQTT ingestion: a subscriber that stores readings devices publish to the broker.

Topics and payloads (see the README, section "MQTT"):
- a device publishes with QoS 1 to ``<root>/<token prefix>/observations`` (root:
  ``settings.MQTT_TOPIC_ROOT``) the JSON ``{"token": "scd_…", "observations": [...]}``
  (the body of the HTTP batch endpoint plus the device's token);
- the subscriber checks the token exactly as the HTTP endpoint does and that the topic names
  the token's prefix, so a broker ACL can confine each device to its own topic
  (``pattern write <root>/%u/observations`` with the prefix as MQTT user name) while the
  portal never trusts the topic alone;
- when something is refused, the summary the HTTP endpoint would answer (``received``,
  ``accepted``, ``duplicates``, ``rejected``, ``errors`` naming the field, plus ``status``)
  is published with QoS 1 to ``<root>/<token prefix>/errors``; the log line names the topic
  and the fields, never a value.

Delivery guarantees: the subscriber connects with a fixed client id, ``clean_start=False``
and a session expiry, so the broker queues messages while it is down; it subscribes with
QoS 1 and acknowledges a message (``manual_ack``) only after the transaction holding its
readings committed. Messages are handled in batches (up to ``MQTT_BATCH_MESSAGES`` messages
or ``MQTT_BATCH_MILLISECONDS``) in one transaction: each message is checked and validated on
its own (a token is looked up once per batch, so a revoked token stops working with the next
batch; the datastreams once per thing), then the readings of all of them are written with
one bulk write (``ingestion.write.prepared_write``). Should that write fail on the data
(``IntegrityError``, ``DataError``), the messages are written one by one, each in a savepoint:
a message whose own write fails is answered with status 500 and left unacknowledged (the
broker delivers it again with the next session), the others are stored. A crash before the
commit means the broker delivers the batch again; the dedupe on (datastream, phenomenon
time, pseudonym) absorbs what was stored already. A transient failure (database or pseudonym
key store down) retries the same batch with backoff; a batch about to commit later than
``ingestion.write.settle() / 2`` after it was stamped received is rolled back and stored in halves
(a single message that is still too slow is retried with backoff); an acknowledgement is
never sent on a connection other than the one the message came on (the broker redelivers it
on the new one).
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import unquote, urlsplit

import paho.mqtt.client as mqtt
from django.conf import settings
from django.db import (
    DatabaseError,
    DataError,
    IntegrityError,
    close_old_connections,
    connection,
    transaction,
)
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
from paho.mqtt.subscribeoptions import SubscribeOptions

from opendata.sensors.ingestion import write
from opendata.sensors.ingestion.parse import BatchInvalid, BatchTooLarge
from opendata.sensors.models import Device
from opendata.sensors.pseudonyms import PseudonymKeyUnavailable
from opendata.sensors.tokens import DEVICE_TOKENS, DeviceTokenInvalid, device_authenticate

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (DatabaseError, PseudonymKeyUnavailable, write.IngestTooSlow)
DATA_ERRORS = (IntegrityError, DataError)  # a bulk write failing on them is split per message
SESSION_EXPIRY_SECONDS = 7 * 24 * 3600  # the broker keeps our queue this long while we are down
RECEIVE_MAXIMUM = 65535  # the broker may send this many unacknowledged messages


class MqttUrlInvalid(ValueError):
    pass


@dataclass(frozen=True)
class BrokerAddress:
    host: str
    port: int
    tls: bool = False
    username: str | None = None
    password: str | None = None

    @classmethod
    def from_url(cls, url: str) -> BrokerAddress:
        """``mqtt://[user:password@]host[:1883]`` or ``mqtts://…[:8883]`` (TLS)."""
        parts = urlsplit(url)
        if parts.scheme not in ("mqtt", "mqtts") or not parts.hostname:
            raise MqttUrlInvalid("MQTT_URL must look like mqtt://host:1883 or mqtts://host:8883")
        tls = parts.scheme == "mqtts"
        return cls(
            host=parts.hostname,
            port=parts.port or (8883 if tls else 1883),
            tls=tls,
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
        )


def topic_root() -> str:
    return settings.MQTT_TOPIC_ROOT.strip("/")


def observations_topic(prefix: str, *, root: str | None = None) -> str:
    return f"{root or topic_root()}/{prefix}/observations"


def errors_topic(prefix: str, *, root: str | None = None) -> str:
    return f"{root or topic_root()}/{prefix}/errors"


def mqtt_client(address: BrokerAddress, *, client_id: str, manual_ack: bool = False) -> mqtt.Client:
    """A paho client (MQTT 5) for the broker, not yet connected."""
    client = mqtt.Client(
        callback_api_version=mqtt.CallbackAPIVersion.VERSION2,
        client_id=client_id,
        protocol=mqtt.MQTTv5,
        manual_ack=manual_ack,
    )
    if address.username:
        client.username_pw_set(address.username, address.password)
    if address.tls:
        client.tls_set()
    client.reconnect_delay_set(min_delay=1, max_delay=60)
    return client


def persistent_session_properties(receive_maximum: int = RECEIVE_MAXIMUM) -> Properties:
    properties = Properties(PacketTypes.CONNECT)
    properties.SessionExpiryInterval = SESSION_EXPIRY_SECONDS
    properties.ReceiveMaximum = max(1, min(receive_maximum, RECEIVE_MAXIMUM))
    return properties


@dataclass(frozen=True)
class Incoming:
    mid: int
    qos: int
    topic: str
    payload: bytes
    generation: int  # which connection it came on


@dataclass
class Outcome:
    """What became of one message: the HTTP endpoint's summary and status."""

    status: int
    body: dict = field(default_factory=dict)
    acknowledge: bool = True  # False: not stored; the broker shall deliver it again


def _refused(status: int, field_name: str, message: str) -> Outcome:
    return Outcome(
        status=status,
        body={"detail": message, "errors": [{"field": field_name, "message": message}]},
    )


def _status_of(result: write.IngestResult) -> int:
    if result.rejected == 0:
        return 200
    return 207 if result.accepted or result.duplicates else 422


def prefix_of_topic(topic: str, *, root: str) -> str | None:
    head = root + "/"
    if not topic.startswith(head) or not topic.endswith("/observations"):
        return None
    prefix = topic[len(head) : -len("/observations")]
    return prefix if prefix and "/" not in prefix else None


@dataclass
class BatchContext:
    """What the messages of one batch share: looked up once per batch, never longer."""

    now: datetime = field(default_factory=timezone.now)
    devices: dict[str, Device | str] = field(default_factory=dict)  # a device, or why not
    streams: dict[int, dict] = field(default_factory=dict)
    keys: dict[str, bytes] = field(default_factory=dict)
    seen: set[tuple] = field(default_factory=set)

    @sensitive_variables()
    def device(self, token: str) -> Device:
        """The live device of `token` (checked at its first use in the batch)."""
        known = self.devices.get(token)
        if known is None:
            try:
                known = device_authenticate(token)
            except DeviceTokenInvalid as exc:
                known = str(exc)
            self.devices[token] = known
        if isinstance(known, str):
            raise DeviceTokenInvalid(known)
        return known


@sensitive_variables()
def message_prepare(
    *, topic: str, payload: bytes, root: str, context: BatchContext
) -> Outcome | write.PreparedBatch:
    """Check and validate one MQTT message: its refusal, or its rows ready to be written.
    Raises the TRANSIENT_ERRORS for a retry."""
    prefix = prefix_of_topic(topic, root=root)
    if prefix is None:
        return _refused(400, "topic", _("Publish to <root>/<token prefix>/observations."))
    try:
        body = json.loads(payload)
    except (ValueError, UnicodeDecodeError):
        return _refused(400, "", _("The payload is not valid JSON."))
    if not isinstance(body, dict):
        return _refused(400, "", _('Expected {"token": …, "observations": [...]}.'))
    token = body.pop("token", None)
    if not isinstance(token, str) or not token.strip():
        return _refused(401, "token", _("Sending readings needs a device token."))
    token = token.strip()
    if DEVICE_TOKENS.prefix_of(token) != prefix:
        return _refused(401, "token", _("The token does not belong to the topic's device."))
    try:
        device = context.device(token)
    except DeviceTokenInvalid as exc:
        return _refused(401, "token", str(exc))
    try:
        return write.observations_prepare(
            device=device,
            body=body,
            now=context.now,
            streams=context.streams,
            keys=context.keys,
            seen=context.seen,
        )
    except BatchInvalid as exc:
        detail = exc.errors[0]["message"] if exc.errors else _("Invalid batch.")
        status = 413 if isinstance(exc, BatchTooLarge) else 400
        return Outcome(status=status, body={"detail": detail, "errors": exc.errors})


def _outcome_of(prepared: write.PreparedBatch) -> Outcome:
    return Outcome(status=_status_of(prepared.result), body=prepared.result.as_dict())


def _not_stored() -> Outcome:
    message = _("The readings could not be stored; the message will be delivered again.")
    return Outcome(
        status=500,
        body={"detail": message, "errors": [{"field": "", "message": message}]},
        acknowledge=False,
    )


def messages_store(messages: list[tuple[str, bytes]], *, root: str) -> list[Outcome]:
    """Store the readings of several MQTT messages (topic, payload) with one bulk write, in
    one transaction; the outcome of each. Raises the TRANSIENT_ERRORS for a retry."""
    context = BatchContext()
    with transaction.atomic():
        pending = [
            message_prepare(topic=topic, payload=payload, root=root, context=context)
            for topic, payload in messages
        ]
        prepared = [item for item in pending if isinstance(item, write.PreparedBatch)]
        try:
            write.prepared_write(prepared)
        except DATA_ERRORS as exc:
            if connection.needs_rollback:
                raise
            logger.warning(
                "mqtt: bulk write of %d messages failed (%s); writing them one by one",
                len(prepared),
                type(exc).__name__,
            )
            failed = set()
            for index, item in enumerate(prepared):
                try:
                    write.prepared_write([item])
                except DATA_ERRORS as exc:
                    if connection.needs_rollback:
                        raise
                    logger.error("mqtt: a message was not stored (%s)", type(exc).__name__)
                    failed.add(index)
            outcomes = iter(
                _not_stored() if index in failed else _outcome_of(item)
                for index, item in enumerate(prepared)
            )
        else:
            outcomes = iter(_outcome_of(item) for item in prepared)
        write.settle_check(context.now)
    return [next(outcomes) if isinstance(item, write.PreparedBatch) else item for item in pending]


def message_ingest(*, topic: str, payload: bytes, root: str) -> Outcome:
    """Store the readings of one MQTT message; raises the TRANSIENT_ERRORS for a retry."""
    return messages_store([(topic, payload)], root=root)[0]


class MqttSubscriber:
    """Receives on paho's network thread, stores and acknowledges on the caller's thread."""

    def __init__(
        self,
        address: BrokerAddress,
        *,
        client_id: str,
        root: str | None = None,
        batch_messages: int = 500,
        batch_milliseconds: int = 200,
    ) -> None:
        self.root = (root or topic_root()).strip("/")
        self.batch_messages = max(1, batch_messages)
        self.batch_seconds = max(batch_milliseconds, 1) / 1000
        self.inbox: queue.Queue[Incoming] = queue.Queue()
        self.generation = 0
        self.connected = threading.Event()
        self.subscribed = threading.Event()
        self.stored_messages = 0
        self._ack_lock = threading.Lock()
        self._address = address
        self.client = mqtt_client(address, client_id=client_id, manual_ack=True)
        self.client.on_connect = self._on_connect
        self.client.on_disconnect = self._on_disconnect
        self.client.on_message = self._on_message
        self.client.on_subscribe = self._on_subscribe

    # -- paho's thread -------------------------------------------------------------------
    def _on_connect(self, client, userdata, flags, reason_code, properties) -> None:
        if reason_code.is_failure:
            logger.warning("mqtt: connection refused (%s)", reason_code)
            return
        client.subscribe(self.subscription, options=SubscribeOptions(qos=1))
        logger.info(
            "mqtt: connected (session present: %s), subscribed to %s",
            flags.session_present,
            self.subscription,
        )
        self.connected.set()

    def _on_subscribe(self, client, userdata, mid, reason_codes, properties) -> None:
        if any(code.is_failure for code in reason_codes):
            logger.error("mqtt: subscription to %s refused", self.subscription)
            return
        self.subscribed.set()

    def _on_disconnect(self, client, userdata, flags, reason_code, properties) -> None:
        with self._ack_lock:
            self.generation += 1  # unacknowledged messages will come again on the next one
        self.connected.clear()
        self.subscribed.clear()
        logger.warning("mqtt: disconnected (%s); reconnecting with backoff", reason_code)

    def _on_message(self, client, userdata, message) -> None:
        self.inbox.put(
            Incoming(
                mid=message.mid,
                qos=message.qos,
                topic=message.topic,
                payload=message.payload,
                generation=self.generation,
            )
        )

    # -- the caller's thread -------------------------------------------------------------
    @property
    def subscription(self) -> str:
        return f"{self.root}/+/observations"

    def start(self) -> None:
        self.client.connect_async(
            self._address.host,
            self._address.port,
            keepalive=30,
            clean_start=False,
            properties=persistent_session_properties(self.batch_messages * 4),
        )
        self.client.loop_start()

    def stop(self) -> None:
        """Disconnect; messages received but not stored stay with the broker."""
        self.client.disconnect()
        self.client.loop_stop()

    def _next_batch(self, should_stop: Callable[[], bool]) -> list[Incoming]:
        try:
            first = self.inbox.get(timeout=0.2)
        except queue.Empty:
            return []
        batch = [first]
        deadline = time.monotonic() + self.batch_seconds
        while len(batch) < self.batch_messages and not should_stop():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                batch.append(self.inbox.get(timeout=remaining))
            except queue.Empty:
                break
        return batch

    def _store(self, batch: list[Incoming]) -> list[Outcome]:
        """Store a batch; one too slow to commit in time is stored in halves instead (down to
        single messages, which are retried as a transient failure)."""
        if not connection.in_atomic_block:
            close_old_connections()  # a long-running process: drop broken connections
        try:
            return messages_store(
                [(incoming.topic, incoming.payload) for incoming in batch], root=self.root
            )
        except write.IngestTooSlow:
            if len(batch) < 2:
                raise
            half = len(batch) // 2
            logger.warning("mqtt: batch of %d too slow to commit; storing it in halves", len(batch))
            return self._store(batch[:half]) + self._store(batch[half:])

    def _answer(self, incoming: Incoming, outcome: Outcome) -> None:
        if outcome.status == 200:
            return
        fields = [error.get("field", "") for error in outcome.body.get("errors", [])]
        logger.warning(
            "mqtt: message on %s refused in part or whole (status %s, fields %s)",
            incoming.topic,
            outcome.status,
            fields[:20],
        )
        prefix = prefix_of_topic(incoming.topic, root=self.root)
        if prefix is not None:
            answer = {"status": outcome.status, **outcome.body}
            self.client.publish(errors_topic(prefix, root=self.root), json.dumps(answer), qos=1)

    def _acknowledge(self, batch: list[Incoming]) -> None:
        with self._ack_lock:
            for incoming in batch:
                if incoming.generation == self.generation:
                    self.client.ack(incoming.mid, incoming.qos)

    def process(self, batch: list[Incoming], should_stop: Callable[[], bool]) -> bool:
        """Store a batch (retrying transient failures), then acknowledge it. False when
        stopped before the batch was stored (it stays unacknowledged)."""
        delay = 1.0
        while True:
            try:
                outcomes = self._store(batch)
                break
            except TRANSIENT_ERRORS as exc:
                logger.warning(
                    "mqtt: batch of %d not stored (%s); retrying in %.0f s",
                    len(batch),
                    type(exc).__name__,
                    delay,
                )
                if not connection.in_atomic_block:
                    connection.close()
                deadline = time.monotonic() + delay
                while time.monotonic() < deadline:
                    if should_stop():
                        return False
                    time.sleep(0.1)
                delay = min(delay * 2, 60.0)
        for incoming, outcome in zip(batch, outcomes, strict=True):
            self._answer(incoming, outcome)
        self._acknowledge(
            [
                incoming
                for incoming, outcome in zip(batch, outcomes, strict=True)
                if outcome.acknowledge
            ]
        )
        self.stored_messages += len(batch)
        return True

    def run(self, should_stop: Callable[[], bool]) -> None:
        """Handle batches until `should_stop()`; the caller starts and stops the client."""
        while not should_stop():
            batch = self._next_batch(should_stop)
            if batch and not self.process(batch, should_stop):
                return


def subscriber_from_settings() -> MqttSubscriber:
    url = settings.MQTT_URL
    if not url:
        raise MqttUrlInvalid("MQTT_URL is not set")
    return MqttSubscriber(
        BrokerAddress.from_url(url),
        client_id=settings.MQTT_CLIENT_ID,
        batch_messages=settings.MQTT_BATCH_MESSAGES,
        batch_milliseconds=settings.MQTT_BATCH_MILLISECONDS,
    )
