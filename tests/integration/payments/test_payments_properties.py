"""Random sequences of the whole money path, through the real services and the sandbox provider: checkouts,
payments and their signed webhooks (twice, late, out of order), cancellations, refunds (full, partial),
shipping, releases, returns (full, partial, after a payout too) and payout runs.

After every step: the ledger balances per currency; nothing that may not go negative is below zero; money
in (captured by the provider) equals money out (refunded by it) plus the balances held, in CNY, and the
dollars bought equal commission, sellers' payables less receivables, and payouts. At the end of each
sequence the provider's settlement file of the day reconciles with the ledger with no difference.

Kept small for `make test` (a few examples); BORDERLESS_PROPERTY_EXAMPLES=200 runs a longer search.
"""

import itertools
import os
from datetime import timedelta
from decimal import ROUND_DOWN, Decimal

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from payments_support import ADDRESS, IDENTITY

from borderless.ledger import chart
from borderless.ledger import services as ledger
from borderless.ledger.models import Account
from borderless.orders import queries
from borderless.orders import services as orders
from borderless.orders.errors import OrderError
from borderless.orders.models import Order
from borderless.orders.state import OrderStatus
from borderless.payments import sandbox, signing
from borderless.payments.errors import PaymentError
from borderless.payments.models import Payment, PaymentEvent, PaymentStatus, Refund, RefundStatus
from borderless.payments.services import (
    deliver_outbox,
    receive_webhook,
    reconcile,
    request_refund,
    sandbox_complete,
    start_payment,
)
from borderless.payouts import services as payouts
from borderless.payouts.models import Payout, Return
from factories import make_buyer, make_product, make_seller, owner_of, tracking_number

pytestmark = pytest.mark.django_db
EXAMPLES = int(os.environ.get("BORDERLESS_PROPERTY_EXAMPLES", "3"))
SELLERS, BUYERS = 2, 2
_keys = itertools.count(1)

pick = st.integers(0, 1)  # an index into the orders that exist when the step runs
fraction = st.sampled_from([Decimal("0.01"), Decimal("0.3"), Decimal("0.5"), Decimal("1")])
step = st.one_of(
    st.tuples(
        st.just("checkout"),
        st.integers(0, BUYERS - 1),
        st.sets(st.integers(0, SELLERS - 1), min_size=1),
        st.sampled_from(["succeeded", "succeeded", "succeeded", "failed", "unpaid"]),
    ),
    st.tuples(st.just("pay"), pick, st.sampled_from(["succeeded", "failed"])),
    st.tuples(st.just("webhook_again"), pick),
    st.tuples(st.just("late_failure"), pick),
    st.tuples(st.just("cancel"), pick),
    st.tuples(st.just("refund"), pick, fraction),
    st.tuples(st.just("advance"), pick),  # paid -> shipped -> (customs) -> delivered: weighted up
    st.tuples(st.just("advance"), pick),
    st.tuples(st.just("advance"), pick),
    st.tuples(st.just("advance"), pick),
    st.tuples(st.just("confirm"), pick),
    st.tuples(st.just("return"), pick, fraction),
    st.tuples(st.just("return"), pick, fraction),
    st.tuples(st.just("auto_confirm")),
    st.tuples(st.just("run_payouts")),
)


class Rollback(Exception):
    pass


def _posted(code: str) -> Decimal:
    account = Account.objects.filter(code=code).first()
    return Decimal(0) if account is None else ledger.balance(account).posted.amount


def _side(code: str, side: str) -> Decimal:
    account = Account.objects.filter(code=code).first()
    if account is None:
        return Decimal(0)
    return Decimal(account.posted_debits if side == "debits" else account.posted_credits) / 100


def _sum(prefix: str) -> Decimal:
    return sum((_posted(a.code) for a in Account.objects.filter(code__startswith=prefix)), Decimal(0))


def check_books() -> None:
    assert ledger.trial_balance()["balanced"] is True
    assert ledger.verify_ledger() == []  # rebuilt balances agree; nothing that may not go negative is
    for account in Account.objects.filter(may_go_negative=False):
        assert ledger.balance(account).posted.amount >= 0, account.code
    # CNY: captured by the provider = paid back by it + what is held (escrow, refunds owed, customs taxes,
    # FX margin, and the CNY side of conversions: sold for dollars less bought back by returns).
    captured = sum(
        (p.amount for p in Payment.objects.exclude(status__in=[PaymentStatus.REQUIRES_PAYMENT, "failed"])),
        Decimal(0),
    )
    paid_back = sum((r.amount for r in Refund.objects.filter(status=RefundStatus.SUCCEEDED)), Decimal(0))
    clearing = chart.payment_clearing("CNY")
    assert _side(clearing, "debits") == captured and _side(clearing, "credits") == paid_back
    held = (
        _sum("escrow:")
        + _posted(chart.refunds("CNY"))
        + _posted(chart.customs_taxes_payable("CNY"))
        + _posted(chart.fx_margin("CNY"))
        + _posted(chart.fx_liquidity("CNY"))
    )
    assert captured == paid_back + held
    # USD: dollars bought = commission + sellers' payables - what sellers owe back + paid out.
    bought = -_posted(chart.fx_liquidity("USD"))
    # Payouts: the hold posts seller payable -> payout clearing; what the rail confirmed has left us.
    paid_out = _side(chart.payout_clearing("USD"), "credits") - _side(chart.payout_clearing("USD"), "debits")
    assert bought == (
        _posted(chart.platform_commission("USD"))
        + _sum("seller_payable:")
        - _sum("seller_receivable:")
        + paid_out
    )
    assert paid_out == sum((p.amount for p in Payout.objects.filter(status="paid")), Decimal(0))


