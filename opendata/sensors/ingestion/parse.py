"""Reading a batch of observations: the two accepted forms, and validation per datastream.

Accepted bodies (JSON):

1. ``{"observations": [{"datastream": 7, "phenomenonTime": "2026-05-01T08:15:00Z",
   "result": 42, "subject": "AA:BB:CC:DD:EE:FF"}, ...]}`` (``subject`` optional);
2. SensorThings' ``CreateObservations`` form: ``[{"Datastream": {"@iot.id": 7},
   "components": ["phenomenonTime", "result"], "dataArray": [["2026-...", 42], ...]}]``;
   besides ``phenomenonTime`` and ``result`` the components may name ``resultTime``
   (ignored) and ``subject`` (our extension, for device counters).

Every problem names its place (``observations[3].result``, ``[0].dataArray[2].phenomenonTime``)
and never repeats a submitted identifier or value, so error messages cannot leak one.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from opendata.sensors.models import Datastream
from opendata.sensors.pseudonyms import MAX_IDENTIFIER_LENGTH

MAX_BATCH = 10_000
FUTURE_TOLERANCE = timedelta(minutes=5)
KNOWN_COMPONENTS = {"phenomenonTime", "result", "resultTime", "subject"}


class BatchInvalid(Exception):
    """The body as a whole cannot be read: nothing of it is stored."""

    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__("invalid batch")
        self.errors = errors


class BatchTooLarge(BatchInvalid):
    """More observations than one batch may hold."""


def _error(field: str, message: str) -> dict[str, str]:
    return {"field": field, "message": message}


@dataclass
class Item:
    """One submitted reading, before validation."""

    path: str  # e.g. "observations[3]" or "[0].dataArray[2]"
    datastream: Any
    phenomenon_time: Any
    result: Any
    subject: Any = None
    has_subject: bool = False
    shape_error: str | None = None  # the entry itself is malformed


@dataclass(frozen=True)
class Reading:
    """One valid reading; `subject` is still the raw identifier (hash it, never store it)."""

    index: int
    datastream_id: int
    phenomenon_time: datetime
    result: float
    subject: str | None


def _items_observations(body: dict) -> Iterator[Item]:
    observations = body.get("observations")
    if not isinstance(observations, list):
        raise BatchInvalid([_error("observations", _("Must be a list of observations."))])
    for index, entry in enumerate(observations):
        path = f"observations[{index}]"
        if not isinstance(entry, dict):
            yield Item(
                path=path,
                datastream=None,
                phenomenon_time=None,
                result=None,
                shape_error=_("Must be an object with datastream, phenomenonTime and result."),
            )
            continue
        yield Item(
            path=path,
            datastream=entry.get("datastream", entry.get("Datastream")),
            phenomenon_time=entry.get("phenomenonTime"),
            result=entry.get("result"),
            subject=entry.get("subject"),
            has_subject="subject" in entry,
        )


def _datastream_id_of(value: Any) -> Any:
    if isinstance(value, dict):
        return value.get("@iot.id")
    return value


def _items_data_array(body: list) -> Iterator[Item]:
    for group_index, group in enumerate(body):
        where = f"[{group_index}]"
        if not isinstance(group, dict):
            raise BatchInvalid([_error(where, _("Must be an object with a dataArray."))])
        components = group.get("components")
        if not isinstance(components, list) or not all(isinstance(c, str) for c in components):
            raise BatchInvalid([_error(f"{where}.components", _("Must be a list of names."))])
        for position, name in enumerate(components):
            if name not in KNOWN_COMPONENTS:
                raise BatchInvalid(
                    [_error(f"{where}.components[{position}]", _("Unknown component."))]
                )
        missing = [name for name in ("phenomenonTime", "result") if name not in components]
        if missing:
            raise BatchInvalid(
                [
                    _error(
                        f"{where}.components",
                        _("Must include %(names)s.") % {"names": ", ".join(missing)},
                    )
                ]
            )
        rows = group.get("dataArray")
        if not isinstance(rows, list):
            raise BatchInvalid([_error(f"{where}.dataArray", _("Must be a list of rows."))])
        datastream = _datastream_id_of(group.get("Datastream"))
        for row_index, row in enumerate(rows):
            path = f"{where}.dataArray[{row_index}]"
            if not isinstance(row, list) or len(row) != len(components):
                yield Item(
                    path=path,
                    datastream=datastream,
                    phenomenon_time=None,
                    result=None,
                    shape_error=_("Must be a list with one value per component."),
                )
                continue
            values = dict(zip(components, row, strict=True))
            yield Item(
                path=path,
                datastream=datastream,
                phenomenon_time=values["phenomenonTime"],
                result=values["result"],
                subject=values.get("subject"),
                has_subject="subject" in values,
            )


def items_from_body(body: Any) -> list[Item]:
    """The submitted readings of a parsed JSON body, or BatchInvalid for a wrong shape."""
    if isinstance(body, dict):
        items = list(_items_observations(body))
    elif isinstance(body, list):
        items = list(_items_data_array(body))
    else:
        raise BatchInvalid(
            [
                _error(
                    "",
                    _(
                        'Expected {"observations": [...]} or a SensorThings '
                        "CreateObservations list."
                    ),
                )
            ]
        )
    if not items:
        raise BatchInvalid([_error("observations", _("The batch holds no observations."))])
    if len(items) > MAX_BATCH:
        raise BatchTooLarge(
            [
                _error(
                    "observations",
                    _("At most %(max)d observations per batch.") % {"max": MAX_BATCH},
                )
            ]
        )
    return items


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _finite(value: Any) -> bool:
    """A JSON number that is a finite float (not NaN, not Infinity, not a 400-digit integer)."""
    try:
        return _is_number(value) and math.isfinite(float(value))
    except OverflowError:
        return False


def _check(
    item: Item,
    *,
    datastreams: dict[int, Datastream],
    now: datetime,
    oldest: datetime,
) -> tuple[dict[str, Any] | None, list[dict[str, str]]]:
    errors: list[dict[str, str]] = []
    if item.shape_error:
        return None, [_error(item.path, item.shape_error)]
    stream = None
    stream_id = 0
    if not _finite(item.datastream) or int(item.datastream) != item.datastream:
        errors.append(_error(f"{item.path}.datastream", _("Must be a datastream id (integer).")))
    else:
        stream_id = int(item.datastream)
        stream = datastreams.get(stream_id)
        if stream is None:
            errors.append(
                _error(
                    f"{item.path}.datastream",
                    _("Not an active datastream of this device's thing."),
                )
            )

    when = None
    if not isinstance(item.phenomenon_time, str):
        errors.append(
            _error(f"{item.path}.phenomenonTime", _("Must be an ISO 8601 date and time."))
        )
    else:
        try:
            when = parse_datetime(item.phenomenon_time.strip())
        except ValueError:
            when = None
        if when is None:
            errors.append(
                _error(f"{item.path}.phenomenonTime", _("Must be an ISO 8601 date and time."))
            )
        elif when.tzinfo is None or when.utcoffset() is None:
            errors.append(
                _error(
                    f"{item.path}.phenomenonTime",
                    _("Needs a time zone (Z or an offset such as +01:00)."),
                )
            )
            when = None
        elif when > now + FUTURE_TOLERANCE:
            errors.append(_error(f"{item.path}.phenomenonTime", _("Lies in the future.")))
            when = None
        elif when < oldest:
            errors.append(
                _error(
                    f"{item.path}.phenomenonTime",
                    _("Older than the retention period of raw readings."),
                )
            )
            when = None

    result = None
    raw_result = item.result
    is_truth = stream is not None and (stream.observation_type == Datastream.ObservationType.TRUTH)
    if is_truth and isinstance(raw_result, bool):
        raw_result = int(raw_result)
    if not _finite(raw_result):
        errors.append(_error(f"{item.path}.result", _("Must be a finite number.")))
    else:
        result = float(raw_result)
        if stream is not None:
            if stream.valid_min is not None and result < stream.valid_min:
                errors.append(
                    _error(
                        f"{item.path}.result",
                        _("Below the valid minimum %(min)s %(unit)s.")
                        % {"min": stream.valid_min, "unit": stream.unit_symbol},
                    )
                )
            if stream.valid_max is not None and result > stream.valid_max:
                errors.append(
                    _error(
                        f"{item.path}.result",
                        _("Above the valid maximum %(max)s %(unit)s.")
                        % {"max": stream.valid_max, "unit": stream.unit_symbol},
                    )
                )
            if (
                stream.observation_type == Datastream.ObservationType.COUNT
                and not result.is_integer()
            ):
                errors.append(_error(f"{item.path}.result", _("A count must be a whole number.")))
            if is_truth and result not in (0.0, 1.0):
                errors.append(_error(f"{item.path}.result", _("Must be true or false (1 or 0).")))

    subject = None
    if item.has_subject and item.subject is not None:
        if not isinstance(item.subject, str) or not item.subject.strip():
            errors.append(_error(f"{item.path}.subject", _("Must be a non-empty string.")))
        elif len(item.subject) > MAX_IDENTIFIER_LENGTH:
            errors.append(
                _error(
                    f"{item.path}.subject",
                    _("At most %(max)d characters.") % {"max": MAX_IDENTIFIER_LENGTH},
                )
            )
        else:
            subject = item.subject

    if errors:
        return None, errors
    return {
        "datastream_id": stream_id,  # the key of `stream` in `datastreams`: its pk
        "phenomenon_time": when,
        "result": result,
        "subject": subject,
    }, []


def items_validate(
    items: list[Item],
    *,
    datastreams: dict[int, Datastream],
    now: datetime,
    oldest: datetime,
) -> tuple[list[Reading], list[dict[str, str]]]:
    """Valid readings, and the errors of the others (each naming its field)."""
    readings: list[Reading] = []
    errors: list[dict[str, str]] = []
    for index, item in enumerate(items):
        valid, item_errors = _check(item, datastreams=datastreams, now=now, oldest=oldest)
        if valid is None:
            errors.extend(item_errors)
        else:
            readings.append(Reading(index=index, **valid))
    return readings, errors
