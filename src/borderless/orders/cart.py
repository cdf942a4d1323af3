"""The buyer's persisted cart, and what it would cost landed in China, seller by seller."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

from django.core.exceptions import PermissionDenied
from django.db import connections, router, transaction
from django.utils import timezone

from borderless.accounts.models import Seller, User
from borderless.catalog.models import Product, ProductStatus, RateCard, Sku
from borderless.money.core import Money
from borderless.orders import quota
from borderless.orders.errors import CannotQuote, InvalidCart
from borderless.orders.models import MAX_CART_QUANTITY, AnnualQuota, Cart, CartItem, Checkout
from borderless.orders.pricing import PricedLine, china_date, quote_lines
from borderless.rows import Statement, Table, connection_for, link, make_all
from borderless.trade import Quote

QUANTITY_RANGE = f"quantity: a whole number from 1 to {MAX_CART_QUANTITY}."


def require_buyer(buyer: User) -> None:
    if buyer is None or not buyer.is_authenticated or not buyer.is_buyer or not buyer.is_active:
        raise PermissionDenied("Only buyers have a cart.")


def _check_quantity(quantity: object) -> int:
    if type(quantity) is not int or not 1 <= quantity <= MAX_CART_QUANTITY:
        raise InvalidCart(QUANTITY_RANGE)
    return quantity


def is_buyable(sku: Sku) -> bool:
    product = sku.product
    return (
        product.status == ProductStatus.PUBLISHED
        and product.seller.verification_status == "verified"
        and not product.held_from_buyers
    )


def _uuid(value) -> uuid.UUID | None:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _buyable_sku(sku_public_id) -> Sku:
    public_id = _uuid(sku_public_id)
    sku = (
        next(iter(Sku.objects.select_related("product__seller").filter(public_id=public_id)[:1]), None)
        if public_id
        else None
    )
    if sku is None or not is_buyable(sku):
        raise InvalidCart("sku: no such product for sale.", {"sku": str(sku_public_id)})
    return sku


# Upserts (PostgreSQL, and SQLite from 3.35): no read-then-write, no savepoint.
_TOUCH_CART = (
    "INSERT INTO orders_cart (buyer_id, updated_at) VALUES (%s, %s) "
    "ON CONFLICT (buyer_id) DO UPDATE SET updated_at = excluded.updated_at RETURNING id"
)
# A line already in the cart grows, but never past MAX_CART_QUANTITY: then no row comes back.
_ADD_LINE = (
    "INSERT INTO orders_cartitem (cart_id, sku_id, quantity, added_at) VALUES (%s, %s, %s, %s) "
    "ON CONFLICT (cart_id, sku_id) DO UPDATE SET quantity = orders_cartitem.quantity + excluded.quantity "
    "WHERE orders_cartitem.quantity + excluded.quantity <= %s RETURNING id, quantity"
)
_UNITS = "SELECT COALESCE(SUM(quantity), 0) FROM orders_cartitem WHERE cart_id = %s"
# PostgreSQL does it all in one statement, a transaction of its own: it finds the SKU if it is for sale,
# upserts the cart and the line, and counts the cart's units on the way (RETURNING's subquery sees the cart
# as it was: the other lines plus this line's new quantity). No row comes back when the SKU is not for sale or
# the line would pass its cap; the cart is then left untouched (the conditions on the cart's upsert), so a
# refused add changes nothing. The line's own condition is the one that holds under concurrent adds.
_ADD_LINE_TO_CART = (
    "WITH sku AS ({for_sale}), "
    "cart AS (INSERT INTO orders_cart AS c (buyer_id, updated_at) SELECT %s, %s FROM sku "
    "ON CONFLICT (buyer_id) DO UPDATE SET updated_at = excluded.updated_at WHERE NOT EXISTS ("
    "SELECT 1 FROM orders_cartitem i JOIN sku ON sku.id = i.sku_id WHERE i.cart_id = c.id "
    "AND i.quantity + %s > %s) RETURNING id) "
    "INSERT INTO orders_cartitem AS line (cart_id, sku_id, quantity, added_at) "
    "SELECT cart.id, sku.id, %s, %s FROM cart, sku "
    "ON CONFLICT (cart_id, sku_id) DO UPDATE SET quantity = line.quantity + excluded.quantity "
    "WHERE line.quantity + excluded.quantity <= %s RETURNING line.id, line.cart_id, line.sku_id, "
    "line.quantity, line.quantity + (SELECT COALESCE(SUM(other.quantity), 0) FROM orders_cartitem other "
    "WHERE other.cart_id = line.cart_id AND other.sku_id <> line.sku_id)"
)
_ANY_SKU = uuid.UUID(int=0)  # stands for the SKU's public id in the statement compiled below


@functools.cache
def _add_line_statement(alias: str) -> tuple[str, list]:
    """_ADD_LINE_TO_CART with its SKU read compiled once per process from Product.objects.visible_to_buyers()
    (the rule of what is for sale stays in that queryset and in is_buyable()), and that read's parameters."""
    for_sale = Sku.objects.filter(public_id=_ANY_SKU, product__in=Product.objects.visible_to_buyers())
    sql, params = for_sale.order_by().values("id").query.get_compiler(alias).as_sql()
    return _ADD_LINE_TO_CART.format(for_sale=sql), list(params)


