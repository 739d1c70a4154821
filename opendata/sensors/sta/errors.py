"""Errors of the SensorThings API, answered in OData's JSON error format."""

from __future__ import annotations

from django.http import JsonResponse


class StaError(Exception):
    status = 400

    def __init__(self, message: str, target: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.target = target

    def response(self) -> JsonResponse:
        error = {"code": str(self.status), "message": self.message}
        if self.target:
            error["target"] = self.target
        return JsonResponse({"error": error}, status=self.status)


class StaQueryError(StaError):
    """A malformed or unsupported query option; ``target`` names the option."""


class StaNotFound(StaError):
    status = 404
