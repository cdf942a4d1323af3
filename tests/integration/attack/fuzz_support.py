"""What the fuzzing needs besides schemathesis: each role's credentials and real ids for path parameters."""

import os
import uuid

from world import World

from api_client import bearer

# Examples per operation and role: a few in `make test`, many more in `make fuzz` (FUZZ_EXAMPLES=100).
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))
# schemathesis's coverage cases (boundaries and wrong values, about 45 per operation) in `make fuzz` only:
# with them the fuzzing took about four of the thirteen minutes of `make test` on the 2-core machine.
COVERAGE = os.environ.get("FUZZ_COVERAGE", "") == "1"

# A path parameter's name → the kind of object it names in a tenant.
PATH_KINDS = {
    "token_id": "token",
    "product_id": "product",
    "seller_id": "seller",
    "payment_id": "payment",
    "order_id": "order",
    "sku_id": "sku",
    "checkout_id": "checkout",
    "brand_id": "brand",
    "screening_id": "screening",
    "notice_id": "notice",
    "case_id": "case",
    "conversation_id": "conversation",
}


def headers_for(world: World, role: str) -> dict:
    user = world.user(role)
    return {} if user is None else bearer(user)


def aim_at_real_objects(case, world: World, path: str) -> None:
    """Random UUIDs only ever find nothing (404): point well-formed ids at real objects instead.

    Two ids in three are the caller's own tenant's (tenant a), one in three the other tenant's; the draft
    stands in for a product id on seller paths, so that the fuzzing reaches deep into the code. Malformed
    ids are cases of their own and are kept.
    """
    for name, value in (case.path_parameters or {}).items():
        kind = PATH_KINDS.get(name)
        try:
            number = uuid.UUID(str(value)).int
        except ValueError:
            continue
        if kind is None:
            continue
        tenant = world.b if number % 3 == 0 else world.a
        if kind == "product" and path.startswith("/api/v1/seller/") and number % 2:
            kind = "draft"
        if kind in tenant.ids:
            case.path_parameters[name] = str(tenant.ids[kind])
