"""Coupon use cases: price a code against a cart, take one use without overselling, give it back.

Taking a use is two conditional statements inside the checkout's transaction: the coupon's counter
(`used < total_limit`, re-checked on the newest row after a wait, like stock) and the buyer's counter (an
upsert that cannot pass the per-buyer limit, like the annual quota); then the redemption row, unique per
checkout. Any refusal raises CouponRefused and the caller's transaction rolls everything back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import connections, router
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from borderless.money.core import Money, allocate
from borderless.promotions import rules
from borderless.promotions.errors import CouponRefused
from borderless.promotions.models import (
    Campaign,
    CampaignPrice,
    Coupon,
    CouponBuyerUse,
    CouponKind,
    CouponRedemption,
    FundedBy,
    RedemptionState,
)

MAX_CODE_LENGTH = 40


@dataclass(frozen=True, slots=True)
class Discount:
    """What a coupon takes off a cart, in CNY, and each seller's order's share of it."""

    coupon: Coupon
    amount: Money
    per_seller: dict[int, Money]  # seller id -> that order's part of the discount

    @property
    def funded_by(self) -> str:
        return self.coupon.funded_by


def normalise_code(code: object) -> str:
    if not isinstance(code, str) or not 1 <= len(code.strip()) <= MAX_CODE_LENGTH:
        raise CouponRefused(
            _("Coupon code: 1 to %(max)d characters.") % {"max": MAX_CODE_LENGTH}, code="invalid_code"
        )
    return code.strip().upper()


def find_coupon(code: object) -> Coupon:
    code = normalise_code(code)
    coupon = Coupon.objects.filter(code=code).first()
    if coupon is None:
        raise CouponRefused(_("There is no coupon %(code)s.") % {"code": code}, code="unknown_coupon")
    return coupon


def _check_period(coupon: Coupon, now: datetime) -> None:
    if now < coupon.valid_from:
        raise CouponRefused(
            _("Coupon %(code)s can be used from %(start)s.")
            % {
                "code": coupon.code,
                "start": date_format(timezone.localtime(coupon.valid_from), "DATETIME_FORMAT"),
            },
            code="coupon_not_started",
        )
    if now >= coupon.valid_until:
        raise CouponRefused(
            _("Coupon %(code)s expired on %(end)s.")
            % {
                "code": coupon.code,
                "end": date_format(timezone.localtime(coupon.valid_until), "DATETIME_FORMAT"),
            },
            code="coupon_expired",
        )


def _sold_out(coupon: Coupon) -> CouponRefused:
    return CouponRefused(
        _("Coupon %(code)s has been used up.") % {"code": coupon.code}, code="coupon_used_up"
    )


def _buyer_limit(coupon: Coupon) -> CouponRefused:
    return CouponRefused(
        _("You have already used coupon %(code)s as many times as it allows (%(limit)d).")
        % {"code": coupon.code, "limit": coupon.per_buyer_limit},
        code="coupon_buyer_limit",
    )


def price_coupon(
    coupon: Coupon, buyer_id: int, goods_by_seller: Mapping[int, Decimal], *, now: datetime | None = None
) -> Discount:
    """The discount `coupon` gives on goods priced per seller (seller id -> goods price in CNY, before tax
    and freight), or CouponRefused saying why not. Limits are checked here for a clear early answer; the
    guarantee is take_use's conditional updates."""
    now = now or timezone.now()
    _check_period(coupon, now)
    if coupon.used >= coupon.total_limit:
        raise _sold_out(coupon)
    held = (
        CouponBuyerUse.objects.filter(coupon=coupon, buyer_id=buyer_id).values_list("used", flat=True).first()
    )
    if (held or 0) >= coupon.per_buyer_limit:
        raise _buyer_limit(coupon)
    if coupon.funded_by == FundedBy.SELLER:
        eligible = {s: v for s, v in goods_by_seller.items() if s == coupon.seller_id and v > 0}
        if not eligible:
            raise CouponRefused(
                _("Coupon %(code)s is for goods of %(seller)s only, and there are none in the cart.")
                % {"code": coupon.code, "seller": coupon.seller.display_name},
                code="coupon_other_seller",
            )
    else:
        eligible = {s: v for s, v in goods_by_seller.items() if v > 0}
        if not eligible:
            raise CouponRefused(_("The cart is empty."), code="coupon_empty_cart")
    total = sum(eligible.values(), Decimal("0.00"))
    if coupon.kind == CouponKind.THRESHOLD and total < coupon.min_spend:
        raise CouponRefused(
            _("Coupon %(code)s needs goods of at least ¥%(min)s; the cart has ¥%(total)s.")
            % {"code": coupon.code, "min": coupon.min_spend, "total": total},
            code="coupon_below_threshold",
        )
    off = rules.discount(coupon.kind, total, amount=coupon.amount, percent=coupon.percent)
    sellers = sorted(eligible)
    shares = allocate(Money(off, "CNY"), [eligible[s] for s in sellers])
    return Discount(coupon, Money(off, "CNY"), dict(zip(sellers, shares, strict=True)))


