"""An order bound for China, checked out and opened for payment, and the provider's word that it is paid."""

import itertools
from decimal import Decimal

from borderless.orders import services as orders
from borderless.payments import sandbox
from borderless.payments.services import start_payment
from borderless.payments.webhooks import apply_event
from factories import ADDRESS, IDENTITY, make_buyer, make_product, make_seller

_codes = itertools.count(1)
EFFECT = "test.effect"  # a handler's side effect in the events tests: an outbox message of this topic


def open_payment(price=Decimal("39.00")):
    buyer = make_buyer()
    made = make_product(make_seller(), skus=[{"code": f"EV{next(_codes)}", "price_usd": price, "stock": 10}])
    orders.add_to_cart(buyer, made.skus.get().public_id, 1)
    result = orders.checkout(buyer, f"events-{next(_codes)}", ADDRESS, IDENTITY)
    payment, _ = start_payment(buyer, result.checkout.public_id)
    return payment, result.orders[0]


def provider_says_paid(payment):
    """The provider's verified "payment.succeeded", applied as the webhook endpoint applies it."""
    return apply_event("sandbox", sandbox.make_event("payment.succeeded", payment))
