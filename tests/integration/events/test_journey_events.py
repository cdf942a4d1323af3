"""The journey's events as other domains rely on them: their names, payloads and aggregate (the order), and
customs declaring a shipment it hears of from logistics, once however often the event is delivered."""

import itertools

import pytest
from events_support import open_payment, provider_says_paid

from borderless.customs.models import CustomsMessage
from borderless.events import outbox
from borderless.events.models import HandledEvent, OutboxMessage
from borderless.logistics.models import Parcel
from borderless.payouts import services as payouts
from factories import owner_of

pytestmark = pytest.mark.django_db
_numbers = itertools.count(1)


def _paid_and_shipped():
    payment, order = open_payment()
    provider_says_paid(payment)
    outbox.deliver_due()  # "payment succeeded": customs declares the order
    payouts.ship(owner_of(order.seller), order.public_id, "UPS", f"1Z999AA1{next(_numbers):010d}")
    return order


def _event(name: str) -> OutboxMessage:
    return OutboxMessage.objects.get(topic=f"event:{name}")


def test_shipping_announces_the_order_and_its_parcel_and_customs_declares_the_shipment_after_it():
    order = _paid_and_shipped()
    shipped = _event("order shipped")
    parcel = Parcel.objects.get(order=order)
    assert shipped.payload == {"order": str(order.public_id), "parcel": str(parcel.public_id)}
    assert shipped.aggregate == f"orders.order:{order.public_id}"
    kinds = set(CustomsMessage.objects.filter(declaration__order=order).values_list("kind", flat=True))
    assert kinds == {"CEB311", "CEB411"}  # the waybill waits for the event's delivery
    outbox.deliver_due()
    kinds = set(CustomsMessage.objects.filter(declaration__order=order).values_list("kind", flat=True))
    assert {"CEB511", "CEB621"} <= kinds
    handled = HandledEvent.objects.filter(event=shipped.public_id).values_list("handler", flat=True)
    assert [h for h in handled if h.startswith("customs.")] == ["customs.declare_shipped_order"]


def test_a_redelivered_order_shipped_queues_the_waybill_once():
    order = _paid_and_shipped()
    outbox.deliver_due()
    shipped = _event("order shipped")
    before = CustomsMessage.objects.filter(declaration__order=order).count()
    for _ in range(2):
        OutboxMessage.objects.filter(pk=shipped.pk).update(sent_at=None, locked_until=None)
        outbox.deliver_due()
    assert CustomsMessage.objects.filter(declaration__order=order).count() == before
    assert HandledEvent.objects.filter(event=shipped.public_id, handler__startswith="customs.").count() == 1


def test_a_delivery_recorded_by_the_seller_announces_the_parcel_delivered():
    order = _paid_and_shipped()
    payouts.deliver(owner_of(order.seller), order.public_id)
    delivered = _event("parcel delivered")
    parcel = Parcel.objects.get(order=order)
    assert delivered.payload == {"order": str(order.public_id), "parcel": str(parcel.public_id)}
    assert delivered.aggregate == f"orders.order:{order.public_id}"
    order.refresh_from_db()
    assert order.status == "delivered"
