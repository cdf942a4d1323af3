"""Carrier events in: parsed from a signed webhook or a CSV, normalised to one vocabulary, stored once, and
an order delivered when all its parcels are.

Ingestion is all or nothing per batch: every row is checked first (carrier, code, time, a parcel we know) and
one bad row rejects the batch with errors by line (CSV) or index (webhook). Rows are then inserted in bulk
with ON CONFLICT DO NOTHING on the event's fingerprint, so a duplicate (in the batch, or sent again later) is
stored once. The timeline is read by event time, so an event that arrives late takes its place; an order only
ever moves forward (shipped or customs-released -> delivered), under its row lock, once.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from borderless import events
from borderless.accounts.models import Seller, User
from borderless.logistics import carriers
from borderless.logistics.models import EventSource, Parcel, TrackingEvent, TrackingStatus
from borderless.orders import services as orders
from borderless.orders.errors import IllegalTransition, OrderError
from borderless.orders.models import Order
from borderless.orders.queries import is_seller_member, order_by_ref
from borderless.orders.state import OrderStatus

CODES = Path(__file__).parent / "data" / "tracking_codes.json"
CSV_COLUMNS = ("carrier", "tracking_number", "code", "occurred_at", "location", "description")
MAX_BATCH = 50_000
SYSTEM_CARRIER = "system:carrier"
DELIVERABLE = frozenset({OrderStatus.SHIPPED, OrderStatus.CUSTOMS_RELEASED})
PARCEL_DELIVERED = "parcel delivered"  # {"order", "parcel"}: the order and its last parcel to arrive


def mark_delivered(order: Order, actor, note: str, *, now: datetime | None = None, parcel=None) -> Order:
    """The order moves to delivered (which starts the auto-confirmation window) and "parcel delivered" is
    published in the same transaction. `parcel`: the one whose arrival completed the order (default: its
    last parcel; None for an order delivered without one). IllegalTransition as orders.transition."""
    with transaction.atomic():
        orders.transition(order, OrderStatus.DELIVERED, actor, note, now=now)
        parcel = parcel or order.parcels.order_by("-id").first()
        payload = {"order": str(order.public_id), "parcel": str(parcel.public_id) if parcel else None}
        events.publish(PARCEL_DELIVERED, order, payload)
    return order


def deliver(user: User | str, order_ref, *, now: datetime | None = None) -> Order:
    """The parcel arrived: shipped -> delivered. Stands in for the carrier integration: the order's seller or
    an operator (or a system actor) may record it."""
    order = order_by_ref(order_ref)
    system = isinstance(user, str)
    if not system and not (user.is_authenticated and user.is_operator) and not is_seller_member(user, order):
        raise Order.DoesNotExist
    return mark_delivered(order, user, "delivered", now=now)


class TrackingRejected(OrderError):
    """The batch had rows that cannot be taken; nothing of it was stored."""

    code = "tracking_rejected"
    status = 422


@dataclass(frozen=True, slots=True)
class CarrierEvent:
    carrier: str
    tracking_number: str
    code: str
    occurred_at: datetime
    location: str = ""
    description: str = ""


@dataclass(slots=True)
class IngestResult:
    received: int = 0
    stored: int = 0
    duplicates: int = 0
    delivered_orders: list = field(default_factory=list)


@cache
def _codes() -> dict[str, dict[str, str]]:
    raw = json.loads(CODES.read_text(encoding="utf-8"))
    return {k.lower(): {c.upper(): s for c, s in v.items()} for k, v in raw.items() if not k.startswith("_")}


def normalise_code(carrier_code: str, event_code: str) -> str:
    """The vocabulary's status for a carrier's event code; KeyError if neither the carrier nor the vocabulary
    knows it."""
    code = (event_code or "").strip()
    if code.lower() in TrackingStatus.values:
        return code.lower()
    return _codes().get(carrier_code.lower(), {})[code.upper()]


def _row(label: str, data: dict, errors: list[dict]) -> CarrierEvent | None:
    problems = []
    try:
        carrier = carriers.get(str(data.get("carrier") or ""))
    except carriers.UnknownCarrier as exc:
        carrier, problems = None, [str(exc)]
    number = carriers.normalise(str(data.get("tracking_number") or ""))
    if not number:
        problems.append("the tracking number is missing")
    code = str(data.get("code") or "").strip()
    if carrier is not None:
        try:
            normalise_code(carrier.code, code)
        except KeyError:
            problems.append(f"{carrier.code} event code {code!r} is not known")
    raw_time = str(data.get("occurred_at") or "").strip()
    try:
        occurred_at = parse_datetime(raw_time)
    except ValueError:
        occurred_at = None
    if occurred_at is None or occurred_at.tzinfo is None:
        problems.append(f"occurred_at {raw_time!r} is not an ISO 8601 time with its UTC offset")
    location, description = (
        str(data.get("location") or "").strip(),
        str(data.get("description") or "").strip(),
    )
    if len(location) > 120 or len(description) > 300:
        problems.append("location (120) or description (300) is too long")
    if problems:
        errors.append({"row": label, "message": "; ".join(problems)})
        return None
    return CarrierEvent(carrier.code, number, code, occurred_at, location, description)


def _reject(errors: list[dict], what: str) -> None:
    if errors:
        shown = "; ".join(f"{e['row']}: {e['message']}" for e in errors[:5])
        more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
        raise TrackingRejected(
            f"{what} was rejected, nothing was stored. {shown}{more}", {"errors": errors[:100]}
        )


def parse_csv(text: str) -> tuple[list[CarrierEvent], list[str]]:
    """Rows of carrier,tracking_number,code,occurred_at[,location,description], and each one's line label;
    errors by line number."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in CSV_COLUMNS[:4] if c not in (reader.fieldnames or [])]
    if missing:
        raise TrackingRejected(
            f"The CSV needs the columns {', '.join(CSV_COLUMNS)}; missing: {', '.join(missing)}."
        )
    events, labels, errors = [], [], []
    for row in reader:
        if len(events) + len(errors) >= MAX_BATCH:
            raise TrackingRejected(f"At most {MAX_BATCH} events per upload.")
        label = f"line {reader.line_num}"
        if None in row or any(v is None for v in row.values()):
            errors.append({"row": label, "message": f"the row must have {len(reader.fieldnames)} columns"})
            continue
        event = _row(label, row, errors)
        if event is not None:
            events.append(event)
            labels.append(label)
    _reject(errors, "The CSV")
    if not events:
        raise TrackingRejected("The CSV has no events.")
    return events, labels


