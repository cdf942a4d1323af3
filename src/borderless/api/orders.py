"""Cart, checkout and orders: what a buyer puts in the cart, pays for once, and follows seller by seller.

Cart lines are addressed by the SKU's public id (a cart holds at most one line per SKU), so
`DELETE /cart/items/{sku}` and `PUT /cart/items/{sku}` take the same id as `POST /cart/items`.
"""

from collections.abc import Callable
from datetime import datetime
from functools import wraps
from uuid import UUID

from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import BaseModel, ConfigDict, StrictInt

from borderless.api.auth import AUTH
from borderless.api.errors import READ_ERRORS, WRITE_ERRORS, ApiError, Error
from borderless.api.fields import Text
from borderless.api.links import merged, read_links
from borderless.api.trade import QuoteReason
from borderless.money import Money
from borderless.orders import queries
from borderless.orders import services as orders
from borderless.orders.errors import OrderError
from borderless.orders.models import MAX_CART_QUANTITY, Order
from borderless.payments import services as payments
from borderless.payments.errors import PaymentError
from borderless.trade import Quote

router = Router(tags=["orders"], auth=AUTH)

CHECKOUT_ERRORS = frozenset({409, *WRITE_ERRORS})


def domain_errors(view: Callable) -> Callable:
    """The order and payment domains' typed errors become the API's one error shape."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except (OrderError, PaymentError) as exc:
            raise ApiError(exc.status, exc.message, exc.code, exc.details) from None

    return wrapper


# --- schemas ---


class Out(BaseModel):
    """An answer built field by field from domain values. Plain pydantic: ninja's Schema runs its ORM
    getter (a wrapping validator) on every nested object, which cost a fifth of a checkout's answer."""

    model_config = ConfigDict(from_attributes=True)


class Amount(Out):
    amount: str
    currency: str


def _amount(money: Money | None) -> Amount | None:
    return None if money is None else Amount(amount=str(money.amount), currency=money.currency)


class SellerRef(Out):
    id: UUID
    display_name: str


class CartItemIn(Schema):
    sku: UUID = Field(description="The SKU's public id.")
    quantity: StrictInt = Field(1, ge=1, le=MAX_CART_QUANTITY)


class CartItemOut(Out):
    sku: UUID
    quantity: int = Field(description="Units of this SKU now in the cart.")
    count: int = Field(description="Units in the whole cart.")


class CartQuantityIn(Schema):
    quantity: StrictInt = Field(..., ge=0, le=MAX_CART_QUANTITY, description="0 removes the line.")


class CartLineOut(Out):
    sku: UUID
    code: str
    product: UUID
    title_en: str
    title_zh: str
    option_en: str
    option_zh: str
    quantity: int
    unit_price: Amount
    available: bool


class QuoteOut(Out):
    """One seller's order landed in China: goods, freight and taxes in CNY (null when refused)."""

    currency: str
    treatment: str
    allowed: bool
    goods_value: str | None
    freight: str | None
    dutiable_value: str | None
    duty: str | None
    consumption_tax: str | None
    vat: str | None
    total_tax: str | None
    total: str | None
    reasons: list[QuoteReason]


class SellerCartOut(Out):
    seller: SellerRef
    lines: list[CartLineOut]
    quote: QuoteOut | None
    allowed: bool
    problem: str


class CartOut(Out):
    sellers: list[SellerCartOut]
    annual_used: Amount
    total: Amount | None = Field(description="Null when any seller's order cannot go through.")
    count: int


class AddressIn(Schema):
    name: Text(200, 1)
    phone: Text(200, 1)
    province: Text(200, 1)
    city: Text(200, 1)
    street: Text(200, 1)
    district: Text(200) = ""
    postcode: Text(200) = ""


class IdentityIn(Schema):
    name: Text(50, 1) = Field(description="The real name as on the resident ID card.")
    id_number: Text(30, 1) = Field(description="The 18-character PRC resident ID number.")


class CheckoutIn(Schema):
    address: AddressIn
    identity: IdentityIn


class OrderLineOut(Out):
    sku: UUID
    code: str
    title_en: str
    title_zh: str
    option_en: str
    option_zh: str
    quantity: int
    unit_price: Amount


class OrderQuoteOut(Out):
    goods: Amount
    goods_cny: str | None
    freight: Amount
    duty: str | None
    consumption_tax: str | None
    vat: str | None
    tax_total: Amount
    total: Amount
    treatment: str
    fx: dict | None


class OrderOut(Out):
    id: UUID
    checkout: UUID
    seller: SellerRef
    status: str
    quote: OrderQuoteOut
    buyer_name: str
    buyer_id_masked: str
    address: dict
    lines: list[OrderLineOut]
    created_at: datetime
    expires_at: datetime
    paid_at: datetime | None
    shipped_at: datetime | None
    delivered_at: datetime | None
    completed_at: datetime | None
    cancelled_at: datetime | None


class PaymentRef(Out):
    id: UUID
    amount: str
    currency: str
    status: str
    redirect_url: str


