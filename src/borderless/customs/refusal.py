"""When customs says no: a rejected message, or a hold that ends in refusal (CN-C9/C10).

The buyer gets everything back in full (a system refund of what is left of the order's share), the stock
goes back to the seller's shelf (the parcel never reached the buyer) and the annual CBEC quota is restored
(CN-C6). The reason stays on the declaration: the buyer reads it in Chinese, the seller in English.
"""

from __future__ import annotations

from django.utils import timezone

from borderless.customs.models import Declaration
from borderless.customs.services import SYSTEM_CUSTOMS
from borderless.orders import services as orders
from borderless.orders.models import Order
from borderless.orders.state import OrderStatus, allowed_targets
from borderless.payments.models import Payment, PaymentShare
from borderless.payments.refunds import open_system_refund


def refuse(declaration: Declaration, status: str, code: str, note: str) -> None:
    """Inside the receipt's transaction, the declaration locked. Refunds, restocks, restores the quota."""
    now = timezone.now()
    declaration.status = status
    declaration.reason_code, declaration.reason_note = code[:40], note[:500]
    declaration.updated_at = now
    declaration.save(update_fields=["status", "reason_code", "reason_note", "updated_at"])
    reason = f"customs {status}: {code or 'no reason given'}"
    # Lock order as payments' refunds take it: the share, then the payment, then the order.
    share = PaymentShare.objects.select_for_update().filter(order_id=declaration.order_id).first()
    payment = Payment.objects.select_for_update().get(pk=share.payment_id) if share else None
    order = Order.objects.select_for_update().get(pk=declaration.order_id)
    orders.return_stock(order, now=now)
    orders.restore_annual_quota(order, now=now)
    targets = allowed_targets(order.status)
    if OrderStatus.REFUNDED not in targets and OrderStatus.REFUND_REQUESTED in targets:
        # Shipped or declared: the refund is asked for now and completes when the provider has paid.
        orders.transition(order, OrderStatus.REFUND_REQUESTED, SYSTEM_CUSTOMS, reason, now=now)
    if share is not None:
        open_system_refund(payment, share, reason, now, key=f"customs:{declaration.public_id}")
