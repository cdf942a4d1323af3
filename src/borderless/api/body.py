"""What an API request body must be before any operation reads it.

- A write to the API with a body says what it is: JSON (`application/json`, `…+json`) or a multipart form (the
  uploads). Any other content type answers 400 `unsupported_media_type`; ninja would otherwise read a
  `text/plain` or XML-labelled body as JSON and act on it.
- A body larger than DATA_UPLOAD_MAX_MEMORY_SIZE (multipart uploads excepted: their files stream to disk)
  answers 400 `too_large` in the API's shape, where Django would answer its HTML error page.
- JSON is JSON: `NaN` and `Infinity` are not, and every body is an object (`StrictJsonParser`).
"""

import json

from django.conf import settings
from django.http import JsonResponse
from ninja.parser import Parser

from borderless.api.errors import error_body

API_PREFIX = "/api/"
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
ACCEPTED = ("application/json", "multipart/form-data")


def _refuse(code: str, message: str) -> JsonResponse:
    return JsonResponse(error_body(code, message), status=400)


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class ApiBodyMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if request.method in WRITES and request.path_info.startswith(API_PREFIX):
            length = _content_length(request)
            kind = request.content_type or ""
            if length and not (kind in ACCEPTED or kind.endswith("+json")):
                return _refuse(
                    "unsupported_media_type",
                    "Send the body as JSON (Content-Type: application/json), files as multipart/form-data.",
                )
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            if kind != "multipart/form-data" and limit is not None and length > limit:
                return _refuse("too_large", f"The body is {length:,} bytes; the limit is {limit:,} bytes.")
        return self.get_response(request)


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


class StrictJsonParser(Parser):
    def parse_body(self, request):
        data = json.loads(request.body, parse_constant=_no_constant)
        if not isinstance(data, dict):
            raise ValueError("the body must be a JSON object")
        return data
