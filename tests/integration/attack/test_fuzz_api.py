"""The whole API fuzzed once per role (anonymous, buyer, seller owner, seller staff, brand owner, operator).

Every operation gets generated requests, valid and invalid, sent with the role's real bearer token; none may
answer 5xx, answer with a status its OpenAPI operation does not declare, or answer with a body that does not
match the declared schema. Each test records what it saw; the run's summary prints the totals per role.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from fuzz_support import COVERAGE, EXAMPLES, aim_at_real_objects, headers_for
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance, status_code_conformance
from world import ROLES

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]

pytestmark = pytest.mark.django_db


@pytest.fixture
def seen(role, record_property):
    """What one operation answered one role, recorded once for the summary however many examples ran."""
    tally = {"role": role, "requests": 0, "answered_2xx": 0, "server_errors": 0, "violations": 0}
    record_property("fuzz", tally)
    return tally


@pytest.mark.parametrize("role", ROLES)
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=list(Phase) if COVERAGE else [Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
)
def test_every_operation_for_every_role(case, role, world, seen):
    headers = headers_for(world, role)
    aim_at_real_objects(case, world, case.path)
    response = case.call(headers=headers)
    seen["requests"] += 1
    seen["answered_2xx"] += response.status_code < 300
    seen["server_errors"] += response.status_code >= 500
    try:
        case.validate_response(response, checks=CHECKS, headers=headers)
    except Exception:
        seen["violations"] += 1
        raise
