"""What logistics does when other domains' events arrive (imported by LogisticsConfig.ready).

"parcel released" (published by customs when it releases an order): an order whose parcels were all
reported delivered while it waited for customs is delivered now (which starts the auto-confirmation window
and publishes "parcel delivered"). An order whose parcels have not all arrived is left shipped-and-released;
the carrier's delivered event delivers it later. The periodic `deliver_released` job stays as the backstop.
"""

from __future__ import annotations

from borderless import events
from borderless.logistics import tracking
from borderless.orders.models import Order

PARCEL_RELEASED = "parcel released"  # published by customs.receipts


@events.handler(PARCEL_RELEASED, key="logistics.deliver_released_order")
def deliver_released_order(event: events.Event) -> None:
    order_ids = Order.objects.filter(public_id=event.payload["order"]).values_list("pk", flat=True)
    tracking.deliver_tracked(list(order_ids))
