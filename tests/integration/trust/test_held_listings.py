"""A listing held from buyers by brand protection disappears from every buyer route at once."""

import pytest

from borderless.catalog import services as catalog
from borderless.catalog.models import Product
from borderless.orders.cart import add_to_cart
from borderless.orders.errors import InvalidCart
from borderless.search.services import search_products
from factories import make_buyer, make_product, make_seller

pytestmark = pytest.mark.django_db


def test_held_listing_leaves_catalog_search_and_cart_and_returns_when_released():
    product = make_product(make_seller())
    buyer = make_buyer()
    sku = product.skus.get()
    assert search_products("ginseng").total == 1

    catalog.set_held_from_buyers(product, True)

    assert not Product.objects.visible_to_buyers().filter(pk=product.pk).exists()
    assert not catalog.buyer_products().filter(pk=product.pk).exists()
    assert search_products("ginseng").total == 0
    with pytest.raises(InvalidCart):
        add_to_cart(buyer, sku.public_id)

    catalog.set_held_from_buyers(product, False)

    assert search_products("ginseng").total == 1
    assert add_to_cart(buyer, sku.public_id).quantity == 1
