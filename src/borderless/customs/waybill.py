"""What the waybill (CEB511) and the inventory list (CEB621) need from the parcel, in one place.

`waybill_for(order)` is the one function that knows where parcel data comes from: the order's parcels
(logistics): the first parcel's carrier and tracking number, the number of parcels, their weighed gross
weight; the carrier's customs code from the carriers' data (or the deployment's setting), else a sandbox
placeholder. An order shipped before parcels existed falls back to its `Shipment` and the lines' weights.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_UP, Decimal

from borderless.customs.errors import CustomsDataError
from borderless.logistics import carriers
from borderless.logistics.models import Parcel
from borderless.logistics.weights import estimated_parcel_weight_g
from borderless.orders.models import Order, Shipment

KG = Decimal("0.001")
# Logistics companies' customs registration codes (10 characters). Placeholders of the sandbox until the
# logistics domain keeps each carrier's registered code.
LOGISTICS_CODES = {
    "usps": "USPS000001",
    "ups": "UPS0000001",
    "fedex": "FEDEX00001",
    "dhl": "DHL0000001",
    "ems": "EMS0000001",
    "sf express": "SF00000001",
    "cainiao": "CAINIAO001",
}


@dataclass(frozen=True, slots=True)
class Waybill:
    logistics_code: str  # the carrier's customs registration code
    logistics_name: str
    logistics_no: str  # the carrier's tracking number (CEB511 logisticsNo)
    freight: Decimal  # CNY, as the buyer paid it
    insured_fee: Decimal  # CNY
    gross_weight_kg: Decimal
    net_weight_kg: Decimal
    pack_count: int
    goods_info: str  # a short description of the contents, in Chinese


def logistics_code(carrier: str) -> str:
    known = LOGISTICS_CODES.get(" ".join(carrier.lower().split()))
    if known:
        return known
    letters = re.sub(r"[^A-Z0-9]", "", carrier.upper())
    if not letters:
        raise CustomsDataError("waybill: the carrier has no name customs could register.")
    return (letters + "0" * 10)[:10]


def _carrier_code(carrier: str) -> str:
    try:
        code, _ = carriers.customs_logistics(carrier)
    except carriers.UnknownCarrier:
        code = ""
    return code or logistics_code(carrier)


def waybill_for(order: Order) -> Waybill:
    """The parcels of a shipped order as customs sees them; CustomsDataError if the order has none."""
    parcels = list(Parcel.objects.filter(order=order).order_by("id"))
    shipment = Shipment.objects.filter(order=order).first()
    if not parcels and shipment is None:
        raise CustomsDataError("waybill: the order has no shipment (carrier and tracking number).")
    lines = list(order.lines.all())
    net = sum((line.unit_weight_g * line.quantity for line in lines), Decimal(0)) / 1000
    net = max(net, KG).quantize(KG, rounding=ROUND_UP)
    if parcels:  # weighed by the seller
        gross = max(sum((p.weight_g for p in parcels), Decimal(0)) / 1000, net).quantize(
            KG, rounding=ROUND_UP
        )
        carrier, number, count = parcels[0].carrier, parcels[0].tracking_number, len(parcels)
    else:
        gross = max(estimated_parcel_weight_g(order) / 1000, net).quantize(KG, rounding=ROUND_UP)
        carrier, number, count = shipment.carrier, shipment.tracking_number, 1
    quote = order.quote if isinstance(order.quote, dict) else {}
    names = "；".join(line.title_zh or line.title_en for line in lines)
    return Waybill(
        logistics_code=_carrier_code(carrier),
        logistics_name=carrier,
        logistics_no=number,
        freight=order.freight,
        insured_fee=Decimal(str(quote.get("insurance") or "0.00")),
        gross_weight_kg=gross,
        net_weight_kg=net,
        pack_count=count,
        goods_info=names[:100],  # the schema's Name: at most 100 characters
    )
