"""Stateful fuzzing: sequences of calls that follow the document's links, once per role.

The OpenAPI document links each create to its read (`POST /seller/products` → `GET /seller/products/{id}`,
`POST /brands` → `GET /brands/{id}`, checkout, payment, notice, return); schemathesis adds the links it infers
from the response schemas (a listed order → its customs, returns, cancel…). A scenario starts from an
operation (its ids aimed at the world's objects, as in the stateless fuzzing), then calls what the answer
links to with the ids it answered. Besides the stateless checks, a resource just created must be readable by
its creator (`ensure_resource_availability`) and a deleted one gone (`use_after_free`). FUZZ_STATEFUL
scenarios of at most FUZZ_STATEFUL_STEPS calls per role: 20 of 6 in `make test`, 200 of 10 in `make fuzz`.
"""

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.db import transaction
from fuzz_support import aim_at_real_objects, headers_for
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance, status_code_conformance
from schemathesis.specs.openapi.checks import ensure_resource_availability, use_after_free
from world import ROLES

from borderless.api.root import api

SCENARIOS = int(os.environ.get("FUZZ_STATEFUL", "20"))
STEPS = int(os.environ.get("FUZZ_STATEFUL_STEPS", "6"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    response_schema_conformance,
    ensure_resource_availability,
    use_after_free,
]

pytestmark = pytest.mark.django_db
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


def test_every_create_links_to_its_read():
    """The document's own links name operations that exist, with the parameters those operations take."""
    document = api.get_openapi_schema()
    operations = {op["operationId"]: path for path, ops in document["paths"].items() for op in ops.values()}
    links = [
        (path, link)
        for path, ops in document["paths"].items()
        for op in ops.values()
        for answer in op["responses"].values()
        for link in answer.get("links", {}).values()
    ]
    assert len(links) >= 6
    for source, link in links:
        target = operations[link["operationId"]]
        assert {"{" + name + "}" for name in link["parameters"]} <= set(target.split("/")), (source, link)


@pytest.mark.parametrize("role", ROLES)
def test_linked_sequences_for_every_role(role, world, record_property):
    headers = headers_for(world, role)
    tally = {"role": role, "scenarios": 0, "steps": 0, "linked_steps": 0, "server_errors": 0, "violations": 0}
    record_property("stateful", tally)

    class Sequences(schema.as_state_machine()):
        def setup(self):
            """Each scenario in a savepoint of its own: it starts from the world as built, and a replay of it
            (Hypothesis shrinking a failure) meets the same data."""
            tally["scenarios"] += 1
            self.savepoint = transaction.atomic()
            self.savepoint.__enter__()

        def teardown(self):
            transaction.set_rollback(True)
            self.savepoint.__exit__(None, None, None)

        def step(self, input):
            """A scenario's first call aims its ids at real objects; a linked call keeps the ids given."""
            if input.transition is None:
                aim_at_real_objects(input.case, world, input.case.path)
            else:
                tally["linked_steps"] += 1
            return super().step(input)

        def get_call_kwargs(self, case):
            return {"headers": headers}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            tally["steps"] += 1
            tally["server_errors"] += response.status_code >= 500
            try:
                case.validate_response(
                    response, checks=CHECKS, headers=headers, recorder=getattr(self, "recorder", None)
                )
            except Exception:
                tally["violations"] += 1
                raise

    Sequences.run(
        settings=settings(
            max_examples=SCENARIOS,
            stateful_step_count=STEPS,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.generate],
            database=None,
        )
    )
