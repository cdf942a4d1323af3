"""Returns (CN-C6): within 30 days of delivery the buyer sends all or part of an order back and is refunded;
the import taxes, the seller's share and the platform's commission are reversed; the annual quota comes back.

One database transaction, under the locks a refund takes (the order's payment share, the payment, the order)
and then the seller's payable. Before the release the money is still in the order's escrow: the refund takes
it from there like any refund, and the taxes returned are kept off the release. After the release the escrow
is empty: one ledger transaction with correcting entries gives back what each party received (customs taxes,
FX margin, the dollars bought, the platform's commission, the seller's net) into refunds owed to the buyer.
The seller's net comes from the seller's payable; what the payable no longer holds (paid out already) is
debited to the seller's receivable, which the next payouts recover first (ADR 604). The provider is asked to
pay the buyer after the commit, as for any refund.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from borderless.accounts.models import User
from borderless.ledger import chart
from borderless.ledger import services as ledger
from borderless.ledger.models import Account
from borderless.money import Money
from borderless.orders import services as orders
from borderless.orders.errors import OrderError
from borderless.orders.models import Order
from borderless.orders.pricing import china_date
from borderless.orders.state import OrderStatus
from borderless.payments import accounting
from borderless.payments import refunds as payment_refunds
from borderless.payments.errors import InvalidRefund
from borderless.payments.models import RefundStatus
from borderless.payouts import rules
from borderless.payouts.models import Release, Return

RETURN_WINDOW_DAYS = 30
RETURNABLE = frozenset({OrderStatus.DELIVERED, OrderStatus.COMPLETED})
KEY_PREFIX = "return:"
MAX_KEY_LENGTH = 200
CENT = Decimal("0.01")


class ReturnNotAllowed(OrderError):
    """The order cannot be returned now: not delivered yet, refunded, in a dispute, or past the window."""

    code = "return_not_allowed"
    status = 409


@dataclass(frozen=True, slots=True)
class ReturnResult:
    order_return: Return
    replayed: bool = False


def return_deadline(order: Order):
    """The last China calendar day on which the order may be returned (delivery day + 30), or None."""
    if order.delivered_at is None:
        return None
    return china_date(order.delivered_at) + timedelta(days=RETURN_WINDOW_DAYS)


def within_window(order: Order, now: datetime) -> bool:
    deadline = return_deadline(order)
    return deadline is not None and china_date(now) <= deadline


def can_return(order: Order, now: datetime | None = None) -> bool:
    """For pages: the order is delivered or completed and still within its return window."""
    return order.status in RETURNABLE and within_window(order, now or timezone.now())


def request_return(
    buyer: User, order_public_id, amount, reason: str, idempotency_key: str, *, now: datetime | None = None
) -> ReturnResult:
    """The buyer returns `amount` CNY of the order (all of what is left, or part of it).

    Order.DoesNotExist for anyone but the order's buyer; InvalidRefund (422) for a bad amount, reason or
    key; ReturnNotAllowed (409) outside the window or the statuses; RefundExceedsPayment (422) above what is
    left; IdempotencyConflict (409) for a key reused with another body. Nothing is written on any of these.
    The same key and body return the first return (replayed).
    """
    order = Order.objects.get(public_id=order_public_id)
    if buyer is None or not buyer.is_authenticated or order.buyer_id != buyer.pk:
        raise Order.DoesNotExist
    if not isinstance(idempotency_key, str) or not 1 <= len(idempotency_key.strip()) <= MAX_KEY_LENGTH:
        raise InvalidRefund(f"Idempotency-Key: 1 to {MAX_KEY_LENGTH} characters.")
    key = KEY_PREFIX + idempotency_key.strip()
    value = payment_refunds.parse_amount(amount)
    reason = " ".join(str(reason or "").split())
    if not 1 <= len(reason) <= 500:
        raise InvalidRefund("reason: 1 to 500 characters.")
    fingerprint = payment_refunds.refund_fingerprint(value, reason)
    if (previous := _replay(order, key, fingerprint)) is not None:
        return ReturnResult(previous, replayed=True)
    now = now or timezone.now()
    try:
        with transaction.atomic():
            opened = _open(buyer, order, value, reason, key, fingerprint, now)
    except IntegrityError:
        if (previous := _replay(order, key, fingerprint)) is None:
            raise
        return ReturnResult(previous, replayed=True)
    payment_refunds.complete_refund(opened.refund_id)
    opened.refund.refresh_from_db()
    return ReturnResult(opened)


def _replay(order: Order, key: str, fingerprint: str) -> Return | None:
    refund = payment_refunds.replay(order, key, fingerprint)
    if refund is None:
        return None
    return Return.objects.select_related("refund").get(refund=refund)


def _open(buyer, order, value, reason, key, fingerprint, now) -> Return:
    share, payment = payment_refunds.lock_share(order)
    locked = Order.objects.select_for_update().select_related("seller").get(pk=order.pk)
    if locked.status not in RETURNABLE:
        raise ReturnNotAllowed(
            f"An order that is {locked.status} cannot be returned; it must be delivered.",
            {"status": locked.status},
        )
    if not within_window(locked, now):
        raise ReturnNotAllowed(
            f"The return window closed on {return_deadline(locked).isoformat()} "
            f"({RETURN_WINDOW_DAYS} days after delivery).",
            {"deadline": return_deadline(locked).isoformat()},
        )
    release = Release.objects.filter(order=locked).first()
    whole = value == share.amount - share.refunded  # everything left of what was paid
    figures = {}

    def owed(refund) -> None:
        if release is None:
            accounting.refund_owed(refund)  # still in escrow: escrow -> refunds owed
        else:
            figures.update(_reverse_release(refund, locked, release, value))

    refund = payment_refunds.open_locked(
        share, payment, locked, value, reason, key, fingerprint, buyer, now, owed=owed
    )
    taxes = figures.pop("taxes", None)
    if taxes is None:  # before the release: the taxes of what comes back never go to customs
        taxes = _proportional(locked.tax_total, value, share.amount, _taxes_kept_back(locked), whole)
    quota_part = (
        locked.quota_amount - locked.quota_returned
        if whole
        else _proportional(locked.quota_amount, value, share.amount, locked.quota_returned, False)
    )
    restored = orders.give_back_quota_part(locked, quota_part)
    return Return.objects.create(
        order=locked, refund=refund, release=release, requested_at=now, reason=reason, gross=value,
        taxes=taxes, quota_restored=restored, **figures,
    )  # fmt: skip


def _proportional(total: Decimal, value: Decimal, paid: Decimal, done: Decimal, whole: bool) -> Decimal:
    """`value` of `paid` as a part of `total`, never more than what is left of it (`total - done`)."""
    left = max(total - done, Decimal(0))
    if whole or paid <= 0:
        return left
    return min((total * value / paid).quantize(CENT, ROUND_HALF_UP), left)


def _live(queryset):
    """Returns whose refund the provider did not refuse (a refused one was reversed in the ledger)."""
    return queryset.exclude(refund__status=RefundStatus.FAILED)


def _taxes_kept_back(order: Order) -> Decimal:
    return _live(Return.objects.filter(order=order, release__isnull=True)).aggregate(t=Sum("taxes"))[
        "t"
    ] or Decimal(0)


def taxes_kept_back(order_ids) -> dict[int, Decimal]:
    """Order id -> taxes of goods returned before the release, for many orders in one query."""
    rows = (
        _live(Return.objects.filter(order_id__in=list(order_ids), release__isnull=True))
        .values("order_id")
        .annotate(t=Sum("taxes"))
    )
    return {row["order_id"]: row["t"] for row in rows}


def taxes_due_at_release(order: Order) -> Money:
    """The order's import taxes less those of goods returned before the release (for `release._split_for`)."""
    return Money(max(order.tax_total - _taxes_kept_back(order), Decimal(0)), order.landed_currency)


