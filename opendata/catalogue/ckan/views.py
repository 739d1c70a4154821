"""The CKAN Action API endpoint: /api/3/action/<name> and /api/action/<name>; reading actions
answer GET or POST, writing ones POST only."""

from __future__ import annotations

import json
from typing import Any

from django.db import OperationalError
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from opendata.catalogue.ckan.actions import ActionError
from opendata.catalogue.ckan.registry import actions
from portal.accounts.tokens import TokenInvalid, api_caller, api_token_from_request
from portal.core.database import statement_canceled


def _envelope(request: HttpRequest, name: str, **body: Any) -> dict[str, Any]:
    help_url = request.build_absolute_uri(f"/api/3/action/help_show?name={name}")
    return {"help": help_url, **body}


@csrf_exempt
def action(request: HttpRequest, name: str) -> JsonResponse:
    function = actions().get(name)
    if function is None:
        error = {"__type": "Bad request", "message": f"Bad request - Action name not known: {name}"}
        return JsonResponse(_envelope(request, name, success=False, error=error), status=400)
    if request.method != "POST" and not getattr(function, "side_effect_free", False):
        error = {
            "__type": "Bad request",
            "message": "Bad request - JSON Error: Invalid request. "
            "Please use POST method for your request",
        }
        return JsonResponse(_envelope(request, name, success=False, error=error), status=400)
    # The caller's API token (Authorization or X-CKAN-API-Key); actions read it via api_caller.
    try:
        token = api_token_from_request(request)
    except TokenInvalid as exc:
        error = {"__type": "Authorization Error", "message": str(exc)}
        return JsonResponse(_envelope(request, name, success=False, error=error), status=401)
    params: dict[str, Any] = dict(request.GET.items())
    if request.method == "POST" and request.body:
        try:
            body = json.loads(request.body)
        except (ValueError, UnicodeDecodeError, RecursionError):
            # RecursionError: JSON nested deeper than the decoder's stack allows.
            error = {"__type": "Bad request", "message": "Bad request - JSON Error"}
            return JsonResponse(_envelope(request, name, success=False, error=error), status=400)
        if not isinstance(body, dict):
            error = {"__type": "Bad request", "message": "Bad request - JSON Error: not a dict"}
            return JsonResponse(_envelope(request, name, success=False, error=error), status=400)
        params.update(body)
    try:
        with api_caller(token):
            result = function(params)
    except ActionError as exc:
        return JsonResponse(
            _envelope(request, name, success=False, error=exc.as_error()), status=exc.status
        )
    except OperationalError as exc:
        if not statement_canceled(exc):
            raise
        # Past the request's statement timeout: CKAN's DataStore answers the same way.
        error = {"__type": "Validation Error", "query": ["Query took too long"]}
        return JsonResponse(_envelope(request, name, success=False, error=error), status=409)
    return JsonResponse(
        _envelope(request, name, success=True, result=result),
        json_dumps_params={"ensure_ascii": False},
    )
