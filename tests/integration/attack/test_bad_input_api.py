"""The bad-input corpus against every JSON write operation of the API, as a role allowed to call it.

Each answer must be a clear 4xx in the API's error shape, and every table must be as it was before.
"""

import pytest
from access_api import API
from corpus import encoded, field_cases, raw_bodies
from django.db import transaction
from django.test import Client
from fuzz_support import PATH_KINDS
from snapshot import changed_tables, snapshot
from world import ROLES

from api_client import bearer

pytestmark = pytest.mark.django_db
WRITES = sorted(op for op, rule in API.items() if rule.method != "GET" and callable(rule.body))


def _caller(rule) -> str:
    for role in ("buyer", "seller_owner", "brand_owner", "operator", "anonymous"):
        if rule.own.get(role) == "ok":
            return role
    return ROLES[0]


def _path(template: str, tenant) -> str:
    for name, kind in PATH_KINDS.items():
        template = template.replace("{" + name + "}", str(tenant.ids.get(kind, "")))
    return template


def _send(method, path, raw: bytes, content_type: str, auth: dict):
    headers = {"Idempotency-Key": f"corpus-{len(raw)}-{hash(raw)}", **auth}
    return Client().generic(method, path, raw, content_type=content_type, headers=headers)


@pytest.mark.parametrize("operation", WRITES)
def test_bad_input_is_refused_and_changes_nothing(operation, world, record_property):
    rule = API[operation]
    method, template = operation.split(" ", 1)
    role, path = _caller(rule), _path(template, world.a)
    valid = rule.body(world.a)
    cases = [(label, encoded(body), "application/json") for label, body in field_cases(valid)]
    cases += list(raw_bodies(valid))
    auth = {} if role == "anonymous" else bearer(world.user(role))
    wrong, changed_count = [], 0
    for label, raw, content_type in cases:
        with transaction.atomic():
            before = snapshot()
            response = _send(method, path, raw, content_type, auth)
            changed = changed_tables(before, snapshot())
            transaction.set_rollback(True)
        clear = 400 <= response.status_code < 500 and response.status_code not in (401, 403, 404)
        shaped = clear and response["Content-Type"].startswith("application/json")
        shaped = shaped and set(response.json()) == {"error"} and bool(response.json()["error"]["message"])
        changed_count += bool(changed)
        if not (clear and shaped) or changed:
            wrong.append((label, response.status_code, response.content[:160], changed))
    record_property("corpus", {"inputs": len(cases), "changed": changed_count})
    assert wrong == [], "\n".join(map(str, wrong))
