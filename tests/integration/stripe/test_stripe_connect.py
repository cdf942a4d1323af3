"""Stripe Connect as the payout rail, against the local Stripe server: Express onboarding, payouts blocked
with a reason until the account can receive them, a Transfer in USD per payout, reconciliation of the
day's transfers."""

import io
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from connect_support import released_orders
from stripe_support import StripeDriver

from borderless.ledger import chart
from borderless.ledger import services as ledger
from borderless.ledger.models import Account
from borderless.payouts import services as payouts
from borderless.payouts import stripe_connect
from borderless.payouts.models import Payout, PayoutAccount, PayoutStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def driver(stripe_settings, local_stripe):
    stripe_settings.PAYOUT_PROVIDER = "stripe_connect"
    return StripeDriver(stripe_settings, local_stripe)


def payable(seller) -> Decimal:
    account = Account.objects.filter(code=chart.seller_payable(seller.public_id, "USD")).first()
    return Decimal("0.00") if account is None else ledger.balance(account).available.amount


def onboard(seller, local_stripe) -> PayoutAccount:
    url = stripe_connect.onboarding_url(seller, "http://testserver/back", "http://testserver/again")
    link_id = url.rsplit("/", 1)[1]
    local_stripe.complete_onboarding(local_stripe.state.account_links[link_id]["account"])
    return stripe_connect.refresh(seller)


def test_an_express_account_is_created_once_and_shows_what_is_missing(driver, local_stripe):
    (release,) = released_orders(driver)
    seller = release.seller

    first = stripe_connect.onboarding_url(seller, "http://testserver/back", "http://testserver/again")
    second = stripe_connect.onboarding_url(seller, "http://testserver/back", "http://testserver/again")

    assert first != second  # a fresh link each time, for one account
    (account,) = local_stripe.state.accounts.values()
    assert account["type"] == "express" and account["metadata"]["borderless_seller"] == str(seller.public_id)
    stored = PayoutAccount.objects.get(seller=seller)
    assert stored.external_id == account["id"] and not stored.payouts_enabled
    assert "external_account" in stored.currently_due
    assert "Onboarding is not finished" in stored.blocked_reason


def test_payouts_wait_with_a_reason_until_onboarding_then_pay_a_usd_transfer(driver, local_stripe):
    (release,) = released_orders(driver)
    seller = release.seller
    owed = payable(seller)
    # The seller's dollars: the order's CNY converted at the rate recorded on the order, less commission.
    assert owed == release.net > 0
    assert release.fx_rate == Decimal(release.order.fx["rate"]).quantize(Decimal("1e-10"))

    (refused,) = payouts.run_payouts()
    assert refused.status == PayoutStatus.FAILED and "not set up payouts with Stripe" in refused.failure
    assert payable(seller) == owed and local_stripe.state.transfers == {}

    onboard(seller, local_stripe)
    (paid,) = payouts.run_payouts()

    assert paid.status == PayoutStatus.PAID and paid.amount == owed
    (transfer,) = local_stripe.state.transfers.values()
    assert transfer["amount"] == int(owed * 100) and transfer["currency"] == "usd"
    assert transfer["destination"] == PayoutAccount.objects.get(seller=seller).external_id
    assert transfer["transfer_group"] == f"payout:{paid.public_id}" and paid.reference == transfer["id"]
    assert payable(seller) == 0
    assert ledger.trial_balance()["balanced"] is True and ledger.verify_ledger() == []


def test_a_lost_capability_stops_payouts_with_the_reason_for_seller_and_operators(driver, local_stripe):
    first, second = released_orders(driver, sellers=2)
    for r in (first, second):
        onboard(r.seller, local_stripe)
    local_stripe.restrict(PayoutAccount.objects.get(seller=first.seller).external_id)

    done = {p.seller_id: p for p in payouts.run_payouts()}

    assert done[second.seller.pk].status == PayoutStatus.PAID  # one seller's trouble stops nobody else
    blocked = done[first.seller.pk]
    assert blocked.status == PayoutStatus.FAILED
    assert (
        "requirements.past_due" in blocked.failure and "individual.verification.document" in blocked.failure
    )
    assert payable(first.seller) > 0
    assert [a.seller_id for a in stripe_connect.blocked_accounts()] == [first.seller.pk]
    assert len(local_stripe.state.transfers) == 1


