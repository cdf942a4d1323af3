"""The sandbox customs: behaves like China's single window, inside the platform.

It takes each message once (by guid), validates it against the schema and the rules below, and answers
through the outbox and the task queue, as the real one answers by receipt: later, possibly twice.

Rejections (receipt `rejected`, with a code from `customs.reasons`):
- any message that breaks the schema: `schema`;
- CEB311: the buyer's ID check digit is wrong (`id_check_digit`); acturalPaid is not
  goodsValue + freight + taxTotal − discount (`actural_paid_sum`); the lines do not add up to goodsValue
  (`goods_value_sum`);
- CEB411: no accepted CEB311 for its orderNo (`missing_document`); the payer's name or ID number is not the
  buyer's (`payer_not_orderer`); amountPaid is not the order's acturalPaid (`paid_mismatch`);
- CEB621: an earlier document (CEB311, CEB411, the CEB511 of its logisticsNo) missing or not accepted
  (`missing_document`); the buyer differs from the order's (`buyer_mismatch`); the lines' value differs
  from the order's goodsValue (`value_mismatch`); gross weight below net weight (`weight`); the order
  already declared (`duplicate_declaration`).
After an accepted inventory list, the verdict comes `CUSTOMS_SANDBOX_VERDICT_SECONDS` later:
- a hold (`inspection`) when a line is in HS chapter 30 (medicines) or 33 (cosmetics), which customs
  inspects; the hold ends, as long again later, in a refusal (`personal_use_exceeded`) when such a line has
  more than PERSONAL_USE_UNITS units, else in a release;
- a release otherwise.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from borderless.customs.errors import InvalidMessage
from borderless.customs.models import SandboxCustomsRecord
from borderless.customs.schema import NAMESPACE, validate
from borderless.events import outbox
from borderless.orders.identity import check_digit

NAME = "sandbox"
RECEIPT_TOPIC = "customs.sandbox.receipt"
HOLD_CHAPTERS = frozenset({"30", "33"})
PERSONAL_USE_UNITS = 6
_NS = {"ceb": NAMESPACE}


def _text(node, path: str) -> str:
    found = node.find(path, _NS)
    return (found.text or "").strip() if found is not None else ""


def _amount(node, path: str) -> Decimal:
    return Decimal(_text(node, path) or "0")


def _id_ok(number: str) -> bool:
    return len(number) == 18 and check_digit(number[:17]) == number[17]


def _order_facts(doc) -> dict:
    head = doc.find("ceb:Order/ceb:OrderHead", _NS)
    lines = doc.findall("ceb:Order/ceb:OrderList", _NS)
    return {
        "order_no": _text(head, "ceb:orderNo"),
        "buyer_name": _text(head, "ceb:buyerName"),
        "buyer_id": _text(head, "ceb:buyerIdNumber"),
        "goods_value": str(_amount(head, "ceb:goodsValue")),
        "freight": str(_amount(head, "ceb:freight")),
        "discount": str(_amount(head, "ceb:discount")),
        "tax_total": str(_amount(head, "ceb:taxTotal")),
        "actural_paid": str(_amount(head, "ceb:acturalPaid")),
        "pay_transaction_id": _text(head, "ceb:payTransactionId"),
        "lines_value": str(sum((_amount(line, "ceb:totalPrice") for line in lines), Decimal(0))),
    }


def _payment_facts(doc) -> dict:
    head = doc.find("ceb:Payment/ceb:PaymentHead", _NS)
    return {
        "order_no": _text(head, "ceb:orderNo"),
        "payer_name": _text(head, "ceb:payerName"),
        "payer_id": _text(head, "ceb:payerIdNumber"),
        "amount_paid": str(_amount(head, "ceb:amountPaid")),
        "pay_transaction_id": _text(head, "ceb:payTransactionId"),
    }


def _waybill_facts(doc) -> dict:
    head = doc.find("ceb:Logistics/ceb:LogisticsHead", _NS)
    return {"logistics_no": _text(head, "ceb:logisticsNo"), "freight": str(_amount(head, "ceb:freight"))}


def _inventory_facts(doc) -> dict:
    head = doc.find("ceb:Inventory/ceb:InventoryHead", _NS)
    lines = doc.findall("ceb:Inventory/ceb:InventoryList", _NS)
    return {
        "order_no": _text(head, "ceb:orderNo"),
        "logistics_no": _text(head, "ceb:logisticsNo"),
        "buyer_name": _text(head, "ceb:buyerName"),
        "buyer_id": _text(head, "ceb:buyerIdNumber"),
        "gross": str(_amount(head, "ceb:grossWeight")),
        "net": str(_amount(head, "ceb:netWeight")),
        "lines_value": str(sum((_amount(line, "ceb:totalPrice") for line in lines), Decimal(0))),
        "lines": [
            {"gcode": _text(line, "ceb:gcode"), "qty": str(_amount(line, "ceb:qty"))} for line in lines
        ],
    }


def _accepted(kind: str, reference: str) -> dict | None:
    found = SandboxCustomsRecord.objects.filter(kind=kind, reference=reference, accepted=True).first()
    return found.facts if found is not None else None


def _check_order(f: dict) -> str:
    if not _id_ok(f["buyer_id"]):
        return "id_check_digit"
    d = {k: Decimal(f[k]) for k in ("goods_value", "freight", "tax_total", "discount", "actural_paid")}
    if d["goods_value"] + d["freight"] + d["tax_total"] - d["discount"] != d["actural_paid"]:
        return "actural_paid_sum"
    if Decimal(f["lines_value"]) != d["goods_value"]:
        return "goods_value_sum"
    return ""


def _check_payment(f: dict) -> str:
    order = _accepted("CEB311", f["order_no"])
    if order is None:
        return "missing_document"
    if f["payer_name"] != order["buyer_name"] or f["payer_id"] != order["buyer_id"]:
        return "payer_not_orderer"
    if Decimal(f["amount_paid"]) != Decimal(order["actural_paid"]):
        return "paid_mismatch"
    return ""


def _check_inventory(f: dict) -> str:
    order = _accepted("CEB311", f["order_no"])
    if order is None or _accepted("CEB411", f["order_no"]) is None:
        return "missing_document"
    if _accepted("CEB511", f["logistics_no"]) is None:
        return "missing_document"
    if _accepted("CEB621", f["order_no"]) is not None:
        return "duplicate_declaration"
    if (
        not _id_ok(f["buyer_id"])
        or f["buyer_id"] != order["buyer_id"]
        or f["buyer_name"] != order["buyer_name"]
    ):
        return "buyer_mismatch"
    if Decimal(f["lines_value"]) != Decimal(order["goods_value"]):
        return "value_mismatch"
    if Decimal(f["gross"]) < Decimal(f["net"]):
        return "weight"
    return ""


FACTS = {
    "CEB311": _order_facts,
    "CEB411": _payment_facts,
    "CEB511": _waybill_facts,
    "CEB621": _inventory_facts,
}
CHECKS = {
    "CEB311": _check_order,
    "CEB411": _check_payment,
    "CEB511": lambda f: "",
    "CEB621": _check_inventory,
}


def verdict(inventory: dict) -> tuple[str, str]:
    """What customs decides on an accepted inventory list: ("released", "") or ("held", then-final code)."""
    inspected = [line for line in inventory["lines"] if line["gcode"][:2] in HOLD_CHAPTERS]
    if not inspected:
        return "released", ""
    if any(Decimal(line["qty"]) > PERSONAL_USE_UNITS for line in inspected):
        return "held", "refused"
    return "held", "released"


def receipt(guid: str, reference: str, kind: str, code: str = "", issued_at: datetime | None = None) -> dict:
    return {
        "id": f"rcpt_{uuid.uuid4().hex}",
        "message": guid,
        "reference": reference,
        "kind": kind,
        "code": code,
        "note": f"sandbox customs: {kind}{f' ({code})' if code else ''}",
        "issued_at": (issued_at or timezone.now()).isoformat(),
    }


class SandboxCustoms:
    name = NAME

    def submit(self, guid: str, kind: str, xml: bytes) -> None:
        """Take the message (once per guid), judge it, and queue its receipts."""
        if SandboxCustomsRecord.objects.filter(guid=guid).exists():
            return  # the same message again: already answered
        try:
            document = validate(xml)
            facts = FACTS[kind](document)
            code = CHECKS[kind](facts)
        except (InvalidMessage, KeyError, ArithmeticError):
            facts, code = {}, "schema"
        reference = facts.get("logistics_no" if kind == "CEB511" else "order_no", "") or guid
        try:
            with transaction.atomic():
                SandboxCustomsRecord.objects.create(
                    guid=guid, kind=kind, reference=reference[:60], facts=facts, accepted=not code, code=code
                )
                self._answer(guid, kind, reference, facts, code)
        except IntegrityError:
            return  # a twin submission recorded it first

    def _answer(self, guid: str, kind: str, reference: str, facts: dict, code: str) -> None:
        now = timezone.now()
        outbox.enqueue(RECEIPT_TOPIC, receipt(guid, reference, "rejected" if code else "accepted", code, now))
        if code or kind != "CEB621":
            return
        step = timedelta(seconds=settings.CUSTOMS_SANDBOX_VERDICT_SECONDS)
        first, then = verdict(facts)
        outbox.enqueue(
            RECEIPT_TOPIC,
            receipt(guid, reference, first, "inspection" if then else "", now + step),
            delay=step,
        )
        if then:
            code = "personal_use_exceeded" if then == "refused" else ""
            outbox.enqueue(
                RECEIPT_TOPIC, receipt(guid, reference, then, code, now + 2 * step), delay=2 * step
            )


@outbox.handler(RECEIPT_TOPIC)
def _deliver_receipt(payload: dict) -> None:
    from borderless.customs.receipts import receive

    receive(NAME, payload)
