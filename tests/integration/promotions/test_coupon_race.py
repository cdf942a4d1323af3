"""Fifty buyers racing for a coupon limited to five uses, with real threads and connections on PostgreSQL."""

import threading
from collections import Counter
from decimal import Decimal

import pytest
from django.db import connections, transaction

from borderless.orders import services as orders
from borderless.promotions import services
from borderless.promotions.errors import CouponRefused
from borderless.promotions.models import Coupon, CouponBuyerUse, CouponRedemption
from coupon_factories import make_coupon
from factories import ADDRESS, IDENTITY, make_buyer, make_product, make_seller


def _race(calls) -> list:
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait(timeout=30)
            results[i] = call()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test inspects
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.mark.django_db(transaction=True)
def test_fifty_buyers_for_a_five_use_coupon_get_exactly_five(on_postgres):
    coupon = make_coupon(total_limit=5, per_buyer_limit=1)
    product = make_product(
        make_seller(), skus=[{"code": "RACE", "price_usd": Decimal("39.00"), "stock": 100}]
    )
    sku = product.skus.get()
    placed = []
    for n in range(50):
        buyer = make_buyer()
        orders.add_to_cart(buyer, sku.public_id, 1)
        placed.append((buyer, orders.checkout(buyer, f"race{n}", ADDRESS, IDENTITY).checkout))

    def redeem(buyer, checkout):
        discount = services.price_coupon(Coupon.objects.get(pk=coupon.pk), buyer.pk, {1: Decimal("39")})
        with transaction.atomic():
            return services.take_use(discount, buyer.pk, checkout.pk)

    results = _race([lambda b=b, c=c: redeem(b, c) for b, c in placed])
    outcomes = Counter(type(r).__name__ for r in results)
    assert outcomes == {"CouponRedemption": 5, "CouponRefused": 45}, results
    assert all(r.code == "coupon_used_up" for r in results if isinstance(r, CouponRefused))
    assert Coupon.objects.get(pk=coupon.pk).used == 5
    assert CouponRedemption.objects.filter(coupon=coupon).count() == 5
    assert sum(CouponBuyerUse.objects.filter(coupon=coupon).values_list("used", flat=True)) == 5