def parse_webhook(body: bytes) -> list[CarrierEvent]:
    """{"events": [{carrier, tracking_number, code, occurred_at, location?, description?}, ...]}"""
    try:
        payload = json.loads(body)
        rows = payload["events"]
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        raise TrackingRejected('The body must be JSON: {"events": [{...}, ...]}.') from None
    if not rows or len(rows) > MAX_BATCH:
        raise TrackingRejected(f"Send 1 to {MAX_BATCH} events per request.")
    errors: list[dict] = []
    events = [e for i, r in enumerate(rows) if (e := _row(f"events[{i}]", r, errors)) is not None]
    _reject(errors, "The delivery")
    return events


def fingerprint(event: CarrierEvent) -> str:
    key = "|".join((event.carrier, event.tracking_number, event.code.upper(),
                    event.occurred_at.astimezone(UTC).isoformat(), event.location))  # fmt: skip
    return hashlib.sha256(key.encode()).hexdigest()


def _parcels(events: Sequence[CarrierEvent], seller: Seller | None) -> dict[tuple[str, str], tuple[int, int]]:
    numbers = {e.tracking_number for e in events}
    found = Parcel.objects.filter(tracking_number__in=numbers)
    if seller is not None:
        found = found.filter(order__seller=seller)
    return {
        (c, n): (pk, order)
        for c, n, pk, order in found.values_list("carrier", "tracking_number", "id", "order_id")
    }


