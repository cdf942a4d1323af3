"""The Stripe payment provider against the local Stripe server: what is specific to Stripe."""

from decimal import Decimal

import pytest
from stripe_support import StripeDriver, as_json, balance, checkout_for, open_payment

from borderless.ledger import chart
from borderless.orders.models import Order
from borderless.payments.errors import PaymentDeclined, ProviderError, ProviderUnavailable
from borderless.payments.models import Payment, PaymentEvent, PaymentStatus
from borderless.payments.services import start_payment
from borderless.payments.stripe_provider import StripeProvider
from stripe_server import WEBHOOK_SECRET

pytestmark = pytest.mark.django_db


@pytest.fixture
def driver(stripe_settings, local_stripe):
    return StripeDriver(stripe_settings, local_stripe)


def test_one_payment_intent_per_checkout_in_cny_with_the_order_shares(driver, local_stripe):
    buyer, payment, opened = open_payment(sellers=2)

    intent = local_stripe.state.intents[payment.provider_reference]
    assert intent["amount"] == int(payment.amount * 100) and intent["currency"] == "cny"
    assert intent["payment_method_types"] == ["card", "alipay", "wechat_pay"]
    assert intent["capture_method"] == "automatic"
    shares = {f"order_{s.order.public_id.hex}": str(s.amount) for s in payment.shares.select_related("order")}
    assert {k: v for k, v in intent["metadata"].items() if k.startswith("order_")} == shares
    assert sum(Decimal(v) for v in shares.values()) == payment.amount
    assert intent["metadata"]["borderless_payment"] == str(payment.public_id)
    assert opened.redirect_url == f"/pay/stripe/{payment.public_id}/"
    # Opening it again finds the same payment and creates no second PaymentIntent.
    again, _ = start_payment(buyer, payment.checkout.public_id)
    assert again.pk == payment.pk and len(local_stripe.requests_to("/v1/payment_intents")) == 1
    ((_, _, _, key),) = local_stripe.requests_to("/v1/payment_intents")
    assert key == f"payment:{payment.public_id}:intent"


@pytest.mark.parametrize("fault", ["500", "drop", "timeout", "429"])
def test_stripe_failing_at_checkout_leaves_no_half_made_payment(driver, local_stripe, fault, client):
    buyer, result = checkout_for(sellers=2)
    local_stripe.fail_next("/v1/payment_intents", fault, times=3)  # more than the library's two retries

    with pytest.raises(ProviderUnavailable) as refused:
        start_payment(buyer, result.checkout.public_id)

    assert "try again" in refused.value.message
    assert not Payment.objects.filter(checkout=result.checkout).exists()
    assert set(Order.objects.filter(checkout=result.checkout).values_list("status", flat=True)) == {
        "pending_payment"  # reserved until the checkout expires, then released by the expiry job
    }
    # Stripe is back; the buyer tries again, over the API: one payment, one PaymentIntent at Stripe for it.
    local_stripe.state.faults.clear()
    client.force_login(buyer)
    answer = client.post(
        "/api/v1/payments", {"checkout": str(result.checkout.public_id)}, content_type="application/json"
    )
    assert answer.status_code == 201, answer.content
    payment = Payment.objects.get(checkout=result.checkout)
    paid_intents = [
        i
        for i in local_stripe.state.intents.values()
        if i["metadata"]["borderless_payment"] == str(payment.public_id)
    ]
    assert [i["id"] for i in paid_intents] == [payment.provider_reference]


def test_after_stripe_failed_at_checkout_the_stock_comes_back_when_the_checkout_expires(driver, local_stripe):
    from datetime import timedelta

    from django.utils import timezone

    from borderless.catalog.models import Sku
    from borderless.orders import services as orders

    buyer, result = checkout_for(sellers=2)
    from borderless.orders.models import OrderLine

    skus = list(
        Sku.objects.filter(pk__in=OrderLine.objects.filter(order__checkout=result.checkout).values("sku"))
    )
    before = {s.pk: s.stock for s in skus}
    local_stripe.fail_next("/v1/payment_intents", "500", times=3)
    with pytest.raises(ProviderUnavailable):
        start_payment(buyer, result.checkout.public_id)

    expired = orders.expire_reservations(now=timezone.now() + timedelta(days=2))

    assert expired == 2
    assert set(Order.objects.filter(checkout=result.checkout).values_list("status", flat=True)) == {
        "cancelled"
    }
    assert {s.pk: Sku.objects.get(pk=s.pk).stock for s in skus} == {pk: n + 1 for pk, n in before.items()}
    assert not Payment.objects.exists()


