"""China customs use cases: declare an order when it is paid and when it ships, send each message once, apply
the gateway's receipts once, and show a declaration to those who may see it.

`declare_order` and `declare_shipment` run inside the caller's transaction (the payment's event, the ship
service): they only write the declaration and its queued messages, and one outbox message per customs
message. The outbox sends them after the commit (`delivery.send_message`), so a crash between the commit and
the sending loses nothing, and the message's guid makes a resend the same message at the gateway.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from borderless.accounts.models import User
from borderless.customs.models import CustomsMessage, Declaration, MessageKind
from borderless.orders.models import Order
from borderless.payments import outbox

SYSTEM_CUSTOMS = "system:customs"
SEND_TOPIC = "customs.send"
CN_CBEC_REGIME = "CN-CBEC"
# What each message waits for before it leaves (CN-C9: the three documents before the inventory list).
PREREQUISITES: dict[str, tuple[str, ...]] = {
    MessageKind.ORDER: (),
    MessageKind.PAYMENT: (MessageKind.ORDER,),
    MessageKind.WAYBILL: (),
    MessageKind.INVENTORY: (MessageKind.ORDER, MessageKind.PAYMENT, MessageKind.WAYBILL),
}
AT_PAYMENT = (MessageKind.ORDER, MessageKind.PAYMENT)
AT_SHIPMENT = (MessageKind.ORDER, MessageKind.PAYMENT, MessageKind.WAYBILL, MessageKind.INVENTORY)


def needs_cn_customs(order: Order) -> bool:
    """A parcel into China through the CBEC channel (CN-C7): everything else clears no CN customs here."""
    quote = order.quote if isinstance(order.quote, dict) else {}
    return quote.get("destination") == "CN" and quote.get("regime") == CN_CBEC_REGIME


def declare_order(order: Order) -> Declaration | None:
    """The order has just been paid (inside that transaction): queue its order (CEB311) and payment (CEB411)
    messages. None for an order that needs no CN customs. Calling it again adds nothing."""
    return _declare(order, AT_PAYMENT)


def declare_shipment(order: Order) -> Declaration | None:
    """The order has just been shipped (inside that transaction): queue the waybill (CEB511) and the import
    inventory list (CEB621), and the first two if they were never queued. None if no CN customs."""
    return _declare(order, AT_SHIPMENT)


def _declare(order: Order, kinds: tuple[str, ...]) -> Declaration | None:
    if not needs_cn_customs(order):
        return None
    now = timezone.now()
    declaration, _ = Declaration.objects.get_or_create(
        order=order, defaults={"gateway": settings.CUSTOMS_GATEWAY, "created_at": now, "updated_at": now}
    )
    queued = set(declaration.messages.values_list("kind", flat=True))
    for kind in kinds:
        if kind in queued:
            continue
        message = CustomsMessage.objects.create(declaration=declaration, kind=kind, created_at=now)
        outbox.enqueue(SEND_TOPIC, {"message": str(message.guid)})
    return declaration


# Reading -------------------------------------------------------------------------------------------------


def may_see_declaration(user: User | None, order: Order) -> bool:
    """The order's seller and operators see the declaration; its buyer sees its status (the API trims)."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_operator or order.buyer_id == user.pk:
        return True
    membership = getattr(user, "membership", None)
    return membership is not None and membership.seller_id == order.seller_id


def declaration_of(order: Order) -> Declaration | None:
    return Declaration.objects.filter(order=order).prefetch_related("messages", "receipts").first()
