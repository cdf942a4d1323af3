"""After checkout: payment, cancellation, expiry, refunds; every transition recorded, illegal ones refused."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from orders_support import product_with_stock

from borderless.catalog.models import Sku
from borderless.orders import services
from borderless.orders.errors import IllegalTransition
from borderless.orders.models import AnnualQuota, Checkout, Order, OrderTransition, StockReservation
from borderless.orders.state import OrderStatus
from factories import ADDRESS, IDENTITY, make_operator, make_seller, owner_of

pytestmark = pytest.mark.django_db
NOW = datetime(2025, 6, 16, 4, 0, tzinfo=UTC)
S = OrderStatus


@pytest.fixture
def placed(buyer):
    """A checkout of two sellers' orders: 2 units of `a`, 1 of `b`; stock 10 each before."""
    a, b = product_with_stock(make_seller()), product_with_stock(make_seller())
    services.add_to_cart(buyer, a.public_id, 2)
    services.add_to_cart(buyer, b.public_id, 1)
    result = services.checkout(buyer, "key", ADDRESS, IDENTITY, now=NOW)
    return result, a, b


def _stock(*skus):
    return [Sku.objects.get(pk=s.pk).stock for s in skus]


def _quota(buyer):
    return AnnualQuota.objects.get(buyer=buyer, year=2025).used


def test_paying_consumes_the_reservations(buyer, placed):
    result, a, b = placed
    order = result.orders[0]
    services.mark_paid(order, "system:payments", "capture 123", now=NOW + timedelta(minutes=5))
    assert order.status == S.PAID and order.paid_at == NOW + timedelta(minutes=5)
    assert set(order.reservations.values_list("state", flat=True)) == {"consumed"}
    assert _stock(a, b) == [8, 9]
    last = OrderTransition.objects.filter(order=order).last()
    assert (last.from_status, last.to_status, last.actor_label, last.note) == (
        "pending_payment", "paid", "system:payments", "capture 123"
    )  # fmt: skip
    # a paid order does not expire
    assert services.expire_reservations(NOW + timedelta(hours=1)) == 1  # only the other, unpaid one
    assert Order.objects.get(pk=order.pk).status == S.PAID
    assert _stock(a, b) == [8, 10]


def test_cancelling_gives_stock_and_quota_back(buyer, placed):
    result, a, b = placed
    before = _quota(buyer)
    first, second = result.orders
    services.cancel(first, buyer, "changed my mind")
    assert _stock(a, b) == [10, 9]
    assert _quota(buyer) == before - first.quota_amount
    assert first.cancelled_at is not None and first.quota_released_at is not None
    assert set(first.reservations.values_list("state", flat=True)) == {"released"}
    assert Checkout.objects.get().status == "pending_payment"  # the other order still waits
    services.cancel(second, buyer)
    assert _stock(a, b) == [10, 10] and _quota(buyer) == Decimal("0.00")
    assert Checkout.objects.get().status == "cancelled"
    with pytest.raises(IllegalTransition):
        services.cancel(first, buyer)  # twice: refused, nothing given back twice
    assert _stock(a, b) == [10, 10] and _quota(buyer) == Decimal("0.00")


def test_expiry_releases_stock_and_quota_of_unpaid_orders(buyer, placed):
    result, a, b = placed
    assert services.expire_reservations(NOW + timedelta(minutes=14)) == 0
    assert _stock(a, b) == [8, 9]
    assert services.expire_reservations(NOW + timedelta(minutes=15)) == 2
    assert _stock(a, b) == [10, 10] and _quota(buyer) == Decimal("0.00")
    assert set(Order.objects.values_list("status", flat=True)) == {"cancelled"}
    assert set(StockReservation.objects.values_list("state", flat=True)) == {"released"}
    assert Checkout.objects.get().status == "expired"
    assert set(
        OrderTransition.objects.filter(to_status="cancelled").values_list("actor_label", flat=True)
    ) == {services.SYSTEM_EXPIRY}
    assert services.expire_reservations(NOW + timedelta(hours=2)) == 0
    with pytest.raises(IllegalTransition):  # a payment arriving now must be refunded, not booked
        services.mark_paid(result.orders[0], "system:payments")


