"""When customs says no: a rejected message, or a hold that ends in refusal (CN-C9/C10).

The stock goes back to the seller's shelf (the parcel never reached the buyer) and the annual CBEC quota is
restored (CN-C6), in the receipt's transaction; "customs refused" is published with them, and payments gives
the buyer everything back in full when it hears it (a system refund of what is left of the order's share,
payments/handlers.py). The reason stays on the declaration: the buyer reads it in Chinese, the seller in
English.
"""

from __future__ import annotations

from django.utils import timezone

from borderless import events
from borderless.customs.models import Declaration
from borderless.customs.services import SYSTEM_CUSTOMS
from borderless.orders import services as orders
from borderless.orders.models import Order
from borderless.orders.state import OrderStatus, allowed_targets

# {"order", "declaration" (public ids), "reason"}: customs rejected or refused the order; refund it in full.
CUSTOMS_REFUSED = "customs refused"


def refuse(declaration: Declaration, status: str, code: str, note: str) -> None:
    """Inside the receipt's transaction, the declaration locked. Restocks, restores the quota, and announces
    the refusal (payments refunds the order)."""
    now = timezone.now()
    declaration.status = status
    declaration.reason_code, declaration.reason_note = code[:40], note[:500]
    declaration.updated_at = now
    declaration.save(update_fields=["status", "reason_code", "reason_note", "updated_at"])
    reason = f"customs {status}: {code or 'no reason given'}"
    order = Order.objects.select_for_update().get(pk=declaration.order_id)
    orders.return_stock(order, now=now)
    orders.restore_annual_quota(order, now=now)
    targets = allowed_targets(order.status)
    if OrderStatus.REFUNDED not in targets and OrderStatus.REFUND_REQUESTED in targets:
        # Shipped or declared: the refund is asked for now and completes when the provider has paid.
        orders.transition(order, OrderStatus.REFUND_REQUESTED, SYSTEM_CUSTOMS, reason, now=now)
    events.publish(
        CUSTOMS_REFUSED,
        order,
        {"order": str(order.public_id), "declaration": str(declaration.public_id), "reason": reason},
    )
