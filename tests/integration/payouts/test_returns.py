"""Returns within 30 days of delivery (CN-C6): the buyer is refunded through the provider, the taxes are
reversed, the seller's share and the commission given back after a release (through the seller's receivable
once paid out), the annual quota restored. Partial returns add up to the whole; bad input changes nothing."""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from payouts_support import T0, account_balance, paid_through_sandbox

from borderless.ledger import chart
from borderless.ledger import services as ledger
from borderless.ledger.models import Transaction
from borderless.orders.models import AnnualQuota, Order
from borderless.orders.state import OrderStatus
from borderless.payments.errors import IdempotencyConflict, RefundExceedsPayment, RefundNotAllowed
from borderless.payments.models import PaymentShare, Refund, RefundStatus
from borderless.payments.services import request_refund
from borderless.payouts import services
from borderless.payouts.models import Release, Return
from factories import make_buyer, make_seller, owner_of, tracking_number

pytestmark = pytest.mark.django_db
CENT = Decimal("0.01")
DELIVERED = T0 + timedelta(days=3)  # 2026-11-05 17:00 in China: the window runs to 2026-12-05


@pytest.fixture(autouse=True)
def _payments(settings, immediate_queue, secret, tmp_path):
    settings.PLATFORM_COMMISSION_RATES = {"american-ginseng": "0.10"}
    settings.VAR_DIR = tmp_path / "var"


@pytest.fixture
def immediate_queue():
    from huey.contrib.djhuey import HUEY

    before, HUEY.immediate = HUEY.immediate, True
    yield
    HUEY.immediate = before


@pytest.fixture
def secret(settings):
    settings.SANDBOX_WEBHOOK_SECRET = "whsec_test_" + "1" * 32


