"""HTTP batch ingestion of sensor readings: ``POST /api/v1/ingest/observations``.

Answers (JSON):
- **200** every reading was stored or was a duplicate of a stored one;
- **207** some readings were stored (or were duplicates), others were rejected;
- **422** every reading was rejected (nothing stored);
  all three carry ``{"received", "accepted", "duplicates", "rejected", "errors"}``, each error
  as ``{"field": "observations[3].result", "message": "..."}``;
- **400** the body is not JSON or not one of the two accepted forms (nothing stored);
- **401** no, an unknown or a revoked device token;
- **413** more than ``MAX_BATCH`` observations or a body over Django's upload limit;
- **503** readings with a subject cannot be pseudonymised right now (nothing stored; retry).
"""

from __future__ import annotations

import json
import logging
from typing import cast

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import RequestDataTooBig
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import authentication, exceptions, permissions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from opendata.sensors import services
from opendata.sensors.ingestion import lorawan
from opendata.sensors.ingestion.parse import MAX_BATCH, BatchInvalid, BatchTooLarge
from opendata.sensors.models import Device
from opendata.sensors.pseudonyms import PseudonymKeyUnavailable
from opendata.sensors.tokens import DeviceTokenInvalid, device_from_request
from portal.accounts.authentication import ApiTokenAuthentication, TokenScopeOrReadOnly
from portal.accounts.models import ApiToken

logger = logging.getLogger(__name__)


def _ingest_responses(specific: dict[int, str]) -> dict[int, OpenApiResponse]:
    """The OpenAPI answers every ingestion endpoint shares, plus its own."""
    descriptions = {
        207: "Some readings rejected.",
        400: "Unreadable body.",
        401: "Missing or bad token.",
        503: "Try again later.",
        **specific,
    }
    return {
        code: OpenApiResponse(OpenApiTypes.OBJECT, description=text)
        for code, text in sorted(descriptions.items())
    }


class DeviceTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer scd_…``: a device's token; a bad one is a 401."""

    def authenticate(self, request):
        try:
            device = device_from_request(request._request)
        except DeviceTokenInvalid as exc:
            raise exceptions.AuthenticationFailed(str(exc)) from None
        if device is None:
            return None
        return (AnonymousUser(), device)

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="ingest"'


class DeviceTokenScheme(OpenApiAuthenticationExtension):
    target_class = "opendata.sensors.ingestion.http.DeviceTokenAuthentication"
    name = "deviceToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "A sensor device's token (`scd_…`), shown once when staff create the device "
                "or replace its token in the admin (Sensors → Devices)."
            ),
        }


