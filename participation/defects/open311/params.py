"""What Open311 clients send, read defensively: every problem is an ``Open311Error`` that
names the parameter (answered with 400, 403 or 404 in Open311's error format)."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.http import HttpRequest
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from participation.defects.models import SERVICE_CODE_VALIDATOR

MAX_PAGE_SIZE = 1000  # the specification's cap per answer
MAX_PAGE = 100_000
MAX_IDS = 1000
MAX_VALUE_LENGTH = 10_000  # a description has at most 4,000 characters; anything else less
DEFAULT_PERIOD = timedelta(days=90)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ATTRIBUTE = re.compile(r"^attribute\[(?P<code>[^\]]{1,100})\](?:\[\])?$")
_SERVICE_CODE = re.compile(SERVICE_CODE_VALIDATOR.regex.pattern)


class Open311Error(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def bad(parameter: str, message: str) -> Open311Error:
    return Open311Error(400, f"{parameter}: {message}")


Params = dict[str, list[str]]


def _scalar(key: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | str):
        return str(value)
    raise bad(key, _("a text or a number is expected here."))


def _from_json(body: bytes) -> Params:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise bad("body", _("this is not valid JSON.")) from None
    if not isinstance(data, dict):
        raise bad("body", _("a JSON object with the request's parameters is expected."))
    params: Params = {}
    for key, value in data.items():
        if key == "attribute" and isinstance(value, dict):
            for code, answer in value.items():
                name = f"attribute[{code}]"
                answers = answer if isinstance(answer, list) else [answer]
                params[name] = [_scalar(name, a) for a in answers]
        elif isinstance(value, list):
            params[key] = [_scalar(key, v) for v in value]
        else:
            params[key] = [_scalar(key, value)]
    return params


def request_params(request: HttpRequest) -> Params:
    """Query string and body (form-encoded, multipart or JSON); the body wins."""
    params: Params = {key: request.GET.getlist(key) for key in request.GET}
    if request.method != "POST":
        return params
    content_type = (request.content_type or "").lower()
    try:
        if content_type == "application/json" or content_type.endswith("+json"):
            body = _from_json(request.body)
        else:
            body = {key: request.POST.getlist(key) for key in request.POST}
    except (RequestDataTooBig, TooManyFieldsSent):
        raise Open311Error(400, _("body: the request is too large.")) from None
    except (SuspiciousOperation, MultiPartParserError, UnicodeDecodeError, ValueError):
        raise bad("body", _("the request body cannot be read.")) from None
    return params | body


def text(params: Params, key: str, *, max_length: int = MAX_VALUE_LENGTH) -> str:
    """One value, control characters removed; too long a value is an error naming ``key``."""
    values = params.get(key) or [""]
    value = _CONTROL.sub("", values[-1]).strip()
    if len(value) > max_length:
        raise bad(key, _("at most %(n)d characters, please.") % {"n": max_length})
    return value


def comma_list(params: Params, key: str) -> list[str]:
    raw = ",".join(params.get(key) or [])
    return [part.strip() for part in raw.split(",") if part.strip()]


def request_ids(params: Params, key: str = "service_request_id") -> list[int]:
    parts = comma_list(params, key)
    if len(parts) > MAX_IDS:
        raise bad(key, _("at most %(n)d ids at once.") % {"n": MAX_IDS})
    if not all(part.isascii() and part.isdigit() and len(part) <= 18 for part in parts):
        raise bad(key, _("ids are whole numbers, separated by commas."))
    return [int(part) for part in parts]


def request_id(value: str, key: str = "service_request_id") -> int:
    if not (value.isascii() and value.isdigit() and 0 < len(value) <= 18):
        raise Open311Error(404, f"{key}: " + _("no such service request."))
    return int(value)


def service_codes(params: Params, key: str = "service_code") -> list[str]:
    codes = comma_list(params, key)
    if len(codes) > MAX_IDS or not all(_SERVICE_CODE.match(code) for code in codes):
        raise bad(key, _("letters, digits, dot, hyphen and underscore only."))
    return codes


def statuses(params: Params, key: str = "status") -> list[str]:
    values = [value.lower() for value in comma_list(params, key)]
    if not set(values) <= {"open", "closed"}:
        raise bad(key, _("“open” or “closed”, or both separated by a comma."))
    return values


def moment(params: Params, key: str) -> datetime | None:
    """A W3C date-time (``2010-01-01T00:00:00Z``; with an offset or in the city's time) or a
    date (its midnight); None when absent."""
    value = text(params, key, max_length=64)
    if not value:
        return None
    # A "+" in an unencoded query string arrives as a space.
    candidates = [value, value.replace(" ", "+")]
    for candidate in candidates:
        try:
            parsed = parse_datetime(candidate)
            if parsed is None:
                day: date | None = parse_date(candidate)
                parsed = datetime.combine(day, time()) if day else None
        except (ValueError, OverflowError):
            parsed = None
        if parsed is not None:
            if timezone.is_naive(parsed):
                parsed = timezone.make_aware(parsed)
            return parsed
    raise bad(key, _("a date and time such as 2024-05-01T08:00:00+02:00 is expected."))


def period(params: Params) -> tuple[datetime, datetime]:
    """start_date and end_date; by default the 90 days up to now (or up to end_date)."""
    start, end = moment(params, "start_date"), moment(params, "end_date")
    try:
        if end is None:
            end = timezone.now() if start is None else start + DEFAULT_PERIOD
        if start is None:
            start = end - DEFAULT_PERIOD
    except OverflowError:
        raise bad("start_date", _("this date is out of range.")) from None
    if start > end:
        raise bad("start_date", _("must not be after end_date."))
    return start, end


def paging(params: Params) -> tuple[int, int]:
    """(offset, limit) from ``page`` (from 1) and ``page_size`` (at most 1,000)."""
    numbers = {}
    for key, default, maximum in (("page", 1, MAX_PAGE), ("page_size", MAX_PAGE_SIZE, 1000)):
        value = text(params, key, max_length=12)
        if not value:
            numbers[key] = default
            continue
        if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= maximum:
            raise bad(key, _("a whole number from 1 to %(max)d.") % {"max": maximum})
        numbers[key] = int(value)
    return (numbers["page"] - 1) * numbers["page_size"], numbers["page_size"]


def attributes(params: Params) -> dict[str, str]:
    answers = {}
    for key, values in params.items():
        match = _ATTRIBUTE.match(key)
        if match:
            cleaned = [_CONTROL.sub("", v).strip() for v in values]
            answers[match["code"]] = ",".join(v for v in cleaned if v)[:MAX_VALUE_LENGTH]
    return answers