def test_a_transfer_whose_answer_times_out_is_retried_with_the_same_key_and_pays_once(driver, local_stripe):
    (release,) = released_orders(driver)
    onboard(release.seller, local_stripe)
    local_stripe.fail_next("/v1/transfers", "timeout", times=3)  # Stripe makes it; every answer comes late

    (pending,) = payouts.run_payouts()
    assert pending.status == PayoutStatus.PENDING  # no answer: the hold stays, the payout is sent again

    local_stripe.state.faults.clear()
    (paid,) = payouts.run_payouts()

    assert paid.pk == pending.pk and paid.status == PayoutStatus.PAID
    assert len(local_stripe.state.transfers) == 1
    keys = {r[3] for r in local_stripe.requests_to("/v1/transfers")}
    assert keys == {f"payout:{paid.public_id}:transfer"}
    assert Payout.objects.filter(status=PayoutStatus.PAID).count() == 1
    assert ledger.verify_ledger() == []


class Killed(BaseException):
    """The worker process dies (not an error the payout run could catch)."""


def test_a_worker_killed_after_stripe_confirmed_posts_the_transfer_once_on_restart(driver, local_stripe):
    (release,) = released_orders(driver)
    onboard(release.seller, local_stripe)

    class DiesAfterStripe(stripe_connect.StripeConnectRail):
        def send(self, payout):
            super().send(payout)
            raise Killed

    with pytest.raises(Killed):
        payouts.run_payouts(provider=DiesAfterStripe())
    (left,) = Payout.objects.all()
    assert left.status == PayoutStatus.PENDING and len(local_stripe.state.transfers) == 1

    (paid,) = payouts.run_payouts()  # the worker starts again

    assert paid.status == PayoutStatus.PAID and len(local_stripe.state.transfers) == 1
    assert paid.reference == next(iter(local_stripe.state.transfers))
    assert payable(release.seller) == 0
    assert ledger.trial_balance()["balanced"] is True and ledger.verify_ledger() == []
    assert payouts.run_payouts() == []  # and again: nothing more


def test_the_days_transfers_reconcile_and_every_difference_is_reported(driver, local_stripe):
    first, second = released_orders(driver, sellers=2)
    for r in (first, second):
        onboard(r.seller, local_stripe)
    payouts.run_payouts()
    today = datetime.now(UTC).date()

    clean = stripe_connect.reconcile_transfers(today)
    assert clean.differences == [] and clean.matched == 2

    # A transfer made at Stripe outside a payout, and a payout whose amount was changed in our books.
    stray = local_stripe.create_transfer(
        {
            "amount": "500",
            "currency": "usd",
            "destination": PayoutAccount.objects.get(seller=first.seller).external_id,
        }
    )
    changed = Payout.objects.get(seller=second.seller)
    Payout.objects.filter(pk=changed.pk).update(amount=changed.amount + 1)

    report = stripe_connect.reconcile_transfers(today)

    problems = {(d["problem"], d["reference"]) for d in report.differences}
    assert problems == {("missing_in_ledger", stray["id"]), ("amount_differs", changed.reference)}
    assert report.matched == 1


def test_the_reconcile_command_reports_the_days_transfers(driver, local_stripe):
    from django.core.management import CommandError, call_command

    first, second = released_orders(driver, sellers=2)
    for r in (first, second):
        onboard(r.seller, local_stripe)
    payouts.run_payouts()
    today = datetime.now(UTC).date().isoformat()
    out = io.StringIO()

    call_command("reconcile", "--date", today, "--provider", "stripe_connect", stdout=out)
    assert "stripe_connect" in out.getvalue() and "2 matched, 0 differ" in out.getvalue()

    Payout.objects.filter(seller=first.seller).update(reference="tr_unknown")
    with pytest.raises(CommandError):
        call_command("reconcile", "--date", today, "--provider", "stripe_connect", stdout=io.StringIO())
