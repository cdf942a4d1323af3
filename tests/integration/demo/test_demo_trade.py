"""The demo's trade steps on the paths its simulated year can take."""

import pytest
from django.db import transaction

from borderless.demo import trade
from borderless.orders import services as orders
from borderless.orders.errors import InvalidIdentity
from borderless.orders.models import Cart, CartItem
from factories import make_buyer, make_product, make_seller

ADDRESS = {
    "name": "张琳",
    "phone": "13974171815",
    "province": "上海市",
    "city": "市辖区",
    "street": "人民路 1 号",
}


@pytest.mark.django_db
def test_a_first_buy_refused_at_checkout_leaves_no_cart_and_abandoning_it_works():
    # The year of trade met this on a new date: a shopper's very first checkout was refused, the rollback took
    # the cart it had just made, and emptying "the" cart afterwards (user.cart) raised "User has no cart".
    buyer = make_buyer()
    sku = make_product(make_seller()).skus.get()
    with pytest.raises(InvalidIdentity), transaction.atomic():
        trade.buy(buyer, [(sku.public_id, 1)], ADDRESS, {"name": "张琳", "id_number": "110105199001012861"})
    assert not Cart.objects.filter(buyer=buyer).exists()
    trade.abandon_cart(buyer)  # nothing to empty, and no error
    assert not CartItem.objects.filter(cart__buyer=buyer).exists()


@pytest.mark.django_db
def test_abandoning_a_cart_empties_only_that_buyers_cart():
    buyer, other = make_buyer(), make_buyer()
    sku = make_product(make_seller()).skus.get()
    orders.add_to_cart(buyer, sku.public_id, 2)
    orders.add_to_cart(other, sku.public_id, 1)
    trade.abandon_cart(buyer)
    assert not CartItem.objects.filter(cart__buyer=buyer).exists()
    assert CartItem.objects.filter(cart__buyer=other).count() == 1
