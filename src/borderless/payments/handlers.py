"""What payments does when other domains' events arrive (imported by PaymentsConfig.ready).

"customs refused" (published by customs when it rejects or refuses an order, customs/refusal.py): give the
buyer back what is left of the order's share, a system refund keyed by the declaration, so the refund is
opened once however often the event comes (the events bus runs the handler once; the key holds too). The
provider is asked after this handler's commit (the task queue), as for every system refund.
"""

from __future__ import annotations

from django.utils import timezone

from borderless import events
from borderless.payments.models import Payment, PaymentShare
from borderless.payments.refunds import open_system_refund

CUSTOMS_REFUSED = "customs refused"  # published by customs.refusal


@events.handler(CUSTOMS_REFUSED, key="payments.refund_refused_order")
def refund_refused_order(event: events.Event) -> None:
    # Lock order as payments' refunds take it: the share, then the payment.
    share = PaymentShare.objects.select_for_update().filter(order__public_id=event.payload["order"]).first()
    if share is None:
        return  # never paid: nothing to give back
    payment = Payment.objects.select_for_update().get(pk=share.payment_id)
    key = f"customs:{event.payload['declaration']}"
    open_system_refund(payment, share, event.payload["reason"], timezone.now(), key=key)