def test_the_api_answers_503_with_a_retry_message_when_stripe_is_down(driver, local_stripe, client):
    buyer, result = checkout_for()
    local_stripe.fail_next("/v1/payment_intents", "500", times=3)
    client.force_login(buyer)

    answer = client.post(
        "/api/v1/payments", {"checkout": str(result.checkout.public_id)}, content_type="application/json"
    )

    assert answer.status_code == 503
    assert as_json(answer)["error"]["code"] == "provider_unavailable"
    assert "try again" in as_json(answer)["error"]["message"]
    assert not Payment.objects.filter(checkout=result.checkout).exists()


def test_a_single_server_error_is_retried_with_the_same_key_and_makes_one_intent(driver, local_stripe):
    buyer, result = checkout_for()
    local_stripe.fail_next("/v1/payment_intents", "timeout")  # Stripe did the work; the answer came too late

    payment, _ = start_payment(buyer, result.checkout.public_id)

    keys = [r[3] for r in local_stripe.requests_to("/v1/payment_intents")]
    assert len(keys) == 2 and len(set(keys)) == 1
    assert list(local_stripe.state.intents) == [payment.provider_reference]


def test_a_declined_card_leaves_the_payment_open_for_another_try(driver, local_stripe):
    buyer, payment, _ = open_payment()
    provider = StripeProvider()

    with pytest.raises(PaymentDeclined) as declined:
        provider.pay_with_card(payment, "pm_card_chargeDeclined")
    driver.deliver_new()

    assert declined.value.details["code"] == "card_declined"
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REQUIRES_PAYMENT
    failed = PaymentEvent.objects.get(type="payment_intent.payment_failed")
    assert failed.outcome.startswith("ignored: attempt failed (card_declined)")

    assert provider.pay_with_card(payment, "pm_card_visa") == "succeeded"
    driver.deliver_new()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED


def test_wechat_pay_shows_a_qr_code_and_the_same_step_again_on_return(driver, local_stripe):
    buyer, payment, _ = open_payment()
    provider = StripeProvider()

    first = provider.next_action(payment, "wechat_pay", "http://testserver/r/")
    again = provider.next_action(payment, "wechat_pay", "http://testserver/r/")

    assert (
        first.kind == "qr_code"
        and first.qr_image.startswith("data:image/")
        and first.qr_data.startswith("weixin://")
    )
    assert (
        again == first
        and len(local_stripe.requests_to(f"/v1/payment_intents/{payment.provider_reference}/confirm")) == 1
    )
    local_stripe.authorize(payment.provider_reference)
    driver.deliver_new()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert provider.next_action(payment, "alipay", "http://testserver/r/").kind == "done"


def test_unknown_event_types_are_acknowledged_and_ignored(driver):
    answer = driver.post(
        {
            "id": "evt_unknown_1",
            "object": "event",
            "type": "customer.created",
            "data": {"object": {"id": "cus_1", "object": "customer"}},
        }
    )
    repeat = driver.post(
        {
            "id": "evt_unknown_1",
            "object": "event",
            "type": "customer.created",
            "data": {"object": {"id": "cus_1", "object": "customer"}},
        }
    )

    assert answer.status_code == 200 and as_json(answer)["outcome"].startswith("ignored")
    assert as_json(repeat)["duplicate"] is True
    assert PaymentEvent.objects.get(event_id="evt_unknown_1").payment is None


