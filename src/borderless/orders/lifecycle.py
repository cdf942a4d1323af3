"""What happens to an order after checkout: every status change through one function, with its effects.

Effects live here, beside the transition, so that no path can cancel without giving stock and quota back:
paid consumes the stock reservations; cancelled (unpaid) releases them and the annual quota; refunded
gives the annual quota back (CN-C6) and, if nothing was shipped yet, the stock.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from borderless.accounts.models import User
from borderless.catalog.models import Sku
from borderless.orders import quota
from borderless.orders.models import (
    Checkout,
    CheckoutStatus,
    Order,
    OrderTransition,
    ReservationState,
    StockReservation,
)
from borderless.orders.state import TIMESTAMP_FIELD, OrderStatus, check_transition
from borderless.promotions import services as promotions

SYSTEM_EXPIRY = "system:expiry"
Actor = User | str  # a user, or a system label such as "system:expiry" or "system:payments"


def _actor(actor: Actor) -> tuple[User | None, str]:
    if isinstance(actor, str):
        if not actor.strip():
            raise ValueError("A system actor needs a label, e.g. 'system:payments'.")
        return None, actor.strip()[:80]
    return actor, actor.email[:80]


def transition(order: Order, to_status: str, actor: Actor, note: str = "", *, now: datetime | None = None):
    """Move the order to `to_status` (IllegalTransition if the table forbids it), apply the effects and
    record who and when. One transaction; the order row is locked. Updates `order` in place and returns it.
    """
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        _transition_locked(locked, to_status, actor, note, now or timezone.now())
    for field in ("status", *TIMESTAMP_FIELD.values(), "quota_released_at", "quota_returned"):
        setattr(order, field, getattr(locked, field))
    return order


def _transition_locked(order: Order, to_status: str, actor: Actor, note: str, now: datetime) -> None:
    source = order.status
    target = check_transition(source, to_status)
    user, label = _actor(actor)
    if target == OrderStatus.PAID:
        _settle_reservations(order, ReservationState.CONSUMED, now, restock=False)
    elif target == OrderStatus.CANCELLED:
        _settle_reservations(order, ReservationState.RELEASED, now, restock=True)
        _release_quota(order, now)
    elif target == OrderStatus.REFUNDED:
        if order.shipped_at is None:  # never left the seller: the units are still on the shelf
            _restock_consumed(order, now)
        _release_quota(order, now)
    order.status = target
    stamp = TIMESTAMP_FIELD[target]
    setattr(order, stamp, now)
    order.save(update_fields=["status", stamp, "quota_released_at"])
    OrderTransition.objects.create(
        order=order, from_status=source, to_status=target, actor=user, actor_label=label, at=now,
        note=note[:500],
    )  # fmt: skip


def _give_back_stock(reservations) -> None:
    for reservation in sorted(reservations, key=lambda r: r.sku_id or 0):  # same lock order as checkout
        if reservation.sku_id is not None:
            Sku.objects.filter(pk=reservation.sku_id).update(stock=F("stock") + reservation.quantity)


def _settle_reservations(order: Order, state: str, now: datetime, restock: bool) -> None:
    active = list(order.reservations.filter(state=ReservationState.ACTIVE))
    if restock:
        _give_back_stock(active)
    StockReservation.objects.filter(pk__in=[r.pk for r in active]).update(
        state=state, released_at=now if state == ReservationState.RELEASED else None
    )


def _restock_consumed(order: Order, now: datetime) -> None:
    consumed = list(order.reservations.filter(state=ReservationState.CONSUMED))
    _give_back_stock(consumed)
    StockReservation.objects.filter(pk__in=[r.pk for r in consumed]).update(
        state=ReservationState.RELEASED, released_at=now
    )


def _release_quota(order: Order, now: datetime) -> None:
    if order.quota_released_at is None:
        quota.give_back(order.buyer_id, order.quota_year, order.quota_amount - order.quota_returned)
        order.quota_released_at = now


def give_back_quota_part(order: Order, amount: Decimal) -> Decimal:
    """A partial return gives back part of the order's annual quota (CN-C6), never more than it took.

    Inside the caller's transaction, the order row locked by the caller. Returns what was given back.
    """
    if order.quota_released_at is not None:
        return Decimal(0)
    part = min(amount, order.quota_amount - order.quota_returned)
    if part <= 0:
        return Decimal(0)
    quota.give_back(order.buyer_id, order.quota_year, part)
    order.quota_returned += part
    order.save(update_fields=["quota_returned"])
    return part


def mark_paid(order: Order, actor: Actor, note: str = "", *, now: datetime | None = None) -> Order:
    """Payment captured for this order: its reserved units are sold. A late payment for an order that
    expired meanwhile raises IllegalTransition (cancelled → paid): the payment must be refunded."""
    return transition(order, OrderStatus.PAID, actor, note, now=now)


def cancel(order: Order, actor: Actor, note: str = "", *, now: datetime | None = None) -> Order:
    """Cancel an unpaid order: stock and annual quota go back. Paid orders are refunded, not cancelled."""
    order = transition(order, OrderStatus.CANCELLED, actor, note, now=now)
    _close_checkout_if_done(order.checkout_id, CheckoutStatus.CANCELLED)
    return order


def mark_checkout_paid(checkout: Checkout, actor: Actor, note: str = "", *, now=None) -> list[Order]:
    """The checkout's one payment succeeded: every order in it becomes paid, in one transaction."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = list(Order.objects.select_for_update().filter(checkout=checkout).order_by("id"))
        for order in locked:
            _transition_locked(order, OrderStatus.PAID, actor, note, now)
        Checkout.objects.filter(pk=checkout.pk).update(status=CheckoutStatus.PAID)
    checkout.status = CheckoutStatus.PAID
    return locked


