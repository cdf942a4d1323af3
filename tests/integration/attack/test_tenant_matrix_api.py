"""The cross-tenant matrix of the API: every operation of the OpenAPI document, every role, both tenants.

The operations come from the document; the expected answers from `access_api.API`. Each call runs in a
savepoint of its own; a refused call must leave every table as it was.
"""

import json

import pytest
from access import REFUSALS, agrees, allowed, reading
from access_api import API
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from fuzz_support import PATH_KINDS
from routes import api_operations
from snapshot import changed_tables, snapshot
from world import ROLES

from api_client import bearer
from casework_support import STATEMENT, pdf, png

pytestmark = pytest.mark.django_db
NOTHING = "00000000-0000-4000-8000-000000000000"

MULTIPART = {
    "image": lambda t: {"image": png("label.png")},
    "import": lambda t: {"file": SimpleUploadedFile("products.csv", b"Handle,Title\n", "text/csv")},
    "document": lambda t: {"document": pdf()},
    "reference": lambda t: {"name_en": "Reference saddle bag", "msrp_amount": "100.00"},
    "notice": lambda t: {
        "brand": str(t.ids["brand"]),
        "reason": "counterfeit",
        "statement": STATEMENT,
        "listings": str(t.ids["product"]),
        "evidence": png(),
    },
    "counter": lambda t: {"statement": "We make these goods ourselves and hold every receipt for them."},
}


def test_every_operation_is_declared():
    operations = {f"{method} {path}" for method, path in api_operations()}
    assert sorted(operations - API.keys()) == [], "declare who may call these operations in access_api.API"
    assert sorted(API.keys() - operations) == [], "these declarations name no operation any more"


def _path(template: str, tenant) -> str:
    for name, kind in PATH_KINDS.items():
        template = template.replace("{" + name + "}", str(tenant.ids.get(kind, NOTHING)))
    return template


def _call(client: Client, method: str, path: str, body, tenant, headers: dict):
    if body is None:
        return client.generic(method, path, headers=headers)
    if isinstance(body, str):
        return client.post(path, MULTIPART[body](tenant), headers=headers)
    payload = json.dumps(body(tenant))
    return client.generic(method, path, payload, content_type="application/json", headers=headers)


def _cell(world, role, operation, rule, tenant, expected: str) -> str:
    method, path = operation.split(" ", 1)
    user = world.user(role)
    headers = {"Idempotency-Key": f"matrix-{role}-{operation}"}
    if user is not None:
        headers.update(bearer(user))
    with transaction.atomic():
        before = snapshot() if method != "GET" else None
        response = _call(Client(), method, _path(path, tenant), rule.body, tenant, headers)
        changed = changed_tables(before, snapshot()) if before is not None else []
        transaction.set_rollback(True)
    seen = reading(response, method)
    if expected in REFUSALS and changed:
        return "changed " + ", ".join(changed)
    return seen


@pytest.mark.parametrize("operation", sorted(API))
def test_api_operation(operation, world, record_property):
    rule = API[operation]
    cells = [("own", world.a, rule.own)] + ([("foreign", world.b, rule.foreign)] if rule.kind else [])
    wrong, leaks, checked = [], 0, 0
    for which, tenant, expected in cells:
        for role in ROLES:
            seen = _cell(world, role, operation, rule, tenant, expected[role])
            checked += 1
            if not agrees(expected[role], seen, rule.method):
                wrong.append((which, role, expected[role], seen))
                leaks += expected[role] in REFUSALS and allowed(seen)
    record_property("matrix", {"cells": checked, "leaks": leaks})
    assert wrong == [], "\n".join(map(str, wrong))
