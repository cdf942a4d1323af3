"""The four CEB messages of one order (CN-C10), built with lxml from the order, its payment and its parcel.

Amounts are the order's CNY figures as priced at checkout (CN-C16: to the fen); the buyer's real name and
ID number (CN-C9) are decrypted here and nowhere else; the payer is the orderer. `acturalPaid` is
goodsValue + freight + taxTotal − discount, and must equal what the payment took for this order (its share):
the customs gateway rejects the order otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from lxml import etree

from borderless.customs.errors import CustomsDataError
from borderless.customs.schema import NAMESPACE
from borderless.customs.waybill import Waybill, waybill_for
from borderless.orders.customs import customs_identity
from borderless.orders.models import Order
from borderless.payments.models import Payment, PaymentShare

CNY = "142"  # CN-C9: customs' code for the yuan
ID_CARD = "1"  # buyerIdType / payerIdType: PRC resident ID card
UNIT_PIECE = "011"  # customs unit codes: 011 piece (件), 035 kilogram (千克)
UNIT_KG = "035"
TRADE_MODE = "9610"  # CN-C7: direct purchase import (parcels shipped from abroad)
TRAF_MODE = "5"  # air
# Customs' three-digit country codes for the origins we sell from.
COUNTRY_CODES = {"US": "502", "CN": "142"}
CHINA_TIME = ZoneInfo("Asia/Shanghai")
CENT = Decimal("0.01")
NAME_LENGTH, ITEM_NO_LENGTH = 100, 60  # the schema's Name and DocNo (schema/ceb.xsd)
_E = f"{{{NAMESPACE}}}"


@dataclass(frozen=True, slots=True)
class Line:
    gnum: int
    item_no: str
    name: str
    model: str
    bar_code: str
    hs_code: str
    country: str
    quantity: int
    unit_price: Decimal
    total_price: Decimal
    net_weight_kg: Decimal


@dataclass(frozen=True, slots=True)
class OrderFacts:
    """Everything the messages say about an order, gathered once."""

    order_no: str
    goods_value: Decimal
    freight: Decimal
    discount: Decimal
    tax_total: Decimal
    actural_paid: Decimal
    buyer_reg_no: str
    buyer_name: str
    buyer_id_number: str
    telephone: str
    consignee: str
    consignee_address: str
    pay_transaction_id: str
    payer_name: str
    amount_paid: Decimal  # the order's share of the checkout's payment
    pay_time: datetime
    lines: tuple[Line, ...]

    def __repr__(self) -> str:  # the ID number stays out of logs and tracebacks
        return f"OrderFacts(order_no={self.order_no!r})"


def order_no(order: Order) -> str:
    return order.public_id.hex.upper()


def _money(value) -> Decimal:
    return Decimal(str(value)).quantize(CENT)


def fit(text: str, limit: int = NAME_LENGTH) -> str:
    """A name or an address as customs' schema takes it (at most 100 characters): the catalogue and checkout
    allow longer; the beginning, which says what it is, is kept."""
    return text.strip()[:limit]


def item_no(sku_code: str, gnum: int) -> str:
    """The seller's SKU code as a customs item number: letters, digits, '_' and '-', at most 60; any other
    run of characters becomes one '-'. A code with none of them is numbered by its line."""
    cleaned = re.sub(r"[^0-9A-Za-z_-]+", "-", sku_code).strip("-")[:ITEM_NO_LENGTH].rstrip("-")
    return cleaned if re.search(r"[0-9A-Za-z]", cleaned) else f"ITEM{gnum}"


def gcode(hs_code: str) -> str:
    digits = re.sub(r"\D", "", hs_code or "")
    if len(digits) < 6:
        raise CustomsDataError(f"inventory: the commodity code {hs_code!r} has fewer than 6 digits.")
    return (digits + "0" * 10)[:10]


def _lines(order: Order) -> tuple[Line, ...]:
    quoted = (order.quote or {}).get("lines") or []
    order_lines = list(order.lines.all())
    if len(quoted) != len(order_lines):
        raise CustomsDataError("order: the priced lines do not match the order's lines.")
    lines = []
    for gnum, (line, q) in enumerate(zip(order_lines, quoted, strict=True), start=1):
        if q.get("quantity") != line.quantity or q.get("unit_price") is None:
            raise CustomsDataError(f"order: line {gnum} was priced for another quantity.")
        country = COUNTRY_CODES.get(line.origin_country)
        if country is None:
            raise CustomsDataError(f"order: no customs country code for origin {line.origin_country!r}.")
        tariff = q.get("tariff") or {}
        content = f"{line.net_content_value.normalize():f}{line.net_content_unit}"
        model = " ".join(p for p in (line.option_zh or line.option_en, content) if p)
        lines.append(
            Line(
                gnum=gnum,
                item_no=item_no(line.sku_code, gnum),
                name=fit(line.title_zh or line.title_en),
                model=fit(model),
                bar_code=line.gtin,
                hs_code=gcode(tariff.get("line") or line.hs_code),
                country=country,
                quantity=line.quantity,
                unit_price=Decimal(str(q["unit_price"])),
                total_price=_money(q["goods_value"]),
                net_weight_kg=max(line.unit_weight_g * line.quantity / 1000, Decimal("0.001")),
            )
        )
    return tuple(lines)


def order_facts(order: Order) -> OrderFacts:
    """The order's customs facts; CustomsDataError if it was never paid or lacks a field."""
    share = PaymentShare.objects.select_related("payment").filter(order=order).first()
    if share is None or share.payment.succeeded_at is None:
        raise CustomsDataError("payment: the order has no captured payment.")
    payment: Payment = share.payment
    identity = customs_identity(order)
    address = order.address or {}
    lines = _lines(order)
    goods_value = sum((line.total_price for line in lines), Decimal("0.00"))
    freight, tax_total, discount = _money(order.freight), _money(order.tax_total), Decimal("0.00")
    street = "".join(str(address.get(k) or "") for k in ("province", "city", "district", "street"))
    return OrderFacts(
        order_no=order_no(order),
        goods_value=goods_value,
        freight=freight,
        discount=discount,
        tax_total=tax_total,
        actural_paid=goods_value + freight + tax_total - discount,
        buyer_reg_no=order.buyer.public_id.hex.upper(),
        buyer_name=identity.name,
        buyer_id_number=identity.id_number,
        telephone=str(address.get("phone") or ""),
        consignee=fit(str(address.get("name") or identity.name)),
        consignee_address=fit(street),
        pay_transaction_id=payment.provider_reference or payment.public_id.hex,
        payer_name=payment.payer_name,
        amount_paid=_money(share.amount),
        pay_time=payment.succeeded_at,
        lines=lines,
    )


