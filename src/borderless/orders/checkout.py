"""Checkout: the cart becomes one order per seller, priced, with stock and annual quota reserved.

All or nothing, in one transaction; idempotent per (buyer, key). Locks are taken in a fixed order (the
checkout row's unique key, then SKUs by id, then the buyer's quota row), so concurrent checkouts cannot
deadlock, and every stock and quota change is a conditional UPDATE that cannot overshoot.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from borderless.accounts.models import User
from borderless.catalog.models import Sku
from borderless.money.core import Money
from borderless.orders import quota, stock
from borderless.orders.cart import by_seller, checkout_items, is_buyable, require_buyer
from borderless.orders.errors import (
    CannotQuote,
    CustomsLimit,
    EmptyCart,
    IdempotencyConflict,
    InvalidAddress,
    InvalidCart,
    OrderError,
    OutOfStock,
)
from borderless.orders.identity import BuyerIdentity, blind_index, encrypt_id_number, parse_identity
from borderless.orders.models import (
    CartItem,
    Checkout,
    Order,
    OrderLine,
    OrderTransition,
    StockReservation,
    fen_to_cny,
)
from borderless.orders.pricing import PricedLine, china_date, quote_lines
from borderless.orders.state import OrderStatus
from borderless.rows import delete_ids, insert, insert_family
from borderless.trade import Quote

RESERVATION_TTL = timedelta(minutes=15)  # time to pay before stock and quota go back
ADDRESS_REQUIRED = ("name", "phone", "province", "city", "street")
ADDRESS_OPTIONAL = ("district", "postcode")
MAX_KEY_LENGTH = 255


@dataclass(frozen=True, slots=True)
class PaymentShare:
    """One order's part of the checkout's single payment (its landed total in CNY)."""

    order_public_id: str
    seller_public_id: str
    amount: Money


@dataclass(frozen=True, slots=True)
class CheckoutResult:
    checkout: Checkout
    orders: list[Order]
    replayed: bool = False  # True when an earlier request with the same key created it
    lines: list[list[OrderLine]] | None = None  # each order's lines, when placed just now (else: read them)

    @property
    def total(self) -> Money:
        return Money(self.checkout.total, self.checkout.total_currency)

    def payment_shares(self) -> list[PaymentShare]:
        return payment_shares(self.orders)


def payment_shares(orders: list[Order]) -> list[PaymentShare]:
    return [
        PaymentShare(str(o.public_id), str(o.seller.public_id), Money(o.landed_total, o.landed_currency))
        for o in orders
    ]


def normalise_address(data: object) -> dict[str, str]:
    if not isinstance(data, dict):
        raise InvalidAddress("address: expected an object with name, phone, province, city and street.")
    unknown = set(data) - set(ADDRESS_REQUIRED) - set(ADDRESS_OPTIONAL)
    if unknown:
        raise InvalidAddress(f"address: unknown field(s) {', '.join(sorted(map(str, unknown)))}.")
    address = {}
    for name in ADDRESS_REQUIRED + ADDRESS_OPTIONAL:
        value = data.get(name, "")
        if not isinstance(value, str) or len(value) > 200:
            raise InvalidAddress(f"address.{name}: expected text of at most 200 characters.")
        value = " ".join(value.split())
        if name in ADDRESS_REQUIRED and not value:
            raise InvalidAddress(f"address.{name}: required.")
        if value:
            address[name] = value
    return address


def _fingerprint(address: dict, identity: BuyerIdentity) -> str:
    body = {"address": address, "name": identity.name, "id": blind_index(identity.id_number)}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def checkout(
    buyer: User,
    idempotency_key: str,
    address: dict,
    identity: dict,
    *,
    now: datetime | None = None,
    ttl: timedelta = RESERVATION_TTL,
    within: Callable[[CheckoutResult], None] | None = None,
) -> CheckoutResult:
    """Turn the buyer's cart into one order per seller, awaiting one payment.

    Raises InvalidIdentity, InvalidAddress, EmptyCart, InvalidCart, CannotQuote, CustomsLimit (an order the
    CBEC channel refuses), OutOfStock, IdempotencyConflict (same key, different body). On any error nothing
    is written. The same key with the same body returns the first result (replayed=True).

    `within` is called with a new checkout's result inside its transaction, before the commit (the API opens
    the payment there: one transaction and one commit for both); not for a replay.
    """
    require_buyer(buyer)
    if not isinstance(idempotency_key, str) or not 1 <= len(idempotency_key.strip()) <= MAX_KEY_LENGTH:
        raise OrderError(f"idempotency_key: 1 to {MAX_KEY_LENGTH} characters.")
    key = idempotency_key.strip()
    address = normalise_address(address)
    ident = parse_identity(identity)
    fingerprint = _fingerprint(address, ident)
    now = now or timezone.now()
    items, used_fen, existing = checkout_items(buyer, china_date(now).year, key)  # one read before the writes
    if existing is not None:
        return _replayed(existing, fingerprint)
    try:
        with transaction.atomic():
            result = _place(buyer, key, fingerprint, address, ident, now, ttl, items, used_fen)
            if within is not None:
                within(result)
            return result
    except (IntegrityError, OrderError):
        # A concurrent request with the same key may have committed first: we waited on its unique key
        # (IntegrityError), or found the cart it had just emptied or the stock it had just taken.
        previous = _replay(buyer, key, fingerprint)
        if previous is None:
            raise
        return previous


def _replay(buyer: User, key: str, fingerprint: str) -> CheckoutResult | None:
    # only after a failed write (a concurrent twin); checkout_items() reads the key before every checkout
    found = Checkout.objects.filter(buyer=buyer, idempotency_key=key).first()
    return None if found is None else _replayed(found, fingerprint)


def _replayed(found: Checkout, fingerprint: str) -> CheckoutResult:
    if found.fingerprint != fingerprint:
        raise IdempotencyConflict(
            "This idempotency key was already used for a different checkout request.",
            {"checkout": str(found.public_id)},
        )
    orders = list(found.orders.select_related("seller").order_by("id"))
    return CheckoutResult(found, orders, replayed=True)


def _cny(amount: Money) -> Decimal:
    return amount.amount  # every amount of a CN quote is in CNY


def _refusals(q: Quote) -> list[dict]:
    return [r.as_dict() for r in q.reasons if r.rule.startswith("CN-")]


def _place(buyer, key, fingerprint, address, ident, now, ttl, items, used_fen) -> CheckoutResult:
    on = china_date(now)
    if not items:
        raise EmptyCart("The cart is empty.")
    for item in items:
        if not is_buyable(item.sku):
            raise InvalidCart(
                f"SKU {item.sku.code} is no longer for sale; remove it from the cart.",
                {"sku": str(item.sku.public_id)},
            )
    used = fen_to_cny(used_fen)  # read with the cart: one round trip
    annual = used
    planned = []
    for seller, group in by_seller(items):
        q = quote_lines([PricedLine(i.sku, i.quantity) for i in group], annual, on)
        if not q.allowed:
            raise CustomsLimit(seller.public_id, _refusals(q))
        if q.total is None:
            raise CannotQuote(
                f"The order from {seller.display_name} cannot be priced: a tax rate is unknown.",
                {"seller": str(seller.public_id)},
            )
        annual += q.dutiable_value.amount  # CN-C2: each order counts towards the next one's annual total
        planned.append((seller, group, q))

    expires_at = now + ttl
    checkout = Checkout(
        buyer=buyer,
        idempotency_key=key,
        fingerprint=fingerprint,
        total=sum((_cny(q.total) for _, _, q in planned), Decimal("0.00")),
        total_currency="CNY",
        goods_total=sum((i.sku.price_usd * i.quantity for i in items), Decimal("0.00")),
        goods_currency="USD",
        created_at=now,
        expires_at=expires_at,
    )
    insert([checkout])  # first write: a concurrent same-key request waits here
    short = stock.take({item.sku_id: item.quantity for item in items})  # locks SKUs in id order: no deadlocks
    if short:
        item = min((i for i in items if i.sku_id in short), key=lambda i: i.sku_id)
        raise OutOfStock(item.sku.public_id, item.sku.code, item.quantity)
    if not quota.reserve(buyer.pk, on.year, annual - used):
        raise CustomsLimit(
            None,
            [{"rule": "CN-C2", "message": "The buyer's annual CBEC total changed during checkout and these "
                                          "orders would take it over RMB 26,000."}],
        )  # fmt: skip

    encrypted, masked, index = encrypt_id_number(ident.id_number), ident.masked, blind_index(ident.id_number)
    orders = []
    for seller, group, q in planned:
        orders.append(
            Order(
                checkout=checkout,
                buyer=buyer,
                seller=seller,
                status=OrderStatus.PENDING_PAYMENT,
                quote=q.as_dict(),
                fx=q.fx.as_dict() if q.fx is not None else None,
                goods_total=sum((i.sku.price_usd * i.quantity for i in group), Decimal("0.00")),
                goods_currency="USD",
                freight=_cny(q.freight),
                dutiable_value=_cny(q.dutiable_value),
                tax_total=_cny(q.total_tax),
                landed_total=_cny(q.total),
                landed_currency=q.currency,
                treatment=q.treatment,
                quota_amount=_cny(q.dutiable_value),
                quota_year=on.year,
                buyer_name=ident.name,
                buyer_id_encrypted=encrypted,
                buyer_id_masked=masked,
                buyer_id_index=index,
                address=address,
                created_at=now,
                expires_at=expires_at,
            )
        )
    per_order, reservations, transitions = [], [], []
    for order, (_, group, _) in zip(orders, planned, strict=True):
        per_order.append([_line(order, item.sku, item.quantity) for item in group])
        for item in group:
            reservations.append(
                StockReservation(sku=item.sku, order=order, quantity=item.quantity, created_at=now,
                                 expires_at=expires_at)
            )  # fmt: skip
        transitions.append(
            OrderTransition(order=order, from_status="", to_status=OrderStatus.PENDING_PAYMENT, actor=buyer,
                            actor_label=buyer.email, at=now, note=f"checkout {checkout.public_id}")
        )  # fmt: skip
    # One statement on PostgreSQL: the orders, their lines, reservations and first transitions, and the
    # cart's lines deleted.
    emptied = delete_ids(CartItem, [item.pk for item in items])
    lines = [line for order_lines in per_order for line in order_lines]
    insert_family(orders, [(lines, "order"), (reservations, "order"), (transitions, "order")], also=emptied)
    return CheckoutResult(checkout, orders, lines=per_order)


def _line(order: Order, sku: Sku, quantity: int) -> OrderLine:
    product = sku.product
    return OrderLine(
        order=order,
        sku=sku,
        sku_public_id=sku.public_id,
        sku_code=sku.code,
        product_public_id=product.public_id,
        title_en=product.title_en,
        title_zh=product.title_zh,
        option_en=sku.option_en,
        option_zh=sku.option_zh,
        hs_code=product.hs_code,
        gtin=sku.gtin,
        origin_country=product.origin_country,
        net_content_value=product.net_content_value,
        net_content_unit=product.net_content_unit,
        unit_weight_g=product.unit_weight_g,
        unit_price=sku.price_usd,
        currency="USD",
        quantity=quantity,
    )


def get_checkout(buyer: User, public_id) -> CheckoutResult:
    """The buyer's own checkout with its orders; Checkout.DoesNotExist for anyone else's."""
    if buyer is None or not buyer.is_authenticated:
        raise PermissionDenied("Sign in to see your checkout.")
    found = Checkout.objects.get(buyer=buyer, public_id=public_id)
    return CheckoutResult(found, list(found.orders.select_related("seller").order_by("id")), replayed=True)
