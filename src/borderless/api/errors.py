"""One error shape for the whole API: {"error": {"code", "message", "details"}}, whatever went wrong."""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    413: "too_large",
    422: "invalid",
    429: "rate_limited",
}


class ErrorDetail(Schema):
    code: str
    message: str
    details: dict[str, Any] = {}


class Error(Schema):
    error: ErrorDetail


# What operations declare: every authenticated call may answer 401 or 403, every call with input 422.
AUTH_ERRORS = frozenset({401, 403})
READ_ERRORS = frozenset({401, 403, 404, 422})
WRITE_ERRORS = frozenset({400, 401, 403, 404, 422})


class ApiError(Exception):
    """An error a router raises on purpose, with its status and a stable code."""

    def __init__(self, status: int, message: str, code: str = "", details: dict | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message
        self.details = details or {}


def error_body(code: str, message: str, details: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "details": details or {}}}


def _field_path(loc: tuple | list) -> str:
    """('body', 'payload', 'skus', 0, 'price_usd') → 'skus[0].price_usd', the name a client sent."""
    parts = list(loc)
    if parts and parts[0] in {"body", "query", "path", "form", "file", "header", "cookie"}:
        source = parts.pop(0)
        # Body and form models arrive under the parameter's name; queries are flattened by name.
        if source in {"body", "form"} and len(parts) > 1:
            parts.pop(0)
    path = ""
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "__all__"


def _validation_details(errors: list[dict]) -> dict[str, list[str]]:
    details: dict[str, list[str]] = {}
    for error in errors:
        message = str(error.get("msg", "Invalid value."))
        if message.startswith("Value error, "):
            message = message.removeprefix("Value error, ")
        details.setdefault(_field_path(error.get("loc", ())), []).append(message)
    return details


def _django_validation_details(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return exc.message_dict
    return {"__all__": exc.messages}


def install_error_handlers(api: NinjaAPI) -> None:
    def respond(request: HttpRequest, status: int, message: str, details: dict | None = None, code: str = ""):
        return api.create_response(
            request, error_body(code or CODES.get(status, "error"), message, details), status=status
        )

    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return respond(request, exc.status, exc.message, exc.details, exc.code)

    @api.exception_handler(NinjaValidationError)
    def invalid_input(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return respond(request, 422, "The request is not valid.", _validation_details(exc.errors))

    @api.exception_handler(DjangoValidationError)
    def invalid_data(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return respond(request, 422, "The request is not valid.", _django_validation_details(exc))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, "Not found.")

    @api.exception_handler(ObjectDoesNotExist)
    def does_not_exist(request: HttpRequest, exc: ObjectDoesNotExist) -> HttpResponse:
        return respond(request, 404, "Not found.")

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return respond(request, 403, str(exc) or "You may not do this.")

    @api.exception_handler(AuthenticationError)
    def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = respond(request, 401, "Authentication required: send a bearer token or a session cookie.")
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        return respond(request, 429, "Too many requests; try again later.")

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return respond(request, exc.status_code, exc.message)
