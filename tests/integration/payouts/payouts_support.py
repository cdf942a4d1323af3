"""Paid orders for the payout tests, funded in the ledger exactly as payments' capture funds them."""

import itertools
from datetime import UTC, datetime
from decimal import Decimal

from borderless.ledger import chart
from borderless.ledger import services as ledger
from borderless.money import Money
from borderless.orders import services as orders
from borderless.orders.models import Order
from factories import ADDRESS, IDENTITY, make_buyer, make_product, make_seller

# The worked example: 125.00 USD of goods; the buyer paid 991.00 CNY of which 91.00 import taxes, at
# 7.2 CNY per USD (the ECB's 7.128 plus the platform's margin).
WORKED_FX = {
    "base": "USD",
    "quote": "CNY",
    "rate": "7.2",
    "reference_rate": "7.128",
    "margin_bps": 101,
    "date": "2026-11-24",
    "requested_date": "2026-11-24",
    "source": "ECB",
    "stale": False,
}
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
_codes = itertools.count(1)


def fund(order: Order, amount: Decimal | None = None) -> None:
    """payment_clearing:CNY -> escrow:order:<id>, as payments' capture posts it."""
    amount = order.landed_total if amount is None else amount
    ledger.transfer(
        f"test-capture:{order.public_id}",
        ledger.get_or_create_account(chart.payment_clearing("CNY"), "CNY"),
        ledger.get_or_create_account(chart.escrow(order.public_id), "CNY"),
        Money(amount, "CNY"),
        kind="payment_capture",
    )


def paid_order(seller=None, buyer=None, price=Decimal("125.00"), category="american-ginseng", worked=True,
               now=T0) -> Order:  # fmt: skip
    """One paid, funded order of one unit. `worked` pins the worked example's rate and taxes on it.

    Marked paid without a payment (and, with `worked`, with totals checkout did not price): China customs
    cannot declare it (its CEB311 is invalid: no captured payment to declare). For a journey through
    customs, use `paid_through_sandbox`."""
    seller = seller or make_seller()
    buyer = buyer or make_buyer()
    hs = {"american-ginseng": "121120", "honey": "040900", "handbags": "420221"}[category]
    product = make_product(
        seller, category=category, hs_code=hs,
        skus=[{"code": f"PO{next(_codes)}", "price_usd": price, "stock": 50}],
    )  # fmt: skip
    orders.add_to_cart(buyer, product.skus.get().public_id, 1)
    result = orders.checkout(buyer, f"payouts-{next(_codes)}", ADDRESS, IDENTITY)
    order = result.orders[0]
    if worked:
        Order.objects.filter(pk=order.pk).update(
            fx=WORKED_FX, tax_total=Decimal("91.00"), landed_total=Decimal("991.00")
        )
        order.refresh_from_db()
    orders.mark_checkout_paid(order.checkout, "system:payments", now=now)
    order.refresh_from_db()
    fund(order)
    return order


def account_balance(code: str) -> Decimal:
    from borderless.ledger.models import Account

    account = Account.objects.filter(code=code).first()
    return Decimal("0.00") if account is None else ledger.balance(account).posted.amount


def paid_through_sandbox(seller=None, buyer=None, price=Decimal("125.00")) -> Order:
    """One order of one unit paid through the sandbox provider and its signed webhook (as a buyer pays),
    priced as checkout prices it (customs checks the declared figures add up). Needs the webhook secret
    set and the task queue immediate; run inside `django_capture_on_commit_callbacks(execute=True)`."""
    from borderless.payments.services import sandbox_complete, start_payment

    seller = seller or make_seller()
    buyer = buyer or make_buyer()
    product = make_product(
        seller, category="american-ginseng", hs_code="121120",
        skus=[{"code": f"PS{next(_codes)}", "price_usd": price, "stock": 50}],
    )  # fmt: skip
    orders.add_to_cart(buyer, product.skus.get().public_id, 1)
    result = orders.checkout(buyer, f"sandbox-{next(_codes)}", ADDRESS, IDENTITY)
    order = result.orders[0]
    payment, _ = start_payment(buyer, result.checkout.public_id)
    sandbox_complete(buyer, payment.public_id, "succeeded")
    order.refresh_from_db()
    return order
