"""Property-based tests of the whole API against its own OpenAPI schema.

Every operation gets generated requests (valid and invalid); none may answer 5xx, answer with a status its
schema does not declare, or answer with a body that does not match the declared schema.
"""

import uuid

import pytest
import schemathesis
from api_support import token_for
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance, status_code_conformance

from factories import make_product, make_seller, owner_of

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@pytest.fixture
def keep_test_connection():
    """Requests go straight to the WSGI app: keep the test transaction's connection, as Django's client does.

    Otherwise the request signals close it (autocommit differs inside the test transaction) and PostgreSQL
    loses the test's data mid-run.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def world(db, keep_test_connection):
    """A verified seller with a published product and a draft, another seller, and the first one's token."""
    seller = make_seller(state="VT")
    published = make_product(seller)
    draft = make_product(seller, status="draft", title_en="A draft")
    make_product(make_seller(state="WI"), price_usd="120.00")
    return {
        "headers": {"Authorization": f"Bearer {token_for(owner_of(seller))}"},
        "ids": {
            "/api/v1/products/{product_id}": published.public_id,
            "/api/v1/sellers/{seller_id}": seller.public_id,
            "/api/v1/seller/products/{product_id}": draft.public_id,
        },
    }


def _aim_at_real_objects(case, ids: dict) -> None:
    """Random UUIDs only ever find nothing (404); point well-formed ids at objects that exist instead."""
    for template, real_id in ids.items():
        if not case.path.startswith(template):
            continue
        for name, value in (case.path_parameters or {}).items():
            try:
                uuid.UUID(str(value))
            except ValueError:
                continue  # a malformed id is a case of its own: keep it
            case.path_parameters[name] = str(real_id)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_conforms_to_its_schema(case, world):
    _aim_at_real_objects(case, world["ids"])
    case.call_and_validate(headers=world["headers"], checks=CHECKS)
