"""PostgreSQL, real threads: one webhook delivered ten times at once is applied once; refunds racing for the
same order never pass what was paid."""

from decimal import ROUND_DOWN, Decimal

import pytest
from payments_support import balance, event, open_payment, signed

from borderless.ledger import chart
from borderless.ledger import services as ledger
from borderless.ledger.models import Entry, Transaction
from borderless.payments.errors import RefundExceedsPayment
from borderless.payments.models import PaymentEvent, PaymentStatus, Refund
from borderless.payments.services import receive_webhook, request_refund
from support import at_once

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


def test_the_same_webhook_ten_times_at_once_applies_once(on_postgres, secret):
    _, payment, _ = open_payment(sellers=2)
    body, header = signed(event("payment.succeeded", payment), secret)

    results = at_once(10, lambda i: receive_webhook("sandbox", body, header))

    assert all(not isinstance(r, Exception) for r in results), results
    assert sorted(r.duplicate for r in results) == [False] + [True] * 9
    assert PaymentEvent.objects.count() == 1
    captures = Transaction.objects.filter(kind="payment_capture")
    assert captures.count() == 1
    assert Entry.objects.filter(transaction__in=captures).count() == 3  # clearing + two escrows
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert balance(chart.payment_clearing("CNY")) == payment.amount
    assert ledger.verify_ledger() == []


def test_racing_refunds_never_pass_what_was_paid(on_postgres, secret):
    buyer, payment, _ = open_payment()
    receive_webhook("sandbox", *signed(event("payment.succeeded", payment), secret))
    share = payment.shares.select_related("order").get()
    part = (share.amount / 3).quantize(Decimal("0.01"), rounding=ROUND_DOWN)  # three fit, the fourth does not

    results = at_once(6, lambda i: request_refund(buyer, share.order.public_id, part, "split", f"race-{i}"))

    refused = [r for r in results if isinstance(r, RefundExceedsPayment)]
    assert len(refused) == 3, results
    assert Refund.objects.filter(status="succeeded").count() == 3
    share.refresh_from_db()
    assert share.refunded == 3 * part <= share.amount
    assert balance(chart.escrow(share.order.public_id)) == share.amount - 3 * part
    assert ledger.verify_ledger() == []
