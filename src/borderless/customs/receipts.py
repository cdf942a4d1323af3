"""Receipts from the customs gateway, applied once each and in the order customs issued them.

A receipt is recorded first (its (gateway, id) is unique: a twin waits on the index, then finds it applied),
under the declaration's row lock, then applied. One that comes too early (a release before the inventory
list's acceptance, a refusal before its hold) waits, unapplied, and is applied as soon as the receipt it
needs has been; one that comes too late (a hold after the release) is recorded and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from borderless import events
from borderless.customs import refusal
from borderless.customs.errors import InvalidReceipt
from borderless.customs.models import (
    CustomsMessage,
    CustomsReceipt,
    Declaration,
    DeclarationStatus,
    MessageKind,
    MessageStatus,
    ReceiptKind,
)
from borderless.customs.services import SYSTEM_CUSTOMS
from borderless.logistics.models import Parcel
from borderless.orders import services as orders
from borderless.orders.models import Order
from borderless.orders.state import OrderStatus, allowed_targets

D = DeclarationStatus
WAIT = None  # an outcome of None: the receipt waits for an earlier one
PARCEL_RELEASED = "parcel released"  # {"order", "parcel"}: customs released the order (public ids)


@dataclass(frozen=True, slots=True)
class ReceiptResult:
    receipt_id: str
    duplicate: bool
    outcome: str


def _parse(payload: object) -> tuple[str, str, str, datetime]:
    if not isinstance(payload, dict):
        raise InvalidReceipt("A receipt is an object with id, message, kind and issued_at.")
    receipt_id, guid, kind = payload.get("id"), payload.get("message"), payload.get("kind")
    if not isinstance(receipt_id, str) or not 1 <= len(receipt_id) <= 100:
        raise InvalidReceipt("id: the gateway's receipt id, 1 to 100 characters.")
    if kind not in ReceiptKind.values:
        raise InvalidReceipt(f"kind: one of {', '.join(ReceiptKind.values)}.")
    issued = parse_datetime(str(payload.get("issued_at") or ""))
    if issued is None or issued.tzinfo is None:
        raise InvalidReceipt("issued_at: an ISO 8601 time with its offset.")
    return receipt_id, str(guid), kind, issued


def receive(gateway: str, payload: dict) -> ReceiptResult:
    """Record and apply one receipt. InvalidReceipt (nothing recorded) if it is malformed or names no
    message of ours sent through this gateway."""
    receipt_id, guid, kind, issued = _parse(payload)
    if (found := CustomsReceipt.objects.filter(gateway=gateway, receipt_id=receipt_id).first()) is not None:
        return ReceiptResult(receipt_id, True, found.outcome)
    message = CustomsMessage.objects.filter(guid=_uuid(guid), declaration__gateway=gateway).first()
    if message is None:
        raise InvalidReceipt("The receipt names no message of ours.", {"message": guid[:60]})
    try:
        with transaction.atomic():
            declaration = Declaration.objects.select_for_update().get(pk=message.declaration_id)
            receipt = CustomsReceipt.objects.create(
                gateway=gateway, receipt_id=receipt_id, declaration=declaration, message=message, kind=kind,
                code=str(payload.get("code") or "")[:40], note=str(payload.get("note") or "")[:500],
                issued_at=issued, payload=payload,
            )  # fmt: skip
            _apply_waiting(declaration)
            receipt.refresh_from_db(fields=["outcome"])
            return ReceiptResult(receipt_id, False, receipt.outcome)
    except IntegrityError:
        found = CustomsReceipt.objects.filter(gateway=gateway, receipt_id=receipt_id).first()
        if found is None:
            raise
        return ReceiptResult(receipt_id, True, found.outcome)


def _uuid(value: str):
    import uuid

    try:
        return uuid.UUID(value)
    except ValueError:
        raise InvalidReceipt("message: the guid of one of our messages.") from None


def _apply_waiting(declaration: Declaration) -> None:
    """Apply every unapplied receipt of the declaration that can be, in the order customs issued them."""
    progress = True
    while progress:
        progress = False
        for receipt in declaration.receipts.filter(applied_at__isnull=True).select_related("message"):
            outcome = _apply(declaration, receipt)
            if outcome is WAIT:
                CustomsReceipt.objects.filter(pk=receipt.pk).update(outcome="waiting for an earlier receipt")
                continue
            receipt.applied_at = timezone.now()
            receipt.outcome = outcome[:200]
            receipt.save(update_fields=["applied_at", "outcome"])
            progress = True


def _apply(declaration: Declaration, receipt: CustomsReceipt) -> str | None:
    kind, status = receipt.kind, declaration.status
    if kind == ReceiptKind.ACCEPTED:
        return _accepted(declaration, receipt.message)
    if kind == ReceiptKind.REJECTED:
        _answer(receipt.message, MessageStatus.REJECTED)
        if status not in (D.OPEN, D.DECLARED, D.FAILED):
            return f"ignored: the declaration is already {status}"
        refusal.refuse(declaration, D.REJECTED, receipt.code, receipt.note)
        return f"applied: {receipt.message.kind} rejected ({receipt.code}), order refunded"
    if kind == ReceiptKind.HELD:
        if status == D.OPEN:
            return WAIT
        if status != D.DECLARED:
            return f"ignored: the declaration is already {status}"
        _set(declaration, D.HELD, receipt.code, receipt.note)
        return _move_order(declaration, OrderStatus.CUSTOMS_HELD, receipt)
    if kind == ReceiptKind.RELEASED:
        if status == D.OPEN:
            return WAIT
        if status not in (D.DECLARED, D.HELD):
            return f"ignored: the declaration is already {status}"
        _set(declaration, D.RELEASED, "", "")
        outcome = _move_order(declaration, OrderStatus.CUSTOMS_RELEASED, receipt)
        _announce_released(declaration)
        return outcome
    # refused: only a hold ends in refusal
    if status in (D.OPEN, D.DECLARED):
        return WAIT
    if status != D.HELD:
        return f"ignored: the declaration is already {status}"
    refusal.refuse(declaration, D.REFUSED, receipt.code, receipt.note)
    return "applied: refused after the hold, order refunded"


def _announce_released(declaration: Declaration) -> None:
    """In the receipt's transaction: logistics delivers an order whose parcels arrived before the release,
    others tell the buyer. The parcel is the order's first (the one its waybill names)."""
    order = declaration.order
    parcel = Parcel.objects.filter(order_id=order.pk).order_by("id").first()
    payload = {"order": str(order.public_id), "parcel": str(parcel.public_id) if parcel else None}
    events.publish(PARCEL_RELEASED, order, payload)


