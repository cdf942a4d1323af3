"""Carts, checkouts, orders (one per seller), their lines and transitions, stock reservations, quotas."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderless.accounts.models import Seller
from borderless.catalog.models import Sku
from borderless.orders.state import OrderStatus

MAX_CART_QUANTITY = 999
# CN-C2: RMB 26,000 per person per calendar year (since 2019); the database refuses more (CN-C5: equal is ok).
ANNUAL_LIMIT_CNY = Decimal("26000.00")
ANNUAL_LIMIT_FEN = 2_600_000

STATUS_LABELS = {
    OrderStatus.PENDING_PAYMENT: _("Pending payment"),
    OrderStatus.PAID: _("Paid"),
    OrderStatus.SHIPPED: _("Shipped"),
    OrderStatus.CUSTOMS_DECLARED: _("Declared to customs"),
    OrderStatus.CUSTOMS_HELD: _("Held by customs"),
    OrderStatus.CUSTOMS_RELEASED: _("Released by customs"),
    OrderStatus.DELIVERED: _("Delivered"),
    OrderStatus.COMPLETED: _("Completed"),
    OrderStatus.CANCELLED: _("Cancelled"),
    OrderStatus.REFUND_REQUESTED: _("Refund requested"),
    OrderStatus.REFUNDED: _("Refunded"),
    OrderStatus.DISPUTED: _("Disputed"),
}
STATUS_CHOICES = [(s.value, label) for s, label in STATUS_LABELS.items()]
STATUS_VALUES = [s.value for s in OrderStatus]


def _amount(**kwargs) -> models.DecimalField:
    return models.DecimalField(max_digits=14, decimal_places=2, **kwargs)


class Cart(models.Model):
    buyer = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cart")
    updated_at = models.DateTimeField(default=timezone.now)


class CartItem(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="items")
    sku = models.ForeignKey(Sku, on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField()
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0) & Q(quantity__lte=MAX_CART_QUANTITY),
                name="cartitem_quantity_range",
            ),
            models.UniqueConstraint(fields=["cart", "sku"], name="cartitem_one_row_per_sku"),
        ]


class CheckoutStatus(models.TextChoices):
    PENDING_PAYMENT = "pending_payment", _("Pending payment")
    PAID = "paid", _("Paid")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")


class Checkout(models.Model):
    """One buyer's checkout of a cart: one order per seller, one payment for all of them."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="checkouts")
    idempotency_key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)  # SHA-256 of the request body, ID number as blind index
    status = models.CharField(
        max_length=20, choices=CheckoutStatus.choices, default=CheckoutStatus.PENDING_PAYMENT
    )
    total = _amount()  # what the buyer pays: the sum of the orders' landed totals
    total_currency = models.CharField(max_length=3, default="CNY")
    goods_total = _amount()
    goods_currency = models.CharField(max_length=3, default="USD")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["buyer", "idempotency_key"], name="checkout_idempotency_key"),
            models.CheckConstraint(
                condition=Q(status__in=CheckoutStatus.values), name="checkout_status_valid"
            ),
            models.CheckConstraint(condition=Q(total__gte=0) & Q(goods_total__gte=0), name="checkout_totals"),
        ]


