"""The SensorThings API 1.1 (read-only) at ``/sta/v1.1/``: resource paths and responses.

Resource paths (STA 1.1 part 1, section 9.2): the service root, ``Things``,
``Things(1)``, ``Things(1)/Datastreams``, ``Datastreams(1)/Thing/Locations``,
``Things(1)/name``, ``Things(1)/name/$value``, and ``/$ref`` after a collection or entity.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldError
from django.db import DatabaseError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from opendata.sensors.sta import serialize
from opendata.sensors.sta.entities import ENTITY_SETS, STA_PATH, EntityType
from opendata.sensors.sta.errors import StaError, StaNotFound, StaQueryError
from opendata.sensors.sta.query import QueryOptions, options_parse

SEGMENT = re.compile(r"^(?P<name>[A-Za-z]+)(?:\((?P<id>[^)]*)\))?$")
CONFORMANCE = [
    "http://www.opengis.net/spec/iot_sensing/1.1/req/datamodel",
    "http://www.opengis.net/spec/iot_sensing/1.1/req/resource-path/resource-path-to-entities",
    "http://www.opengis.net/spec/iot_sensing/1.1/req/request-data",
]
MQTT_CONFORMANCE = "http://www.opengis.net/spec/iot_sensing/1.1/req/receive-updates-via-mqtt"
JSON_OPTIONS = {"separators": (",", ":"), "ensure_ascii": False}
QUERY_OPTIONS = ("$filter", "$expand", "$orderby", "$select", "$top", "$skip", "$count")


def sta_base(request: HttpRequest) -> str:
    return request.build_absolute_uri(STA_PATH)


@dataclass
class Target:
    """Where a resource path leads: a collection, one entity, or a property of one."""

    entity: EntityType
    queryset: QuerySet | None  # None: the always empty HistoricalLocations
    single: bool
    property: str | None = None
    raw_value: bool = False
    ref: bool = False


class StaMethodNotAllowed(StaError):
    status = 405


@csrf_exempt  # read-only: writes get the API's JSON 405, not Django's CSRF page
def sta_resource(request: HttpRequest, path: str = "") -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        response = StaMethodNotAllowed(_("This SensorThings API is read-only.")).response()
        response["Allow"] = "GET, HEAD"
        return response
    try:
        if not path.strip("/"):
            return JsonResponse(service_root(request), json_dumps_params=JSON_OPTIONS)
        target = resolve(path)
        return respond(request, target)
    except StaError as error:
        return error.response()
    except (FieldError, DatabaseError, ValueError, TypeError, OverflowError, RecursionError):
        # The parser accepted the options, but they cannot be evaluated: a function applied
        # to a property of another type, a number out of range, nesting too deep.
        options = [name for name in QUERY_OPTIONS if name in request.GET] or ["$filter"]
        return StaQueryError(
            _("The query options cannot be evaluated; check the types and ranges in %(options)s.")
            % {"options": ", ".join(options)},
            options[0],
        ).response()
    except NotImplementedError:
        option = next((name for name in QUERY_OPTIONS if name in request.GET), "$filter")
        return StaQueryError(
            _("%(option)s uses an expression that is not supported here.") % {"option": option},
            option,
        ).response()


def service_root(request: HttpRequest) -> dict:
    base = sta_base(request)
    conformance = list(CONFORMANCE)
    server_settings: dict[str, Any] = {"conformance": conformance}
    public_mqtt = settings.STA_MQTT_PUBLIC_URL
    if settings.MQTT_URL and public_mqtt:
        conformance.append(MQTT_CONFORMANCE)
        server_settings[MQTT_CONFORMANCE] = {"endpoints": [public_mqtt]}
    return {
        "value": [{"name": name, "url": f"{base}/{name}"} for name in ENTITY_SETS],
        "serverSettings": server_settings,
    }


def _not_found(path: str) -> StaNotFound:
    return StaNotFound(_("Nothing found at %(path)s.") % {"path": path[:200]})


def _entity_id(text: str | None, path: str) -> int:
    try:
        return int(text)
    except (TypeError, ValueError):
        raise _not_found(path) from None


def resolve(path: str) -> Target:
    segments = [s for s in path.strip("/").split("/") if s]
    first = SEGMENT.match(segments[0])
    entity = ENTITY_SETS.get(first["name"]) if first else None
    if entity is None:
        raise _not_found(path)
    target = Target(entity, None if entity.model is None else entity.queryset(), False)
    if first["id"] is not None:
        target = _pick(target, first["id"], path)
    for index, segment in enumerate(segments[1:], start=1):
        last = index == len(segments) - 1
        if segment == "$ref" and last and not target.property:
            target.ref = True
            break
        if not target.single or target.property:
            if segment == "$value" and target.property and last:
                target.raw_value = True
                break
            raise _not_found(path)
        match = SEGMENT.match(segment)
        if match is None:
            raise _not_found(path)
        name = match["name"]
        prop = target.entity.props_by_name.get(name)
        if prop is not None and prop.output and match["id"] is None:
            target.property = name
            continue
        nav = target.entity.navs_by_name.get(name)
        if nav is None:
            raise _not_found(path)
        target = _navigate(target, nav, path)
        if match["id"] is not None:
            if not nav.many:
                raise _not_found(path)
            target = _pick(target, match["id"], path)
    return target


def _pick(target: Target, text: str, path: str) -> Target:
    if target.queryset is None:
        raise _not_found(path)
    pk = _entity_id(text, path)
    return Target(target.entity, target.queryset.filter(pk=pk), True)


def _navigate(source: Target, nav, path: str) -> Target:
    entity = ENTITY_SETS[nav.target]
    if source.queryset is None:
        raise _not_found(path)
    values = list(source.queryset.values_list(nav.source_column, flat=True)[:1])
    if not values:
        raise _not_found(path)
    if entity.model is None:
        if not nav.many:
            raise _not_found(path)
        return Target(entity, None, False)
    value = values[0]
    if value is None:
        raise _not_found(path)
    return Target(entity, entity.queryset().filter(nav.q(value)), not nav.many)


def respond(request: HttpRequest, target: Target) -> HttpResponse:
    raw = dict(request.GET.items())
    base = sta_base(request)
    entity = target.entity
    if target.ref:
        raw = {k: v for k, v in raw.items() if k != "$expand"}
        raw["$select"] = "id"
    options = options_parse(entity, raw)
    if target.single:
        if target.property:
            options = QueryOptions(entity, select=frozenset({target.property}))
        item = serialize.single(entity, target.queryset, options, base)
        if item is None:
            raise _not_found(request.path)
        if target.ref:
            return JsonResponse({"@iot.selfLink": item["@iot.selfLink"]})
        if target.property == "id":
            item = {"@iot.id": item["@iot.id"]}
        if target.raw_value:
            value = item.get("@iot.id" if target.property == "id" else target.property)
            text = value if isinstance(value, str) else json.dumps(value)
            return HttpResponse("" if value is None else text, content_type="text/plain")
        return JsonResponse(item, json_dumps_params=JSON_OPTIONS)

    def next_link(skip: int, top: int) -> str:
        query = serialize.query_string(raw, top=top, skip=skip)
        return f"{request.build_absolute_uri(request.path)}?{query}"

    body = serialize.collection(entity, target.queryset, options, base, next_link)
    if target.ref:
        body["value"] = [{"@iot.selfLink": item["@iot.selfLink"]} for item in body["value"]]
    return JsonResponse(body, json_dumps_params=JSON_OPTIONS)
