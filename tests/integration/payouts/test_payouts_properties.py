"""Random sequences of shipping, refunds before release, releases (confirmed or automatic) and payout runs
over orders funded in the ledger as payments fund them. After every step: the ledger balances, no account
that may not go negative is below zero, and money in equals money out plus balances, in CNY and in USD."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from payouts_support import T0, paid_order

from borderless.ledger import chart
from borderless.ledger import services as ledger
from borderless.ledger.models import Account
from borderless.money import Money
from borderless.orders import services as orders
from borderless.orders.errors import IllegalTransition
from borderless.orders.models import Order
from borderless.orders.state import OrderStatus
from borderless.payouts import services
from borderless.payouts.models import Payout, PayoutStatus, Release
from factories import make_seller, owner_of, tracking_number

pytestmark = pytest.mark.django_db

ORDERS = 3
order_index = st.integers(0, ORDERS - 1)
step = st.one_of(
    st.tuples(st.just("advance"), order_index),  # paid -> shipped -> delivered
    st.tuples(st.just("confirm"), order_index),
    st.tuples(st.just("run_payouts")),
    st.tuples(st.just("advance"), order_index),
    st.tuples(st.just("confirm"), order_index),
    st.tuples(st.just("partial_refund"), order_index, st.integers(1, 40_000)),
    st.tuples(st.just("refund_request"), order_index),
    st.tuples(st.just("wait_days"), st.integers(1, 12)),
    st.tuples(st.just("auto_confirm")),
    st.tuples(st.just("run_payouts")),
)


class Rollback(Exception):
    pass


def posted(code: str) -> Decimal:
    account = Account.objects.filter(code=code).first()
    return Decimal(0) if account is None else ledger.balance(account).posted.amount


def credits(code: str) -> Decimal:
    account = Account.objects.filter(code=code).first()
    return Decimal(0) if account is None else Decimal(account.posted_credits) / 100


def debits(code: str) -> Decimal:
    account = Account.objects.filter(code=code).first()
    return Decimal(0) if account is None else Decimal(account.posted_debits) / 100


def refund(order: Order, amount: Decimal, key: str) -> bool:
    """payments' refund_owed: escrow -> refunds:CNY, never more than the escrow holds."""
    held = services.escrow_balance(order).amount
    amount = min(amount, held)
    if amount <= 0 or order.status not in (OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED):
        return False
    ledger.transfer(
        key, chart.escrow(order.public_id), ledger.get_or_create_account(chart.refunds("CNY"), "CNY"),
        Money(amount, "CNY"), kind="refund_owed",
    )  # fmt: skip
    return True


def check_invariants(funded: Decimal, sellers) -> None:
    assert ledger.trial_balance()["balanced"] is True
    assert ledger.verify_ledger() == []  # includes: nothing that may not go negative is overdrawn
    # CNY: what buyers paid is still in escrow, or owed back, or owed to customs, or margin, or sold for USD.
    escrows = sum((posted(a.code) for a in Account.objects.filter(code__startswith="escrow:")), Decimal(0))
    sold = credits(chart.fx_liquidity("CNY"))
    out = (
        posted(chart.refunds("CNY"))
        + posted(chart.customs_taxes_payable("CNY"))
        + posted(chart.fx_margin("CNY"))
    )
    assert funded == escrows + out + sold
    # USD: what was bought is commission, or owed to sellers, or paid out.
    bought = debits(chart.fx_liquidity("USD"))
    payable = sum((posted(chart.seller_payable(s.public_id, "USD")) for s in sellers), Decimal(0))
    paid_out = credits(chart.payout_clearing("USD"))  # money sent to banks
    assert bought == posted(chart.platform_commission("USD")) + payable + paid_out
    # The statement's figures agree with the ledger: every released net is paid out or still payable.
    nets = sum((r.net for r in Release.objects.all()), Decimal(0))
    paid = sum((p.amount for p in Payout.objects.filter(status=PayoutStatus.PAID)), Decimal(0))
    pending = sum((p.amount for p in Payout.objects.filter(status=PayoutStatus.PENDING)), Decimal(0))
    assert nets == paid + pending + sum((services.available_balance(s).amount for s in sellers), Decimal(0))
    for release in Release.objects.all():
        assert release.taxes + release.converted + release.fx_margin == release.gross
        assert release.commission + release.net == release.amount


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(step, min_size=8, max_size=24))
def test_random_sequences_keep_the_books(steps):
    try:
        with transaction.atomic():
            _run(steps)
            raise Rollback
    except Rollback:
        pass


def _run(steps) -> None:
    sellers = [make_seller(), make_seller()]
    placed = [paid_order(sellers[i % 2]) for i in range(ORDERS)]
    funded = sum((o.landed_total for o in placed), Decimal(0))
    now = T0
    for n, (kind, *args) in enumerate(steps):
        now += timedelta(hours=1)
        order = Order.objects.get(pk=placed[args[0]].pk) if kind not in ("wait_days", "auto_confirm",
                                                                       "run_payouts") else None  # fmt: skip
        try:
            if kind == "advance" and order.status == OrderStatus.PAID:
                services.ship(owner_of(order.seller), order.public_id, "USPS", tracking_number(), now=now)
            elif kind == "advance":
                services.deliver("system:carrier", order.public_id, now=now)
            elif kind == "confirm":
                services.confirm_receipt(order.buyer, order.public_id, now=now)
            elif kind == "partial_refund":
                refund(order, Decimal(args[1]) / 100, f"test-refund:{order.public_id}:{n}")
            elif kind == "refund_request":
                if refund(order, services.escrow_balance(order).amount, f"test-refund:{order.public_id}:{n}"):
                    orders.transition(order, OrderStatus.REFUND_REQUESTED, order.buyer, "refund", now=now)
            elif kind == "wait_days":
                now += timedelta(days=args[0])
            elif kind == "auto_confirm":
                services.auto_confirm(now=now)
            elif kind == "run_payouts":
                services.run_payouts(now=now)
        except (IllegalTransition, services.ReleaseNotAllowed):
            pass  # the step was not allowed in this state: nothing may have changed
        check_invariants(funded, sellers)
    # Whatever happened, a released order is completed and its escrow is empty.
    event(f"releases: {Release.objects.count()}, payouts: {Payout.objects.count()}")
    for release in Release.objects.select_related("order"):
        assert release.order.status == OrderStatus.COMPLETED
        assert services.escrow_balance(release.order).amount == 0
