"""Signed webhooks: verified, deduplicated, applied once; out-of-order events change nothing."""

import time
from decimal import Decimal

import pytest
from payments_support import balance, event, open_payment, signed

from borderless.catalog.models import Sku
from borderless.events import outbox
from borderless.events.models import OutboxMessage
from borderless.ledger import chart
from borderless.ledger.models import Transaction
from borderless.orders.models import Checkout, CheckoutStatus, Order, ReservationState, StockReservation
from borderless.payments.errors import InvalidEvent, InvalidSignature, StaleSignature
from borderless.payments.models import PaymentEvent, PaymentStatus
from borderless.payments.services import receive_webhook, sandbox_complete

pytestmark = pytest.mark.django_db


def test_succeeded_event_pays_every_order_and_moves_money_into_escrow(secret):
    buyer, payment, skus = open_payment(sellers=2)
    assert payment.status == PaymentStatus.REQUIRES_PAYMENT
    assert payment.payer_name == "张三" and payment.payer_id_masked.startswith("110105")
    shares = list(payment.shares.select_related("order"))
    assert sum(s.amount for s in shares) == payment.amount and len(shares) == 2

    result = receive_webhook("sandbox", *signed(event("payment.succeeded", payment), secret))

    assert not result.duplicate and result.outcome.startswith("applied")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert set(Order.objects.filter(checkout=payment.checkout).values_list("status", flat=True)) == {"paid"}
    assert Checkout.objects.get(pk=payment.checkout_id).status == CheckoutStatus.PAID
    active = StockReservation.objects.filter(order__checkout=payment.checkout, state=ReservationState.ACTIVE)
    assert not active.exists()
    assert balance(chart.payment_clearing("CNY")) == payment.amount
    for share in shares:
        assert balance(chart.escrow(share.order.public_id)) == share.amount


def test_the_same_event_twice_applies_once(secret):
    _, payment, _ = open_payment()
    e = event("payment.succeeded", payment)
    first = receive_webhook("sandbox", *signed(e, secret))
    second = receive_webhook("sandbox", *signed(e, secret))  # re-signed later, as a provider's retry is
    assert (first.duplicate, second.duplicate) == (False, True)
    assert PaymentEvent.objects.count() == 1
    assert Transaction.objects.filter(kind="payment_capture").count() == 1
    assert balance(chart.payment_clearing("CNY")) == payment.amount


def test_a_failure_after_success_does_not_undo_it(secret):
    _, payment, skus = open_payment()
    receive_webhook("sandbox", *signed(event("payment.succeeded", payment), secret))
    stock = Sku.objects.get(pk=skus[0].pk).stock
    late = receive_webhook("sandbox", *signed(event("payment.failed", payment), secret))
    assert late.outcome.startswith("ignored")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert Order.objects.get(checkout=payment.checkout).status == "paid"
    assert Sku.objects.get(pk=skus[0].pk).stock == stock
    assert PaymentEvent.objects.count() == 2  # recorded, so a redelivery is a duplicate too


def test_failed_payment_cancels_orders_and_gives_stock_back(secret):
    _, payment, skus = open_payment(quantity=3)
    assert Sku.objects.get(pk=skus[0].pk).stock == 7
    receive_webhook("sandbox", *signed(event("payment.failed", payment), secret))
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED
    assert Order.objects.get(checkout=payment.checkout).status == "cancelled"
    assert Sku.objects.get(pk=skus[0].pk).stock == 10
    assert not Transaction.objects.exists()


def test_success_after_failure_takes_the_money_and_refunds_it(secret, django_capture_on_commit_callbacks):
    _, payment, _ = open_payment()
    receive_webhook("sandbox", *signed(event("payment.failed", payment), secret))
    with django_capture_on_commit_callbacks(execute=True):  # the refund goes to the provider after commit
        receive_webhook("sandbox", *signed(event("payment.succeeded", payment), secret))
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED
    assert Order.objects.get(checkout=payment.checkout).status == "cancelled"
    assert balance(chart.payment_clearing("CNY")) == Decimal("0.00")
    assert balance(chart.refunds("CNY")) == Decimal("0.00")


@pytest.mark.parametrize(
    ("tamper", "error"),
    [
        (lambda body, header: (body.replace(b"succeeded", b"failed"), header), InvalidSignature),
        (lambda body, header: (body, header.replace("v1=", "v1=00")), InvalidSignature),
        (lambda body, header: (body, ""), InvalidSignature),
        (lambda body, header: (body, "t=abc,v1=00"), InvalidSignature),
    ],
)
def test_forged_signatures_are_refused_and_nothing_changes(secret, tamper, error):
    _, payment, _ = open_payment()
    body, header = signed(event("payment.succeeded", payment), secret)
    with pytest.raises(error):
        receive_webhook("sandbox", *tamper(body, header))
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REQUIRES_PAYMENT
    assert not PaymentEvent.objects.exists() and not Transaction.objects.exists()


def test_a_signature_made_with_another_secret_is_forged(secret):
    _, payment, _ = open_payment()
    with pytest.raises(InvalidSignature):
        receive_webhook("sandbox", *signed(event("payment.succeeded", payment), "someone-else"))


def test_stale_and_replayed_deliveries(secret):
    _, payment, _ = open_payment()
    e = event("payment.succeeded", payment)
    with pytest.raises(StaleSignature):
        receive_webhook("sandbox", *signed(e, secret, timestamp=int(time.time()) - 301))
    assert not PaymentEvent.objects.exists()
    body, header = signed(e, secret, timestamp=int(time.time()) - 290)  # inside the window
    assert not receive_webhook("sandbox", body, header).duplicate
    assert receive_webhook("sandbox", body, header).duplicate  # the same request replayed: no effect
    with pytest.raises(StaleSignature):  # replayed after the window closed
        receive_webhook("sandbox", body, header, now=time.time() + 60)
    assert Transaction.objects.filter(kind="payment_capture").count() == 1


def test_an_event_with_another_amount_is_refused(secret):
    _, payment, _ = open_payment()
    e = event("payment.succeeded", payment)
    e["data"]["amount"] = "0.01"
    with pytest.raises(InvalidEvent):
        receive_webhook("sandbox", *signed(e, secret))
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REQUIRES_PAYMENT and not PaymentEvent.objects.exists()


def test_sandbox_completion_sends_the_webhook_through_the_outbox(secret, django_capture_on_commit_callbacks):
    buyer, payment, _ = open_payment()
    with django_capture_on_commit_callbacks(execute=True):
        sandbox_complete(buyer, payment.public_id, "succeeded")
    message = OutboxMessage.objects.get(topic="sandbox.webhook")  # customs messages follow the payment
    assert message.sent_at is not None and message.attempts == 1
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED


def test_an_undelivered_message_stays_pending_until_a_later_run_sends_it(secret, settings):
    buyer, payment, _ = open_payment()
    sandbox_complete(buyer, payment.public_id, "succeeded")  # no commit callbacks here: nothing kicked
    assert outbox.pending_count() == 1
    settings.SANDBOX_WEBHOOK_URL = "http://127.0.0.1:9/"  # the platform's endpoint does not answer
    assert outbox.deliver_due() == 0
    message = OutboxMessage.objects.get()
    assert message.sent_at is None and "URLError" in message.last_error
    assert outbox.deliver_due() == 0  # backing off: not due again yet
    settings.SANDBOX_WEBHOOK_URL = ""
    OutboxMessage.objects.update(available_at=message.created_at)  # its backoff has passed
    assert outbox.deliver_due() == 2  # the webhook, then the "payment succeeded" event it published
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