# Building ------------------------------------------------------------------------------------------------


def _time14(moment: datetime) -> str:
    return moment.astimezone(CHINA_TIME).strftime("%Y%m%d%H%M%S")


def _date8(moment: datetime) -> str:
    return moment.astimezone(CHINA_TIME).strftime("%Y%m%d")


def _guid(guid) -> str:
    return str(guid).upper()


def _add(parent: etree._Element, fields: list[tuple[str, object]]) -> None:
    for name, value in fields:
        child = etree.SubElement(parent, _E + name)
        child.text = (
            value if isinstance(value, str) else (f"{value:f}" if isinstance(value, Decimal) else str(value))
        )


def _root(kind: str, guid) -> etree._Element:
    return etree.Element(
        _E + f"{kind}Message", {"guid": _guid(guid), "version": "1.0"}, nsmap={"ceb": NAMESPACE}
    )


def _head(guid, now: datetime) -> list[tuple[str, object]]:
    return [("guid", _guid(guid)), ("appType", "1"), ("appTime", _time14(now)), ("appStatus", "2")]


def _base_transfer(root: etree._Element) -> None:
    transfer = etree.SubElement(root, _E + "BaseTransfer")
    _add(transfer, [("copCode", settings.CUSTOMS_EBP_CODE), ("copName", settings.CUSTOMS_EBP_NAME),
                    ("dxpMode", "DXP"), ("dxpId", f"DXP{settings.CUSTOMS_EBP_CODE}")])  # fmt: skip


