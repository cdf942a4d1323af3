"""Handling time: a paid order must ship within N business days (default 3); late orders are flagged, and
after a grace of G more business days (default 2) cancelled and refunded in full.

Business days are Monday to Friday, counted from the moment of payment in UTC: paid on Friday at 10:00 with
3 days, the order must ship by Wednesday 10:00; with the grace, it is refunded from Friday 10:00. Holidays
are not skipped (carriers' and sellers' holidays differ; a seller away sets a longer handling time).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from borderless.accounts.models import Seller
from borderless.orders.models import Order
from borderless.orders.state import OrderStatus
from borderless.payments.models import Payment, PaymentShare
from borderless.payments.refunds import open_system_refund

SYSTEM_HANDLING = "system:handling-time"


def handling_days() -> int:
    return int(getattr(settings, "HANDLING_BUSINESS_DAYS", 3))


def grace_days() -> int:
    return int(getattr(settings, "HANDLING_GRACE_BUSINESS_DAYS", 2))


def add_business_days(start: datetime, days: int) -> datetime:
    moment = start
    while days > 0:
        moment += timedelta(days=1)
        if moment.weekday() < 5:
            days -= 1
    if moment.weekday() >= 5:  # paid on a weekend with 0 days: Monday
        moment += timedelta(days=7 - moment.weekday())
    return moment


@dataclass(frozen=True, slots=True)
class LateOrder:
    order: Order
    ship_by: datetime
    cancel_from: datetime


def ship_by(paid_at: datetime) -> datetime:
    return add_business_days(paid_at, handling_days())


def cancel_from(paid_at: datetime) -> datetime:
    return add_business_days(paid_at, handling_days() + grace_days())


def late_orders(seller: Seller | None = None, now: datetime | None = None) -> list[LateOrder]:
    """Paid orders past their ship-by time, oldest first (optionally one seller's)."""
    now = now or timezone.now()
    # N business days are at least N calendar days: the database narrows, the rule decides.
    found = Order.objects.filter(status=OrderStatus.PAID, paid_at__lte=now - timedelta(days=handling_days()))
    if seller is not None:
        found = found.filter(seller=seller)
    late = []
    for order in found.select_related("seller").order_by("paid_at", "id"):
        if ship_by(order.paid_at) < now:
            late.append(LateOrder(order, ship_by(order.paid_at), cancel_from(order.paid_at)))
    return late


def cancel_late_orders(now: datetime | None = None, limit: int = 200) -> int:
    """Refund in full every paid order past its ship-by time and the grace; the number refunded.

    Each order in its own transaction, locked as payments' refunds lock (share, payment, order) and checked
    again under the lock: an order shipped at the last moment is left alone. The refund completes through
    the task queue and moves the order to `refunded`, which puts the stock back and restores the quota.
    """
    now = now or timezone.now()
    refunded = 0
    for late in late_orders(now=now)[:limit]:
        if late.cancel_from > now:
            continue
        with transaction.atomic():
            share = PaymentShare.objects.select_for_update().filter(order_id=late.order.pk).first()
            if share is None:
                continue
            payment = Payment.objects.select_for_update().get(pk=share.payment_id)
            order = Order.objects.select_for_update().get(pk=late.order.pk)
            if order.status != OrderStatus.PAID:
                continue
            reason = f"not shipped within {handling_days()} business days and a grace of {grace_days()}"
            if open_system_refund(payment, share, reason, now, key=f"handling:{order.public_id}") is not None:
                refunded += 1
    return refunded
