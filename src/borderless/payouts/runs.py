"""Seller balances and the daily payout run.

A payout is two-phase in the ledger: a hold moves nothing yet but reserves the seller's available dollars
(seller_payable -> payout_clearing:USD); the rail's answer posts it, or voids it if the rail refuses. The
run is idempotent per seller per UTC day (a unique row), and a payout left pending by a crash is sent again
(rails are idempotent by payout id) on the next run.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from borderless.accounts.models import Seller
from borderless.ledger import chart
from borderless.ledger import services as ledger
from borderless.ledger.models import Account, Hold
from borderless.money import Money
from borderless.orders.models import Order
from borderless.orders.state import OrderStatus
from borderless.payouts import rules
from borderless.payouts.models import Payout, PayoutStatus, Release
from borderless.payouts.providers import PayoutProvider, PayoutRefused, get_payout_provider
from borderless.payouts.release import _split_for, line_categories
from borderless.payouts.returns import taxes_kept_back

log = logging.getLogger(__name__)
SELLER_CURRENCY = "USD"
IN_ESCROW = (
    OrderStatus.PAID,
    OrderStatus.SHIPPED,
    OrderStatus.CUSTOMS_DECLARED,
    OrderStatus.CUSTOMS_HELD,
    OrderStatus.CUSTOMS_RELEASED,
    OrderStatus.DELIVERED,
)


@dataclass(frozen=True, slots=True)
class SellerBalance:
    pending: Money  # estimate: escrow of paid, shipped and delivered orders, as it would release now
    available: Money  # seller_payable less payouts in flight
    owed: Money | None = None  # returns reversed after a payout, recovered from the next payouts (ADR 604)
    currency: str = SELLER_CURRENCY


def payable_code(seller: Seller) -> str:
    return chart.seller_payable(seller.public_id, SELLER_CURRENCY)


def available_balance(seller: Seller) -> Money:
    account = Account.objects.filter(code=payable_code(seller)).first()
    return Money.zero(SELLER_CURRENCY).rounded() if account is None else ledger.balance(account).available


def seller_balance(seller: Seller) -> SellerBalance:
    """Pending is an estimate: each order in escrow split as it would be released now (taxes out, converted
    at its recorded rate, commission out). Refunds or disputes may still change it."""
    in_escrow = list(
        Order.objects.filter(seller=seller, status__in=IN_ESCROW)
        .select_related("seller")
        .prefetch_related("lines")
    )
    accounts = {
        a.code: a for a in Account.objects.filter(code__in=[chart.escrow(o.public_id) for o in in_escrow])
    }
    categories = line_categories(in_escrow)
    kept_back = taxes_kept_back(o.pk for o in in_escrow)
    pending = Money.zero(SELLER_CURRENCY).rounded()
    for order in in_escrow:
        account = accounts.get(chart.escrow(order.public_id))
        if account is None:
            continue
        try:
            split, _ = _split_for(order, ledger.balance_of(account).available, categories, kept_back)
        except rules.ReleaseRuleError:
            continue
        pending += split.net
    return SellerBalance(pending=pending, available=available_balance(seller), owed=owed_by_seller(seller))


def receivable_code(seller: Seller) -> str:
    return chart.seller_receivable(seller.public_id, SELLER_CURRENCY)


def owed_by_seller(seller: Seller) -> Money:
    """What the seller owes back: returns reversed after their money was paid out (ADR 604)."""
    account = Account.objects.filter(code=receivable_code(seller)).first()
    return Money.zero(SELLER_CURRENCY).rounded() if account is None else ledger.balance(account).posted


def recover_receivable(seller: Seller, payable, available: Money) -> Money:
    """Inside the payout's transaction, the payable locked: what the seller owes back (returns after a
    payout) is taken from the available dollars first. Returns the amount recovered."""
    owed = owed_by_seller(seller)
    take = min(owed, available) if available.amount > 0 else Money.zero(SELLER_CURRENCY).rounded()
    if take.amount <= 0:
        return Money.zero(SELLER_CURRENCY).rounded()
    receivable = ledger.get_or_create_account(receivable_code(seller), SELLER_CURRENCY)
    ledger.transfer(
        f"recover:{seller.public_id}:{uuid.uuid4()}", payable, receivable, take, kind="receivable_recovered",
        memo=f"seller {seller.public_id}: returns after payout recovered from the payable",
        metadata={"seller": str(seller.public_id)},
    )  # fmt: skip
    return take


def _hold_key(payout: Payout) -> str:
    return f"payout:{payout.public_id}"


def run_payouts(now: datetime | None = None, provider: PayoutProvider | None = None) -> list[Payout]:
    """Pay every seller whose available balance is above zero: one payout per seller per UTC day, with the
    released orders not paid yet. Payouts left pending by an earlier run are sent first. Returns the
    payouts this run handled: paid, failed (refused by the rail) or still pending (the rail did not answer;
    one seller's trouble never stops the others' payouts)."""
    now = now or timezone.now()
    provider = provider or get_payout_provider()
    done = [_send(p.pk, provider, now) for p in Payout.objects.filter(status=PayoutStatus.PENDING)]
    sellers = (
        Release.objects.filter(payout__isnull=True, released_at__lte=now)
        .values_list("seller_id", flat=True)
        .distinct()
    )
    for seller in Seller.objects.filter(pk__in=list(sellers)).order_by("pk"):
        payout = _open(seller, now, provider.name)
        if payout is not None:
            done.append(_send(payout.pk, provider, now))
    return done


def _open(seller: Seller, now: datetime, provider_name: str) -> Payout | None:
    day = now.astimezone(UTC).date() if timezone.is_aware(now) else now.date()
    if Payout.objects.filter(seller=seller, payout_date=day).exclude(status=PayoutStatus.FAILED).exists():
        return None  # already paid today: what was released since goes tomorrow
    try:
        with transaction.atomic():
            account = ledger.get_or_create_account(payable_code(seller), SELLER_CURRENCY)
            Account.objects.select_for_update().get(pk=account.pk)  # one run per seller at a time
            amount = ledger.balance(account).available
            amount -= recover_receivable(seller, account, amount)
            if amount.amount <= 0:
                return None
            payout = Payout.objects.create(
                seller=seller, payout_date=day, amount=amount.amount, currency=amount.currency,
                provider=provider_name, created_at=now,
            )  # fmt: skip
            Release.objects.filter(seller=seller, payout__isnull=True, released_at__lte=now).update(
                payout=payout
            )
            clearing = ledger.get_or_create_account(chart.payout_clearing(SELLER_CURRENCY), SELLER_CURRENCY)
            ledger.create_hold(
                _hold_key(payout), account, clearing, amount,
                memo=f"payout {payout.public_id} to seller {seller.public_id}",
                metadata={"payout": str(payout.public_id), "seller": str(seller.public_id)},
            )  # fmt: skip
    except IntegrityError:
        return None  # a concurrent run opened today's payout first
    return payout


def _send(payout_pk: int, provider: PayoutProvider, now: datetime) -> Payout:
    payout = Payout.objects.select_related("seller").get(pk=payout_pk)
    try:
        reference = provider.send(payout)
    except PayoutRefused as exc:
        return _fail(payout, str(exc), now)
    except Exception:  # noqa: BLE001 - no answer from the rail: the payout stays pending, sent again next run
        log.exception("payout %s: no answer from %s; it stays pending", payout.public_id, payout.provider)
        return payout
    with transaction.atomic():
        locked = Payout.objects.select_for_update().get(pk=payout_pk)
        if locked.status != PayoutStatus.PENDING:
            return locked
        hold = Hold.objects.get(idempotency_key=_hold_key(locked))
        ledger.post_hold(hold, key=f"{_hold_key(locked)}:paid")
        locked.status, locked.reference, locked.paid_at = PayoutStatus.PAID, reference[:120], now
        locked.save(update_fields=["status", "reference", "paid_at"])
    return locked


def _fail(payout: Payout, why: str, now: datetime) -> Payout:
    log.warning("payout %s refused by %s: %s", payout.public_id, payout.provider, why)
    with transaction.atomic():
        locked = Payout.objects.select_for_update().get(pk=payout.pk)
        if locked.status != PayoutStatus.PENDING:
            return locked
        hold = Hold.objects.get(idempotency_key=_hold_key(locked))
        ledger.void_hold(hold, key=f"{_hold_key(locked)}:refused")
        Release.objects.filter(payout=locked).update(payout=None)  # they go in the next payout
        locked.status, locked.failure = PayoutStatus.FAILED, why[:500]
        locked.save(update_fields=["status", "failure"])
    return locked


def hours_between(start: datetime, end: datetime | None) -> float | None:
    return None if end is None else round((end - start).total_seconds() / 3600, 2)


def payouts_of(seller: Seller, limit: int = 100):
    """The seller's payouts, newest first, with their releases and orders loaded."""
    return (
        Payout.objects.filter(seller=seller)
        .prefetch_related("releases__order")
        .order_by("-payout_date", "-id")[:limit]
    )