def test_the_whole_journey_is_recorded_with_who_and_when(buyer, placed):
    result, *_ = placed
    order = result.orders[0]
    seller_user, operator = owner_of(order.seller), make_operator()
    steps = [
        (S.PAID, "system:payments"),
        (S.SHIPPED, seller_user),
        (S.DELIVERED, "system:carrier"),
        (S.COMPLETED, buyer),
    ]
    for i, (status, actor) in enumerate(steps, start=1):
        services.transition(order, status, actor, now=NOW + timedelta(hours=i))
    fields = ("from_status", "to_status", "actor_id", "actor_label", "at")
    rows = list(OrderTransition.objects.filter(order=order).values_list(*fields))
    assert rows == [
        ("", "pending_payment", buyer.pk, buyer.email, NOW),
        ("pending_payment", "paid", None, "system:payments", NOW + timedelta(hours=1)),
        ("paid", "shipped", seller_user.pk, seller_user.email, NOW + timedelta(hours=2)),
        ("shipped", "delivered", None, "system:carrier", NOW + timedelta(hours=3)),
        ("delivered", "completed", buyer.pk, buyer.email, NOW + timedelta(hours=4)),
    ]
    fresh = Order.objects.get(pk=order.pk)
    assert (fresh.shipped_at, fresh.completed_at) == (NOW + timedelta(hours=2), NOW + timedelta(hours=4))
    with pytest.raises(IllegalTransition):
        services.transition(order, S.SHIPPED, operator)


@pytest.mark.parametrize("target", [S.SHIPPED, S.DELIVERED, S.COMPLETED, S.REFUNDED, S.DISPUTED, "lost"])
def test_illegal_transitions_change_nothing(buyer, placed, target):
    result, a, _ = placed
    order = result.orders[0]
    with pytest.raises(IllegalTransition):
        services.transition(order, target, buyer)
    fresh = Order.objects.get(pk=order.pk)
    assert fresh.status == S.PENDING_PAYMENT and fresh.shipped_at is None
    assert OrderTransition.objects.filter(order=order).count() == 1
    assert _stock(a)[0] == 8


def test_refund_before_shipping_restores_stock_and_quota(buyer, placed):
    result, a, b = placed
    services.mark_checkout_paid(result.checkout, "system:payments")
    assert Checkout.objects.get().status == "paid"
    order = result.orders[0]
    before = _quota(buyer)
    services.transition(order, S.REFUNDED, make_operator(), "seller cannot ship")
    assert _stock(a, b) == [10, 9]
    assert _quota(buyer) == before - order.quota_amount  # CN-C6
    assert services.restore_annual_quota(order) is False  # already given back, not twice
    assert _quota(buyer) == before - order.quota_amount


def test_refund_after_shipping_restores_the_quota_not_the_stock(buyer, placed):
    result, a, _ = placed
    order = result.orders[0]
    for status in (S.PAID, S.SHIPPED, S.DELIVERED, S.REFUND_REQUESTED, S.REFUNDED):
        services.transition(order, status, "system:test")
    assert _stock(a) == [8]
    assert _quota(buyer) == result.orders[1].quota_amount


def test_restore_annual_quota_for_a_return(buyer, placed):
    result, *_ = placed
    order = result.orders[0]
    for status in (S.PAID, S.SHIPPED, S.DELIVERED, S.COMPLETED):
        services.transition(order, status, "system:test")
    assert services.restore_annual_quota(order) is True
    assert _quota(buyer) == result.orders[1].quota_amount
    assert services.restore_annual_quota(order) is False


def test_cancel_checkout_after_a_failed_payment(buyer, placed):
    result, a, b = placed
    cancelled = services.cancel_checkout(result.checkout, "system:payments", "card declined")
    assert len(cancelled) == 2 and _stock(a, b) == [10, 10]
    assert Checkout.objects.get().status == "cancelled"


def test_paying_a_checkout_with_an_expired_order_is_refused_whole(buyer, placed):
    result, a, b = placed
    services.cancel(result.orders[1], buyer)
    with pytest.raises(IllegalTransition):
        services.mark_checkout_paid(result.checkout, "system:payments")
    assert Order.objects.get(pk=result.orders[0].pk).status == S.PENDING_PAYMENT


def test_the_periodic_task_expires_unpaid_orders(buyer):
    from borderless.orders.tasks import expire_unpaid_orders

    sku = product_with_stock()
    services.add_to_cart(buyer, sku.public_id, 1)
    services.checkout(buyer, "k", ADDRESS, IDENTITY, ttl=timedelta(seconds=-1))
    assert _stock(sku) == [9]
    assert expire_unpaid_orders.call_local() == 1
    assert _stock(sku) == [10]


def test_the_admin_never_shows_the_id_number(buyer, placed, client):
    operator = make_operator()
    client.force_login(operator)
    order = placed[0].orders[0]
    page = client.get(f"/admin/orders/order/{order.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "110105********002X" in html
    assert order.buyer_id_encrypted not in html and order.buyer_id_index not in html