class CheckoutOut(Out):
    checkout_id: UUID
    status: str
    total: Amount
    expires_at: datetime
    replayed: bool
    orders: list[OrderOut]
    payment: PaymentRef | None = Field(description="Null only when the checkout can no longer be paid.")


class OrderList(Out):
    orders: list[OrderOut]


# --- conversions ---


def _quote(q: Quote | None) -> QuoteOut | None:
    if q is None:
        return None
    money = {name: getattr(q, name) for name in QuoteOut.model_fields if name in Quote._AMOUNTS}
    return QuoteOut(
        currency=q.currency,
        treatment=q.treatment,
        allowed=q.allowed,
        **{name: None if m is None else str(m.amount) for name, m in money.items()},
        reasons=[QuoteReason(rule=r.rule, message=r.message) for r in q.reasons],
    )


def _cart(view: orders.CartView) -> CartOut:
    sellers = []
    count = 0
    for group in view.sellers:
        lines = []
        for line in group.lines:
            sku, product = line.sku, line.sku.product
            count += line.quantity
            lines.append(
                CartLineOut(
                    sku=sku.public_id,
                    code=sku.code,
                    product=product.public_id,
                    title_en=product.title_en,
                    title_zh=product.title_zh,
                    option_en=sku.option_en,
                    option_zh=sku.option_zh,
                    quantity=line.quantity,
                    unit_price=_amount(line.unit_price),
                    available=line.available,
                )
            )
        sellers.append(
            SellerCartOut(
                seller=SellerRef(id=group.seller.public_id, display_name=group.seller.display_name),
                lines=lines,
                quote=_quote(group.quote),
                allowed=group.allowed,
                problem=group.problem,
            )
        )
    return CartOut(
        sellers=sellers, annual_used=_amount(view.annual_used), total=_amount(view.total), count=count
    )


def _order(order: Order, lines=None) -> OrderOut:
    quote = order.quote or {}
    cny = order.landed_currency
    return OrderOut(
        id=order.public_id,
        checkout=order.checkout.public_id,
        seller=SellerRef(id=order.seller.public_id, display_name=order.seller.display_name),
        status=order.status,
        quote=OrderQuoteOut(
            goods=Amount(amount=str(order.goods_total), currency=order.goods_currency),
            goods_cny=quote.get("goods_value"),
            freight=Amount(amount=str(order.freight), currency=cny),
            duty=quote.get("duty"),
            consumption_tax=quote.get("consumption_tax"),
            vat=quote.get("vat"),
            tax_total=Amount(amount=str(order.tax_total), currency=cny),
            total=Amount(amount=str(order.landed_total), currency=cny),
            treatment=order.treatment,
            fx=order.fx,
        ),
        buyer_name=order.buyer_name,
        buyer_id_masked=order.buyer_id_masked,
        address=order.address,
        lines=[
            OrderLineOut(
                sku=line.sku_public_id,
                code=line.sku_code,
                title_en=line.title_en,
                title_zh=line.title_zh,
                option_en=line.option_en,
                option_zh=line.option_zh,
                quantity=line.quantity,
                unit_price=Amount(amount=str(line.unit_price), currency=line.currency),
            )
            for line in (order.lines.all() if lines is None else lines)
        ],
        created_at=order.created_at,
        expires_at=order.expires_at,
        paid_at=order.paid_at,
        shipped_at=order.shipped_at,
        delivered_at=order.delivered_at,
        completed_at=order.completed_at,
        cancelled_at=order.cancelled_at,
    )


def open_payment(buyer, checkout_public_id) -> PaymentRef | None:
    """The checkout's one payment, opened now or found again; None when it can no longer be paid."""
    return _payment_ref(payments.start_payment, buyer, checkout_public_id)


def _payment_ref(start: Callable, *args) -> PaymentRef | None:
    try:
        payment, opened = start(*args)
    except PaymentError:
        return None
    return PaymentRef(
        id=payment.public_id,
        amount=str(payment.amount),
        currency=payment.currency,
        status=payment.status,
        redirect_url=opened.redirect_url,
    )


# --- cart ---


@router.get("/cart", response={200: CartOut, READ_ERRORS: Error})
def get_cart(request: HttpRequest):
    """Your cart, grouped per seller (each group becomes one order), each priced landed in China."""
    return _cart(orders.cart_view(request.auth))


@router.post("/cart/items", response={201: CartItemOut, WRITE_ERRORS: Error})
@domain_errors
def add_item(request: HttpRequest, payload: CartItemIn):
    """Add units of a SKU (on top of those already in the cart). Stock is reserved at checkout, not here.

    Answers with the line as it now stands and the cart's unit count; `GET /cart` prices the cart. An
    unknown or unpublished SKU is a 422 `invalid_cart`; so is a line that would exceed 999 units."""
    item, count = orders.add_to_cart_counted(request.auth, payload.sku, payload.quantity)
    return Status(201, CartItemOut(sku=payload.sku, quantity=item.quantity, count=count))


