"""What the waybill (CEB511) and the inventory list (CEB621) need from the parcel, in one place.

`waybill_for(order)` is the one function that knows where parcel data comes from. Until parcels are
weighed and carried by the logistics domain it reads the order's `Shipment` (carrier, tracking number) and
the order lines' unit weights; the logistics domain can later answer here with its own parcel data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_UP, Decimal

from borderless.customs.errors import CustomsDataError
from borderless.orders.models import Order, Shipment

KG = Decimal("0.001")
# Packaging on top of the goods' net weight until parcels are weighed: 10 %, at least 100 g.
PACKAGING_SHARE = Decimal("0.10")
PACKAGING_MINIMUM_KG = Decimal("0.100")
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


def waybill_for(order: Order) -> Waybill:
    """The parcel of a shipped order as customs sees it; CustomsDataError if the order has none."""
    shipment = Shipment.objects.filter(order=order).first()
    if shipment is None:
        raise CustomsDataError("waybill: the order has no shipment (carrier and tracking number).")
    lines = list(order.lines.all())
    net = sum((line.unit_weight_g * line.quantity for line in lines), Decimal(0)) / 1000
    net = max(net, KG).quantize(KG, rounding=ROUND_UP)
    gross = (net + max(net * PACKAGING_SHARE, PACKAGING_MINIMUM_KG)).quantize(KG, rounding=ROUND_UP)
    quote = order.quote if isinstance(order.quote, dict) else {}
    names = "；".join(line.title_zh or line.title_en for line in lines)
    return Waybill(
        logistics_code=logistics_code(shipment.carrier),
        logistics_name=shipment.carrier,
        logistics_no=shipment.tracking_number,
        freight=order.freight,
        insured_fee=Decimal(str(quote.get("insurance") or "0.00")),
        gross_weight_kg=gross,
        net_weight_kg=net,
        pack_count=1,
        goods_info=names[:200],
    )
