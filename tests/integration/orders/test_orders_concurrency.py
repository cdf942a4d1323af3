"""Races with real threads and connections: the last units, and one idempotency key posted many times."""

import contextlib
import threading
from collections import Counter

import pytest
from django.db import connection, connections
from orders_support import product_with_stock

from borderless.catalog.models import Sku
from borderless.orders import services
from borderless.orders.errors import OutOfStock
from borderless.orders.models import CartItem, Checkout, Order, StockReservation
from factories import ADDRESS, IDENTITY, make_buyer


def _race(calls) -> list:
    """Run the calls at once (released by a barrier), each in its own thread and database connection.

    On SQLite they take turns: the in-memory test database (shared cache) answers "table is locked"
    instead of waiting, so there the threads race for the turn, not inside it. PostgreSQL runs them truly
    at once.
    """
    barrier = threading.Barrier(len(calls))
    turn = threading.Lock() if connection.vendor == "sqlite" else contextlib.nullcontext()
    results: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait(timeout=30)
            with turn:
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


def _outcomes(results) -> Counter:
    return Counter(type(r).__name__ for r in results)


def _buyers_wanting(sku, count: int) -> list:
    buyers = [make_buyer() for _ in range(count)]
    for buyer in buyers:
        services.add_to_cart(buyer, sku.public_id, 1)
    return buyers


@pytest.mark.django_db(transaction=True)
def test_two_buyers_for_the_last_item_exactly_one_wins():
    sku = product_with_stock(stock=1)
    buyers = _buyers_wanting(sku, 2)
    results = _race([lambda b=b: services.checkout(b, "last", ADDRESS, IDENTITY) for b in buyers])
    assert _outcomes(results) == {"CheckoutResult": 1, "OutOfStock": 1}, results
    assert Sku.objects.get(pk=sku.pk).stock == 0
    assert Order.objects.count() == 1 and StockReservation.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_fifty_buyers_for_five_units_make_exactly_five_orders(on_postgres):
    sku = product_with_stock(stock=5)
    buyers = _buyers_wanting(sku, 50)
    results = _race([lambda b=b: services.checkout(b, "race", ADDRESS, IDENTITY) for b in buyers])
    outcomes = _outcomes(results)
    assert outcomes == {"CheckoutResult": 5, "OutOfStock": 45}, outcomes
    assert all(isinstance(r, OutOfStock) for r in results if not hasattr(r, "orders"))
    assert Sku.objects.get(pk=sku.pk).stock == 0
    assert Order.objects.count() == 5 and Checkout.objects.count() == 5
    assert sum(StockReservation.objects.values_list("quantity", flat=True)) == 5


@pytest.mark.django_db(transaction=True)
def test_one_key_posted_ten_times_at_once_makes_one_checkout():
    sku = product_with_stock(stock=10)
    buyer = make_buyer()
    services.add_to_cart(buyer, sku.public_id, 2)
    results = _race([lambda: services.checkout(buyer, "same-key", ADDRESS, IDENTITY) for _ in range(10)])
    assert _outcomes(results) == {"CheckoutResult": 10}, results
    assert len({r.checkout.pk for r in results}) == 1
    assert sum(not r.replayed for r in results) == 1
    assert Checkout.objects.count() == 1 and Order.objects.count() == 1
    assert Sku.objects.get(pk=sku.pk).stock == 8


@pytest.mark.django_db(transaction=True)
def test_expiry_and_payment_racing_for_one_order_settle_it_once(on_postgres):
    from datetime import timedelta

    from django.utils import timezone

    sku = product_with_stock(stock=3)
    buyer = make_buyer()
    services.add_to_cart(buyer, sku.public_id, 1)
    order = services.checkout(buyer, "k", ADDRESS, IDENTITY).orders[0]
    later = timezone.now() + timedelta(minutes=20)
    results = _race([
        lambda: services.mark_paid(Order.objects.get(pk=order.pk), "system:payments"),
        lambda: services.expire_reservations(later),
    ])  # fmt: skip
    status = Order.objects.get(pk=order.pk).status
    assert status in {"paid", "cancelled"}
    assert Sku.objects.get(pk=sku.pk).stock == (2 if status == "paid" else 3)
    assert connection.vendor == "postgresql" and results


@pytest.mark.django_db(transaction=True)
def test_buyers_sharing_the_skus_of_three_sellers_all_check_out_without_deadlock(on_postgres):
    skus = [product_with_stock(stock=100) for _ in range(3)]  # three sellers; each checkout locks all three
    buyers = [make_buyer() for _ in range(12)]
    for buyer in buyers:
        for sku in skus:
            services.add_to_cart(buyer, sku.public_id, 2)
    results = _race([lambda b=b: services.checkout(b, "shared", ADDRESS, IDENTITY) for b in buyers])
    assert _outcomes(results) == {"CheckoutResult": 12}, results
    assert sorted(Sku.objects.filter(pk__in=[s.pk for s in skus]).values_list("stock", flat=True)) == [76] * 3
    assert Order.objects.count() == 36


@pytest.mark.django_db(transaction=True)
def test_one_buyer_adding_a_sku_ten_times_at_once_gets_one_line_of_ten(on_postgres):
    sku = product_with_stock(stock=10)
    buyer = make_buyer()
    results = _race([lambda: services.add_to_cart(buyer, sku.public_id, 1) for _ in range(10)])
    assert _outcomes(results) == {"CartItem": 10}, results
    assert sorted(r.quantity for r in results) == list(range(1, 11))
    assert [(i.sku_id, i.quantity) for i in CartItem.objects.filter(cart__buyer=buyer)] == [(sku.pk, 10)]
