"""Checkout: one order per seller, priced once, CBEC limits per order, identity, idempotency, all or none."""

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.conf import settings
from django.db import connection
from orders_support import ID_NUMBER, product_with_stock

from borderless.catalog.models import Sku
from borderless.money.fx import get_rate
from borderless.orders import services
from borderless.orders.errors import (
    CustomsLimit,
    EmptyCart,
    IdempotencyConflict,
    InvalidAddress,
    InvalidCart,
    InvalidIdentity,
    OutOfStock,
)
from borderless.orders.identity import decrypt_id_number
from borderless.orders.models import (
    AnnualQuota,
    CartItem,
    Checkout,
    Order,
    OrderLine,
    OrderTransition,
    StockReservation,
)
from borderless.trade import default_freight
from factories import ADDRESS, IDENTITY, make_buyer, make_seller

pytestmark = pytest.mark.django_db
NOW = datetime(2025, 6, 16, 4, 0, tzinfo=UTC)  # fixed: the ECB rate of that day, quota year 2025


def _checkout(buyer, key="k1", **overrides):
    kwargs = {"address": ADDRESS, "identity": IDENTITY, "now": NOW, **overrides}
    return services.checkout(buyer, key, **kwargs)


def _nothing_written(stock_before: dict[int, int]):
    assert not Checkout.objects.exists()
    assert not Order.objects.exists() and not OrderLine.objects.exists()
    assert not StockReservation.objects.exists() and not OrderTransition.objects.exists()
    assert not AnnualQuota.objects.filter(used_fen__gt=0).exists()
    for pk, stock in stock_before.items():
        assert Sku.objects.get(pk=pk).stock == stock


def test_one_order_per_seller_each_priced_and_reserved(buyer):
    a, b = make_seller(), make_seller()
    a1, a2, b1 = product_with_stock(a), product_with_stock(a, price=Decimal("12.50")), product_with_stock(b)
    services.add_to_cart(buyer, a1.public_id, 2)
    services.add_to_cart(buyer, a2.public_id, 1)
    services.add_to_cart(buyer, b1.public_id, 3)
    result = _checkout(buyer)
    assert not result.replayed
    orders = {o.seller_id: o for o in Order.objects.all()}
    assert set(orders) == {a.pk, b.pk}
    order_a = orders[a.pk]
    assert order_a.goods_total == Decimal("90.50") and order_a.goods_currency == "USD"
    assert [(line.sku_id, line.quantity) for line in order_a.lines.all()] == [(a1.pk, 2), (a2.pk, 1)]
    assert order_a.quote["currency"] == "CNY" and order_a.quote["allowed"] is True
    assert order_a.landed_total == Decimal(order_a.quote["total"])
    assert order_a.tax_total == Decimal(order_a.quote["total_tax"])
    assert order_a.fx["base"] == "USD" and order_a.fx["date"] <= "2025-06-16"
    assert order_a.status == "pending_payment" and order_a.quota_year == 2025
    # stock taken, reserved for 15 minutes; the cart is emptied
    assert [Sku.objects.get(pk=s.pk).stock for s in (a1, a2, b1)] == [8, 9, 7]
    reservation = StockReservation.objects.get(sku=a1)
    assert reservation.quantity == 2 and reservation.state == "active"
    assert (reservation.expires_at - NOW).total_seconds() == 15 * 60
    assert not CartItem.objects.exists()
    # one payment for the whole checkout, one share per order
    shares = result.payment_shares()
    assert {s.seller_public_id for s in shares} == {str(a.public_id), str(b.public_id)}
    assert sum(s.amount.amount for s in shares) == result.checkout.total == result.total.amount
    assert result.total.currency == "CNY"
    # quota: the dutiable values of both orders, in CNY
    quota = AnnualQuota.objects.get(buyer=buyer, year=2025)
    assert quota.used == sum(o.dutiable_value for o in orders.values())
    assert OrderTransition.objects.filter(from_status="", to_status="pending_payment").count() == 2


