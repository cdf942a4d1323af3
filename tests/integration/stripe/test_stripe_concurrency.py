"""PostgreSQL, real threads and real HTTP deliveries: a Stripe event delivered ten times at once applies once;
refunds racing for one order never pass what Stripe captured."""

from decimal import ROUND_DOWN, Decimal

import pytest
from django.test import Client
from stripe_support import StripeDriver, as_json, balance, open_payment

from borderless.ledger import chart
from borderless.ledger import services as ledger
from borderless.ledger.models import Entry, Transaction
from borderless.payments.errors import RefundExceedsPayment
from borderless.payments.models import PaymentEvent, PaymentStatus, Refund
from borderless.payments.services import request_refund
from borderless.payments.stripe_provider import StripeProvider
from support import at_once

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


@pytest.fixture
def driver(stripe_settings, local_stripe):
    return StripeDriver(stripe_settings, local_stripe)


def _authorized(local_stripe, sellers=2):
    buyer, payment, _ = open_payment(sellers=sellers)
    StripeProvider().next_action(payment, "alipay", "http://testserver/r/")
    local_stripe.authorize(payment.provider_reference)
    event = next(e for e in local_stripe.state.events if e["type"] == "payment_intent.succeeded")
    return buyer, payment, event


def test_the_same_stripe_webhook_ten_times_at_once_applies_once(on_postgres, driver, local_stripe):
    _, payment, event = _authorized(local_stripe)
    body = driver.body(event)
    header = driver.sign(body)

    def deliver(i):
        return Client().post(driver.endpoint, body, content_type="application/json", **header)

    answers = at_once(10, deliver)

    assert all(not isinstance(a, Exception) for a in answers), answers
    assert [a.status_code for a in answers] == [200] * 10
    assert sorted(as_json(a)["duplicate"] for a in answers) == [False] + [True] * 9
    assert PaymentEvent.objects.filter(event_id=event["id"]).count() == 1
    captures = Transaction.objects.filter(kind="payment_capture")
    assert captures.count() == 1
    assert Entry.objects.filter(transaction__in=captures).count() == 3  # clearing + two escrows
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert balance(chart.payment_clearing("CNY")) == payment.amount
    assert ledger.verify_ledger() == []


def test_a_bad_or_stale_signature_is_refused_with_400_and_changes_nothing(on_postgres, driver, local_stripe):
    import time

    _, payment, event = _authorized(local_stripe, sellers=1)
    body = driver.body(event)
    forged = Client().post(
        driver.endpoint, body, content_type="application/json", **driver.sign(body, secret="whsec_forger")
    )
    stale = Client().post(
        driver.endpoint,
        body,
        content_type="application/json",
        **driver.sign(body, timestamp=int(time.time()) - 301),
    )
    tampered = Client().post(
        driver.endpoint,
        body.replace(b'"succeeded"', b'"canceled"', 1),
        content_type="application/json",
        **driver.sign(body),
    )

    assert (forged.status_code, stale.status_code, tampered.status_code) == (400, 400, 400)
    assert PaymentEvent.objects.count() == 0 and Transaction.objects.count() == 0
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REQUIRES_PAYMENT


def test_racing_refunds_never_pass_what_stripe_captured(on_postgres, driver, local_stripe):
    buyer, payment, _ = _authorized(local_stripe, sellers=1)
    driver.deliver_new()
    share = payment.shares.select_related("order").get()
    part = (share.amount / 3).quantize(Decimal("0.01"), rounding=ROUND_DOWN)  # three fit, the fourth does not

    results = at_once(6, lambda i: request_refund(buyer, share.order.public_id, part, "split", f"race-{i}"))

    refused = [r for r in results if isinstance(r, RefundExceedsPayment)]
    assert len(refused) == 3, results
    assert Refund.objects.filter(status="succeeded").count() == 3
    assert driver.refunded_at_provider(payment) == 3 * part
    assert balance(chart.escrow(share.order.public_id)) == share.amount - 3 * part
    assert ledger.verify_ledger() == []


def test_a_transfer_that_times_out_and_is_retried_with_the_same_key_pays_once(
    on_postgres, driver, local_stripe, stripe_settings
):
    from connect_support import released_orders

    from borderless.payouts import services as payouts
    from borderless.payouts import stripe_connect
    from borderless.payouts.models import Payout, PayoutStatus

    stripe_settings.PAYOUT_PROVIDER = "stripe_connect"
    (release,) = released_orders(driver)
    url = stripe_connect.onboarding_url(release.seller, "http://testserver/b", "http://testserver/a")
    local_stripe.complete_onboarding(local_stripe.state.account_links[url.rsplit("/", 1)[1]]["account"])
    local_stripe.fail_next("/v1/transfers", "timeout")  # the first answer is lost; the library retries

    runs = at_once(3, lambda i: payouts.run_payouts())  # and three workers run the payouts at once

    assert all(not isinstance(r, Exception) for r in runs), runs
    (payout,) = Payout.objects.all()
    assert payout.status == PayoutStatus.PAID
    assert len(local_stripe.state.transfers) == 1
    (transfer,) = local_stripe.state.transfers.values()
    assert payout.reference == transfer["id"] and transfer["amount"] == int(payout.amount * 100)
    assert {r[3] for r in local_stripe.requests_to("/v1/transfers")} == {
        f"payout:{payout.public_id}:transfer"
    }
    assert ledger.trial_balance()["balanced"] is True and ledger.verify_ledger() == []
