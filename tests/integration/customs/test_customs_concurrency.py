"""PostgreSQL, real threads: one rejection receipt delivered eight times at once refunds and restocks once."""

import pytest
from customs_support import declaration, message, paid_order
from django.utils import timezone

from borderless.customs.models import CustomsReceipt
from borderless.customs.receipts import receive
from borderless.orders.models import AnnualQuota
from borderless.payments.models import Refund
from support import at_once

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


def test_one_rejection_eight_times_at_once_refunds_and_restocks_once(on_postgres):
    order = paid_order(stock=5)
    sku = order.lines.get().sku
    sku.refresh_from_db()
    assert sku.stock == 4
    rejection = {
        "id": "rcpt_race", "message": str(message(order, "CEB411").guid), "kind": "rejected",
        "code": "paid_mismatch", "note": "late audit", "issued_at": timezone.now().isoformat(),
    }  # fmt: skip

    results = at_once(8, lambda i: receive("sandbox", rejection))

    assert all(not isinstance(r, Exception) for r in results), results
    assert sorted(r.duplicate for r in results) == [False] + [True] * 7
    assert CustomsReceipt.objects.filter(receipt_id="rcpt_race").count() == 1
    assert declaration(order).status == "rejected"
    assert Refund.objects.filter(order=order).count() == 1
    order.refresh_from_db()
    assert order.status == "refunded"
    sku.refresh_from_db()
    assert sku.stock == 5
    assert AnnualQuota.objects.get(buyer=order.buyer).used_fen == 0