def _bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def build_order(facts: OrderFacts, guid, now: datetime) -> bytes:
    """CEB311: the order as the platform took it."""
    root = _root("CEB311", guid)
    order = etree.SubElement(root, _E + "Order")
    _add(etree.SubElement(order, _E + "OrderHead"), [
        *_head(guid, now), ("orderType", "I"), ("orderNo", facts.order_no),
        ("ebpCode", settings.CUSTOMS_EBP_CODE), ("ebpName", settings.CUSTOMS_EBP_NAME),
        ("ebcCode", settings.CUSTOMS_EBC_CODE), ("ebcName", settings.CUSTOMS_EBC_NAME),
        ("goodsValue", facts.goods_value), ("freight", facts.freight), ("discount", facts.discount),
        ("taxTotal", facts.tax_total), ("acturalPaid", facts.actural_paid), ("currency", CNY),
        ("buyerRegNo", facts.buyer_reg_no), ("buyerName", facts.buyer_name),
        ("buyerTelephone", facts.telephone), ("buyerIdType", ID_CARD),
        ("buyerIdNumber", facts.buyer_id_number),
        ("payCode", settings.CUSTOMS_PAY_CODE), ("payName", settings.CUSTOMS_PAY_NAME),
        ("payTransactionId", facts.pay_transaction_id), ("consignee", facts.consignee),
        ("consigneeTelephone", facts.telephone), ("consigneeAddress", facts.consignee_address),
    ])  # fmt: skip
    for line in facts.lines:
        _add(etree.SubElement(order, _E + "OrderList"), [
            ("gnum", line.gnum), ("itemNo", line.item_no), ("itemName", line.name), ("gmodel", line.model),
            ("barCode", line.bar_code), ("unit", UNIT_PIECE), ("qty", line.quantity),
            ("price", line.unit_price), ("totalPrice", line.total_price), ("currency", CNY),
            ("country", line.country),
        ])  # fmt: skip
    _base_transfer(root)
    return _bytes(root)


def build_payment(facts: OrderFacts, guid, now: datetime) -> bytes:
    """CEB411: the payment company's record of what the payer paid for this order (CN-C9: payer = orderer)."""
    root = _root("CEB411", guid)
    payment = etree.SubElement(root, _E + "Payment")
    _add(etree.SubElement(payment, _E + "PaymentHead"), [
        *_head(guid, now), ("payCode", settings.CUSTOMS_PAY_CODE), ("payName", settings.CUSTOMS_PAY_NAME),
        ("payTransactionId", facts.pay_transaction_id), ("orderNo", facts.order_no),
        ("ebpCode", settings.CUSTOMS_EBP_CODE), ("ebpName", settings.CUSTOMS_EBP_NAME),
        ("payerIdType", ID_CARD), ("payerIdNumber", facts.buyer_id_number), ("payerName", facts.payer_name),
        ("telephone", facts.telephone), ("amountPaid", facts.amount_paid), ("currency", CNY),
        ("payTime", _time14(facts.pay_time)),
    ])  # fmt: skip
    _base_transfer(root)
    return _bytes(root)