@router.put("/cart/items/{sku_id}", response={200: CartOut, WRITE_ERRORS: Error})
@domain_errors
def set_item(request: HttpRequest, sku_id: UUID, payload: CartQuantityIn):
    """Set a line's quantity (0 removes it); the line is named by the SKU's public id."""
    orders.set_cart_quantity(request.auth, sku_id, payload.quantity)
    return _cart(orders.cart_view(request.auth))


@router.delete("/cart/items/{sku_id}", response={200: CartOut, READ_ERRORS: Error})
@domain_errors
def remove_item(request: HttpRequest, sku_id: UUID):
    """Take a SKU out of the cart (named by the SKU's public id); 404 if it is not in the cart."""
    if not orders.remove_from_cart(request.auth, sku_id):
        raise ApiError(404, "This SKU is not in your cart.", details={"sku": str(sku_id)})
    return _cart(orders.cart_view(request.auth))


# --- checkout ---


def _checkout(result: orders.CheckoutResult, payment: PaymentRef | None) -> CheckoutOut:
    checkout = result.checkout
    return CheckoutOut(
        checkout_id=checkout.public_id,
        status=checkout.status,
        total=_amount(result.total),
        expires_at=checkout.expires_at,
        replayed=result.replayed,
        orders=(
            [_order(o) for o in _reloaded(result.orders)]
            if result.lines is None
            else [_order(o, lines) for o, lines in zip(result.orders, result.lines, strict=True)]
        ),
        payment=payment,
    )


def _reloaded(items: list[Order]) -> list[Order]:
    prefetch_related_objects(items, "lines")
    return items


@router.post(
    "/checkout",
    response={200: CheckoutOut, 201: CheckoutOut, CHECKOUT_ERRORS: Error},
    openapi_extra=merged(
        {
            "parameters": [
                {
                    "in": "header",
                    "name": "Idempotency-Key",
                    "required": True,
                    "schema": {"type": "string", "maxLength": 255},
                    "description": "Any unique text per checkout attempt; a retry with the same key and body "
                    "returns the first result (200, `replayed: true`) instead of checking out twice.",
                }
            ]
        },
        read_links(201, "orders", get_checkout={"checkout_id": "$response.body#/checkout_id"}),
    ),
)
@domain_errors
def create_checkout(request: HttpRequest, payload: CheckoutIn):
    """Check out the whole cart: one order per seller, stock and annual CBEC quota reserved for 15 minutes,
    one payment opened for all of them (pay at `payment.redirect_url`).

    201 when created; 200 with the same body and `replayed: true` for a retry with the same key. 400 without
    the Idempotency-Key header; 409 `out_of_stock`; 409 `idempotency_conflict` (same key, different body);
    422 `customs_limit` when China's CBEC channel refuses an order (5,000 per order, 26,000 a year, ...),
    `invalid_identity` (name, ID number and its check digit), `invalid_address`, `empty_cart`, `invalid_cart`.
    On any error nothing is written and the cart stays as it was."""
    idempotency_key = request.headers.get("Idempotency-Key", "")
    if not idempotency_key.strip():
        raise ApiError(
            400,
            "Send an Idempotency-Key header (any unique text per checkout attempt).",
            "idempotency_key_required",
        )
    address = {k: v for k, v in payload.address.model_dump().items() if v}
    opened: list[PaymentRef | None] = []

    def open_new(placed: orders.CheckoutResult) -> None:
        # Inside the checkout's transaction: one commit for the orders and their payment, not two.
        opened.append(_payment_ref(payments.open_new_payment, request.auth, placed.checkout, placed.orders))

    result = orders.checkout(
        request.auth, idempotency_key, address, payload.identity.model_dump(), within=open_new
    )
    if result.replayed:
        return Status(200, _checkout(result, open_payment(request.auth, result.checkout.public_id)))
    return Status(201, _checkout(result, opened[-1]))


@router.get("/checkouts/{checkout_id}", response={200: CheckoutOut, READ_ERRORS: Error})
def get_checkout(request: HttpRequest, checkout_id: UUID):
    """One of your checkouts, with its orders and its payment."""
    result = orders.get_checkout(request.auth, checkout_id)
    return _checkout(result, open_payment(request.auth, checkout_id))


# --- orders ---


@router.get("/orders", response={200: OrderList, READ_ERRORS: Error})
def list_orders(request: HttpRequest, limit: int = Query(50, ge=1, le=200)):
    """Your orders as a buyer, newest first."""
    return OrderList(orders=[_order(o) for o in queries.buyer_orders(request.auth)[:limit]])


@router.get("/orders/{order_id}", response={200: OrderOut, READ_ERRORS: Error})
def get_order(request: HttpRequest, order_id: UUID):
    """One order: its buyer, a member of its seller and operators see it; anyone else gets 404."""
    return _order(queries.visible_order(request.auth, order_id))


@router.post("/orders/{order_id}/cancel", response={200: OrderOut, frozenset({409, *READ_ERRORS}): Error})
@domain_errors
def cancel_order(request: HttpRequest, order_id: UUID):
    """Cancel an unpaid order: its stock and annual quota go back. A paid order is refunded instead
    (409 `illegal_transition`)."""
    order = queries.cancel_order(request.auth, order_id)
    return _order(queries.visible_order(request.auth, order.public_id))
