"""Orders bound for China, paid through the sandbox provider and shipped, for the customs tests."""

import itertools
from datetime import timedelta
from decimal import Decimal

from django.test import TestCase
from django.utils import timezone

from borderless.customs.models import CustomsMessage, Declaration
from borderless.customs.sandbox import RECEIPT_TOPIC
from borderless.events import outbox
from borderless.events.models import OutboxMessage
from borderless.orders import services as orders
from borderless.orders.models import Order
from borderless.payments.services import sandbox_complete, start_payment
from borderless.payouts.services import ship
from factories import ADDRESS, IDENTITY, make_buyer, make_product, make_seller, owner_of

SKIN_CARE = {"category": "skin-care", "hs_code": "330499", "title_en": "Face cream", "title_zh": "面霜"}
_codes = itertools.count(1)


def paid_order(quantity=1, price=Decimal("39.00"), stock=10, sellers=1, deliver=True, **product) -> Order:
    """One buyer's checkout, paid in the sandbox (its webhook delivered). With `deliver`, the customs
    messages leave and their receipts come back at once; without, they wait in the outbox, as when the
    worker died right after the commit. Returns the first seller's order (all share the payment)."""
    buyer = make_buyer()
    for _ in range(sellers):
        seller = make_seller()
        made = make_product(
            seller, skus=[{"code": f"CU{next(_codes)}", "price_usd": price, "stock": stock}], **product
        )
        orders.add_to_cart(buyer, made.skus.get().public_id, quantity)
    result = orders.checkout(buyer, f"customs-{next(_codes)}", ADDRESS, IDENTITY)
    payment, _ = start_payment(buyer, result.checkout.public_id)
    sandbox_complete(buyer, payment.public_id, "succeeded")
    outbox.deliver_due()  # the webhook: orders paid, customs messages queued (nothing kicked in a test)
    if deliver:
        later(0)
    order = result.orders[0]
    order.refresh_from_db()
    return order


def ship_order(order: Order, carrier="UPS", tracking=None, deliver=True) -> Order:
    """Ship it: customs hears "order shipped" and queues the waybill and inventory list; with `deliver` they
    leave and are answered at once, without they wait in the outbox."""
    ship(owner_of(order.seller), order.public_id, carrier, tracking or f"1Z999AA1{next(_codes):010d}")
    hear_events()
    if deliver:
        later(0)
    order.refresh_from_db()
    return order


def hear_events() -> int:
    """Deliver the events that are due, as the worker does right after their commit, but not the messages
    their handlers queue (those wait, as when the worker died right after the handler's commit)."""
    due = OutboxMessage.objects.filter(
        topic__startswith="event:", sent_at__isnull=True, available_at__lte=timezone.now()
    )
    now = timezone.now()
    return sum(
        outbox._deliver_one(pk, aggregate, now) == outbox.SENT
        for pk, aggregate in due.order_by("id").values_list("pk", "aggregate")
    )


def send_without_answers() -> int:
    """Send the due customs messages; the gateway's receipts stay in the outbox (see `receipts_waiting`)."""
    return outbox.deliver_due()


def receipts_waiting() -> list[dict]:
    """The sandbox's receipts not delivered yet, in the order it issued them."""
    rows = OutboxMessage.objects.filter(topic=RECEIPT_TOPIC, sent_at__isnull=True).order_by(
        "available_at", "id"
    )
    return [row.payload for row in rows]


def committed():
    """Run what the block's commit would start (the outbox's kick), as after a real commit."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def later(seconds: int) -> int:
    """Deliver what the outbox holds for `seconds` from now (the sandbox's later verdicts)."""
    with committed():
        return outbox.deliver_due(now=timezone.now() + timedelta(seconds=seconds))


def declaration(order: Order) -> Declaration:
    return Declaration.objects.get(order=order)


def message(order: Order, kind: str) -> CustomsMessage:
    return CustomsMessage.objects.get(declaration__order=order, kind=kind)