def _answer(message: CustomsMessage, status: str) -> bool:
    return bool(
        CustomsMessage.objects.filter(
            pk=message.pk, status__in=(MessageStatus.QUEUED, MessageStatus.SENT)
        ).update(status=status, answered_at=timezone.now())
    )


def _accepted(declaration: Declaration, message: CustomsMessage) -> str:
    if not _answer(message, MessageStatus.ACCEPTED):
        return f"ignored: {message.kind} already answered"
    if message.kind != MessageKind.INVENTORY:
        return f"applied: {message.kind} accepted"
    if declaration.status != D.OPEN:
        return f"applied: {message.kind} accepted (the declaration is {declaration.status})"
    _set(declaration, D.DECLARED, "", "")
    return _move_order(declaration, OrderStatus.CUSTOMS_DECLARED, None)


def _set(declaration: Declaration, status: str, code: str, note: str) -> None:
    declaration.status = status
    declaration.reason_code, declaration.reason_note = code[:40], note[:500]
    declaration.updated_at = timezone.now()
    declaration.save(update_fields=["status", "reason_code", "reason_note", "updated_at"])


def _move_order(declaration: Declaration, target: str, receipt: CustomsReceipt | None) -> str:
    order = Order.objects.select_for_update().get(pk=declaration.order_id)
    if target not in allowed_targets(order.status):
        return f"applied: declaration {declaration.status}; the order stays {order.status}"
    note = f"customs: {declaration.status}" + (f" ({receipt.code})" if receipt and receipt.code else "")
    orders.transition(order, target, SYSTEM_CUSTOMS, note)
    return f"applied: declaration {declaration.status}, order {target}"
