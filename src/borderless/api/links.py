"""OpenAPI links: what a client (and the stateful fuzzing) may call next with the id a create answered.

`read_links(201, get_own_product={"product_id": "$response.body#/id"})` is the `openapi_extra` of an
operation whose 201 answer names an object that `get_own_product` reads. Targets are named by the function
of the read operation; its operationId is `borderless_api_<module>_<function>` (django-ninja's default).
"""

from typing import Any


def read_links(status: int, module: str, **targets: dict[str, str]) -> dict[str, Any]:
    links = {
        function: {
            "operationId": f"borderless_api_{module}_{function}",
            "parameters": parameters,
            "description": f"Read what this created: {function.replace('_', ' ')}.",
        }
        for function, parameters in targets.items()
    }
    return {"responses": {status: {"links": links}}}


def merged(*extras: dict[str, Any]) -> dict[str, Any]:
    """Several `openapi_extra` dicts as one (headers and links on the same operation)."""
    out: dict[str, Any] = {}
    for extra in extras:
        for key, value in extra.items():
            out[key] = {**out.get(key, {}), **value} if isinstance(value, dict) else value
    return out