def test_the_second_sellers_order_counts_the_first_towards_the_annual_total(buyer):
    a, b = make_seller(), make_seller()
    services.add_to_cart(buyer, product_with_stock(a).public_id, 1)
    services.add_to_cart(buyer, product_with_stock(b).public_id, 1)
    AnnualQuota.objects.create(buyer=buyer, year=2025, used_fen=100_000)
    _checkout(buyer)
    first, second = Order.objects.order_by("seller_id")
    assert first.quote["lines"] and second.quote["reasons"]
    reason_texts = " ".join(r["message"] for r in second.quote["reasons"] if r["rule"] == "CN-C2")
    after = Decimal("1000.00") + first.dutiable_value + second.dutiable_value
    assert f"{after:,.2f}" in reason_texts


def test_the_quote_is_stored_and_never_recomputed(buyer):
    sku = product_with_stock(price=Decimal("39.00"))
    services.add_to_cart(buyer, sku.public_id, 1)
    result = _checkout(buyer)
    order = result.orders[0]
    stored = (order.landed_total, order.quote)
    Sku.objects.filter(pk=sku.pk).update(price_usd=Decimal("99.00"))
    again = services.get_checkout(buyer, result.checkout.public_id)
    fresh = Order.objects.get(pk=order.pk)
    assert (fresh.landed_total, fresh.quote) == stored
    assert again.total.amount == result.total.amount
    assert fresh.lines.get().unit_price == Decimal("39.00")


def test_identity_is_encrypted_at_rest_and_masked(buyer):
    services.add_to_cart(buyer, product_with_stock().public_id, 1)
    order = _checkout(buyer).orders[0]
    assert order.buyer_id_masked == "110105********002X" and order.buyer_name == "张三"
    assert decrypt_id_number(Order.objects.get(pk=order.pk).buyer_id_encrypted) == ID_NUMBER
    for table in ("orders_order", "orders_checkout"):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            rows = cursor.fetchall()
        assert rows
        text = repr(rows)
        assert ID_NUMBER not in text and "19491231" not in text


@pytest.mark.parametrize(
    ("identity", "error"),
    [
        ({"name": "张三", "id_number": "110105194912310021"}, InvalidIdentity),
        ({"name": "", "id_number": ID_NUMBER}, InvalidIdentity),
        (None, InvalidIdentity),
    ],
)
def test_bad_identity_is_refused_before_anything_happens(buyer, identity, error):
    sku = product_with_stock()
    services.add_to_cart(buyer, sku.public_id, 1)
    with pytest.raises(error):
        _checkout(buyer, identity=identity)
    _nothing_written({sku.pk: 10})


def test_bad_address_and_empty_cart(buyer):
    with pytest.raises(EmptyCart):
        _checkout(buyer)
    services.add_to_cart(buyer, product_with_stock().public_id, 1)
    with pytest.raises(InvalidAddress, match="street"):
        _checkout(buyer, address={**ADDRESS, "street": " "})
    with pytest.raises(InvalidAddress, match="unknown"):
        _checkout(buyer, address={**ADDRESS, "fax": "1"})


def test_an_out_of_stock_line_aborts_every_order(buyer):
    a, b = make_seller(), make_seller()
    plenty, scarce = product_with_stock(a, stock=10), product_with_stock(b, stock=1)
    services.add_to_cart(buyer, plenty.public_id, 3)
    services.add_to_cart(buyer, scarce.public_id, 2)
    with pytest.raises(OutOfStock) as caught:
        _checkout(buyer)
    assert caught.value.code == "out_of_stock" and caught.value.status == 409
    assert caught.value.details["sku"] == str(scarce.public_id)
    _nothing_written({plenty.pk: 10, scarce.pk: 1})
    assert CartItem.objects.count() == 2


def test_a_product_withdrawn_since_it_was_added_is_refused(buyer):
    sku = product_with_stock()
    services.add_to_cart(buyer, sku.public_id, 1)
    sku.product.__class__.objects.filter(pk=sku.product_id).update(status="suspended")
    with pytest.raises(InvalidCart):
        _checkout(buyer)
    _nothing_written({sku.pk: 10})


