"""What customs does when other domains' events arrive (imported by CustomsConfig.ready).

"payment succeeded" (published by payments for each order a payment has paid): declare the order, that is
queue its order (CEB311) and payment (CEB411) messages (CN-C9). The handler runs once per event (the events
bus records it with its effects); `declare_order` adds nothing for an order already declared.

"order shipped" (published by logistics when the seller ships): queue the waybill (CEB511) and the import
inventory list (CEB621), and the order's first two messages if they were never queued. It comes after the
order's "payment succeeded" (events of one order are handled in the order published).
"""

from __future__ import annotations

from borderless import events
from borderless.customs import services
from borderless.orders.models import Order

PAYMENT_SUCCEEDED = "payment succeeded"  # published by payments.charges
ORDER_SHIPPED = "order shipped"  # published by logistics.services


@events.handler(PAYMENT_SUCCEEDED, key="customs.declare_paid_order")
def declare_paid_order(event: events.Event) -> None:
    # The order's row is locked as it was under the payment's transaction: shipping it (which declares the
    # waybill and inventory list) waits for this declaration, or this one for the shipment's.
    order = Order.objects.select_for_update().get(public_id=event.payload["order"])
    services.declare_order(order)


@events.handler(ORDER_SHIPPED, key="customs.declare_shipped_order")
def declare_shipped_order(event: events.Event) -> None:
    order = Order.objects.select_for_update().get(public_id=event.payload["order"])
    services.declare_shipment(order)
