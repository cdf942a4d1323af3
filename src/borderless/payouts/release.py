"""After payment: the seller ships, the parcel is delivered, the buyer confirms receipt (or the window passes)
and the order's escrow is released to customs, the platform and the seller.

A release is one database transaction, under the order's row lock, idempotent: the ledger keys derive from
the order ("release:<order uuid>"), and an order has at most one Release row.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from borderless import events
from borderless.accounts.models import User
from borderless.catalog.models import Product
from borderless.ledger import chart
from borderless.ledger import services as ledger
from borderless.ledger.models import Account
from borderless.logistics import tracking
from borderless.logistics.errors import InvalidShipment  # noqa: F401  (re-exported by payouts.services)
from borderless.money import Money
from borderless.orders import services as orders
from borderless.orders.errors import IllegalTransition, OrderError
from borderless.orders.lifecycle import Actor
from borderless.orders.models import Order
from borderless.orders.queries import order_by_ref
from borderless.orders.state import OrderStatus
from borderless.payouts import rules
from borderless.payouts.models import Release, ReleaseTrigger
from borderless.payouts.returns import taxes_due_at_release

SYSTEM_AUTO_CONFIRM = "system:auto-confirm"
ESCROW_RELEASED = "escrow released"  # {"order"}: the order's escrow went to the seller (public id)
DEFAULT_AUTO_CONFIRM_DAYS = 10
# A refund request or a dispute stops the clock: the order leaves `delivered` and is not released. A
# completed order without a release (completed by the state machine alone) still has its escrow to release.
RELEASABLE = frozenset({OrderStatus.DELIVERED, OrderStatus.COMPLETED})


class ReleaseNotAllowed(OrderError):
    """The order cannot be released now (not delivered, or a refund request or dispute is open)."""

    code = "release_not_allowed"
    status = 409


def auto_confirm_days() -> int:
    return int(getattr(settings, "ESCROW_AUTO_CONFIRM_DAYS", DEFAULT_AUTO_CONFIRM_DAYS))


def _commission_table() -> tuple[dict[str, Decimal], Decimal]:
    table = {**rules.COMMISSION_RATES, **getattr(settings, "PLATFORM_COMMISSION_RATES", {})}
    default = Decimal(str(getattr(settings, "PLATFORM_COMMISSION_DEFAULT", rules.DEFAULT_COMMISSION_RATE)))
    return {k: Decimal(str(v)) for k, v in table.items()}, default


# Fulfilment -----------------------------------------------------------------------------------------------


def deliver(user: Actor, order_ref, *, now: datetime | None = None) -> Order:
    """The parcel arrived: shipped -> delivered, which starts the auto-confirmation window. Stands in for the
    carrier integration: the order's seller or an operator (or a system actor) may record it."""
    return tracking.deliver(user, order_ref, now=now)  # logistics publishes "parcel delivered"


# Release --------------------------------------------------------------------------------------------------


def confirm_receipt(buyer: User, order_ref, *, now: datetime | None = None) -> Order:
    """确认收货: the buyer confirms receipt and the escrow is released now.

    Only the order's buyer (anyone else: Order.DoesNotExist). A shipped (or customs-released) order the
    carrier has not reported yet is recorded as delivered first: the buyer's word is the better evidence.
    Confirming a completed order again returns it unchanged; any other state is ReleaseNotAllowed (409).
    """
    order = order_by_ref(order_ref)
    if buyer is None or not buyer.is_authenticated or order.buyer_id != buyer.pk:
        raise Order.DoesNotExist
    now = now or timezone.now()
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.status in (OrderStatus.SHIPPED, OrderStatus.CUSTOMS_RELEASED):
            tracking.mark_delivered(locked, buyer, "receipt confirmed by the buyer", now=now)
        release_escrow(locked, buyer, now, trigger=ReleaseTrigger.BUYER_CONFIRMED)
    order.refresh_from_db()
    return order


def release_escrow(
    order: Order, actor: Actor, now: datetime | None = None, *, trigger: str = ReleaseTrigger.OPERATOR
) -> Release:
    """Release the order's escrow: taxes to customs, the rest to dollars at the order's recorded rate (FX
    margin kept), commission to the platform, the net to the seller's payable. Order -> completed.

    Idempotent: an order already released returns its Release. ReleaseNotAllowed unless delivered (a refund
    request or dispute stops it) or completed without a release yet; ReleaseRuleError if the order has no
    usable rate.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Order.objects.select_for_update().select_related("seller").get(pk=order.pk)
        existing = Release.objects.filter(order=locked).first()
        if existing is not None:
            return existing
        if locked.status not in RELEASABLE:
            raise ReleaseNotAllowed(
                f"An order that is {locked.status} cannot be released; it must be delivered "
                "with no refund request or dispute open.",
                {"status": locked.status},
            )
        split, fx = _split_for(locked)
        _post(locked, split, fx)
        release = Release.objects.create(
            order=locked,
            seller=locked.seller,
            trigger=trigger,
            released_at=now,
            gross=split.gross.amount,
            taxes=split.taxes.amount,
            converted=split.converted.amount,
            fx_margin=split.fx_margin.amount,
            buyer_currency=split.gross.currency,
            fx_rate=fx.rate,
            fx_reference_rate=fx.reference_rate,
            fx_date=fx.date,
            fx_source=fx.source[:40],
            amount=split.amount.amount,
            commission_rate=split.commission_rate,
            commission=split.commission.amount,
            net=split.net.amount,
            seller_currency=split.amount.currency,
        )
        if locked.status != OrderStatus.COMPLETED:
            orders.transition(locked, OrderStatus.COMPLETED, actor, f"escrow released ({trigger})", now=now)
        events.publish(ESCROW_RELEASED, locked, {"order": str(locked.public_id)})
    for field in ("status", "completed_at"):
        setattr(order, field, getattr(locked, field))
    return release


def escrow_balance(order: Order) -> Money:
    """What the order's escrow holds now and may release (posted, less pending holds taking money out)."""
    account = Account.objects.filter(code=chart.escrow(order.public_id)).first()
    if account is None:
        return Money.zero(order.landed_currency)
    return ledger.balance(account).available