def ingest(
    events: Sequence[CarrierEvent], source: str, *, seller: Seller | None = None, labels: Sequence[str] = (),
    now: datetime | None = None,
) -> IngestResult:  # fmt: skip
    """Store the events (each once) and deliver the orders whose parcels are now all delivered.

    TrackingRejected (nothing stored) if any event names a parcel we do not know (or, with `seller`, a parcel
    of another seller's: the same answer, no hint it exists). `labels` name the rows in errors.
    """
    now = now or timezone.now()
    parcels = _parcels(events, seller)
    errors = [
        {"row": labels[i] if i < len(labels) else f"events[{i}]",
         "message": f"no parcel {e.carrier} {e.tracking_number} is known"}
        for i, e in enumerate(events) if (e.carrier, e.tracking_number) not in parcels
    ]  # fmt: skip
    _reject(errors, "The batch")
    rows, seen = [], set()
    for e in events:
        fp = fingerprint(e)
        if fp in seen:
            continue
        seen.add(fp)
        parcel_id, order_id = parcels[(e.carrier, e.tracking_number)]
        rows.append(TrackingEvent(
            parcel_id=parcel_id, order_id=order_id, status=normalise_code(e.carrier, e.code),
            carrier_code=e.code[:40], occurred_at=e.occurred_at, location=e.location,
            description=e.description, source=source, fingerprint=fp, received_at=now,
        ))  # fmt: skip
    result = IngestResult(received=len(events))
    with transaction.atomic():
        known = set(TrackingEvent.objects.filter(fingerprint__in=seen).values_list("fingerprint", flat=True))
        fresh = [r for r in rows if r.fingerprint not in known]
        TrackingEvent.objects.bulk_create(fresh, batch_size=2000, ignore_conflicts=True)
    result.stored = len(fresh)  # a concurrent copy of the same event lost its insert to ON CONFLICT
    result.duplicates = len(events) - len(fresh)
    delivered = {r.order_id for r in fresh if r.status == TrackingStatus.DELIVERED}
    result.delivered_orders = deliver_tracked(delivered, now)
    return result


def deliver_tracked(order_ids: Iterable[int], now: datetime | None = None) -> list:
    """Deliver each of these orders whose every parcel has a delivered event and that may be delivered now
    (shipped, or released by customs); the public ids of those delivered. An order already delivered, or not
    yet released by customs, is left as it is (the customs release checks again)."""
    now = now or timezone.now()
    delivered = []
    for order in Order.objects.filter(pk__in=set(order_ids), status__in=DELIVERABLE):
        parcel_ids = set(order.parcels.values_list("id", flat=True))
        done = dict(
            TrackingEvent.objects.filter(order=order, status=TrackingStatus.DELIVERED)
            .values("parcel_id")
            .annotate(at=Min("occurred_at"))
            .values_list("parcel_id", "at")
        )
        if not parcel_ids or set(done) != parcel_ids:
            continue
        # The auto-confirmation clock starts when the last parcel arrived (never in the future).
        last = max(done, key=lambda pk: (done[pk], pk))
        try:
            arrived = Parcel.objects.get(pk=last)
            mark_delivered(order, SYSTEM_CARRIER, "delivered", now=min(done[last], now), parcel=arrived)
        except IllegalTransition:
            continue  # moved meanwhile (delivered by the buyer's confirmation, a refund request): leave it
        delivered.append(order.public_id)
    return delivered


def receive_csv(text: str, *, seller: Seller | None = None, now: datetime | None = None) -> IngestResult:
    events, labels = parse_csv(text)
    return ingest(events, EventSource.CSV, seller=seller, labels=labels, now=now)


def timeline(order: Order) -> list[TrackingEvent]:
    """The order's carrier events by event time (late arrivals take their place), with their parcels."""
    return list(order.tracking_events.select_related("parcel").order_by("occurred_at", "id"))


def timelines(order_ids: Iterable[int]) -> dict[int, list[TrackingEvent]]:
    """Several orders' timelines in one query (order id -> events by event time)."""
    found: dict[int, list[TrackingEvent]] = {}
    events = TrackingEvent.objects.filter(order_id__in=list(order_ids)).select_related("parcel")
    for event in events.order_by("occurred_at", "id"):
        found.setdefault(event.order_id, []).append(event)
    return found


def deliver_released(now: datetime | None = None) -> list:
    """Orders released by customs after all their parcels were reported delivered: deliver them now."""
    waiting = (
        Order.objects.filter(
            status=OrderStatus.CUSTOMS_RELEASED, tracking_events__status=TrackingStatus.DELIVERED
        )
        .values_list("pk", flat=True)
        .distinct()
    )
    return deliver_tracked(list(waiting[:500]), now)
