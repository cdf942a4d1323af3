"""One sale made the way a buyer, a seller and the platform make it: cart, checkout, sandbox payment (its
signed webhook delivered from the outbox), shipment, delivery, confirmation (escrow released), payouts and
refunds. Used by the demo's year of history and by tests that need real trade behind their figures.
"""

from __future__ import annotations

import itertools
from datetime import datetime

from borderless.accounts.models import User
from borderless.events import outbox
from borderless.orders import services as orders
from borderless.orders.models import Order
from borderless.payments.charges import start_payment
from borderless.payments.refunds import request_refund
from borderless.payments.sandbox import SandboxProvider
from borderless.payouts import services as payouts

_serial = itertools.count(1)


def buy(buyer: User, items: list[tuple[object, int]], address: dict, identity: dict, key: str | None = None,
        *, now: datetime | None = None) -> list[Order]:  # fmt: skip
    """The buyer puts SKUs (public ids) in the cart, checks out and pays at the sandbox; the webhook is
    delivered from the outbox as the worker would. Returns the paid orders (one per seller)."""
    for sku_public_id, quantity in items:
        orders.add_to_cart(buyer, sku_public_id, quantity)
    result = orders.checkout(buyer, key or f"trade-{next(_serial)}", address, identity, now=now)
    payment, _provider_payment = start_payment(buyer, result.checkout.public_id)
    SandboxProvider().complete(payment, "succeeded")
    outbox.deliver_due(now)
    return [Order.objects.get(pk=o.pk) for o in result.orders]


def seller_user(order: Order) -> User:
    return order.seller.memberships.select_related("user").order_by("id").first().user


def ship(order: Order, carrier: str, tracking: str, *, now: datetime | None = None) -> Order:
    return payouts.ship(seller_user(order), order.public_id, carrier, tracking, now=now)


def deliver(order: Order, *, now: datetime | None = None) -> Order:
    return payouts.deliver(seller_user(order), order.public_id, now=now)


def confirm(order: Order, *, now: datetime | None = None) -> Order:
    """The buyer confirms receipt: escrow is released to the seller."""
    return payouts.confirm_receipt(order.buyer, order.public_id, now=now)


def refund(order: Order, amount, reason: str, *, now: datetime | None = None):
    """The buyer asks for money back (before shipment, or a partial refund agreed with the seller)."""
    return request_refund(order.buyer, order.public_id, amount, reason, f"refund-{order.public_id}", now=now)


def pay_sellers(*, now: datetime | None = None):
    return payouts.run_payouts(now=now)