def build_waybill(facts: OrderFacts, waybill: Waybill, guid, now: datetime) -> bytes:
    """CEB511: the carrier's waybill of the parcel."""
    root = _root("CEB511", guid)
    logistics = etree.SubElement(root, _E + "Logistics")
    _add(etree.SubElement(logistics, _E + "LogisticsHead"), [
        *_head(guid, now), ("logisticsCode", waybill.logistics_code),
        ("logisticsName", waybill.logistics_name),
        ("logisticsNo", waybill.logistics_no), ("billNo", waybill.logistics_no),
        ("freight", waybill.freight), ("insuredFee", waybill.insured_fee), ("currency", CNY),
        ("weight", waybill.gross_weight_kg), ("packNo", waybill.pack_count),
        ("goodsInfo", waybill.goods_info),
        ("consignee", facts.consignee), ("consigneeAddress", facts.consignee_address),
        ("consigneeTelephone", facts.telephone),
    ])  # fmt: skip
    _base_transfer(root)
    return _bytes(root)


def build_inventory(facts: OrderFacts, waybill: Waybill, guid, now: datetime) -> bytes:
    """CEB621: the import inventory list, the declaration proper (9610)."""
    root = _root("CEB621", guid)
    inventory = etree.SubElement(root, _E + "Inventory")
    _add(etree.SubElement(inventory, _E + "InventoryHead"), [
        *_head(guid, now), ("orderNo", facts.order_no),
        ("ebpCode", settings.CUSTOMS_EBP_CODE), ("ebpName", settings.CUSTOMS_EBP_NAME),
        ("ebcCode", settings.CUSTOMS_EBC_CODE), ("ebcName", settings.CUSTOMS_EBC_NAME),
        ("logisticsNo", waybill.logistics_no), ("logisticsCode", waybill.logistics_code),
        ("logisticsName", waybill.logistics_name), ("copNo", facts.order_no), ("ieFlag", "I"),
        ("declTime", _date8(now)), ("customsCode", settings.CUSTOMS_CODE),
        ("portCode", settings.CUSTOMS_PORT_CODE),
        ("ieDate", _date8(now)), ("buyerIdType", ID_CARD), ("buyerIdNumber", facts.buyer_id_number),
        ("buyerName", facts.buyer_name), ("buyerTelephone", facts.telephone),
        ("consigneeAddress", facts.consignee_address),
        ("agentCode", settings.CUSTOMS_EBC_CODE), ("agentName", settings.CUSTOMS_EBC_NAME),
        ("tradeMode", TRADE_MODE), ("trafMode", TRAF_MODE), ("country", COUNTRY_CODES["US"]),
        ("freight", waybill.freight), ("insuredFee", waybill.insured_fee), ("currency", CNY),
        ("packNo", waybill.pack_count), ("grossWeight", waybill.gross_weight_kg),
        ("netWeight", waybill.net_weight_kg),
    ])  # fmt: skip
    for line in facts.lines:
        _add(etree.SubElement(inventory, _E + "InventoryList"), [
            ("gnum", line.gnum), ("itemNo", line.item_no), ("itemName", line.name), ("gcode", line.hs_code),
            ("gname", line.name), ("gmodel", line.model), ("barCode", line.bar_code),
            ("country", line.country),
            ("currency", CNY), ("qty", line.quantity), ("unit", UNIT_PIECE),
            ("qty1", line.net_weight_kg.quantize(Decimal("0.00001"))), ("unit1", UNIT_KG),
            ("price", line.unit_price), ("totalPrice", line.total_price),
        ])  # fmt: skip
    _base_transfer(root)
    return _bytes(root)


def build(kind: str, order: Order, guid, now: datetime) -> bytes:
    """The message of `kind` for the order. CustomsDataError if something it needs is missing."""
    facts = order_facts(order)
    if kind == "CEB311":
        return build_order(facts, guid, now)
    if kind == "CEB411":
        return build_payment(facts, guid, now)
    waybill = waybill_for(order)
    if kind == "CEB511":
        return build_waybill(facts, waybill, guid, now)
    if kind == "CEB621":
        return build_inventory(facts, waybill, guid, now)
    raise CustomsDataError(f"No message of kind {kind!r}.")
