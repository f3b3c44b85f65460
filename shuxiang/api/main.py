"""The JSON API: one NinjaAPI, its routers, and how service errors become HTTP answers.

- ``PermissionDenied`` -> 403 ``{"detail": ...}``
- ``ValidationError`` from a service -> 422 ``{"detail": ..., "errors": {field: [messages]}}``
- ``RecordError`` (a report record that breaks report-record/1) -> 422, errors keyed by field path
- ``Http404`` -> 404; no credentials -> 401; CSRF missing on a session write -> 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from shuxiang.record import RecordError

api = NinjaAPI(
    title="shuxiang API",
    version="1",
    description=(
        "Campaigns, activities, figures and report records of shuxiang. Authenticate with "
        "`Authorization: Bearer <token>` (POST /api/tokens while signed in makes one) or with "
        "the browser session (send the X-CSRFToken header on writes)."
    ),
    openapi_url="/openapi.json",
    docs_url="/docs",
    urls_namespace="api",
)


def _errors(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {field: list(messages) for field, messages in exc.message_dict.items()}
    return {"__all__": list(exc.messages)}


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or _("Permission denied.")}, status=403)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = _errors(exc)
    first = next(iter(errors.values()))[0]
    return api.create_response(request, {"detail": first, "errors": errors}, status=422)


@api.exception_handler(RecordError)
def record_error(request: HttpRequest, exc: RecordError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for path, message in exc.problems:
        errors.setdefault(path, []).append(message)
    return api.create_response(request, {"detail": str(exc), "errors": errors}, status=422)


def _mount() -> None:
    from shuxiang.api import activities, campaigns, records, tokens

    api.add_router("/tokens", tokens.router)
    api.add_router("/campaigns", campaigns.router)
    api.add_router("/", activities.router)
    api.add_router("/", records.router)


_mount()