@pytest.fixture
def world(db):
    sellers = [make_seller() for _ in range(SELLERS)]
    skus = [
        make_product(
            s, skus=[{"code": f"PP{next(_keys)}", "price_usd": Decimal("23.00"), "stock": 5}]
        ).skus.get()
        for s in sellers
    ]
    return sellers, [make_buyer() for _ in range(BUYERS)], skus


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(step, min_size=8, max_size=20))
def test_random_money_paths_keep_the_books_and_reconcile(
    steps, world, secret, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.VAR_DIR = tmp_path / f"var{next(_keys)}"  # the sandbox writes each day's settlement file once
    try:
        with transaction.atomic():
            _run(steps, world, secret, django_capture_on_commit_callbacks)
            raise Rollback
    except Rollback:
        pass


def _nth(items, index):
    return items[index % len(items)] if items else None


def _run(steps, world, secret, capture) -> None:
    sellers, buyers, skus = world
    checkouts = []
    now = timezone.now()
    for kind, *args in steps:
        orders_ = list(Order.objects.filter(checkout__in=checkouts).order_by("-id"))  # newest first
        order = _nth(orders_, args[0]) if args and kind not in ("checkout",) else None
        try:
            with capture(execute=True):  # what leaves after a commit (webhooks, customs) runs at once
                _step(kind, args, order, checkouts, buyers, skus, secret, now)
        except (OrderError, PaymentError, Order.DoesNotExist, payouts.ReleaseNotAllowed):
            pass  # refused in this state: the invariants below show nothing changed
        check_books()
    report = reconcile(timezone.now().date())
    assert report.differences == []
    refunds, returns, paid = Refund.objects.count(), Return.objects.count(), Payout.objects.count()
    event(f"refunds {refunds}, returns {returns}, payouts {paid}")


def _step(kind, args, order, checkouts, buyers, skus, secret, now) -> None:
    if kind == "checkout":
        buyer = buyers[args[0]]
        for i in sorted(args[1]):
            orders.add_to_cart(buyer, skus[i].public_id, 1)
        result = orders.checkout(buyer, f"prop-{next(_keys)}", ADDRESS, IDENTITY)
        checkouts.append(result.checkout)
        payment, _ = start_payment(buyer, result.checkout.public_id)
        if args[2] != "unpaid":  # the buyer pays (or fails) on the sandbox page at once, or later ("pay")
            sandbox_complete(buyer, payment.public_id, args[2])
    elif kind == "pay" and order is not None:
        payment = Payment.objects.get(checkout=order.checkout)
        sandbox_complete(order.buyer, payment.public_id, args[1])
    elif kind == "webhook_again" and order is not None:
        received = PaymentEvent.objects.filter(payment__checkout=order.checkout).first()
        if received is not None:  # the same event delivered again: applied once
            body = sandbox.event_body(received.payload)
            assert receive_webhook("sandbox", body, signing.sign(body, secret)).duplicate
    elif kind == "late_failure" and order is not None:
        payment = Payment.objects.get(checkout=order.checkout)
        body = sandbox.event_body(sandbox.make_event("payment.failed", payment))
        receive_webhook("sandbox", body, signing.sign(body, secret))  # after success: recorded, ignored
    elif kind == "cancel" and order is not None:
        queries.cancel_order(order.buyer, order.public_id)
    elif kind == "refund" and order is not None:
        amount = (order.landed_total * args[1]).quantize(Decimal("0.01"), ROUND_DOWN) or Decimal("0.01")
        request_refund(owner_of(order.seller), order.public_id, amount, "refund", f"r{next(_keys)}")
    elif kind == "advance" and order is not None:
        if order.status == OrderStatus.PAID:
            payouts.ship(owner_of(order.seller), order.public_id, "USPS", tracking_number(), now=now)
        elif order.status in (OrderStatus.CUSTOMS_DECLARED, OrderStatus.CUSTOMS_HELD):
            deliver_outbox(now=timezone.now() + timedelta(minutes=10))  # customs' verdicts come later
        else:
            payouts.deliver("system:carrier", order.public_id, now=now)
    elif kind == "confirm" and order is not None:
        payouts.confirm_receipt(order.buyer, order.public_id, now=now)
    elif kind == "return" and order is not None:
        left = order.landed_total - sum(
            (r.amount for r in order.refunds.exclude(status="failed")), Decimal(0)
        )
        amount = max((left * args[1]).quantize(Decimal("0.01"), ROUND_DOWN), Decimal("0.01"))
        payouts.request_return(order.buyer, order.public_id, amount, "退货", f"ret{next(_keys)}", now=now)
    elif kind == "auto_confirm":
        payouts.auto_confirm(now=now + timedelta(days=payouts.auto_confirm_days(), minutes=1))
    elif kind == "run_payouts":
        payouts.run_payouts(now=now)
