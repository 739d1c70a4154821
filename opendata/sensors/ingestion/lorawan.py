"""LoRaWAN uplinks from The Things Stack v3 (webhook integration, JSON format).

An ``ApplicationUp`` message carries exactly one message type. Only ``uplink_message`` holds
readings; every other type (``join_accept``, ``downlink_*``, ``location_solved``,
``service_data``, ``uplink_normalized``) is acknowledged and ignored.

For an uplink:
- the Device is found by ``end_device_ids.dev_eui`` (case does not matter);
- ``uplink_message.decoded_payload`` (the output of the application's payload formatter) is
  mapped to readings through ``Device.payload_fields`` (``{"level_cm": <datastream id>}``;
  a dotted name such as ``"battery.voltage"`` reaches into nested objects); mapped fields
  missing from a message are skipped, since devices send different frames on different ports;
- the phenomenon time is the earliest gateway reception time ``rx_metadata[].time``, else
  the Network Server's ``uplink_message.received_at``, else the Application Server's
  ``received_at``: all are part of the message, so a retried webhook delivery maps to the
  same readings and is absorbed as a duplicate;
- the readings then go through ``ingestion.write.observations_ingest`` (validation, dedupe, one
  transaction); its error fields are renamed to the places in the uplink.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from opendata.sensors.ingestion import write
from opendata.sensors.models import Device
from opendata.sensors.tokens import device_seen

# ApplicationUp message types besides uplink_message (The Things Stack v3.x).
IGNORED_MESSAGE_TYPES = (
    "uplink_normalized",
    "join_accept",
    "downlink_ack",
    "downlink_nack",
    "downlink_sent",
    "downlink_failed",
    "downlink_queued",
    "downlink_queue_invalidated",
    "location_solved",
    "service_data",
)


class UplinkInvalid(Exception):
    """The message cannot be used; ``status`` is the HTTP answer (400 or 422)."""

    def __init__(self, field: str, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.errors = [{"field": field, "message": message}]
        self.status = status


@dataclass
class UplinkOutcome:
    result: write.IngestResult
    ignored: str | None = None  # the message type, when it was not an uplink


def _moment(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = parse_datetime(value.strip())
    except ValueError:
        return None
    if moment is None or moment.tzinfo is None:
        return None
    return moment


def _phenomenon_time(message: dict, uplink: dict) -> tuple[str, str]:
    """(ISO time, the field it came from) of the uplink's reception."""
    candidates: list[tuple[datetime, str, str]] = []
    rx_metadata = uplink.get("rx_metadata")
    if isinstance(rx_metadata, list):
        for index, entry in enumerate(rx_metadata):
            if isinstance(entry, dict) and (moment := _moment(entry.get("time"))):
                candidates.append(
                    (moment, entry["time"], f"uplink_message.rx_metadata[{index}].time")
                )
    if candidates:
        earliest = min(candidates, key=lambda candidate: candidate[0])
        return earliest[1], earliest[2]
    for value, field in (
        (uplink.get("received_at"), "uplink_message.received_at"),
        (message.get("received_at"), "received_at"),
    ):
        if _moment(value) is not None:
            return cast(str, value), field  # `_moment` accepts only strings
    raise UplinkInvalid(
        "received_at", _("Needs a reception time (rx_metadata[].time or received_at).")
    )


def _lookup(payload: dict, dotted: str) -> tuple[bool, Any]:
    value: Any = payload
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return False, None
        value = value[part]
    return True, value


def device_for_dev_eui(message: Any) -> Device:
    ids = message.get("end_device_ids") if isinstance(message, dict) else None
    dev_eui = ids.get("dev_eui") if isinstance(ids, dict) else None
    if not isinstance(dev_eui, str) or not dev_eui.strip():
        raise UplinkInvalid("end_device_ids.dev_eui", _("Missing; the device is found by it."))
    device = Device.objects.filter(dev_eui__iexact=dev_eui.strip()).first()
    if device is None:
        raise UplinkInvalid("end_device_ids.dev_eui", _("No device with this DevEUI."))
    if device.revoked:
        raise UplinkInvalid("end_device_ids.dev_eui", _("The device has been revoked."))
    return device


def _device_seen(device: Device) -> None:
    device_seen(device, now=timezone.now())


def _renamed(error: dict[str, str], places: list[tuple[str, str]], time_field: str) -> dict:
    """``observations[2].result`` -> ``uplink_message.decoded_payload.level_cm`` etc."""
    field = error["field"]
    for index, (payload_path, _stream) in enumerate(places):
        head = f"observations[{index}]"
        if field == head or field.startswith(head + "."):
            rest = field[len(head) + 1 :]
            place = time_field if rest == "phenomenonTime" else payload_path
            return {"field": place, "message": error["message"]}
    return error


def uplink_ingest(*, message: Any) -> UplinkOutcome:
    """Store the readings of one ApplicationUp message (see the module docstring).

    Raises UplinkInvalid (with the field at fault) and, like the HTTP path,
    ``pseudonyms.PseudonymKeyUnavailable`` and ``write.IngestTooSlow``.
    """
    if not isinstance(message, dict):
        raise UplinkInvalid("", _("Expected an ApplicationUp JSON object."), status=400)
    uplink = message.get("uplink_message")
    if uplink is None:
        for kind in IGNORED_MESSAGE_TYPES:
            if kind in message:
                return UplinkOutcome(result=write.IngestResult(), ignored=kind)
        raise UplinkInvalid(
            "uplink_message", _("Neither an uplink nor another known message type."), status=400
        )
    if not isinstance(uplink, dict):
        raise UplinkInvalid("uplink_message", _("Must be an object."), status=400)
    device = device_for_dev_eui(message)
    _device_seen(device)
    decoded = uplink.get("decoded_payload")
    if not isinstance(decoded, dict):
        raise UplinkInvalid(
            "uplink_message.decoded_payload",
            _("Missing: set up a payload formatter for the device in The Things Stack."),
        )
    mapping = device.payload_fields if isinstance(device.payload_fields, dict) else {}
    time_text, time_field = _phenomenon_time(message, uplink)
    places: list[tuple[str, str]] = []
    observations = []
    for name, datastream_id in sorted(mapping.items()):
        found, value = _lookup(decoded, name)
        if not found:
            continue
        places.append((f"uplink_message.decoded_payload.{name}", str(datastream_id)))
        observations.append(
            {"datastream": datastream_id, "phenomenonTime": time_text, "result": value}
        )
    if not observations:
        return UplinkOutcome(result=write.IngestResult())
    result = write.observations_ingest(device=device, body={"observations": observations})
    result.errors = [_renamed(error, places, time_field) for error in result.errors]
    return UplinkOutcome(result=result)