def _exact_prices(target: Decimal) -> tuple[Decimal, Decimal, int]:
    """USD prices of one unit of a first SKU and `k` units of a second (150 g each) whose dutiable value,
    default freight included, is exactly `target` CNY. Rounded unit prices do not reach every fen, hence k.
    """
    rate = get_rate("USD", "CNY", NOW.date(), settings.FX_MARGIN_BPS).rate

    def cny(usd: Decimal) -> Decimal:
        return (usd * rate).quantize(Decimal("0.01"), ROUND_HALF_UP)

    for k in range(1, 10):
        goods = target - cny(default_freight("CN", Decimal(150 * (1 + k))).amount)
        for first in range(20_000, 40_000):
            rest = goods - cny(Decimal(first) / 100)
            if rest % k:
                continue
            guess = int(rest / k / rate * 100)
            for second in (guess - 1, guess, guess + 1):
                if cny(Decimal(second) / 100) * k == rest:
                    return Decimal(first) / 100, Decimal(second) / 100, k
    raise AssertionError("no prices found")


def _two_lines_from_one_seller(buyer, first: Decimal, second: Decimal, k: int):
    seller = make_seller()
    skus = [product_with_stock(seller, price=first), product_with_stock(seller, price=second)]
    services.add_to_cart(buyer, skus[0].public_id, 1)
    services.add_to_cart(buyer, skus[1].public_id, k)
    return skus


def test_cbec_per_order_limit_is_inclusive_at_5000(buyer):
    first, second, k = _exact_prices(Decimal("5000.00"))
    _two_lines_from_one_seller(buyer, first, second, k)
    order = _checkout(buyer).orders[0]
    assert order.dutiable_value == Decimal("5000.00")  # CN-C5: "within" includes the limit
    assert order.treatment == "preferential"


def test_cbec_per_order_limit_one_fen_over_refuses_the_whole_checkout(buyer):
    first, second, k = _exact_prices(Decimal("5000.00"))
    skus = _two_lines_from_one_seller(buyer, first + Decimal("0.01"), second, k)
    other = product_with_stock()  # another seller's harmless order goes down with it
    services.add_to_cart(buyer, other.public_id, 1)
    with pytest.raises(CustomsLimit) as caught:
        _checkout(buyer)
    error = caught.value
    assert error.code == "customs_limit" and error.status == 422
    assert error.seller_public_id == skus[0].product.seller.public_id
    assert [r["rule"] for r in error.reasons] == ["CN-C4"]
    _nothing_written({skus[0].pk: 10, skus[1].pk: 10, other.pk: 10})


def test_a_single_item_over_5000_enters_with_full_tax(buyer):
    sku = product_with_stock(price=Decimal("1000.00"))
    services.add_to_cart(buyer, sku.public_id, 1)
    order = _checkout(buyer).orders[0]
    assert order.dutiable_value > Decimal("5000") and order.treatment == "full"  # CN-C3
    assert AnnualQuota.objects.get(buyer=buyer).used == order.dutiable_value


def test_annual_limit_refuses_and_writes_nothing(buyer):
    AnnualQuota.objects.create(buyer=buyer, year=2025, used_fen=2_590_000)
    sku = product_with_stock()
    services.add_to_cart(buyer, sku.public_id, 1)
    with pytest.raises(CustomsLimit) as caught:
        _checkout(buyer)
    assert "CN-C4" in [r["rule"] for r in caught.value.reasons]
    assert AnnualQuota.objects.get(buyer=buyer).used == Decimal("25900.00")
    assert not Checkout.objects.exists() and Sku.objects.get(pk=sku.pk).stock == 10


def test_annual_limit_across_two_sellers_of_one_checkout(buyer):
    AnnualQuota.objects.create(buyer=buyer, year=2025, used_fen=2_500_000)
    a, b = make_seller(), make_seller()
    services.add_to_cart(buyer, product_with_stock(a, price=Decimal("80.00")).public_id, 1)
    services.add_to_cart(buyer, product_with_stock(b, price=Decimal("80.00")).public_id, 1)
    with pytest.raises(CustomsLimit) as caught:  # each fits alone (~RMB 650), not both
        _checkout(buyer)
    assert caught.value.seller_public_id == b.public_id
    assert not Order.objects.exists()


def test_the_quota_of_another_year_does_not_count(buyer):
    AnnualQuota.objects.create(buyer=buyer, year=2024, used_fen=2_600_000)
    services.add_to_cart(buyer, product_with_stock().public_id, 1)
    _checkout(buyer)
    assert AnnualQuota.objects.get(buyer=buyer, year=2024).used == Decimal("26000.00")
    assert AnnualQuota.objects.get(buyer=buyer, year=2025).used > 0


