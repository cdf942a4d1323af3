"""What customs does when other domains' events arrive (imported by CustomsConfig.ready).

"payment succeeded" (published by payments for each order a payment has paid): declare the order, that is
queue its order (CEB311) and payment (CEB411) messages (CN-C9). The handler runs once per event (the events
bus records it with its effects); `declare_order` adds nothing for an order already declared.
"""

from __future__ import annotations

from borderless import events
from borderless.customs import services
from borderless.orders.models import Order

PAYMENT_SUCCEEDED = "payment succeeded"  # published by payments.charges


@events.handler(PAYMENT_SUCCEEDED, key="customs.declare_paid_order")
def declare_paid_order(event: events.Event) -> None:
    # The order's row is locked as it was under the payment's transaction: shipping it (which declares the
    # waybill and inventory list) waits for this declaration, or this one for the shipment's.
    order = Order.objects.select_for_update().get(public_id=event.payload["order"])
    services.declare_order(order)
