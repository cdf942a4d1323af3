"""China customs use cases: declare an order when it is paid and when it ships, send each message once, apply
the gateway's receipts once, and show a declaration to those who may see it.

`declare_order` and `declare_shipment` run inside the caller's transaction (the "payment succeeded" event's
handler, `customs.handlers`; the ship service): they only write the declaration and its queued messages,
and one outbox message per customs message. The outbox sends them after the commit
(`delivery.send_message`), so a crash between the commit and the sending loses nothing, and the message's
guid makes a resend the same message at the gateway.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from borderless.accounts.models import User
from borderless.customs.models import (
    CustomsMessage,
    Declaration,
    DeclarationStatus,
    MessageKind,
    MessageStatus,
)
from borderless.events import outbox
from borderless.orders import queries
from borderless.orders.models import Order

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
    """The order has been paid (the event's handler, after the payment's commit): queue its order (CEB311)
    and payment (CEB411) messages. None for an order that needs no CN customs. Again, it adds nothing."""
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


@dataclass(frozen=True, slots=True)
class DeclarationView:
    declaration: Declaration
    full: bool  # the seller and operators see messages and receipts; the buyer only the status and reason


def sees_customs_detail(user: User, order: Order) -> bool:
    if user.is_operator:
        return True
    membership = getattr(user, "membership", None)
    return membership is not None and membership.seller_id == order.seller_id


def declaration_for(user: User | None, order_public_id) -> DeclarationView:
    """The order's declaration as `user` may see it. Order.DoesNotExist for anyone who may not see the order;
    Declaration.DoesNotExist when the order has none (not paid yet, or not bound for China)."""
    order = queries.visible_order(user, order_public_id)
    declaration = (
        Declaration.objects.select_related("order").prefetch_related("messages", "receipts").get(order=order)
    )
    return DeclarationView(declaration, sees_customs_detail(user, order))


def declaration_of(order: Order) -> Declaration | None:
    """For the order pages of buyer and seller (who have already been allowed to see the order)."""
    return Declaration.objects.filter(order=order).first()


def declarations_by_order(order_ids) -> dict[int, Declaration]:
    """The declarations of a page of orders, in one query (order pages show the customs status)."""
    return {d.order_id: d for d in Declaration.objects.filter(order_id__in=list(order_ids))}


# Operators ------------------------------------------------------------------------------------------------


def _require_operator(user: User | None) -> None:
    if user is None or not user.is_authenticated or not user.is_operator:
        raise PermissionDenied("Customs declarations are for Borderless staff.")


def operator_declarations(user: User, status: str = "", limit: int = 200) -> list[Declaration]:
    """Declarations newest first, optionally of one status, with their orders' sellers."""
    _require_operator(user)
    found = Declaration.objects.select_related("order", "order__seller").order_by("-created_at", "-id")
    if status in DeclarationStatus.values:
        found = found.filter(status=status)
    return list(found[:limit])


def operator_declaration(user: User, public_id) -> Declaration:
    """One declaration with its messages and receipts; Declaration.DoesNotExist if there is none."""
    _require_operator(user)
    return (
        Declaration.objects.select_related("order", "order__seller")
        .prefetch_related("messages", "receipts")
        .get(public_id=public_id)
    )


def message_as_sent(user: User, guid) -> CustomsMessage:
    """A message with its XML, for an operator to download (it holds the buyer's full ID number)."""
    _require_operator(user)
    return CustomsMessage.objects.select_related("declaration").get(guid=guid)


def resend_failed(user: User, public_id) -> int:
    """An operator has fixed what made messages invalid: build and send them again. The number queued;
    Declaration.DoesNotExist if there is none; 0 unless the declaration had failed."""
    _require_operator(user)
    with transaction.atomic():
        declaration = Declaration.objects.select_for_update().get(public_id=public_id)
        if declaration.status != DeclarationStatus.FAILED:
            return 0
        invalid = list(declaration.messages.filter(status=MessageStatus.INVALID))
        CustomsMessage.objects.filter(pk__in=[m.pk for m in invalid]).update(
            status=MessageStatus.QUEUED, xml="", error=""
        )
        declaration.status, declaration.reason_code, declaration.reason_note = DeclarationStatus.OPEN, "", ""
        declaration.updated_at = timezone.now()
        declaration.save(update_fields=["status", "reason_code", "reason_note", "updated_at"])
        for message in declaration.messages.filter(status=MessageStatus.QUEUED):
            outbox.enqueue(SEND_TOPIC, {"message": str(message.guid)})
    return len(invalid)
