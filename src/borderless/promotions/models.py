"""Coupons (platform- or seller-funded), their redemptions per checkout, and campaign prices for a period."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderless.accounts.models import Seller
from borderless.catalog.models import Sku
from borderless.orders.models import Checkout


def _amount(**kwargs) -> models.DecimalField:
    return models.DecimalField(max_digits=14, decimal_places=2, **kwargs)


class FundedBy(models.TextChoices):
    PLATFORM = "platform", _("Platform")
    SELLER = "seller", _("Seller")


class CouponKind(models.TextChoices):
    AMOUNT = "amount", _("Amount off")
    PERCENT = "percent", _("Percent off")
    THRESHOLD = "threshold", _("Amount off above a spend (满减)")


class Coupon(models.Model):
    """A code worth a discount on the goods price (CNY), limited in time, in total uses and per buyer.

    `used` moves only by conditional UPDATEs (services.take_use / release): the database refuses more than
    `total_limit`. A seller-funded coupon applies to that seller's goods only and its cost is the seller's.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(max_length=40, unique=True)  # stored upper case
    name = models.CharField(max_length=120, blank=True)
    funded_by = models.CharField(max_length=10, choices=FundedBy.choices)
    seller = models.ForeignKey(
        Seller, on_delete=models.PROTECT, null=True, blank=True, related_name="coupons"
    )
    kind = models.CharField(max_length=10, choices=CouponKind.choices)
    amount = _amount(null=True, blank=True)  # amount and threshold kinds: the yuan taken off
    percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)  # percent kind
    min_spend = _amount(default=0)  # threshold kind: the eligible goods price it needs (满 X)
    currency = models.CharField(max_length=3, default="CNY")
    valid_from = models.DateTimeField()
    valid_until = models.DateTimeField()
    total_limit = models.PositiveIntegerField()
    per_buyer_limit = models.PositiveIntegerField(default=1)
    used = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(currency="CNY"), name="coupon_currency_cny"),
            models.CheckConstraint(condition=Q(valid_until__gt=F("valid_from")), name="coupon_period"),
            models.CheckConstraint(
                condition=Q(used__gte=0) & Q(used__lte=F("total_limit")), name="coupon_used_within_limit"
            ),
            models.CheckConstraint(
                condition=Q(total_limit__gt=0) & Q(per_buyer_limit__gt=0), name="coupon_limits_positive"
            ),
            models.CheckConstraint(
                condition=(Q(funded_by="seller") & Q(seller__isnull=False))
                | (Q(funded_by="platform") & Q(seller__isnull=True)),
                name="coupon_funder_matches_seller",
            ),
            models.CheckConstraint(
                condition=(Q(kind="percent") & Q(percent__gt=0) & Q(percent__lt=100) & Q(amount__isnull=True))
                | (Q(kind__in=["amount", "threshold"]) & Q(amount__gt=0) & Q(percent__isnull=True)),
                name="coupon_kind_value",
            ),
            models.CheckConstraint(
                condition=Q(min_spend__gte=0) & (~Q(kind="threshold") | Q(min_spend__gt=F("amount"))),
                name="coupon_threshold_above_amount",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class CouponBuyerUse(models.Model):
    """The uses of a coupon one buyer holds now; a conditional upsert keeps it within the per-buyer limit."""

    coupon = models.ForeignKey(Coupon, on_delete=models.CASCADE, related_name="+")
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    used = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["coupon", "buyer"], name="couponbuyeruse_one_row"),
            models.CheckConstraint(condition=Q(used__gte=0), name="couponbuyeruse_not_negative"),
        ]


class RedemptionState(models.TextChoices):
    ACTIVE = "active", _("Active")
    RELEASED = "released", _("Released")


class CouponRedemption(models.Model):
    """One coupon used by one checkout (at most one per checkout), with the discount it gave."""

    coupon = models.ForeignKey(Coupon, on_delete=models.PROTECT, related_name="redemptions")
    checkout = models.OneToOneField(Checkout, on_delete=models.PROTECT, related_name="coupon_redemption")
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    discount = _amount()
    currency = models.CharField(max_length=3, default="CNY")
    funded_by = models.CharField(max_length=10, choices=FundedBy.choices)
    state = models.CharField(max_length=10, choices=RedemptionState.choices, default=RedemptionState.ACTIVE)
    created_at = models.DateTimeField(default=timezone.now)
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(discount__gt=0), name="redemption_discount_positive"),
            models.CheckConstraint(condition=Q(state__in=RedemptionState.values), name="redemption_state"),
        ]


class Campaign(models.Model):
    """A sale for a period (Singles' Day, 618, Chinese New Year): its prices replace the list price then."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=120)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="campaign_period")
        ]

    def __str__(self) -> str:
        return self.name


class CampaignPrice(models.Model):
    """A SKU's price during a campaign, in the SKU's own currency (USD), below its list price."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="prices")
    sku = models.ForeignKey(Sku, on_delete=models.CASCADE, related_name="+")
    price_usd = _amount()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "sku"], name="campaignprice_one_per_sku"),
            models.CheckConstraint(condition=Q(price_usd__gt=0), name="campaignprice_positive"),
        ]