def cancel_checkout(checkout: Checkout, actor: Actor, note: str = "", *, now=None) -> list[Order]:
    """The payment failed or was abandoned: cancel every still unpaid order of the checkout."""
    now = now or timezone.now()
    with transaction.atomic():
        pending = list(
            Order.objects.select_for_update()
            .filter(checkout=checkout, status=OrderStatus.PENDING_PAYMENT)
            .order_by("id")
        )
        for order in pending:
            _transition_locked(order, OrderStatus.CANCELLED, actor, note, now)
        _close_checkout_if_done(checkout.pk, CheckoutStatus.CANCELLED)
    return pending


def restore_annual_quota(order: Order, *, now: datetime | None = None) -> bool:
    """Give the order's annual quota back (CN-C6) if not done yet; True if it was given back now.

    Cancellation and refund do this themselves; returns call it when customs releases the refund of tax.
    """
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.quota_released_at is not None:
            return False
        _release_quota(locked, now or timezone.now())
        locked.save(update_fields=["quota_released_at"])
    order.quota_released_at = locked.quota_released_at
    return True


def return_stock(order: Order, *, now: datetime | None = None) -> int:
    """Put the order's sold units back on the shelf (a parcel refused by customs comes back to the seller);
    the number of reservations given back. Only consumed reservations are touched, so a second call, or the
    refund that follows, adds nothing twice."""
    with transaction.atomic():
        Order.objects.select_for_update().get(pk=order.pk)  # one restock at a time per order
        consumed = order.reservations.filter(state=ReservationState.CONSUMED).count()
        _restock_consumed(order, now or timezone.now())
    return consumed


def _close_checkout_if_done(checkout_id: int, status: str) -> None:
    """A checkout whose orders are all cancelled is closed (expired or cancelled)."""
    if not Order.objects.filter(checkout_id=checkout_id).exclude(status=OrderStatus.CANCELLED).exists():
        closed = Checkout.objects.filter(pk=checkout_id, status=CheckoutStatus.PENDING_PAYMENT).update(
            status=status
        )
        if closed:
            promotions.release(checkout_id)  # the coupon's use goes back with the stock


def expire_reservations(now: datetime | None = None, limit: int = 500) -> int:
    """Cancel unpaid orders past their payment window, giving back stock and quota; the number cancelled.

    Each order in its own short transaction, re-checked under its row lock: a payment that lands at the
    same moment wins or loses cleanly, never both. Run it every minute (a periodic task).
    """
    now = now or timezone.now()
    due = list(
        Order.objects.filter(status=OrderStatus.PENDING_PAYMENT, expires_at__lte=now)
        .order_by("expires_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    cancelled = 0
    for pk in due:
        with transaction.atomic():
            order = (
                Order.objects.select_for_update()
                .filter(pk=pk, status=OrderStatus.PENDING_PAYMENT, expires_at__lte=now)
                .first()
            )
            if order is None:
                continue
            _transition_locked(order, OrderStatus.CANCELLED, SYSTEM_EXPIRY, "payment window expired", now)
            _close_checkout_if_done(order.checkout_id, CheckoutStatus.EXPIRED)
            cancelled += 1
    return cancelled
