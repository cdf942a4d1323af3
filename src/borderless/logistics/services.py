"""Logistics use cases: ship an order in parcels, with the export filing the EEI rule asks for.

Shipping is one transaction under the order's row lock: the order moves paid -> shipped (the state machine
stays in orders), its parcels, its orders.Shipment summary and its export filing are written together, or
nothing is.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone

from borderless import events
from borderless.accounts.models import User
from borderless.catalog.models import Product
from borderless.logistics import carriers, eei
from borderless.logistics.errors import InvalidShipment
from borderless.logistics.models import ExportFiling, Parcel
from borderless.logistics.weights import estimated_parcel_weight_g
from borderless.orders import services as orders
from borderless.orders.errors import OrderError
from borderless.orders.models import Order, Shipment
from borderless.orders.queries import is_seller_member, order_by_ref
from borderless.orders.state import OrderStatus, check_transition

MAX_PARCELS = 20
MAX_WEIGHT_G = Decimal("70000")  # 70 kg: past every carrier's parcel limit
MAX_SIDE_CM = Decimal("300")
DESTINATION = "CN"
ORDER_SHIPPED = "order shipped"  # {"order", "parcel"}: the order and its first parcel (public ids)


class ItnRequired(OrderError):
    """EEI applies to this shipment (US-X1/US-X2) and no valid ITN was given."""

    code = "itn_required"
    status = 422


@dataclass(frozen=True, slots=True)
class ParcelSpec:
    carrier: str
    tracking_number: str
    weight_g: Decimal | None  # None: not weighed (allowed only for a lone parcel: the order's estimate)
    length_cm: Decimal | None = None
    width_cm: Decimal | None = None
    height_cm: Decimal | None = None


def own_order(user: User, order_ref) -> Order:
    """The order if the user works for its seller; Order.DoesNotExist otherwise (no hint it exists)."""
    order = order_by_ref(order_ref)
    if not is_seller_member(user, order):
        raise Order.DoesNotExist
    return order


def export_lines(order: Order) -> list[eei.ExportLine]:
    """The order's lines for the EEI rule, with each product's ECCN as it stands now."""
    lines = list(order.lines.all())
    eccns = dict(
        Product.objects.filter(public_id__in={ln.product_public_id for ln in lines}).values_list(
            "public_id", "eccn"
        )
    )
    return [
        eei.ExportLine(
            ln.hs_code, ln.unit_price * ln.quantity, eccns.get(ln.product_public_id, ""), ln.title_en
        )
        for ln in lines
    ]


def eei_decision(order: Order) -> eei.EeiDecision:
    return eei.decide(export_lines(order), DESTINATION)


def _decimal(value, name: str, index: int, *, required: bool, limit: Decimal) -> Decimal | None:
    if value in (None, ""):
        if required:
            raise InvalidShipment(
                f"Parcel {index + 1}: {name} is needed.", {"parcel": index + 1, "field": name}
            )
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise InvalidShipment(
            f"Parcel {index + 1}: {name} must be a number.", {"parcel": index + 1}
        ) from None
    if not number.is_finite() or number <= 0 or number > limit:
        raise InvalidShipment(
            f"Parcel {index + 1}: {name} must be above 0 and at most {limit}.",
            {"parcel": index + 1, "field": name},
        )
    return number.quantize(Decimal("0.1"))


def _weighed(order: Order, specs: Sequence[ParcelSpec]) -> Sequence[ParcelSpec]:
    """A lone parcel not weighed carries the whole order: the estimate. Of several, each must be weighed
    (the order's estimate on one of them would overstate the gross weight declared to customs)."""
    unweighed = [i for i, spec in enumerate(specs) if spec.weight_g in (None, "")]
    if not unweighed:
        return specs
    if len(specs) == 1:
        return [dataclasses.replace(specs[0], weight_g=estimated_parcel_weight_g(order))]
    raise InvalidShipment(
        f"Parcel {unweighed[0] + 1}: weigh each parcel when the order ships in several.",
        {"parcel": unweighed[0] + 1, "field": "weight_g"},
    )


def _checked(specs: Sequence[ParcelSpec]) -> list[Parcel]:
    if not specs:
        raise InvalidShipment("At least one parcel with a carrier and a tracking number is needed.")
    if len(specs) > MAX_PARCELS:
        raise InvalidShipment(f"At most {MAX_PARCELS} parcels per order.")
    built, seen = [], set()
    for i, spec in enumerate(specs):
        try:
            carrier = carriers.get(spec.carrier)
            number = carrier.check(spec.tracking_number)
        except (carriers.UnknownCarrier, carriers.BadTrackingNumber) as exc:
            raise InvalidShipment(
                f"Parcel {i + 1}: {exc}", {"parcel": i + 1, "field": "tracking_number"}
            ) from None
        if (carrier.code, number) in seen:
            raise InvalidShipment(
                f"Parcel {i + 1}: tracking number {number} is given twice.", {"parcel": i + 1}
            )
        seen.add((carrier.code, number))
        dims = [_decimal(getattr(spec, f), f, i, required=False, limit=MAX_SIDE_CM)
                for f in ("length_cm", "width_cm", "height_cm")]  # fmt: skip
        if any(d is None for d in dims) and any(d is not None for d in dims):
            raise InvalidShipment(f"Parcel {i + 1}: give all three dimensions or none.", {"parcel": i + 1})
        weight = _decimal(spec.weight_g, "weight_g", i, required=True, limit=MAX_WEIGHT_G)
        built.append(Parcel(carrier=carrier.code, tracking_number=number, weight_g=weight,
                            length_cm=dims[0], width_cm=dims[1], height_cm=dims[2]))  # fmt: skip
    return built


def ship(
    user: User,
    order_ref,
    carrier: str | None = None,
    tracking_number: str | None = None,
    *,
    parcels: Sequence[ParcelSpec] | None = None,
    itn: str = "",
    now: datetime | None = None,
) -> Order:
    """The order's seller hands its parcels to carriers: paid -> shipped.

    Either `parcels`, or one `carrier` + `tracking_number` (one parcel: the goods and packaging, estimated).
    Order.DoesNotExist for anyone but a member of the order's seller; IllegalTransition (409) unless paid;
    InvalidShipment (422) for an unknown carrier, a number not in the carrier's format, or one already used
    with that carrier; ItnRequired (422) when EEI applies and no ITN (X + 14 digits) is given.
    """
    order = own_order(user, order_ref)
    check_transition(order.status, OrderStatus.SHIPPED)  # a shipped order says so before its parcels are read
    if parcels is None:
        parcels = [ParcelSpec(carrier or "", tracking_number or "", None)]
    parcels = _weighed(order, parcels)
    built = _checked(parcels)
    decision = eei_decision(order)
    itn = (itn or "").strip().upper()
    if decision.required and not eei.valid_itn(itn):
        raise ItnRequired(
            "This shipment needs Electronic Export Information filed in AES: enter its ITN "
            "(X and 14 digits). " + " ".join(decision.reasons),
            {"reasons": list(decision.reasons), "itn": itn[:20]},
        )
    if itn and not eei.valid_itn(itn):
        raise InvalidShipment("An ITN is X followed by 14 digits.", {"itn": itn[:20]})
    taken = used_tracking_numbers([(p.carrier, p.tracking_number) for p in built])
    if taken:
        raise InvalidShipment(
            f"Tracking number {taken[0][1]} is already used with {taken[0][0]}.",
            {"tracking_number": taken[0][1]},
        )
    now = now or timezone.now()
    first = built[0]
    try:
        with transaction.atomic():
            numbers = ", ".join(f"{p.carrier} {p.tracking_number}" for p in built)
            orders.transition(order, OrderStatus.SHIPPED, user, f"shipped: {numbers}"[:500], now=now)
            for p in built:
                p.order, p.created_at = order, now
            Parcel.objects.bulk_create(built)
            Shipment.objects.create(
                order=order, carrier=first.carrier, tracking_number=first.tracking_number, shipped_at=now
            )
            ExportFiling.objects.create(
                order=order,
                eei_required=decision.required,
                reasons=list(decision.reasons),
                itn=itn,
                decided_at=now,
            )
            # Customs hears it after this commit and queues the waybill and inventory list (CN-C10).
            shipped = {"order": str(order.public_id), "parcel": str(first.public_id)}
            events.publish(ORDER_SHIPPED, order, shipped)
    except IntegrityError:  # another order took the number meanwhile
        order.refresh_from_db()
        taken = used_tracking_numbers([(p.carrier, p.tracking_number) for p in built])
        if not taken:
            raise
        raise InvalidShipment(
            f"Tracking number {taken[0][1]} is already used with {taken[0][0]}.",
            {"tracking_number": taken[0][1]},
        ) from None
    return order


def used_tracking_numbers(pairs: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    wanted = set(pairs)
    found = Parcel.objects.filter(tracking_number__in={n for _, n in pairs}).values_list(
        "carrier", "tracking_number"
    )
    return sorted(pair for pair in found if pair in wanted)


PAPERS = ("invoice", "packing-list", "label")


def export_paper(user: User, order_ref, kind: str) -> tuple[str, bytes]:
    """(file name, PDF) of one of the order's papers for a member of its seller (Order.DoesNotExist for
    anyone else). Papers exist once the order is paid; the label once its parcels have tracking numbers."""
    from borderless.logistics import documents

    order = own_order(user, order_ref)
    if order.status in (OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED):
        raise InvalidShipment("Export papers are printed for paid orders.", {"status": order.status})
    if kind == "invoice":
        return f"commercial-invoice-{order.public_id}.pdf", documents.commercial_invoice_pdf(order)
    if kind == "packing-list":
        return f"packing-list-{order.public_id}.pdf", documents.packing_list_pdf(order)
    if kind == "label":
        if not order.parcels.exists():
            raise InvalidShipment("Enter the parcels' tracking numbers first: the label carries them.")
        return f"labels-{order.public_id}.pdf", documents.labels_pdf(order)
    raise ValueError(f"Unknown paper {kind!r}; one of {', '.join(PAPERS)}.")
