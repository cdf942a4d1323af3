"""The order state machine: one transition table, no database. Services apply it; nothing else may."""

from __future__ import annotations

from enum import StrEnum

from borderless.orders.errors import IllegalTransition


class OrderStatus(StrEnum):
    PENDING_PAYMENT = "pending_payment"
    PAID = "paid"
    SHIPPED = "shipped"
    CUSTOMS_DECLARED = "customs_declared"
    CUSTOMS_HELD = "customs_held"
    CUSTOMS_RELEASED = "customs_released"
    DELIVERED = "delivered"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    REFUND_REQUESTED = "refund_requested"
    REFUNDED = "refunded"
    DISPUTED = "disputed"


S = OrderStatus

# Who may go where. Cancelled and refunded are final. A completed order may still be returned (CN-C6: within
# 30 days of delivery); returning all of it refunds it.
TRANSITIONS: dict[OrderStatus, frozenset[OrderStatus]] = {
    S.PENDING_PAYMENT: frozenset({S.PAID, S.CANCELLED}),
    S.PAID: frozenset({S.SHIPPED, S.REFUND_REQUESTED, S.REFUNDED}),
    # Shipped -> delivered stays legal for parcels that clear no CN customs (CN-C7/C10 apply to CBEC only).
    S.SHIPPED: frozenset({S.CUSTOMS_DECLARED, S.DELIVERED, S.REFUND_REQUESTED, S.DISPUTED}),
    # Customs: the inventory list accepted, then released or held; a hold ends in release or refusal.
    S.CUSTOMS_DECLARED: frozenset({S.CUSTOMS_RELEASED, S.CUSTOMS_HELD, S.REFUND_REQUESTED}),
    S.CUSTOMS_HELD: frozenset({S.CUSTOMS_RELEASED, S.REFUNDED, S.REFUND_REQUESTED}),
    S.CUSTOMS_RELEASED: frozenset({S.DELIVERED, S.REFUND_REQUESTED, S.DISPUTED}),
    S.DELIVERED: frozenset({S.COMPLETED, S.REFUND_REQUESTED, S.DISPUTED}),
    S.REFUND_REQUESTED: frozenset({S.REFUNDED, S.DISPUTED, S.COMPLETED}),
    S.DISPUTED: frozenset({S.REFUNDED, S.COMPLETED}),
    S.COMPLETED: frozenset({S.REFUNDED}),
    S.CANCELLED: frozenset(),
    S.REFUNDED: frozenset(),
}

FINAL = frozenset(status for status, targets in TRANSITIONS.items() if not targets)

# The order's timestamp field set when it enters a status.
TIMESTAMP_FIELD: dict[OrderStatus, str] = {
    S.PAID: "paid_at",
    S.SHIPPED: "shipped_at",
    S.CUSTOMS_DECLARED: "customs_declared_at",
    S.CUSTOMS_HELD: "customs_held_at",
    S.CUSTOMS_RELEASED: "customs_released_at",
    S.DELIVERED: "delivered_at",
    S.COMPLETED: "completed_at",
    S.CANCELLED: "cancelled_at",
    S.REFUND_REQUESTED: "refund_requested_at",
    S.REFUNDED: "refunded_at",
    S.DISPUTED: "disputed_at",
}


def allowed_targets(status: str) -> frozenset[OrderStatus]:
    return TRANSITIONS[OrderStatus(status)]


def check_transition(from_status: str, to_status: str) -> OrderStatus:
    """The target status if the move is legal; IllegalTransition otherwise (unknown statuses included)."""
    try:
        source, target = OrderStatus(from_status), OrderStatus(to_status)
    except ValueError:
        raise IllegalTransition(from_status, to_status) from None
    if target not in TRANSITIONS[source]:
        raise IllegalTransition(source, target)
    return target