def _reversed_so_far(release: Release) -> rules.Parts:
    sums = _live(Return.objects.filter(release=release)).aggregate(
        **{name: Sum(name) for name in rules.FIELDS}
    )
    return rules.Parts(**{name: sums[name] or Decimal(0) for name in rules.FIELDS})


def _released(release: Release) -> rules.Parts:
    return rules.Parts(**{name: getattr(release, name) for name in rules.FIELDS})


def _reverse_release(refund, order: Order, release: Release, value: Decimal) -> dict:
    """The correcting entries of a return after the release: one ledger transaction, keyed by the refund
    (`refund:<id>:owed`, the key every refund's owed posting has, so a refused refund is undone alike)."""
    parts = rules.split_return(value, _released(release), _reversed_so_far(release))
    cny, usd = release.buyer_currency, release.seller_currency
    seller = order.seller.public_id

    def account(code, currency):
        return ledger.get_or_create_account(code, currency)

    payable = account(chart.seller_payable(seller, usd), usd)
    Account.objects.select_for_update().get(pk=payable.pk)  # the payout run takes this lock too
    held = max(ledger.balance(payable).available.amount, Decimal(0))
    from_payable = min(parts.net, held)
    from_receivable = parts.net - from_payable
    legs = [ledger.credit(account(chart.refunds(cny), cny), Money(value, cny))]
    for code, amount, currency in (
        (chart.customs_taxes_payable(cny), parts.taxes, cny),
        (chart.fx_margin(cny), parts.fx_margin, cny),
        (chart.fx_liquidity(cny), parts.converted, cny),
        (chart.fx_liquidity(usd), -parts.amount, usd),  # credit: the dollars go back into the FX position
        (chart.platform_commission(usd), parts.commission, usd),
        (chart.seller_payable(seller, usd), from_payable, usd),
        (chart.seller_receivable(seller, usd), from_receivable, usd),
    ):
        if amount > 0:
            legs.append(ledger.debit(account(code, currency), Money(amount, currency)))
        elif amount < 0:
            legs.append(ledger.credit(account(code, currency), Money(-amount, currency)))
    meta = {
        "order": str(order.public_id),
        "seller": str(seller),
        "refund": str(refund.public_id),
        "release": str(release.public_id),
        "rate": str(release.fx_rate),
    }
    ledger.post_transfer(
        f"refund:{refund.public_id}:owed", legs, kind="return_reversal",
        memo=f"order {order.public_id}: return of {value} {cny} after release, release reversed in part",
        metadata=meta,
    )  # fmt: skip
    return {
        "taxes": parts.taxes,
        "converted": parts.converted,
        "fx_margin": parts.fx_margin,
        "amount": parts.amount,
        "commission": parts.commission,
        "net": parts.net,
        "from_receivable": from_receivable,
    }


def returns_of(order: Order) -> list[Return]:
    return list(Return.objects.filter(order=order).select_related("refund").order_by("requested_at", "id"))