def test_a_payment_intent_of_someone_else_is_acknowledged_and_ignored(driver):
    event = {
        "id": "evt_other_1",
        "object": "event",
        "type": "payment_intent.succeeded",
        "data": {
            "object": {
                "id": "pi_not_ours",
                "object": "payment_intent",
                "amount": 100,
                "currency": "cny",
                "amount_received": 100,
                "status": "succeeded",
                "metadata": {},
            }
        },
    }

    answer = driver.post(event)

    assert answer.status_code == 200 and "no payment of ours" in as_json(answer)["outcome"]
    assert balance(chart.payment_clearing("CNY")) == 0


def test_charge_refunded_before_the_success_event_is_tolerated(driver, local_stripe):
    buyer, payment, _ = open_payment()
    StripeProvider().next_action(payment, "alipay", "http://testserver/r/")
    local_stripe.authorize(payment.provider_reference)
    events = list(local_stripe.state.events)
    succeeded = next(e for e in events if e["type"] == "payment_intent.succeeded")
    charge = next(e for e in events if e["type"] == "charge.succeeded")
    early_refund = {**charge, "id": "evt_refund_first", "type": "charge.refunded"}

    assert driver.post(early_refund).status_code == 200
    assert driver.post(succeeded).status_code == 200

    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert balance(chart.payment_clearing("CNY")) == payment.amount


def test_an_amount_that_differs_from_the_payment_is_refused(driver, local_stripe):
    buyer, payment, _ = open_payment()
    StripeProvider().next_action(payment, "alipay", "http://testserver/r/")
    local_stripe.authorize(payment.provider_reference)
    succeeded = next(e for e in local_stripe.state.events if e["type"] == "payment_intent.succeeded")
    tampered = {**succeeded, "id": "evt_tampered"}
    tampered["data"] = {"object": {**succeeded["data"]["object"], "amount_received": 1}}

    answer = driver.post(tampered)

    assert answer.status_code == 422
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REQUIRES_PAYMENT
    assert not PaymentEvent.objects.filter(event_id="evt_tampered").exists()


def test_rotating_secrets_both_are_accepted_and_a_removed_one_is_not(driver, stripe_settings, local_stripe):
    stripe_settings.STRIPE_WEBHOOK_SECRETS = ["whsec_new_" + "2" * 30, WEBHOOK_SECRET]
    old = driver.post({"id": "evt_rot_1", "type": "customer.created", "data": {"object": {"id": "c"}}})
    new = driver.post(
        {"id": "evt_rot_2", "type": "customer.created", "data": {"object": {"id": "c"}}},
        secret="whsec_new_" + "2" * 30,
    )
    stripe_settings.STRIPE_WEBHOOK_SECRETS = ["whsec_new_" + "2" * 30]
    removed = driver.post({"id": "evt_rot_3", "type": "customer.created", "data": {"object": {"id": "c"}}})

    assert (old.status_code, new.status_code, removed.status_code) == (200, 200, 400)
    assert as_json(removed)["error"]["code"] == "invalid_signature"
    assert not PaymentEvent.objects.filter(event_id="evt_rot_3").exists()


def test_a_signature_from_the_future_is_refused(driver):
    import time

    answer = driver.post(
        {"id": "evt_future", "type": "customer.created", "data": {"object": {"id": "c"}}},
        timestamp=int(time.time()) + 3600,
    )
    assert answer.status_code == 400 and as_json(answer)["error"]["code"] == "stale_signature"


def test_stripe_refuses_a_refund_above_what_was_captured(driver, local_stripe):
    from borderless.money import Money

    buyer, payment, _ = open_payment()
    driver.pay(buyer, payment)

    with pytest.raises(ProviderError) as refused:
        StripeProvider().refund(
            payment, Money(payment.amount + Decimal("0.01"), "CNY"), idempotency_key="over-1"
        )

    assert "greater than" in refused.value.message
    assert local_stripe.state.refunds == {}


def test_amounts_are_converted_exactly_to_minor_units():
    from borderless.money import Money
    from borderless.payments.stripe_provider import major, minor

    assert minor(Money(Decimal("1234.56"), "CNY")) == 123456
    assert minor(Money(Decimal("0.01"), "CNY")) == 1
    assert major(123456, "cny") == Money(Decimal("1234.56"), "CNY")
    with pytest.raises(Exception):
        minor(Money(Decimal("1.005"), "CNY"))
