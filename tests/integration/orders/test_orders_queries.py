"""Query counts on the checkout path: bounded for one seller, and no more for each further seller."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from orders_support import product_with_stock

from borderless.catalog.rate_cards import set_rate_card
from borderless.orders import services
from factories import ADDRESS, IDENTITY, make_buyer, make_seller, owner_of

pytestmark = pytest.mark.django_db
CARD = [{"zone": "CN", "up_to_g": 1000, "base": "6.00", "per_additional_kg": "2.00"}]


def _cart_of(sellers: int, lines: int = 3, cards: bool = True):
    """Every other seller with its own rate card (the first has one), so both kinds are counted."""
    buyer = make_buyer()
    for n in range(sellers):
        seller = make_seller()
        if cards and n % 2 == 0:
            set_rate_card(owner_of(seller), CARD)
        for i in range(lines):
            sku = product_with_stock(seller, price=Decimal("10.00") + i)
            services.add_to_cart(buyer, sku.public_id, 1)
    return buyer


@pytest.mark.parametrize("cards", [True, False])
def test_one_seller_with_three_lines_takes_at_most_11_queries(django_assert_max_num_queries, cards):
    # the cart with the annual quota and the key's checkout, checkout, all stock, quota, orders, lines,
    # reservations, transitions, the cart's deletion, and the savepoint's pair (the test runs inside a
    # transaction); on PostgreSQL the orders, lines, reservations, transitions and the cart's deletion are
    # one statement
    buyer = _cart_of(1, cards=cards)
    with django_assert_max_num_queries(7 if connection.vendor == "postgresql" else 11):
        result = services.checkout(buyer, "q", ADDRESS, IDENTITY)
    assert len(result.orders) == 1 and result.orders[0].lines.count() == 3


def _measure(sellers: int) -> int:
    buyer = _cart_of(sellers)
    with CaptureQueriesContext(connection) as ctx:
        result = services.checkout(buyer, f"q{sellers}", ADDRESS, IDENTITY)
    assert len(result.orders) == sellers
    return len(ctx.captured_queries)


def test_each_further_seller_adds_a_constant_number_of_queries():
    # Sellers with and without a rate card alike: the card comes with the seller, in the cart's query.
    one, two, three = _measure(1), _measure(2), _measure(3)
    assert two - one == three - two == 0  # stock is taken in one statement; inserts are batched


def test_a_replayed_checkout_is_cheap(django_assert_max_num_queries):
    buyer = _cart_of(2)
    services.checkout(buyer, "again", ADDRESS, IDENTITY)
    with django_assert_max_num_queries(2):
        assert services.checkout(buyer, "again", ADDRESS, IDENTITY).replayed


def _cart_queries(sellers: int) -> int:
    buyer = _cart_of(sellers)
    with CaptureQueriesContext(connection) as ctx:
        view = services.cart_view(buyer)
    assert len(view.sellers) == sellers and all(s.quote is not None for s in view.sellers)
    return len(ctx.captured_queries)


def test_the_cart_prices_any_number_of_sellers_in_the_same_queries():
    assert _cart_queries(1) == _cart_queries(3)