def add_to_cart(buyer: User, sku_public_id, quantity: int = 1) -> CartItem:
    """Add units of a SKU (to those already in the cart). Stock is checked at checkout, not here."""
    return add_to_cart_counted(buyer, sku_public_id, quantity)[0]


def add_to_cart_counted(buyer: User, sku_public_id, quantity: int = 1) -> tuple[CartItem, int]:
    """add_to_cart, and the units now in the whole cart (the API answers with both)."""
    require_buyer(buyer)
    quantity = _check_quantity(quantity)
    connection = connections[router.db_for_write(CartItem)]
    now = timezone.now()
    at = connection.ops.adapt_datetimefield_value(now)
    public_id = _uuid(sku_public_id)
    if public_id is None:
        raise InvalidCart("sku: no such product for sale.", {"sku": str(sku_public_id)})
    if connection.vendor == "postgresql":
        sql, for_sale = _add_line_statement(connection.alias)
        sku = [public_id if value == _ANY_SKU else value for value in for_sale]
        values = [*sku, buyer.pk, at, quantity, MAX_CART_QUANTITY, quantity, at, MAX_CART_QUANTITY]
        with connection.cursor() as cursor:
            cursor.execute(sql, values)
            row = cursor.fetchone()
        if row is None:
            _buyable_sku(sku_public_id)  # InvalidCart if it is not for sale (the rare path: read to say why)
            raise InvalidCart(QUANTITY_RANGE)  # else the line would pass its cap; nothing changed
        item_id, cart_id, sku_id, units, in_cart = row
        return CartItem(pk=item_id, cart_id=cart_id, sku_id=sku_id, quantity=units, added_at=now), in_cart
    sku = _buyable_sku(sku_public_id)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(_TOUCH_CART, [buyer.pk, at])
        cart_id = cursor.fetchone()[0]
        cursor.execute(_ADD_LINE, [cart_id, sku.pk, quantity, at, MAX_CART_QUANTITY])
        row = cursor.fetchone()
        if row is None:  # the line would pass the cap: the cart's touch is rolled back
            raise InvalidCart(QUANTITY_RANGE)
        cursor.execute(_UNITS, [cart_id])
        in_cart = cursor.fetchone()[0]
    return CartItem(pk=row[0], cart_id=cart_id, sku=sku, quantity=row[1], added_at=now), in_cart


@transaction.atomic
def set_cart_quantity(buyer: User, sku_public_id, quantity: int) -> CartItem | None:
    """Set a line's quantity; 0 removes the line."""
    require_buyer(buyer)
    if quantity == 0:
        remove_from_cart(buyer, sku_public_id)
        return None
    quantity = _check_quantity(quantity)
    sku = _buyable_sku(sku_public_id)
    cart, _ = Cart.objects.get_or_create(buyer=buyer)
    item, _ = CartItem.objects.update_or_create(cart=cart, sku=sku, defaults={"quantity": quantity})
    return item


@transaction.atomic
def remove_from_cart(buyer: User, sku_public_id) -> bool:
    """Take a SKU out of the cart; False if it was not there."""
    require_buyer(buyer)
    public_id = _uuid(sku_public_id)
    if public_id is None:
        return False
    deleted, _ = CartItem.objects.filter(cart__buyer=buyer, sku__public_id=public_id).delete()
    return deleted > 0


def cart_items(buyer: User):
    """The cart's items with SKU, product and seller, in (seller, SKU) order: the order checkout locks in."""
    return (
        CartItem.objects.filter(cart__buyer=buyer)
        .select_related("sku__product__seller__rate_card")
        .order_by("sku__product__seller_id", "sku_id")
    )


_ITEM, _SKU, _PRODUCT, _SELLER = (
    Table(CartItem, "i"),
    Table(Sku, "k"),
    Table(Product, "p"),
    Table(Seller, "s"),
)
_CARD, _CHECKOUT = Table(RateCard, "r"), Table(Checkout, "x")


