"""Refunds, full and partial, never above what was paid for the order.

Opening a refund is one transaction: the order's payment share is locked, the refund row written, the
share's refunded total raised (a CHECK keeps it at most the amount paid), the money moved from the order's
escrow to refunds owed, and, for a full refund, the order moved to refund requested. The provider is
called after the commit; its answer completes the refund (money leaves payment clearing, the order is
refunded and its annual quota given back by the orders service) or undoes it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from borderless import events
from borderless.accounts.models import User
from borderless.money import Money
from borderless.orders import services as orders
from borderless.orders.models import Order
from borderless.orders.state import OrderStatus, allowed_targets
from borderless.payments import accounting
from borderless.payments.errors import (
    IdempotencyConflict,
    InvalidRefund,
    ProviderError,
    RefundExceedsPayment,
    RefundNotAllowed,
)
from borderless.payments.models import Payment, PaymentShare, PaymentStatus, Refund, RefundStatus
from borderless.payments.providers import get_provider

SYSTEM_REFUNDS = "system:refunds"
# The provider has paid a refund back: {"order", "refund" (public ids), "amount" (a decimal string),
# "currency"}.
REFUND_MADE = "refund made"
MAX_KEY_LENGTH = 255
PAID_STATUSES = (PaymentStatus.SUCCEEDED, PaymentStatus.PARTIALLY_REFUNDED)


@dataclass(frozen=True, slots=True)
class RefundResult:
    refund: Refund
    replayed: bool = False


def may_refund(user: User, order: Order) -> bool:
    """The order's buyer, a member of its seller, or an operator."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_operator or order.buyer_id == user.pk:
        return True
    membership = getattr(user, "membership", None)
    return membership is not None and membership.seller_id == order.seller_id


def refundable(order_status: str) -> bool:
    """The order state machine decides: a refund needs a way to `refunded`, at once or through a request.

    A completed order's escrow has been released to customs, the platform and the seller: only a return
    (payouts.returns, CN-C6) takes that money back, with its correcting entries."""
    if order_status == OrderStatus.COMPLETED:
        return False
    targets = allowed_targets(order_status)
    return OrderStatus.REFUNDED in targets or OrderStatus.REFUND_REQUESTED in targets


def parse_amount(amount) -> Decimal:
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        raise InvalidRefund('amount: a decimal number of yuan, e.g. "12.50".') from None
    if not value.is_finite() or value <= 0 or value != value.quantize(Decimal("0.01")):
        raise InvalidRefund("amount: more than zero, to the fen (two decimal places).")
    if value >= Decimal("1e12"):
        raise InvalidRefund("amount: too large.")
    return value.quantize(Decimal("0.01"))


def refund_fingerprint(amount: Decimal, reason: str) -> str:
    return hashlib.sha256(f"{amount}|{reason}".encode()).hexdigest()


def replay(order: Order, key: str, fingerprint: str) -> Refund | None:
    found = Refund.objects.filter(order=order, idempotency_key=key).first()
    if found is not None and found.fingerprint != fingerprint:
        raise IdempotencyConflict(
            "This idempotency key was already used for a different refund of this order.",
            {"refund": str(found.public_id)},
        )
    return found


def request_refund(
    actor: User, order_public_id, amount, reason: str, idempotency_key: str, *, now: datetime | None = None
) -> RefundResult:
    """Refund `amount` (CNY) of the order's payment. The same key with the same body returns the first result.

    Raises Order.DoesNotExist (not the caller's order), InvalidRefund, RefundNotAllowed, RefundExceedsPayment
    (nothing written), IdempotencyConflict, ProviderError (the provider refused: the refund is undone).
    """
    order = Order.objects.get(public_id=order_public_id)
    if not may_refund(actor, order):
        raise Order.DoesNotExist
    if not isinstance(idempotency_key, str) or not 1 <= len(idempotency_key.strip()) <= MAX_KEY_LENGTH:
        raise InvalidRefund(f"Idempotency-Key: 1 to {MAX_KEY_LENGTH} characters.")
    key = idempotency_key.strip()
    value = parse_amount(amount)
    reason = " ".join(str(reason or "").split())
    if not 1 <= len(reason) <= 500:
        raise InvalidRefund("reason: 1 to 500 characters.")
    fingerprint = refund_fingerprint(value, reason)
    if (previous := replay(order, key, fingerprint)) is not None:
        return RefundResult(previous, replayed=True)
    try:
        with transaction.atomic():
            refund = _open(order, value, reason, key, fingerprint, actor, now or timezone.now())
    except IntegrityError:
        if (previous := replay(order, key, fingerprint)) is None:
            raise
        return RefundResult(previous, replayed=True)
    return RefundResult(complete_refund(refund.pk))


def lock_share(order: Order) -> tuple[PaymentShare, Payment]:
    # Lock order: the share (one per order), then the payment, then the order: the same everywhere.
    share = PaymentShare.objects.select_for_update().filter(order=order).first()
    if share is None:
        raise RefundNotAllowed("This order has not been paid.", {"order": str(order.public_id)})
    payment = Payment.objects.select_for_update().get(pk=share.payment_id)
    return share, payment


def _open(order, amount, reason, key, fingerprint, actor, now) -> Refund:
    share, payment = lock_share(order)
    locked_order = Order.objects.select_for_update().get(pk=order.pk)
    if not refundable(locked_order.status):
        raise RefundNotAllowed(
            f"An order that is {locked_order.status} cannot be refunded.", {"status": locked_order.status}
        )
    return open_locked(share, payment, locked_order, amount, reason, key, fingerprint, actor, now)


