"""Open311's answers in JSON and XML: the specification's field and element names, lists at
the top level (JSON) or under one root element (XML), errors as ``{code, description}``."""

from __future__ import annotations

import json
import re
from typing import Any
from xml.etree import ElementTree as ET

from django.http import HttpResponse

FORMATS = ("json", "xml")
CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "xml": "text/xml; charset=utf-8",
}
# The element name of each item of a list, by the list's own element name.
ITEM_NAMES = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "errors": "error",
    "service_requests_updates": "request_update",
    "service_request_updates": "request_update",
}
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _fill(element: ET.Element, value: Any) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            _fill(ET.SubElement(element, key), child)
    elif isinstance(value, list):
        item_name = ITEM_NAMES.get(element.tag, "item")
        for child in value:
            _fill(ET.SubElement(element, item_name), child)
    else:
        element.text = _text(value)


def xml_bytes(root: str, value: Any) -> bytes:
    element = ET.Element(root)
    _fill(element, value)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)


def respond(data: Any, fmt: str, *, root: str, status: int = 200) -> HttpResponse:
    """``data`` (a list or a dict) as JSON, or as XML under the element ``root``."""
    if fmt == "xml":
        body = xml_bytes(root, data)
    else:
        body = json.dumps(data, ensure_ascii=False).encode()
        fmt = "json"
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])


def errors_response(errors: list[tuple[int, str]], fmt: str, *, status: int) -> HttpResponse:
    data = [{"code": code, "description": description} for code, description in errors]
    return respond(data, fmt, root="errors", status=status)


def error_response(status: int, description: str, fmt: str) -> HttpResponse:
    return errors_response([(status, description)], fmt, status=status)