class IsDevice(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        if not isinstance(request.auth, Device):
            raise exceptions.NotAuthenticated(_("Sending readings needs a device token."))
        return True


def _invalid(errors: list[dict[str, str]], code: int = status.HTTP_400_BAD_REQUEST) -> Response:
    detail = errors[0]["message"] if errors else _("Invalid batch.")
    return Response({"detail": detail, "errors": errors}, status=code)


class ObservationsIngestApi(APIView):
    """Store a batch of readings from one device (see the module docstring for answers)."""

    authentication_classes = [DeviceTokenAuthentication]
    permission_classes = [IsDevice]
    parser_classes: list = []  # the body is read here, so that its errors have our shape

    @extend_schema(
        operation_id="ingest_observations",
        tags=["sensors"],
        summary="Send a batch of sensor readings",
        description=(
            'Body: `{"observations": [{"datastream": 7, "phenomenonTime": '
            '"2026-05-01T08:15:00Z", "result": 42, "subject": "optional identifier"}]}`'
            ' or SensorThings\' CreateObservations form `[{"Datastream": {"@iot.id": 7}, '
            '"components": ["phenomenonTime", "result"], "dataArray": [[...]]}]`. '
            f"At most {MAX_BATCH} readings per batch. A `subject` (MAC address, meter id, "
            "plate) is replaced by a pseudonym that changes every day and is never stored. "
            "200: all stored or duplicates; 207: some rejected; 422: all rejected."
        ),
        request=OpenApiTypes.OBJECT,
        responses=_ingest_responses(
            {
                200: "All readings stored.",
                413: "Batch too large.",
                422: "All readings rejected.",
            }
        ),
    )
    @method_decorator(sensitive_variables())
    def post(self, request: Request) -> Response:
        # DeviceTokenAuthentication authenticates with the Device (IsDevice checks it).
        device = cast(Device, request.auth)
        try:
            raw = request._request.body
        except RequestDataTooBig:
            return _invalid(
                [{"field": "", "message": _("The body is too large.")}],
                status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            )
        try:
            body = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            return _invalid([{"field": "", "message": _("The body is not valid JSON.")}])
        try:
            result = services.observations_ingest(device=device, body=body)
        except BatchTooLarge as exc:
            return _invalid(exc.errors, status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
        except BatchInvalid as exc:
            return _invalid(exc.errors)
        except (PseudonymKeyUnavailable, services.IngestTooSlow) as exc:
            return _retry_later(exc)
        code: int
        if result.rejected == 0:
            code = status.HTTP_200_OK
        elif result.accepted or result.duplicates:
            code = status.HTTP_207_MULTI_STATUS
        else:
            code = status.HTTP_422_UNPROCESSABLE_ENTITY
        return Response(result.as_dict(), status=code)


def _status_of(result: services.IngestResult) -> int:
    if result.rejected == 0:
        return status.HTTP_200_OK
    if result.accepted or result.duplicates:
        return status.HTTP_207_MULTI_STATUS
    return status.HTTP_422_UNPROCESSABLE_ENTITY


def _retry_later(reason: Exception) -> Response:
    """503: nothing was stored, the device sends the batch again (`reason`'s message names
    no submitted value)."""
    logger.warning("ingestion refused: %s", reason)
    response = Response(
        {"detail": _("Readings cannot be accepted right now; please retry.")},
        status=status.HTTP_503_SERVICE_UNAVAILABLE,
    )
    response["Retry-After"] = "30"
    return response


class LorawanUplinkTtsApi(APIView):
    """The Things Stack v3 webhook: one ApplicationUp message per request (see lorawan.py)."""

    authentication_classes = [ApiTokenAuthentication]
    permission_classes = [TokenScopeOrReadOnly]
    required_scope = ApiToken.Scope.SENSORS_LORAWAN
    parser_classes: list = []

    @extend_schema(
        operation_id="ingest_lorawan_tts",
        tags=["sensors"],
        summary="Receive a LoRaWAN uplink from The Things Stack (webhook)",
        description=(
            "Point a webhook of The Things Stack v3 (format JSON) at this URL for uplink "
            "messages, with the header `Authorization: Bearer <API token with the scope "
            "sensors:lorawan>`. The device is found by `end_device_ids.dev_eui`; the fields "
            "of `uplink_message.decoded_payload` become readings of the datastreams named in "
            "the device's payload fields, at the time the gateways received the uplink. "
            "Other message types (join accept, downlink events, ...) are acknowledged and "
            "ignored. Answers as the batch endpoint; 422 names the field at fault."
        ),
        request=OpenApiTypes.OBJECT,
        responses=_ingest_responses(
            {
                200: "Stored, or ignored.",
                403: "Token lacks the scope.",
                422: "Unknown device or rejected.",
            }
        ),
    )
    @method_decorator(sensitive_variables())
    def post(self, request: Request) -> Response:
        try:
            message = json.loads(request._request.body)
        except RequestDataTooBig:
            return _invalid(
                [{"field": "", "message": _("The body is too large.")}],
                status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            )
        except (ValueError, UnicodeDecodeError):
            return _invalid([{"field": "", "message": _("The body is not valid JSON.")}])
        try:
            outcome = lorawan.uplink_ingest(message=message)
        except lorawan.UplinkInvalid as exc:
            return _invalid(exc.errors, exc.status)
        except (PseudonymKeyUnavailable, services.IngestTooSlow) as exc:
            return _retry_later(exc)
        body = outcome.result.as_dict()
        if outcome.ignored:
            body["ignored"] = outcome.ignored
            return Response(body, status=status.HTTP_200_OK)
        return Response(body, status=_status_of(outcome.result))