class Order(models.Model):
    """One seller's part of a checkout: one customs transaction, priced once and never re-priced."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    checkout = models.ForeignKey(Checkout, on_delete=models.PROTECT, related_name="orders")
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders")
    seller = models.ForeignKey(Seller, on_delete=models.PROTECT, related_name="orders")
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default=OrderStatus.PENDING_PAYMENT)
    quote = models.JSONField()  # trade.Quote.as_dict() as priced at checkout
    fx = models.JSONField(null=True, blank=True)  # the rate, its date and source (None: no conversion)
    goods_total = _amount()
    goods_currency = models.CharField(max_length=3, default="USD")
    freight = _amount()
    dutiable_value = _amount()
    tax_total = _amount()
    landed_total = _amount()  # what this order's share of the payment is (CN-C9 acturalPaid)
    landed_currency = models.CharField(max_length=3, default="CNY")
    treatment = models.CharField(max_length=20)  # preferential (CN-C1) or full (CN-C3)
    # The annual CBEC quota this order takes (CN-C2), given back on cancellation or refund (CN-C6).
    quota_amount = _amount()
    quota_year = models.PositiveSmallIntegerField()
    quota_released_at = models.DateTimeField(null=True, blank=True)
    # The part of quota_amount already given back by partial returns (CN-C6); the rest goes back when the
    # order is cancelled or fully refunded.
    quota_returned = _amount(default=0)
    # Identity snapshot (CN-C9): the number only encrypted, plus its mask and blind index.
    buyer_name = models.CharField(max_length=50)
    buyer_id_encrypted = models.TextField()
    buyer_id_masked = models.CharField(max_length=18)
    buyer_id_index = models.CharField(max_length=64, db_index=True)
    address = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()  # unpaid after this: cancelled, stock and quota released
    paid_at = models.DateTimeField(null=True, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    customs_declared_at = models.DateTimeField(null=True, blank=True)
    customs_held_at = models.DateTimeField(null=True, blank=True)
    customs_released_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    refund_requested_at = models.DateTimeField(null=True, blank=True)
    refunded_at = models.DateTimeField(null=True, blank=True)
    disputed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=STATUS_VALUES), name="order_status_valid"),
            models.CheckConstraint(
                condition=Q(goods_total__gt=0)
                & Q(freight__gte=0)
                & Q(tax_total__gte=0)
                & Q(landed_total__gte=0)
                & Q(quota_amount__gte=0),
                name="order_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(quota_returned__gte=0) & Q(quota_returned__lte=F("quota_amount")),
                name="order_quota_returned_within_amount",
            ),
            models.CheckConstraint(
                condition=Q(treatment__in=["preferential", "full"]), name="order_treatment"
            ),
        ]
        indexes = [
            models.Index(fields=["buyer", "created_at"]),
            models.Index(fields=["seller", "status", "created_at"]),
            models.Index(fields=["status", "expires_at"]),
        ]

    def __str__(self) -> str:
        return str(self.public_id)


class OrderLine(models.Model):
    """What was bought, as it was listed at checkout (the product may change or go afterwards)."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    sku = models.ForeignKey(Sku, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    sku_public_id = models.UUIDField()
    sku_code = models.CharField(max_length=64)
    product_public_id = models.UUIDField()
    title_en = models.CharField(max_length=200)
    title_zh = models.CharField(max_length=200)
    option_en = models.CharField(max_length=100, blank=True)
    option_zh = models.CharField(max_length=100, blank=True)
    hs_code = models.CharField(max_length=10)
    gtin = models.CharField(max_length=14, blank=True)
    origin_country = models.CharField(max_length=2)
    net_content_value = models.DecimalField(max_digits=10, decimal_places=3)
    net_content_unit = models.CharField(max_length=5)
    unit_weight_g = models.DecimalField(max_digits=9, decimal_places=1)
    unit_price = _amount()
    currency = models.CharField(max_length=3, default="USD")
    quantity = models.PositiveIntegerField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="orderline_quantity_positive"),
            models.CheckConstraint(condition=Q(unit_price__gt=0), name="orderline_price_positive"),
        ]


class OrderTransition(models.Model):
    """Every change of an order's status: from, to, who (a user or a system label) and when."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, blank=True)  # "" for the order's creation
    to_status = models.CharField(max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=80)  # the user's email then, or e.g. "system:expiry"
    at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(to_status__in=STATUS_VALUES), name="transition_to_valid"),
            models.CheckConstraint(condition=~Q(actor_label=""), name="transition_actor_named"),
        ]


class ReservationState(models.TextChoices):
    ACTIVE = "active", _("Active")
    CONSUMED = "consumed", _("Consumed")
    RELEASED = "released", _("Released")


class StockReservation(models.Model):
    """Units taken off a SKU's stock for an unpaid order; consumed on payment, else given back."""

    sku = models.ForeignKey(Sku, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="reservations")
    quantity = models.PositiveIntegerField()
    state = models.CharField(max_length=10, choices=ReservationState.choices, default=ReservationState.ACTIVE)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="reservation_quantity_positive"),
            models.CheckConstraint(condition=Q(state__in=ReservationState.values), name="reservation_state"),
        ]
        indexes = [models.Index(fields=["state", "expires_at"])]


class AnnualQuota(models.Model):
    """A buyer's CBEC purchases in one calendar year (China time): the running total of CN-C2.

    Kept in fen (integer): SQLite computes `used + amount` on decimals in binary floating point, and a
    conditional update must compare exact values on every database.
    """

    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cbec_quotas")
    year = models.PositiveSmallIntegerField()
    used_fen = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["buyer", "year"], name="quota_one_row_per_year"),
            models.CheckConstraint(
                condition=Q(used_fen__gte=0) & Q(used_fen__lte=ANNUAL_LIMIT_FEN),
                name="quota_within_annual_limit",
            ),
        ]

    @property
    def used(self) -> Decimal:
        return fen_to_cny(self.used_fen)


def cny_to_fen(amount: Decimal) -> int:
    fen = amount * 100
    if fen != fen.to_integral_value():
        raise ValueError(f"{amount} CNY is not a whole number of fen.")
    return int(fen)


def fen_to_cny(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


class Shipment(models.Model):
    """How an order left the seller: the carrier and its tracking number (one parcel per order for now)."""

    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="shipment")
    carrier = models.CharField(max_length=40)
    tracking_number = models.CharField(max_length=64)
    shipped_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(carrier="") & ~Q(tracking_number=""), name="shipment_carrier_and_tracking"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.carrier} {self.tracking_number}"
