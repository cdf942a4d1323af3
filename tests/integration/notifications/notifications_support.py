"""A paid order (checked out, paid through the sandbox provider), events published as their domains do,
and the outbox delivered as a worker would."""

import itertools
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from borderless import events
from borderless.events import outbox
from borderless.events.models import OutboxMessage
from borderless.notifications import sms
from borderless.orders import services as orders
from borderless.payments import sandbox
from borderless.payments.services import start_payment
from borderless.payments.webhooks import apply_event
from factories import ADDRESS, IDENTITY, make_buyer, make_product, make_seller, owner_of

_codes = itertools.count(1)


def paid_order(buyer=None, price=Decimal("39.00")):
    """A buyer's order, paid: "payment succeeded" is in the outbox, not delivered yet."""
    buyer = buyer or make_buyer()
    seller = make_seller()
    made = make_product(seller, skus=[{"code": f"NT{next(_codes)}", "price_usd": price, "stock": 10}])
    orders.add_to_cart(buyer, made.skus.get().public_id, 1)
    result = orders.checkout(buyer, f"notify-{next(_codes)}", ADDRESS, IDENTITY)
    payment, _ = start_payment(buyer, result.checkout.public_id)
    apply_event("sandbox", sandbox.make_event("payment.succeeded", payment))
    order = result.orders[0]
    order.refresh_from_db()
    return order, owner_of(seller)


def publish(name: str, order, payload: dict):
    with transaction.atomic():
        return events.publish(name, order, payload)


def deliver(later_seconds: int = 0) -> None:
    """Everything the worker would do now: the events, then the sends they queued."""
    for _ in range(2):
        outbox.deliver_due(now=timezone.now() + timedelta(seconds=later_seconds))


def redeliver(topic: str) -> None:
    """Every message of `topic` delivered again, as after a twin worker or a lost acknowledgement."""
    OutboxMessage.objects.filter(topic=topic).update(sent_at=None, locked_until=None)
    deliver()


def sms_sent() -> list[dict]:
    return sms.SandboxSms().sent()
