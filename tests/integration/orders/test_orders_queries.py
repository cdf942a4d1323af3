"""Query counts on the checkout path: bounded for one seller, a constant more for each further seller."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from borderless.orders import services
from conftest import product_with_stock
from factories import ADDRESS, IDENTITY, make_buyer, make_seller

pytestmark = pytest.mark.django_db


def _cart_of(sellers: int, lines: int = 3):
    buyer = make_buyer()
    for _ in range(sellers):
        seller = make_seller()
        for i in range(lines):
            sku = product_with_stock(seller, price=Decimal("10.00") + i)
            services.add_to_cart(buyer, sku.public_id, 1)
    return buyer


def test_one_seller_with_three_lines_takes_at_most_25_queries(django_assert_max_num_queries):
    buyer = _cart_of(1)
    with django_assert_max_num_queries(25):
        result = services.checkout(buyer, "q", ADDRESS, IDENTITY)
    assert len(result.orders) == 1 and result.orders[0].lines.count() == 3


def _measure(sellers: int) -> int:
    buyer = _cart_of(sellers)
    with CaptureQueriesContext(connection) as ctx:
        result = services.checkout(buyer, f"q{sellers}", ADDRESS, IDENTITY)
    assert len(result.orders) == sellers
    return len(ctx.captured_queries)


def test_each_further_seller_adds_a_constant_number_of_queries():
    one, two, three = _measure(1), _measure(2), _measure(3)
    assert two - one == three - two
    assert two - one <= 3  # the stock updates of its three lines; inserts are batched


def test_a_replayed_checkout_is_cheap(django_assert_max_num_queries):
    buyer = _cart_of(2)
    services.checkout(buyer, "again", ADDRESS, IDENTITY)
    with django_assert_max_num_queries(2):
        assert services.checkout(buyer, "again", ADDRESS, IDENTITY).replayed
