"""Open311 GeoReport v2 endpoints (with mySociety's servicerequestupdates), JSON and XML.

Every answer is the specification's: lists at the top level, its field names, errors as a
list of ``{code, description}`` with 400, 403 or 404 (and 405 for a wrong method).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from participation.core.selectors import street_find
from participation.defects.open311 import params as p
from participation.defects.open311 import payloads, selectors, services
from participation.defects.open311.params import Open311Error, Params
from participation.defects.open311.render import FORMATS, error_response, errors_response, respond
from participation.defects.services import Contact
from participation.defects.validation import location_from_coordinates

# The service's field names → the parameters an Open311 client sent.
PARAMETER_OF_FIELD = {
    "category": "service_code",
    "location": "lat/long",
    "address": "address_string",
    "street": "address_string",
    "description": "description",
    "text": "description",
    "email": "email",
    "photos": "media_url",
    "status": "status",
}
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2025-01-01T00:00:00+01:00"

View = Callable[..., HttpResponse]


def _validation_errors(error: ValidationError) -> list[tuple[int, str]]:
    if not hasattr(error, "error_dict"):
        return [(400, " ".join(str(m) for m in error.messages))]
    return [
        (400, f"{PARAMETER_OF_FIELD.get(field, field)}: {message}")
        for field, messages in error.message_dict.items()
        for message in messages
    ]


def open311(*methods: str) -> Callable[[View], View]:
    """The frame of every endpoint: the format, the method, jurisdiction_id, the errors."""

    def decorate(view: View) -> View:
        @csrf_exempt
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, fmt: str = "json", **kwargs: Any):
            if fmt not in FORMATS:
                return error_response(404, _("format: only json and xml are offered."), "json")
            if request.method not in (*methods, "HEAD" if "GET" in methods else "GET"):
                response = error_response(405, _("This method is not allowed here."), fmt)
                response["Allow"] = ", ".join(methods)
                return response
            try:
                params = p.request_params(request)
                _check_jurisdiction(params)
                return view(request, params, *args, fmt=fmt, **kwargs)
            except Open311Error as error:
                return error_response(error.status, error.description, fmt)
            except PermissionDenied as error:
                return error_response(403, "api_key: " + (str(error) or _("refused.")), fmt)
            except ValidationError as error:
                return errors_response(_validation_errors(error), fmt, status=400)

        return wrapper

    return decorate


def _check_jurisdiction(params: Params) -> None:
    configured = settings.OPEN311_JURISDICTION_ID
    sent = p.text(params, "jurisdiction_id", max_length=200)
    if configured and sent and sent != configured:
        raise Open311Error(404, "jurisdiction_id: " + _("this server serves another one."))


def _client(params: Params):
    api_key = p.text(params, "api_key", max_length=200)
    if not api_key:
        raise Open311Error(403, "api_key: " + _("an API key is required."))
    client = selectors.open311_client_for_key(api_key=api_key)
    if client is None:
        raise Open311Error(403, "api_key: " + _("unknown or revoked API key."))
    return client


def open311_client_identity(request: HttpRequest) -> str | None:
    """The rate limiter's name for a request's Open311 key (``open311:<client>``): a city's
    back office or app gets its own bucket at the token rate instead of sharing its address's.
    None elsewhere and without a valid key (counted per address; the endpoint answers 403)."""
    if not request.path.startswith("/open311/"):
        return None
    try:
        api_key = p.text(p.request_params(request), "api_key", max_length=200)
    except Open311Error:
        return None
    client = selectors.open311_client_for_key(api_key=api_key) if api_key else None
    return None if client is None else f"open311:{client.pk}"


def _paged(request: HttpRequest, response: HttpResponse, offset: int, limit: int, n: int):
    if n >= limit:
        query = request.GET.copy()
        query["page"] = str(offset // limit + 2)
        query["page_size"] = str(limit)
        url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        response["Link"] = f'<{url}>; rel="next"'
    return response


# --- discovery and services -------------------------------------------------------------------


@open311("GET")
def discovery(request: HttpRequest, params: Params, *, fmt: str) -> HttpResponse:
    root = request.build_absolute_uri(reverse("open311:root"))
    data = {
        "changeset": CHANGESET,
        "contact": _("Defect reporter of the city: %(url)s") % {"url": root},
        "key_service": _("API keys are issued by the city's defect reporter team on request."),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": root.rstrip("/"),
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return respond(data, fmt, root="discovery")


@open311("GET")
def services_list(request: HttpRequest, params: Params, *, fmt: str) -> HttpResponse:
    data = [payloads.service_dict(c) for c in selectors.open311_services()]
    return respond(data, fmt, root="services")


@open311("GET")
def service_definition(request: HttpRequest, params: Params, code: str, *, fmt: str):
    category = selectors.open311_service(service_code=code)
    if category is None:
        raise Open311Error(404, "service_code: " + _("no such service."))
    return respond(payloads.service_definition_dict(category), fmt, root="service_definition")


# --- requests ---------------------------------------------------------------------------------


@open311("GET", "POST")
def requests_endpoint(request: HttpRequest, params: Params, *, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _request_create(request, params, fmt)
    ids = p.request_ids(params)
    codes, wanted = p.service_codes(params), p.statuses(params)
    offset, limit = p.paging(params)
    start, end = (None, None) if ids else p.period(params)
    query = selectors.RequestQuery(
        ids=tuple(ids),
        service_codes=tuple(codes),
        statuses=tuple(wanted),
        start=start,
        end=end,
        offset=offset,
        limit=limit,
    )
    reports = selectors.open311_requests(query=query)
    data = [payloads.request_dict(request, report) for report in reports]
    return _paged(request, respond(data, fmt, root="service_requests"), offset, limit, len(data))


def _location(params: Params):
    lat, lon = p.text(params, "lat", max_length=64), p.text(params, "long", max_length=64)
    address = p.text(params, "address_string", max_length=200)
    if lat or lon:
        if not (lat and lon):
            raise p.bad("lat/long", _("both lat and long are needed."))
        return location_from_coordinates(lat, lon), address
    if address:
        return street_find(address=address), address
    raise p.bad("lat/long", _("a location is needed: lat and long, or address_string."))


def _media_url(params: Params) -> str:
    url = p.text(params, "media_url", max_length=500)
    if not url:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise p.bad("media_url", _("an http or https address is expected.")) from None
    return url


def _request_create(request: HttpRequest, params: Params, fmt: str) -> HttpResponse:
    client = _client(params)
    service_code = p.text(params, "service_code", max_length=40)
    if not service_code:
        raise p.bad("service_code", _("which service? This parameter is required."))
    p.service_codes({"service_code": [service_code]})
    location, address = _location(params)
    contact = Contact(
        email=p.text(params, "email", max_length=254),
        first_name=p.text(params, "first_name", max_length=100),
        last_name=p.text(params, "last_name", max_length=100),
        phone=p.text(params, "phone", max_length=40),
    )
    report = services.open311_request_create(
        client=client,
        service_code=service_code,
        location=location,
        description=p.text(params, "description", max_length=p.MAX_VALUE_LENGTH),
        address=address,
        contact=contact,
        attributes=p.attributes(params),
        media_url=_media_url(params),
    )
    answer: dict[str, Any] = {
        "service_request_id": str(report.pk),
        "service_notice": payloads.service_notice(),
        "account_id": None,
    }
    if not report.is_public:
        answer["token"] = str(report.token)
    return respond([answer], fmt, root="service_requests")


@open311("GET")
def request_detail(request: HttpRequest, params: Params, pk: str, *, fmt: str) -> HttpResponse:
    report = selectors.open311_request(pk=p.request_id(pk))
    if report is None:
        raise Open311Error(404, "service_request_id: " + _("no such service request."))
    return respond([payloads.request_dict(request, report)], fmt, root="service_requests")


@open311("GET")
def token_detail(request: HttpRequest, params: Params, token: str, *, fmt: str) -> HttpResponse:
    try:
        value = uuid.UUID(token)
    except ValueError:
        raise Open311Error(404, "token: " + _("no such token.")) from None
    report = selectors.open311_report_by_token(token=value)
    if report is None:
        raise Open311Error(404, "token: " + _("no such token."))
    data = [{"service_request_id": str(report.pk) if report.is_public else None, "token": token}]
    return respond(data, fmt, root="service_requests")


# --- mySociety's servicerequestupdates ----------------------------------------------------------


@open311("GET", "POST")
def updates_endpoint(request: HttpRequest, params: Params, *, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _update_receive(params, fmt)
    start, end = p.period(params)
    offset, limit = p.paging(params)
    updates = selectors.open311_updates(start=start, end=end, offset=offset, limit=limit)
    data = [payloads.update_dict(update) for update in updates]
    response = respond(data, fmt, root="service_requests_updates")
    return _paged(request, response, offset, limit, len(data))


def _update_receive(params: Params, fmt: str) -> HttpResponse:
    client = _client(params)
    if not client.may_update:
        raise Open311Error(403, "api_key: " + _("this key may not send status updates."))
    raw_id = p.text(params, "service_request_id", max_length=40)
    if not raw_id:
        raise p.bad("service_request_id", _("this parameter is required."))
    report = selectors.open311_report_for_update(pk=p.request_id(raw_id))
    if report is None:
        raise Open311Error(404, "service_request_id: " + _("no such service request."))
    word = p.text(params, "status", max_length=60)
    if not word:
        raise p.bad("status", _("this parameter is required."))
    status = selectors.open311_status_for_word(word=word)
    if status is None:
        raise p.bad("status", _("unknown status; use OPEN, IN_PROGRESS, FIXED or CLOSED."))
    update, _stored = services.open311_update_receive(
        client=client,
        report=report,
        status=status,
        description=p.text(params, "description", max_length=p.MAX_VALUE_LENGTH),
        updated_at=p.moment(params, "updated_datetime"),
        update_id=p.text(params, "update_id", max_length=80),
    )
    return respond([{"update_id": str(update.pk)}], fmt, root="service_request_updates")


@csrf_exempt
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    fmt = "xml" if request.path.endswith(".xml") else "json"
    return error_response(404, _("No such Open311 endpoint."), fmt)
