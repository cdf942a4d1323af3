"""Helpers for the payment tests: a paid-for checkout from one or two sellers, signed webhook deliveries."""

import itertools
from decimal import Decimal

from borderless.ledger import services as ledger
from borderless.ledger.models import Account
from borderless.orders import services as orders
from borderless.payments import sandbox, signing
from borderless.payments.models import Payment
from borderless.payments.services import start_payment
from factories import ADDRESS, IDENTITY, make_buyer, make_product, make_seller

_codes = itertools.count(1)


def sku(seller=None, price=Decimal("39.00"), stock=10):
    seller = seller or make_seller()
    product = make_product(seller, skus=[{"code": f"P{next(_codes)}", "price_usd": price, "stock": stock}])
    return product.skus.get()


def checkout_for(buyer=None, sellers=1, quantity=1):
    """A buyer's checkout with one order per seller (each one SKU, `quantity` units)."""
    buyer = buyer or make_buyer()
    skus = [sku() for _ in range(sellers)]
    for s in skus:
        orders.add_to_cart(buyer, s.public_id, quantity)
    result = orders.checkout(buyer, f"co-{next(_codes)}", ADDRESS, IDENTITY)
    return buyer, result, skus


def open_payment(sellers=1, quantity=1):
    buyer, result, skus = checkout_for(sellers=sellers, quantity=quantity)
    payment, _ = start_payment(buyer, result.checkout.public_id)
    return buyer, payment, skus


def event(event_type: str, payment: Payment, event_id: str | None = None) -> dict:
    e = sandbox.make_event(event_type, payment)
    if event_id:
        e["id"] = event_id
    return e


def signed(e: dict, secret: str, timestamp: int | None = None) -> tuple[bytes, str]:
    body = sandbox.event_body(e)
    return body, signing.sign(body, secret, timestamp)


def balance(code: str) -> Decimal:
    account = Account.objects.filter(code=code).first()
    return Decimal("0.00") if account is None else ledger.balance(account).posted.amount
