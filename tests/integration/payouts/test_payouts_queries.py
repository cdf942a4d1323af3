"""Query counts keep the release and the payout run honest: fixed per order and per seller, not growing.

Measured on SQLite (savepoints included): 44 for a release, 7-8 per run plus about 27 per seller paid."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from payouts_support import T0, paid_order

from borderless.payouts import services
from factories import make_seller, owner_of, tracking_number

pytestmark = pytest.mark.django_db


def _delivered(order):
    user = owner_of(order.seller)
    services.ship(user, order.public_id, "USPS", tracking_number(), now=T0)
    services.deliver(user, order.public_id, now=T0 + timedelta(days=1))
    return order


def test_a_release_takes_a_bounded_number_of_queries():
    first, second = _delivered(paid_order()), _delivered(paid_order())
    services.release_escrow(first, "system:test", T0 + timedelta(days=2))  # creates the shared accounts
    with CaptureQueriesContext(connection) as queries:
        services.release_escrow(second, "system:test", T0 + timedelta(days=2))
    assert len(queries) <= 48, [q["sql"][:120] for q in queries]


def test_a_payout_run_grows_by_a_fixed_number_of_queries_per_seller():
    def run_for(sellers: int) -> int:
        for _ in range(sellers):
            order = _delivered(paid_order(make_seller()))
            services.confirm_receipt(order.buyer, order.public_id, now=T0 + timedelta(days=2))
        with CaptureQueriesContext(connection) as queries:
            services.run_payouts(now=T0 + timedelta(days=2 + sellers))
        return len(queries)

    one, three = run_for(1), run_for(3)
    per_seller = (three - one) / 2
    assert per_seller <= 30 and one - per_seller <= 12, (one, three)