_TAKE_TOTAL = "UPDATE promotions_coupon SET used = used + 1 WHERE id = %s AND used < total_limit RETURNING id"
_TAKE_BUYER = (
    "INSERT INTO promotions_couponbuyeruse (coupon_id, buyer_id, used) VALUES (%s, %s, 1) "
    "ON CONFLICT (coupon_id, buyer_id) DO UPDATE SET used = promotions_couponbuyeruse.used + 1 "
    "WHERE promotions_couponbuyeruse.used < %s RETURNING id"
)


def take_use(
    discount: Discount, buyer_id: int, checkout_id: int, *, now: datetime | None = None
) -> CouponRedemption:
    """Take one use of the coupon for this checkout (call inside the checkout's transaction): three
    statements, none of which can pass a limit. CouponRefused when the coupon or the buyer's share of it was
    used up meanwhile; the caller rolls back."""
    coupon = discount.coupon
    with connections[router.db_for_write(Coupon)].cursor() as cursor:
        cursor.execute(_TAKE_TOTAL, [coupon.pk])
        if cursor.fetchone() is None:
            raise _sold_out(coupon)
        cursor.execute(_TAKE_BUYER, [coupon.pk, buyer_id, coupon.per_buyer_limit])
        if cursor.fetchone() is None:
            raise _buyer_limit(coupon)
    return CouponRedemption.objects.create(
        coupon=coupon,
        checkout_id=checkout_id,
        buyer_id=buyer_id,
        discount=discount.amount.amount,
        currency="CNY",
        funded_by=coupon.funded_by,
        created_at=now or timezone.now(),
    )


def release(checkout_id: int, *, now: datetime | None = None) -> bool:
    """Give the checkout's coupon use back (its reservation expired or it was cancelled); True if one was
    given back now. Only an active redemption is released, so a second call gives nothing back twice."""
    released = CouponRedemption.objects.filter(checkout_id=checkout_id, state=RedemptionState.ACTIVE).update(
        state=RedemptionState.RELEASED, released_at=now or timezone.now()
    )
    if not released:
        return False
    redemption = CouponRedemption.objects.values("coupon_id", "buyer_id").get(checkout_id=checkout_id)
    Coupon.objects.filter(pk=redemption["coupon_id"], used__gt=0).update(used=F("used") - 1)
    CouponBuyerUse.objects.filter(used__gt=0, **redemption).update(used=F("used") - 1)
    return True


def campaign_price(sku_id: int, *, now: datetime | None = None) -> Decimal | None:
    """The lowest price of the SKU in a campaign running now, or None (the list price applies)."""
    now = now or timezone.now()
    running = Campaign.objects.filter(starts_at__lte=now, ends_at__gt=now)
    return (
        CampaignPrice.objects.filter(sku_id=sku_id, campaign__in=running)
        .order_by("price_usd")
        .values_list("price_usd", flat=True)
        .first()
    )


def apply_to_cart(buyer, code: object, *, now: datetime | None = None) -> Discount:
    """The discount `code` gives on the buyer's cart now (goods priced in CNY as the landed estimate prices
    them), or CouponRefused. Nothing is taken: checkout takes the use."""
    from borderless.orders.cart import cart_view

    coupon = find_coupon(code)
    goods = {
        s.seller.pk: s.quote.goods_value.amount
        for s in cart_view(buyer).sellers
        if s.quote is not None and s.quote.goods_value is not None
    }
    return price_coupon(coupon, buyer.pk, goods, now=now)