@Statement
def _checkout_items_sql(connection) -> str:
    tables = (_ITEM, _SKU, _PRODUCT, _SELLER, _CARD, _CHECKOUT)
    # One row at least (the cart may be empty): the key's checkout and the year's total come with it.
    return (
        f"SELECT {', '.join(t.columns(connection) for t in tables)}, "  # noqa: S608 (names from the models)
        f"(SELECT q.used_fen FROM {AnnualQuota._meta.db_table} q WHERE q.buyer_id = %s AND q.year = %s) "
        f"FROM (SELECT 1) AS one "
        f"LEFT JOIN {_CHECKOUT.name} x ON x.buyer_id = %s AND x.idempotency_key = %s "
        f"LEFT JOIN ({_ITEM.name} i JOIN {Cart._meta.db_table} c ON c.id = i.cart_id "
        f"JOIN {_SKU.name} k ON k.id = i.sku_id JOIN {_PRODUCT.name} p ON p.id = k.product_id "
        f"JOIN {_SELLER.name} s ON s.id = p.seller_id LEFT JOIN {_CARD.name} r ON r.seller_id = s.id) "
        "ON c.buyer_id = %s ORDER BY p.seller_id, i.sku_id"
    )


def checkout_items(buyer: User, year: int, key: str) -> tuple[list[CartItem], int, Checkout | None]:
    """cart_items() with the seller's rate card, the buyer's CBEC total of `year` in fen (0 before the first
    purchase) and the buyer's checkout with idempotency key `key` (None if there is none yet), in one plain
    statement: what checkout reads, in the order it locks."""
    connection = connection_for(CartItem)
    with connection.cursor() as cursor:
        cursor.execute(_checkout_items_sql(connection), [buyer.pk, year, buyer.pk, key, buyer.pk])
        rows = cursor.fetchall()
    items = []
    for row in rows:
        item, sku, product, seller, card = make_all(row, connection, _ITEM, _SKU, _PRODUCT, _SELLER, _CARD)
        if item is None:  # the empty cart's one row
            continue
        link(seller, "rate_card", card)
        link(product, "seller", seller)
        link(sku, "product", product)
        link(item, "sku", sku)
        items.append(item)
    start = _ITEM.width + _SKU.width + _PRODUCT.width + _SELLER.width + _CARD.width
    return items, rows[0][-1] or 0, _CHECKOUT.make(rows[0], start, connection)


def by_seller(items: Iterable[CartItem]) -> list[tuple[Seller, list[CartItem]]]:
    groups = groupby(items, key=lambda item: item.sku.product.seller_id)
    result = []
    for _, group in groups:
        lines = list(group)
        result.append((lines[0].sku.product.seller, lines))
    return result


@dataclass(frozen=True, slots=True)
class CartLine:
    sku: Sku
    quantity: int
    unit_price: Money  # USD, as listed now
    available: bool  # buyable and enough stock right now (not a promise: checkout reserves)


@dataclass(frozen=True, slots=True)
class SellerCart:
    """One seller's lines: they become one order, one customs transaction."""

    seller: Seller
    lines: list[CartLine]
    quote: Quote | None  # the landed estimate; None when it cannot be priced
    problem: str = ""

    @property
    def allowed(self) -> bool:
        return self.quote is not None and self.quote.allowed


@dataclass(frozen=True, slots=True)
class CartView:
    sellers: list[SellerCart]
    annual_used: Money  # CNY of CBEC purchases this calendar year, before this cart

    @property
    def total(self) -> Money | None:
        """The landed total of all sellers' orders, or None if any of them cannot go through."""
        amounts = [s.quote.total for s in self.sellers if s.allowed]
        if len(amounts) != len(self.sellers) or any(a is None for a in amounts):
            return None
        return sum(amounts[1:], amounts[0]) if amounts else Money.zero("CNY")


def cart_view(buyer: User) -> CartView:
    """The cart grouped per seller, each group priced as the order it would become (estimates)."""
    require_buyer(buyer)
    on = china_date()
    used = quota.used_this_year(buyer.pk, on.year)
    annual = used
    sellers = []
    for seller, items in by_seller(cart_items(buyer)):
        lines = [
            CartLine(item.sku, item.quantity, Money(item.sku.price_usd, "USD"),
                     is_buyable(item.sku) and item.sku.stock >= item.quantity)
            for item in items
        ]  # fmt: skip
        try:
            q = quote_lines([PricedLine(item.sku, item.quantity) for item in items], annual, on)
        except CannotQuote as exc:
            sellers.append(SellerCart(seller, lines, None, exc.message))
            continue
        if q.allowed and q.dutiable_value is not None:
            annual += q.dutiable_value.amount  # the next seller's order comes on top of this one
        sellers.append(SellerCart(seller, lines, q))
    return CartView(sellers, Money(used, "CNY") if used else Money(Decimal("0.00"), "CNY"))
