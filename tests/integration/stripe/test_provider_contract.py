"""One contract, two providers: what the platform relies on behaves alike with the sandbox and with Stripe.

The Stripe runs use the official library against the local Stripe server; webhooks reach the platform's HTTP
endpoint signed as each provider signs them.
"""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from stripe_support import SandboxDriver, StripeDriver, as_json, balance, open_payment

from borderless.ledger import chart
from borderless.ledger import services as ledger
from borderless.orders.models import Order
from borderless.orders.state import OrderStatus
from borderless.payments.errors import RefundExceedsPayment
from borderless.payments.models import Payment, PaymentEvent, PaymentStatus, Refund
from borderless.payments.services import reconcile, request_refund

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["sandbox", "stripe"])
def driver(request, settings):
    if request.param == "sandbox":
        settings.PAYMENT_PROVIDER = "sandbox"
        return SandboxDriver(settings)
    request.getfixturevalue("stripe_settings")
    return StripeDriver(settings, request.getfixturevalue("local_stripe"))


def test_a_two_seller_checkout_is_paid_once_into_each_orders_escrow(driver):
    buyer, payment, opened = open_payment(sellers=2)
    assert payment.provider == driver.name and opened.reference == payment.provider_reference != ""

    driver.pay(buyer, payment)

    assert all(r.status_code == 200 for r in driver.responses), [r.content for r in driver.responses]
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    shares = list(payment.shares.select_related("order"))
    assert len(shares) == 2 and sum(s.amount for s in shares) == payment.amount
    for share in shares:
        assert share.order.status == OrderStatus.PAID
        assert balance(chart.escrow(share.order.public_id)) == share.amount
    assert balance(chart.payment_clearing("CNY")) == payment.amount
    assert ledger.verify_ledger() == []


def test_the_success_event_delivered_again_changes_nothing(driver):
    buyer, payment, _ = open_payment(sellers=2)
    driver.pay(buyer, payment)
    events_before = PaymentEvent.objects.count()

    again = driver.post(driver.success_event(payment))

    assert again.status_code == 200 and as_json(again)["duplicate"] is True
    assert PaymentEvent.objects.count() == events_before
    assert balance(chart.payment_clearing("CNY")) == Payment.objects.get(pk=payment.pk).amount


def test_a_failure_after_success_is_recorded_and_ignored(driver):
    buyer, payment, _ = open_payment()
    driver.pay(buyer, payment)
    success = driver.success_event(payment)
    late_failure = {**success, "id": success["id"] + "_late"}
    if driver.name == "sandbox":
        late_failure["type"] = "payment.failed"
    else:
        late_failure["type"] = "payment_intent.payment_failed"

    answer = driver.post(late_failure)

    assert answer.status_code == 200 and as_json(answer)["outcome"].startswith("ignored")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert set(Order.objects.filter(checkout=payment.checkout).values_list("status", flat=True)) == {"paid"}


def test_a_terminal_failure_cancels_the_orders_and_moves_no_money(driver):
    buyer, payment, _ = open_payment(sellers=2)

    driver.fail(buyer, payment)

    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED
    assert set(Order.objects.filter(checkout=payment.checkout).values_list("status", flat=True)) == {
        "cancelled"
    }
    assert balance(chart.payment_clearing("CNY")) == 0


def test_partial_then_full_refund_and_never_above_what_was_paid(driver):
    buyer, payment, _ = open_payment(sellers=2)
    driver.pay(buyer, payment)
    share = payment.shares.select_related("order").order_by("id").first()
    part = (share.amount / 4).quantize(Decimal("0.01"))

    first = request_refund(buyer, share.order.public_id, part, "one item arrived broken", "r-1")
    assert first.refund.status == "succeeded" and first.refund.provider_reference
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PARTIALLY_REFUNDED

    with pytest.raises(RefundExceedsPayment):
        request_refund(buyer, share.order.public_id, share.amount - part + Decimal("0.01"), "too much", "r-2")
    assert Refund.objects.filter(order=share.order).count() == 1

    rest = request_refund(buyer, share.order.public_id, share.amount - part, "the rest", "r-3")
    assert rest.refund.status == "succeeded"
    share.refresh_from_db()
    assert share.refunded == share.amount
    assert driver.refunded_at_provider(payment) == share.amount
    assert balance(chart.escrow(share.order.public_id)) == 0
    assert Order.objects.get(pk=share.order_id).status == OrderStatus.REFUNDED
    assert ledger.verify_ledger() == []


def test_the_days_settlement_reconciles_with_the_ledger(driver):
    buyer, payment, _ = open_payment(sellers=2)
    driver.pay(buyer, payment)
    share = payment.shares.select_related("order").order_by("id").first()
    request_refund(buyer, share.order.public_id, Decimal("5.00"), "part", "rec-1")

    report = reconcile(datetime.now(UTC).date(), driver.name)

    assert report.differences == []
    assert report.matched == 2  # the payment and the refund


def test_a_bad_signature_is_refused_and_changes_nothing(driver):
    buyer, payment, _ = open_payment()
    driver.pay(buyer, payment)
    event = {**driver.success_event(payment), "id": "evt_forged_1"}

    forged = driver.post(event, secret="whsec_someone_else")

    assert forged.status_code == 400
    assert not PaymentEvent.objects.filter(event_id="evt_forged_1").exists()


def test_a_stale_signature_is_refused_and_changes_nothing(driver):
    buyer, payment, _ = open_payment()
    event = {**{"id": "evt_stale_1"}}
    driver.pay(buyer, payment)
    event = {**driver.success_event(payment), "id": "evt_stale_1"}

    stale = driver.post(event, timestamp=int(datetime.now(UTC).timestamp()) - 3600)

    assert stale.status_code == 400 and as_json(stale)["error"]["code"] == "stale_signature"
    assert not PaymentEvent.objects.filter(event_id="evt_stale_1").exists()
