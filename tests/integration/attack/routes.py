"""Every route the platform answers, read from the URL configuration and the OpenAPI document."""

import re

from django.urls import URLPattern, URLResolver, get_resolver

from borderless.api.root import api

API_PREFIX = "api/v1/"
PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def _walk(patterns, prefix: str = ""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


def web_routes() -> list[str]:
    """The URL patterns of the web faces and the media route, as written in the URL configuration.

    The API's own patterns are left to `api_operations` (the OpenAPI document names each of them with its
    method); the admin's are returned too: they are routes like any other.
    """
    return sorted({route for route in _walk(get_resolver().url_patterns) if not route.startswith(API_PREFIX)})


def api_operations() -> list[tuple[str, str]]:
    """(METHOD, path) of every operation in the OpenAPI document."""
    paths = api.get_openapi_schema()["paths"]
    return sorted((method.upper(), path) for path, ops in paths.items() for method in ops)


def params(route: str) -> list[str]:
    return [m.group("name") for m in PARAM.finditer(route)]