@pytest.fixture
def order(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        placed = paid_through_sandbox()
    return deliver(placed)


def deliver(order):
    seller_user = owner_of(order.seller)
    services.ship(seller_user, order.public_id, "USPS", tracking_number(), now=T0)
    services.deliver(seller_user, order.public_id, now=DELIVERED)
    order.refresh_from_db()
    return order


def quota_used(order) -> Decimal:
    return AnnualQuota.objects.get(buyer=order.buyer, year=order.quota_year).used


def payable(order) -> Decimal:
    return account_balance(chart.seller_payable(order.seller.public_id, "USD"))


def receivable(order) -> Decimal:
    return account_balance(chart.seller_receivable(order.seller.public_id, "USD"))


def books_ok() -> None:
    assert ledger.trial_balance()["balanced"] is True
    assert ledger.verify_ledger() == []


def test_full_return_before_release_refunds_from_escrow_and_restores_the_quota(order):
    used = quota_used(order)
    paid = str(order.landed_total)
    result = services.request_return(order.buyer, order.public_id, paid, "不合适", "k1", now=DELIVERED)
    r = result.order_return
    assert not result.replayed and r.refund.status == RefundStatus.SUCCEEDED
    assert (r.gross, r.taxes, r.release_id, r.quota_restored) == (
        order.landed_total, order.tax_total, None, order.quota_amount,
    )  # fmt: skip
    order.refresh_from_db()
    assert order.status == OrderStatus.REFUNDED and order.quota_returned == order.quota_amount
    assert quota_used(order) == used - order.quota_amount
    assert account_balance(chart.escrow(order.public_id)) == Decimal("0.00")
    assert account_balance(chart.customs_taxes_payable("CNY")) == Decimal("0.00")  # never owed to customs
    assert account_balance(chart.refunds("CNY")) == Decimal("0.00")  # the provider paid the buyer back
    with pytest.raises(services.ReleaseNotAllowed):
        services.release_escrow(order, "system:test", DELIVERED)
    books_ok()


def test_partial_return_before_release_keeps_its_taxes_off_the_release(order):
    half = (order.landed_total / 2).quantize(CENT)
    kept = (order.tax_total * half / order.landed_total).quantize(CENT, ROUND_HALF_UP)
    services.request_return(order.buyer, order.public_id, half, "一半", "k1", now=DELIVERED)
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED  # the rest is still the buyer's, in escrow
    assert order.quota_returned == (order.quota_amount * half / order.landed_total).quantize(
        CENT, ROUND_HALF_UP
    )
    services.confirm_receipt(order.buyer, order.public_id, now=DELIVERED + timedelta(days=1))
    release = Release.objects.get(order=order)
    assert kept > 0 and (release.gross, release.taxes) == (order.landed_total - half, order.tax_total - kept)
    assert account_balance(chart.customs_taxes_payable("CNY")) == order.tax_total - kept
    books_ok()


def released(order, days=4):
    services.confirm_receipt(order.buyer, order.public_id, now=DELIVERED + timedelta(days=days))
    return Release.objects.get(order=order)


def test_full_return_after_release_reverses_every_part_with_new_entries(order):
    release = released(order)
    assert release.taxes == order.tax_total > 0 and release.commission > 0 and release.net > 0
    entries_before = {t.pk: t.entries.count() for t in Transaction.objects.all()}
    used = quota_used(order)
    now = DELIVERED + timedelta(days=5)
    paid = str(order.landed_total)
    r = services.request_return(order.buyer, order.public_id, paid, "质量问题", "k1", now=now).order_return
    parts = ("gross", "taxes", "converted", "fx_margin", "amount", "commission", "net")
    assert [getattr(r, f) for f in parts] == [getattr(release, f) for f in parts]
    assert r.from_receivable == Decimal("0.00")
    assert r.release_id == release.pk and r.refund.status == RefundStatus.SUCCEEDED
    order.refresh_from_db()
    assert order.status == OrderStatus.REFUNDED
    assert quota_used(order) == used - order.quota_amount
    for code in (chart.customs_taxes_payable("CNY"), chart.fx_margin("CNY"), chart.refunds("CNY")):
        assert account_balance(code) == Decimal("0.00"), code
    assert account_balance(chart.platform_commission("USD")) == Decimal("0.00")
    assert payable(order) == Decimal("0.00") and receivable(order) == Decimal("0.00")
    # Corrections are new transactions: nothing posted before the return changed.
    assert {
        t.pk: t.entries.count() for t in Transaction.objects.filter(pk__in=entries_before)
    } == entries_before
    reversal = Transaction.objects.get(idempotency_key=f"refund:{r.refund.public_id}:owed")
    assert reversal.kind == "return_reversal"
    books_ok()


def test_return_after_payout_puts_the_seller_in_receivable_and_the_next_payout_recovers_it(
    order, django_capture_on_commit_callbacks
):
    release = released(order)
    services.run_payouts(now=DELIVERED + timedelta(days=4, hours=1))
    assert payable(order) == Decimal("0.00")  # paid out
    now = DELIVERED + timedelta(days=6)
    paid = str(order.landed_total)
    r = services.request_return(order.buyer, order.public_id, paid, "退货", "k1", now=now).order_return
    assert (r.net, r.from_receivable) == (release.net, release.net)
    assert receivable(order) == release.net and payable(order) == Decimal("0.00")
    assert services.seller_balance(order.seller).owed.amount == release.net
    books_ok()
    # The seller's next order (the same goods: the same net) first pays back what is owed: no payout.
    with django_capture_on_commit_callbacks(execute=True):
        second = paid_through_sandbox(seller=order.seller)
    second = deliver(second)
    services.confirm_receipt(second.buyer, second.public_id, now=DELIVERED + timedelta(days=7))
    assert Release.objects.get(order=second).net == release.net
    paid_out = services.run_payouts(now=DELIVERED + timedelta(days=7, hours=1))
    assert paid_out == [] and receivable(order) == Decimal("0.00") and payable(order) == Decimal("0.00")
    books_ok()


def test_partial_returns_after_release_add_up_to_the_release_exactly(order):
    release = released(order)
    now = DELIVERED + timedelta(days=5)
    first = (Decimal("100.01"), Decimal("333.33"), Decimal("0.01"))
    for n, amount in enumerate((*first, order.landed_total - sum(first))):
        services.request_return(order.buyer, order.public_id, amount, "部分退货", f"k{n}", now=now)
        books_ok()
    returns = list(Return.objects.filter(order=order))
    for field in ("gross", "taxes", "converted", "fx_margin", "amount", "commission", "net"):
        assert sum(getattr(r, field) for r in returns) == getattr(release, field), field
    for r in returns:
        assert r.taxes + r.converted + r.fx_margin == r.gross
        assert r.commission + r.net == r.amount
    order.refresh_from_db()
    assert order.status == OrderStatus.REFUNDED and order.quota_returned == order.quota_amount


def test_day_30_is_allowed_and_day_31_refused_without_a_change(order):
    released(order)
    day_31 = DELIVERED + timedelta(days=31)
    before = (Refund.objects.count(), Transaction.objects.count(), quota_used(order))
    with pytest.raises(services.ReturnNotAllowed) as refused:
        services.request_return(order.buyer, order.public_id, "10.00", "晚了", "late", now=day_31)
    assert refused.value.status == 409 and refused.value.details == {"deadline": "2026-12-05"}
    assert (Refund.objects.count(), Transaction.objects.count(), quota_used(order)) == before
    day_30 = DELIVERED + timedelta(days=30)
    r = services.request_return(order.buyer, order.public_id, "10.00", "还来得及", "ok", now=day_30)
    assert r.order_return.gross == Decimal("10.00")


def test_bad_returns_change_nothing(order, django_capture_on_commit_callbacks):
    share = PaymentShare.objects.get(order=order)
    before = (Refund.objects.count(), Transaction.objects.count(), quota_used(order), share.refunded)

    def unchanged():
        share.refresh_from_db()
        assert (
            Refund.objects.count(),
            Transaction.objects.count(),
            quota_used(order),
            share.refunded,
        ) == before

    with pytest.raises(Order.DoesNotExist):  # someone else's order
        services.request_return(make_buyer(), order.public_id, "10.00", "x", "k", now=DELIVERED)
    with pytest.raises(Order.DoesNotExist):  # its seller cannot return it either
        services.request_return(owner_of(order.seller), order.public_id, "10.00", "x", "k", now=DELIVERED)
    with pytest.raises(RefundExceedsPayment):
        services.request_return(
            order.buyer, order.public_id, order.landed_total + CENT, "x", "k", now=DELIVERED
        )
    unchanged()
    services.request_return(order.buyer, order.public_id, "10.00", "x", "same", now=DELIVERED)
    again = services.request_return(order.buyer, order.public_id, "10.00", "x", "same", now=DELIVERED)
    assert again.replayed
    with pytest.raises(IdempotencyConflict):
        services.request_return(order.buyer, order.public_id, "11.00", "x", "same", now=DELIVERED)
    assert Return.objects.filter(order=order).count() == 1
    # A paid order not delivered yet cannot be returned (cancel or refund it instead).
    with django_capture_on_commit_callbacks(execute=True):
        fresh = paid_through_sandbox(seller=make_seller())
    with pytest.raises(services.ReturnNotAllowed):
        services.request_return(fresh.buyer, fresh.public_id, "10.00", "x", "k", now=DELIVERED)


def test_a_released_order_is_returned_not_refunded(order):
    released(order)
    with pytest.raises(RefundNotAllowed):
        request_refund(owner_of(order.seller), order.public_id, "10.00", "goodwill", "r1")
    assert not Refund.objects.filter(order=order).exists()


def test_returns_through_the_api(django_capture_on_commit_callbacks):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
    from api_support import ApiClient, token_for

    with django_capture_on_commit_callbacks(execute=True):
        placed = paid_through_sandbox()
    seller_user = owner_of(placed.seller)
    services.ship(seller_user, placed.public_id, "USPS", tracking_number())
    services.deliver(seller_user, placed.public_id)  # now: inside the window
    buyer_api = ApiClient(token_for(placed.buyer))
    path = f"/orders/{placed.public_id}/returns"

    paid = str(placed.landed_total)
    r = buyer_api.post(path, {"amount": paid, "reason": "不合适"}, headers={"Idempotency-Key": "a"})
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["amount"] == {"amount": paid, "currency": "CNY"}
    assert body["taxes"] == {"amount": str(placed.tax_total), "currency": "CNY"}
    assert body["refund_status"] == "succeeded" and body["released"] is False
    again = buyer_api.post(path, {"amount": paid, "reason": "不合适"}, headers={"Idempotency-Key": "a"})
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    seller_api = ApiClient(token_for(seller_user))
    listed = seller_api.get(path)
    assert listed.status_code == 200 and [x["id"] for x in listed.json()] == [body["id"]]
    assert ApiClient(token_for(make_buyer())).get(path).status_code == 404
    # Bad input: a clear 4xx, nothing changes.
    count = Refund.objects.count()
    for who, payload, key, status, code in (
        (buyer_api, {"amount": "1.00", "reason": "again"}, "b", 409, "return_not_allowed"),  # refunded
        (buyer_api, {"amount": "-1", "reason": "x"}, "c", 422, None),
        (buyer_api, {"amount": "1.00", "reason": ""}, "d", 422, None),
        (seller_api, {"amount": "1.00", "reason": "x"}, "e", 404, None),
        (ApiClient(token_for(make_buyer())), {"amount": "1.00", "reason": "x"}, "f", 404, None),
    ):
        r = who.post(path, payload, headers={"Idempotency-Key": key})
        assert r.status_code == status, (payload, r.content)
        if code:
            assert r.json()["error"]["code"] == code
    assert buyer_api.post(path, {"amount": "1.00", "reason": "x"}).status_code == 422  # no key
    assert Refund.objects.count() == count