def test_same_key_same_body_returns_the_first_checkout(buyer):
    sku = product_with_stock()
    services.add_to_cart(buyer, sku.public_id, 2)
    first = _checkout(buyer, key="abc")
    services.add_to_cart(buyer, sku.public_id, 1)  # the cart changed since: the retry still replays
    again = _checkout(buyer, key="abc", identity={"name": "张三", "id_number": "110105 19491231 002x"})
    assert again.replayed and again.checkout.pk == first.checkout.pk
    assert [o.pk for o in again.orders] == [o.pk for o in first.orders]
    assert Checkout.objects.count() == 1 and Sku.objects.get(pk=sku.pk).stock == 8


def test_same_key_different_body_is_a_conflict(buyer):
    services.add_to_cart(buyer, product_with_stock().public_id, 1)
    _checkout(buyer, key="abc")
    with pytest.raises(IdempotencyConflict):
        _checkout(buyer, key="abc", address={**ADDRESS, "street": "另一条路 1 号"})
    with pytest.raises(IdempotencyConflict):
        _checkout(buyer, key="abc", identity={"name": "张三", "id_number": "440306199003071232"})


def test_keys_belong_to_one_buyer(buyer):
    services.add_to_cart(buyer, product_with_stock().public_id, 1)
    other = make_buyer()
    services.add_to_cart(other, product_with_stock().public_id, 1)
    assert _checkout(buyer, key="same").checkout.pk != _checkout(other, key="same").checkout.pk


def test_a_failed_checkout_can_be_retried_with_the_same_key(buyer):
    sku = product_with_stock(stock=1)
    services.add_to_cart(buyer, sku.public_id, 2)
    with pytest.raises(OutOfStock):
        _checkout(buyer, key="retry")
    services.set_cart_quantity(buyer, sku.public_id, 1)
    assert not _checkout(buyer, key="retry").replayed


def test_a_same_key_request_that_finds_the_cart_already_emptied_replays(buyer, monkeypatch):
    """The twin committed just after our read of the key and the cart (here: the read misses it)."""
    from borderless.orders import checkout as checkout_module

    services.add_to_cart(buyer, product_with_stock().public_id, 1)
    first = _checkout(buyer, key="twin")
    real_read, found = checkout_module.checkout_items, []

    def read_missing_the_twin(buyer, year, key):
        items, used_fen, existing = real_read(buyer, year, key)
        found.append(existing)
        return items, used_fen, None

    monkeypatch.setattr(checkout_module, "checkout_items", read_missing_the_twin)
    again = _checkout(buyer, key="twin")  # the cart is empty now: EmptyCart inside, replay outside
    assert again.replayed and again.checkout.pk == first.checkout.pk
    assert [c.pk for c in found] == [first.checkout.pk]


def test_customs_sees_the_number_and_the_payer_must_be_the_orderer(buyer):
    services.add_to_cart(buyer, product_with_stock().public_id, 1)
    order = Order.objects.get(pk=_checkout(buyer).orders[0].pk)
    assert services.customs_identity(order).id_number == ID_NUMBER
    assert services.payer_is_orderer(order, "张三", "11010519491231002x")
    assert not services.payer_is_orderer(order, "李四", ID_NUMBER)
    assert not services.payer_is_orderer(order, "张三", "440306199003071232")
    assert not services.payer_is_orderer(order, "张三", "not a number")


def test_quota_taken_by_a_concurrent_checkout_refuses_at_the_conditional_update(buyer, monkeypatch):
    """The quote saw an old annual total; the counter, moved meanwhile, has the last word."""
    from borderless.orders import checkout

    AnnualQuota.objects.create(buyer=buyer, year=2025, used_fen=2_590_000)
    read = checkout.checkout_items
    monkeypatch.setattr(
        checkout, "checkout_items", lambda buyer, year, key: (read(buyer, year, key)[0], 0, None)
    )
    sku = product_with_stock()
    services.add_to_cart(buyer, sku.public_id, 1)
    with pytest.raises(CustomsLimit) as caught:
        _checkout(buyer)
    assert [r["rule"] for r in caught.value.reasons] == ["CN-C2"]
    assert AnnualQuota.objects.get().used_fen == 2_590_000
    assert not Checkout.objects.exists() and Sku.objects.get(pk=sku.pk).stock == 10