def open_locked(
    share, payment, order, amount, reason, key, fingerprint, actor, now, *, owed=accounting.refund_owed
) -> Refund:
    """Inside the caller's transaction, share, payment and order locked in that order (`lock_share`, then the
    order): write the refund of `amount` and post what it owes the buyer with `owed(refund)` (by default
    the order's escrow to refunds owed). The caller calls `complete_refund` after the commit."""
    if payment.status not in PAID_STATUSES:
        raise RefundNotAllowed(f"The payment is {payment.status}; nothing to refund.")
    remaining = share.amount - share.refunded
    if amount > remaining:
        raise RefundExceedsPayment(
            f"A refund of {amount} CNY is more than the {remaining} CNY left of what was paid for the order.",
            {"paid": str(share.amount), "refunded": str(share.refunded), "requested": str(amount)},
        )
    refund = Refund.objects.create(
        payment=payment, order=order, amount=amount, currency=payment.currency, reason=reason,
        idempotency_key=key, fingerprint=fingerprint, requested_by=actor, requested_label=actor.email[:80],
        created_at=now,
    )  # fmt: skip
    _take(share, payment, amount)
    owed(refund)
    if share.refunded == share.amount and OrderStatus.REFUND_REQUESTED in allowed_targets(order.status):
        orders.transition(order, OrderStatus.REFUND_REQUESTED, actor, reason, now=now)
    return refund


def _take(share: PaymentShare, payment: Payment, amount: Decimal) -> None:
    share.refunded += amount
    share.save(update_fields=["refunded"])
    payment.refunded_amount += amount
    payment.save(update_fields=["refunded_amount"])


def open_system_refund(
    payment: Payment, share: PaymentShare, reason: str, now: datetime, *, key: str | None = None
) -> Refund | None:
    """Inside the caller's transaction (payment locked): give back what is left of one order's share.

    Used when money arrives for an order that was cancelled meanwhile, and when customs rejects or refuses
    an order (`key` names that cause). The provider is called by the task queue after the commit.
    """
    share = PaymentShare.objects.select_for_update().get(pk=share.pk)
    amount = share.amount - share.refunded
    if amount <= 0:
        return None
    refund = Refund.objects.create(
        payment=payment, order_id=share.order_id, amount=amount, currency=payment.currency, reason=reason,
        idempotency_key=key or f"system:{payment.public_id}", fingerprint=refund_fingerprint(amount, reason),
        requested_label=SYSTEM_REFUNDS, created_at=now,
    )  # fmt: skip
    _take(share, payment, amount)
    accounting.refund_owed(refund)

    def enqueue() -> None:
        from borderless.payments.tasks import complete_refund_task

        complete_refund_task(refund.pk)

    transaction.on_commit(enqueue)
    return refund


def complete_refund(refund_pk: int) -> Refund:
    """Ask the provider to pay a pending refund back, then record its answer. Safe to run again."""
    refund = Refund.objects.select_related("payment", "order").get(pk=refund_pk)
    if refund.status != RefundStatus.PENDING:
        return refund
    provider = get_provider(refund.payment.provider)
    try:
        reference = provider.refund(
            refund.payment,
            Money(refund.amount, refund.currency),
            idempotency_key=f"refund:{refund.public_id}",
        )
    except Exception as exc:
        _undo(refund.pk, exc)
        raise ProviderError(f"The payment provider refused the refund: {exc}") from exc
    with transaction.atomic():
        share, payment = lock_share(refund.order)
        locked = Refund.objects.select_for_update().select_related("payment", "order").get(pk=refund_pk)
        if locked.status != RefundStatus.PENDING:
            return locked
        locked.status = RefundStatus.SUCCEEDED
        locked.provider_reference = reference
        locked.completed_at = timezone.now()
        locked.save(update_fields=["status", "provider_reference", "completed_at"])
        accounting.refund_paid(locked)
        paid_back = Refund.objects.filter(payment=payment, status=RefundStatus.SUCCEEDED).aggregate(
            t=Sum("amount")
        )["t"]
        payment.status = (
            PaymentStatus.REFUNDED if paid_back == payment.amount else PaymentStatus.PARTIALLY_REFUNDED
        )
        payment.save(update_fields=["status"])
        order = Order.objects.select_for_update().get(pk=locked.order_id)
        order_done = (
            share.refunded == share.amount
            and not Refund.objects.filter(order=order, status=RefundStatus.PENDING).exists()
        )
        if order_done and OrderStatus.REFUNDED in allowed_targets(order.status):
            actor = locked.requested_by or SYSTEM_REFUNDS
            orders.transition(order, OrderStatus.REFUNDED, actor, f"refund {locked.public_id}")
        events.publish(REFUND_MADE, order, {
            "order": str(order.public_id), "refund": str(locked.public_id),
            "amount": str(locked.amount), "currency": locked.currency,
        })  # fmt: skip
    return locked


def _undo(refund_pk: int, exc: Exception) -> None:
    with transaction.atomic():
        refund = Refund.objects.select_related("order", "payment").get(pk=refund_pk)
        share, payment = lock_share(refund.order)
        locked = Refund.objects.select_for_update().select_related("payment", "order").get(pk=refund_pk)
        if locked.status != RefundStatus.PENDING:
            return
        locked.status = RefundStatus.FAILED
        locked.completed_at = timezone.now()
        locked.save(update_fields=["status", "completed_at"])
        _take(share, payment, -locked.amount)
        accounting.refund_undone(locked)


def retry_pending(limit: int = 100) -> int:
    """Complete refunds left pending (a worker stopped between opening and the provider's answer)."""
    done = 0
    settled = timezone.now() - timedelta(minutes=5)  # leave the ones a request is completing right now
    pending = Refund.objects.filter(status=RefundStatus.PENDING, created_at__lt=settled)
    for pk in pending.values_list("pk", flat=True)[:limit]:
        try:
            complete_refund(pk)
            done += 1
        except ProviderError:
            continue
    return done