def line_categories(orders_: Iterable[Order]) -> dict:
    """Product public id -> category slug for the lines of these orders (lines prefetched), in one query."""
    ids = {ln.product_public_id for o in orders_ for ln in o.lines.all()}
    return dict(Product.objects.filter(public_id__in=ids).values_list("public_id", "category__slug"))


def order_commission_rate(order: Order, categories: dict | None = None) -> Decimal:
    lines = list(order.lines.all())
    categories = line_categories([order]) if categories is None else categories
    table, default = _commission_table()
    weighted = [(categories.get(ln.product_public_id), ln.unit_price * ln.quantity) for ln in lines]
    return rules.commission_rate(weighted, table, default)


def _split_for(
    order: Order, gross: Money | None = None, categories: dict | None = None, kept_back: dict | None = None
) -> tuple[rules.ReleaseSplit, rules.RecordedRate]:
    """`kept_back`: order id -> taxes of goods returned before the release, for many orders at once."""
    fx = rules.RecordedRate.from_record(order.fx)
    gross = escrow_balance(order) if gross is None else gross
    if kept_back is None:
        tax = taxes_due_at_release(order)
    else:
        tax = Money(max(order.tax_total - kept_back.get(order.pk, 0), 0), order.landed_currency)
    return rules.split_release(gross, tax, fx, order_commission_rate(order, categories)), fx


def _account(code: str, currency: str):
    return ledger.get_or_create_account(code, currency)


def _post(order: Order, split: rules.ReleaseSplit, fx: rules.RecordedRate) -> None:
    key = f"release:{order.public_id}"
    escrow = chart.escrow(order.public_id)
    meta = {"order": str(order.public_id), "seller": str(order.seller.public_id)}
    cny, usd = split.gross.currency, split.amount.currency
    if split.taxes.amount > 0:
        ledger.transfer(
            f"{key}:taxes", escrow, _account(chart.customs_taxes_payable(cny), cny), split.taxes,
            kind="escrow_release_taxes", memo=f"order {order.public_id}: import taxes for customs",
            metadata=meta,
        )  # fmt: skip
    payable = _account(chart.seller_payable(order.seller.public_id, usd), usd)
    if split.amount.amount > 0:
        ledger.exchange(
            key, escrow, payable, split.goods_and_freight, split.amount,
            margin=split.fx_margin if split.fx_margin.amount > 0 else None,
            memo=f"order {order.public_id}: escrow released, converted at the order's rate",
            metadata={**meta, "rate": str(fx.rate), "reference_rate": str(fx.reference_rate),
                      "rate_date": fx.date, "rate_source": fx.source},
        )  # fmt: skip
    elif split.fx_margin.amount > 0:  # less than a cent's worth left: nothing to buy dollars with
        ledger.transfer(key, escrow, _account(chart.fx_margin(cny), cny), split.fx_margin,
                        kind="escrow_release_remainder", metadata=meta)  # fmt: skip
    if split.commission.amount > 0:
        ledger.transfer(
            f"{key}:commission", payable, _account(chart.platform_commission(usd), usd), split.commission,
            kind="commission", memo=f"order {order.public_id}: commission {split.commission_rate}",
            metadata=meta,
        )  # fmt: skip


def due_for_auto_confirm(now: datetime | None = None) -> Iterable[int]:
    """Delivered orders whose window has passed (refund requested or disputed ones have left `delivered`)."""
    cutoff = (now or timezone.now()) - timedelta(days=auto_confirm_days())
    return (
        Order.objects.filter(status=OrderStatus.DELIVERED, delivered_at__lte=cutoff)
        .order_by("delivered_at", "id")
        .values_list("pk", flat=True)
    )


def auto_confirm(now: datetime | None = None, limit: int = 500) -> int:
    """Release every delivered order whose auto-confirmation window has passed; the number released.

    Each order in its own transaction, re-checked under its lock: a refund request that lands at the same
    moment wins or loses cleanly. Run it periodically (payouts.tasks).
    """
    now = now or timezone.now()
    released = 0
    for pk in list(due_for_auto_confirm(now)[:limit]):
        order = Order.objects.get(pk=pk)
        try:
            release_escrow(order, SYSTEM_AUTO_CONFIRM, now, trigger=ReleaseTrigger.AUTO_CONFIRMED)
        except (ReleaseNotAllowed, IllegalTransition, rules.ReleaseRuleError):
            continue  # left the window meanwhile, or needs an operator: the others still go
        released += 1
    return released
