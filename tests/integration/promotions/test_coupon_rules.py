"""Coupon rules on a real database: period, limits, threshold (满减), percent rounding, seller coupons."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from borderless.orders import services as orders
from borderless.promotions import rules, services
from borderless.promotions.errors import CouponRefused
from borderless.promotions.models import Coupon, CouponBuyerUse, CouponRedemption, RedemptionState
from coupon_factories import make_coupon
from factories import ADDRESS, IDENTITY, make_buyer, make_product, make_seller

pytestmark = pytest.mark.django_db


def _refusal(coupon, buyer, goods) -> CouponRefused:
    with pytest.raises(CouponRefused) as caught:
        services.price_coupon(coupon, buyer.pk, goods)
    return caught.value


def test_amount_off_is_taken_from_the_goods_never_below_zero():
    buyer, seller = make_buyer(), make_seller()
    coupon = make_coupon(amount="20.00")
    assert services.price_coupon(coupon, buyer.pk, {seller.pk: Decimal("300.00")}).amount.amount == Decimal(
        "20.00"
    )
    assert services.price_coupon(coupon, buyer.pk, {seller.pk: Decimal("15.50")}).amount.amount == Decimal(
        "15.50"
    )


@pytest.mark.parametrize(
    ("goods", "percent", "off"),
    [("99.99", "15", "15.00"), ("33.33", "10", "3.33"), ("0.05", "10", "0.01"), ("12.35", "50", "6.18")],
)
def test_percent_off_is_rounded_half_up_to_the_fen(goods, percent, off):
    assert rules.discount("percent", Decimal(goods), amount=None, percent=Decimal(percent)) == Decimal(off)


def test_threshold_coupon_needs_its_spend_and_then_takes_its_amount():
    buyer, seller = make_buyer(), make_seller()
    coupon = make_coupon(kind="threshold", amount="30.00", min_spend="299.00")
    refusal = _refusal(coupon, buyer, {seller.pk: Decimal("298.99")})
    assert refusal.code == "coupon_below_threshold" and "299.00" in refusal.message
    discount = services.price_coupon(coupon, buyer.pk, {seller.pk: Decimal("299.00")})
    assert discount.amount.amount == Decimal("30.00")


def test_a_coupon_outside_its_period_is_refused_with_its_dates():
    buyer, seller = make_buyer(), make_seller()
    expired = make_coupon(starts=timedelta(days=-10), lasts=timedelta(days=2))
    early = make_coupon(starts=timedelta(days=3))
    assert _refusal(expired, buyer, {seller.pk: Decimal("100")}).code == "coupon_expired"
    assert _refusal(early, buyer, {seller.pk: Decimal("100")}).code == "coupon_not_started"


def test_refusals_are_in_the_buyers_language():
    buyer, seller = make_buyer(), make_seller()
    expired = make_coupon(code="OLD618", starts=timedelta(days=-10), lasts=timedelta(days=2))
    with translation.override("zh-hans"):
        refusal = _refusal(expired, buyer, {seller.pk: Decimal("100")})
    assert "OLD618" in refusal.message and "优惠券" in refusal.message


def test_a_seller_coupon_applies_to_that_sellers_goods_only():
    buyer, mine, other = make_buyer(), make_seller(), make_seller()
    coupon = make_coupon(mine, kind="percent", amount=None, percent="10")
    assert _refusal(coupon, buyer, {other.pk: Decimal("500.00")}).code == "coupon_other_seller"
    discount = services.price_coupon(
        coupon, buyer.pk, {other.pk: Decimal("500.00"), mine.pk: Decimal("80.00")}
    )
    assert discount.amount.amount == Decimal("8.00")
    assert {s: m.amount for s, m in discount.per_seller.items()} == {mine.pk: Decimal("8.00")}
    assert discount.funded_by == "seller"


def test_a_platform_coupon_is_shared_between_sellers_to_the_fen():
    buyer, a, b = make_buyer(), make_seller(), make_seller()
    discount = services.price_coupon(
        make_coupon(amount="10.00"), buyer.pk, {a.pk: Decimal("100"), b.pk: Decimal("200")}
    )
    shares = {s: m.amount for s, m in discount.per_seller.items()}
    assert shares == {a.pk: Decimal("3.33"), b.pk: Decimal("6.67")} and sum(shares.values()) == Decimal(
        "10.00"
    )


def test_unknown_or_malformed_codes_are_refused():
    for code, reason in (
        ("NOSUCH", "unknown_coupon"),
        ("", "invalid_code"),
        ("X" * 41, "invalid_code"),
        (7, "invalid_code"),
    ):
        with pytest.raises(CouponRefused) as caught:
            services.find_coupon(code)
        assert caught.value.code == reason
    make_coupon(code="SINGLES11")
    assert services.find_coupon(" singles11 ").code == "SINGLES11"


def _checkout(buyer):
    product = make_product(
        make_seller(), skus=[{"code": f"C{buyer.pk}", "price_usd": Decimal("39.00"), "stock": 5}]
    )
    orders.add_to_cart(buyer, product.skus.get().public_id, 1)
    return orders.checkout(buyer, f"k{buyer.pk}", ADDRESS, IDENTITY)


def test_the_per_buyer_limit_holds_and_nothing_is_written_when_refused():
    buyer = make_buyer()
    coupon = make_coupon(per_buyer_limit=1, total_limit=10)
    first, second = _checkout(buyer), None
    discount = services.price_coupon(coupon, buyer.pk, {1: Decimal("100")})
    with transaction.atomic():
        services.take_use(discount, buyer.pk, first.checkout.pk)
    assert (
        _refusal(coupon := Coupon.objects.get(pk=coupon.pk), buyer, {1: Decimal("100")}).code
        == "coupon_buyer_limit"
    )
    # a use taken at once by a second checkout (past the early check) is refused by the database's counter
    product = make_product(make_seller(), skus=[{"code": "C2", "price_usd": Decimal("10.00"), "stock": 5}])
    orders.add_to_cart(buyer, product.skus.get().public_id, 1)
    second = orders.checkout(buyer, "second", ADDRESS, IDENTITY)
    with pytest.raises(CouponRefused) as caught, transaction.atomic():
        services.take_use(discount, buyer.pk, second.checkout.pk)
    assert caught.value.code == "coupon_buyer_limit"
    assert Coupon.objects.get(pk=coupon.pk).used == 1
    assert CouponRedemption.objects.filter(coupon=coupon).count() == 1
    assert CouponBuyerUse.objects.get(coupon=coupon, buyer=buyer).used == 1


def test_a_used_up_coupon_is_refused_and_its_counter_never_passes_the_limit():
    coupon = make_coupon(total_limit=1, per_buyer_limit=5)
    a, b = make_buyer(), make_buyer()
    discount = services.price_coupon(coupon, a.pk, {1: Decimal("100")})
    with transaction.atomic():
        services.take_use(discount, a.pk, _checkout(a).checkout.pk)
    assert _refusal(Coupon.objects.get(pk=coupon.pk), b, {1: Decimal("100")}).code == "coupon_used_up"
    with pytest.raises(CouponRefused), transaction.atomic():
        services.take_use(discount, b.pk, _checkout(b).checkout.pk)
    assert Coupon.objects.get(pk=coupon.pk).used == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Coupon.objects.filter(pk=coupon.pk).update(used=2)  # the CHECK refuses it too


def test_one_redemption_per_checkout():
    buyer = make_buyer()
    placed = _checkout(buyer)
    for coupon in (make_coupon(per_buyer_limit=2), make_coupon(per_buyer_limit=2)):
        discount = services.price_coupon(coupon, buyer.pk, {1: Decimal("100")})
        try:
            with transaction.atomic():
                services.take_use(discount, buyer.pk, placed.checkout.pk)
        except IntegrityError:
            pass
    assert CouponRedemption.objects.filter(checkout=placed.checkout).count() == 1
    assert sorted(Coupon.objects.values_list("used", flat=True)) == [0, 1]  # the second was rolled back


@pytest.mark.parametrize("how", ["cancelled", "expired"])
def test_the_use_goes_back_when_the_checkout_is_cancelled_or_expires(how):
    buyer = make_buyer()
    coupon = make_coupon(total_limit=1, per_buyer_limit=1)
    placed = _checkout(buyer)
    with transaction.atomic():
        services.take_use(
            services.price_coupon(coupon, buyer.pk, {1: Decimal("100")}), buyer.pk, placed.checkout.pk
        )
    if how == "cancelled":
        orders.cancel_checkout(placed.checkout, buyer)
    else:
        orders.expire_reservations(now=placed.checkout.expires_at + timedelta(seconds=1))
    coupon.refresh_from_db()
    assert coupon.used == 0 and CouponBuyerUse.objects.get(coupon=coupon, buyer=buyer).used == 0
    assert CouponRedemption.objects.get(checkout=placed.checkout).state == RedemptionState.RELEASED
    assert services.release(placed.checkout.pk) is False  # given back once only
    assert services.price_coupon(coupon, buyer.pk, {1: Decimal("100")}).amount.amount == Decimal("20.00")


def test_campaign_price_applies_during_its_period_only():
    from django.utils import timezone

    from borderless.promotions.models import Campaign, CampaignPrice

    product = make_product(make_seller(), skus=[{"code": "CNY1", "price_usd": Decimal("39.00"), "stock": 5}])
    sku = product.skus.get()
    now = timezone.now()
    singles = Campaign.objects.create(
        name="Singles' Day", starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=23)
    )
    CampaignPrice.objects.create(campaign=singles, sku=sku, price_usd=Decimal("29.00"))
    assert services.campaign_price(sku.pk, now=now) == Decimal("29.00")
    assert services.campaign_price(sku.pk, now=now + timedelta(days=1)) is None
    with pytest.raises(IntegrityError), transaction.atomic():
        Campaign.objects.create(name="backwards", starts_at=now, ends_at=now - timedelta(days=1))
