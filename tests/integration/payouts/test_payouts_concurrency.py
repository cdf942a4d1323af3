"""PostgreSQL, real threads: one order confirmed ten times at once is released once; payout runs racing for
the same seller pay once."""

from datetime import timedelta

import pytest
from payouts_support import T0, paid_order

from borderless.ledger import services as ledger
from borderless.ledger.models import Transaction
from borderless.payouts import services
from borderless.payouts.models import Payout, PayoutStatus, Release
from factories import make_seller, owner_of, tracking_number
from support import at_once

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


def _delivered(order):
    user = owner_of(order.seller)
    services.ship(user, order.public_id, "USPS", tracking_number(), now=T0)
    services.deliver(user, order.public_id, now=T0 + timedelta(days=1))
    return order


def test_ten_confirmations_at_once_release_once(on_postgres):
    order = _delivered(paid_order())
    results = at_once(10, lambda i: services.confirm_receipt(order.buyer, order.public_id))
    assert all(not isinstance(r, Exception) for r in results), results
    assert Release.objects.filter(order=order).count() == 1
    assert Transaction.objects.filter(idempotency_key=f"release:{order.public_id}").count() == 1
    assert ledger.trial_balance()["balanced"] is True and ledger.verify_ledger() == []


def test_payout_runs_at_once_pay_each_seller_once(on_postgres):
    seller = make_seller()
    for _ in range(2):
        order = _delivered(paid_order(seller))
        services.confirm_receipt(order.buyer, order.public_id, now=T0 + timedelta(days=2))
    run_at = T0 + timedelta(days=2, hours=1)
    results = at_once(6, lambda i: services.run_payouts(now=run_at))
    assert all(not isinstance(r, Exception) for r in results), results
    payout = Payout.objects.get(seller=seller)
    assert payout.status == PayoutStatus.PAID and payout.releases.count() == 2
    assert services.available_balance(seller).amount == 0
    assert ledger.verify_ledger() == []
