"""Refunds: full and partial, never above what was paid, idempotent by key, with the ledger and the order."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone
from payments_support import balance, open_payment

from borderless.catalog.models import Sku
from borderless.ledger import chart
from borderless.ledger import services as ledger
from borderless.orders import services as orders
from borderless.orders.models import AnnualQuota, Order
from borderless.payments import sandbox
from borderless.payments.errors import (
    IdempotencyConflict,
    InvalidRefund,
    RefundExceedsPayment,
    RefundNotAllowed,
)
from borderless.payments.models import PaymentStatus, Refund, SandboxRecord
from borderless.payments.services import reconcile, request_refund, sandbox_complete
from factories import make_buyer, make_operator, owner_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(secret, django_capture_on_commit_callbacks):
    buyer, payment, skus = open_payment(sellers=2)
    with django_capture_on_commit_callbacks(execute=True):  # the webhook leaves after the commit
        sandbox_complete(buyer, payment.public_id, "succeeded")
    payment.refresh_from_db()
    shares = list(payment.shares.select_related("order", "order__seller"))
    return buyer, payment, shares, skus


def test_full_refund_returns_money_stock_and_quota(paid):
    buyer, payment, shares, skus = paid
    share = shares[0]
    quota_before = AnnualQuota.objects.get(buyer=buyer).used
    result = request_refund(buyer, share.order.public_id, share.amount, "wrong size", "r1")
    refund = result.refund
    assert refund.status == "succeeded" and refund.provider_reference.startswith("sbx_re_")
    order = Order.objects.get(pk=share.order_id)
    assert order.status == "refunded" and order.quota_released_at is not None
    assert AnnualQuota.objects.get(buyer=buyer).used == quota_before - order.quota_amount
    assert Sku.objects.get(pk=skus[0].pk).stock == 10  # never shipped: back on the shelf
    assert balance(chart.escrow(share.order.public_id)) == Decimal("0.00")
    assert balance(chart.refunds("CNY")) == Decimal("0.00")
    assert balance(chart.payment_clearing("CNY")) == payment.amount - share.amount
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PARTIALLY_REFUNDED  # the other order is still paid
    assert ledger.verify_ledger() == []


def test_partial_refunds_add_up_to_at_most_what_was_paid(paid):
    buyer, payment, shares, _ = paid
    share = shares[1]
    seller_user = owner_of(share.order.seller)
    request_refund(seller_user, share.order.public_id, "1.00", "damaged box", "p1")
    assert Order.objects.get(pk=share.order_id).status == "paid"  # a partial refund leaves the order be
    with pytest.raises(RefundExceedsPayment) as exc:
        request_refund(buyer, share.order.public_id, share.amount, "all of it", "p2")
    assert exc.value.details["refunded"] == "1.00"
    rest = share.amount - Decimal("1.00")
    request_refund(buyer, share.order.public_id, rest, "the rest", "p3")
    assert Order.objects.get(pk=share.order_id).status == "refunded"
    assert balance(chart.escrow(share.order.public_id)) == Decimal("0.00")
    with pytest.raises(RefundNotAllowed):  # refunded is final
        request_refund(buyer, share.order.public_id, "0.01", "more", "p4")


def test_a_refund_above_what_was_paid_changes_nothing(paid):
    buyer, payment, shares, _ = paid
    share = shares[0]
    with pytest.raises(RefundExceedsPayment):
        request_refund(buyer, share.order.public_id, share.amount + Decimal("0.01"), "too much", "x1")
    assert not Refund.objects.exists()
    assert Order.objects.get(pk=share.order_id).status == "paid"
    assert balance(chart.escrow(share.order.public_id)) == share.amount
    payment.refresh_from_db()
    assert payment.refunded_amount == 0 and payment.status == PaymentStatus.SUCCEEDED


def test_the_same_key_returns_the_first_refund_and_another_body_is_a_conflict(paid):
    buyer, payment, shares, _ = paid
    share = shares[0]
    first = request_refund(buyer, share.order.public_id, "2.00", "scratched", "same")
    again = request_refund(buyer, share.order.public_id, "2.00", "scratched", "same")
    assert again.replayed and again.refund.pk == first.refund.pk
    assert Refund.objects.count() == 1
    with pytest.raises(IdempotencyConflict):
        request_refund(buyer, share.order.public_id, "3.00", "scratched", "same")
    assert balance(chart.escrow(share.order.public_id)) == share.amount - Decimal("2.00")


@pytest.mark.parametrize("amount", ["0", "-1", "1.001", "abc", "NaN", "Infinity"])
def test_bad_amounts_are_refused(paid, amount):
    buyer, _, shares, _ = paid
    with pytest.raises(InvalidRefund):
        request_refund(buyer, shares[0].order.public_id, amount, "x", f"bad-{amount}")


def test_only_the_buyer_the_seller_or_an_operator_may_refund(paid):
    buyer, _, shares, _ = paid
    share = shares[0]
    other_seller = owner_of(shares[1].order.seller)
    for stranger in (make_buyer(), other_seller):
        with pytest.raises(Order.DoesNotExist):
            request_refund(stranger, share.order.public_id, "1.00", "x", "s1")
    assert request_refund(make_operator(), share.order.public_id, "1.00", "goodwill", "s2").refund.pk


def test_an_unpaid_order_cannot_be_refunded(secret):
    buyer, payment, _ = open_payment()
    order = payment.shares.get().order
    with pytest.raises(RefundNotAllowed):
        request_refund(buyer, order.public_id, "1.00", "x", "u1")


def test_a_shipped_order_goes_through_refund_requested(paid):
    buyer, payment, shares, skus = paid
    order = shares[0].order
    orders.transition(order, "shipped", owner_of(order.seller))
    request_refund(buyer, order.public_id, shares[0].amount, "never arrived", "sh1")
    order.refresh_from_db()
    statuses = list(order.transitions.values_list("to_status", flat=True))
    assert statuses[-2:] == ["refund_requested", "refunded"]
    assert Sku.objects.get(pk=skus[0].pk).stock == 9  # it left the seller: not restocked


def test_a_provider_refusal_undoes_the_refund(paid, monkeypatch):
    buyer, payment, shares, _ = paid
    share = shares[0]

    def refuse(self, payment, amount, *, idempotency_key):
        raise RuntimeError("card closed")

    monkeypatch.setattr(sandbox.SandboxProvider, "refund", refuse)
    from borderless.payments.errors import ProviderError

    with pytest.raises(ProviderError):
        request_refund(buyer, share.order.public_id, "5.00", "x", "f1")
    refund = Refund.objects.get()
    assert refund.status == "failed"
    share.refresh_from_db()
    assert share.refunded == 0
    assert balance(chart.escrow(share.order.public_id)) == share.amount
    assert balance(chart.refunds("CNY")) == Decimal("0.00")


def test_reconciliation_matches_a_clean_day_and_finds_an_injected_difference(paid, settings):
    buyer, payment, shares, _ = paid
    request_refund(buyer, shares[0].order.public_id, "3.00", "x", "rc1")
    today = timezone.now().date()
    report = reconcile(today)
    assert report.differences == [] and report.matched == 2

    # The provider's file for another run differs: an extra refund we never booked, and a wrong amount.
    SandboxRecord.objects.filter(kind="payment").update(amount=payment.amount - Decimal("0.10"))
    SandboxRecord.objects.create(
        reference="sbx_re_unknown", kind="refund", payment=payment, amount=Decimal("9.99"), currency="CNY",
        status="succeeded",
    )  # fmt: skip
    from borderless.payments.models import SettlementFile

    SettlementFile.objects.all().delete()
    (sandbox.settlement_dir() / f"{today.isoformat()}.csv").unlink()
    report = reconcile(today)
    problems = {(d["problem"], d["reference"]) for d in report.differences}
    assert problems == {
        ("amount_differs", payment.provider_reference),
        ("missing_in_ledger", "sbx_re_unknown"),
    }
    assert report.matched == 1


def test_reconciliation_reports_a_ledger_movement_the_provider_never_settled(paid):
    buyer, payment, shares, _ = paid
    SandboxRecord.objects.filter(kind="payment").delete()
    report = reconcile(timezone.now().date())
    assert [d["problem"] for d in report.differences] == ["missing_in_settlement"]
    assert reconcile(date(2001, 1, 1)).differences == []
