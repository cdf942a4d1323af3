"""A listing held from buyers by brand protection disappears from every buyer route at once, and comes back
when an operator clears it."""

from decimal import Decimal

import pytest
from django.test import Client

from borderless.catalog import services as catalog
from borderless.catalog.models import Product
from borderless.orders import checkout
from borderless.orders.cart import add_to_cart
from borderless.orders.errors import InvalidCart
from borderless.search.services import search_products
from borderless.trust import listings, screening
from borderless.trust.models import Decision
from factories import ADDRESS, IDENTITY, make_buyer, make_operator, make_product, make_seller, owner_of
from trust_factories import make_brand

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


def test_buyers_never_see_a_held_listing_by_any_route(client):
    make_brand(name_en="Hsu Ginseng Farms", name_zh="许氏参园")
    seller = make_seller()
    genuine = make_product(seller, title_en="Wisconsin ginseng roots, 8 oz", title_zh="威斯康星花旗参 227克")
    buyer = make_buyer()
    add_to_cart(buyer, genuine.skus.get().public_id)  # in the cart before the hold
    fields = {"title_en": "Hsu Ginseng Farms ginseng roots, AAA replica", "brand_name": "Hsu Ginseng Farms"}
    held, result = listings.update_listing(owner_of(seller), genuine, fields)
    assert result.holds_listing and held.held_from_buyers
    sku = held.skus.get()
    anonymous = Client()
    client.force_login(buyer)

    assert client.get(f"/p/{held.public_id}/").status_code == 404
    assert str(held.public_id) not in client.get("/search/", {"q": "ginseng"}).content.decode()
    assert str(held.public_id) not in client.get("/").content.decode()
    assert anonymous.get(f"/api/v1/products/{held.public_id}").status_code == 404
    assert str(held.public_id) not in anonymous.get("/api/v1/products", {"q": "ginseng"}).content.decode()
    assert str(held.public_id) not in anonymous.get(f"/api/v1/sellers/{seller.public_id}").content.decode()
    with pytest.raises(InvalidCart):
        add_to_cart(buyer, sku.public_id)
    with pytest.raises(InvalidCart, match="no longer for sale"):
        checkout.checkout(buyer, "held-1", ADDRESS, IDENTITY)

    screening.decide(make_operator(), result.public_id, Decision.CLEARED)

    assert client.get(f"/p/{held.public_id}/").status_code == 200
    assert anonymous.get(f"/api/v1/products/{held.public_id}").status_code == 200
    assert str(held.public_id) in anonymous.get("/api/v1/products", {"q": "ginseng"}).content.decode()
    assert add_to_cart(buyer, sku.public_id).quantity == 2


def test_the_seller_still_sees_the_held_listing_and_why(client):
    make_brand(name_en="Hsu Ginseng Farms", name_zh="许氏参园")
    seller = make_seller()
    product, _ = listings.create_listing(
        owner_of(seller),
        {
            "category": "american-ginseng",
            "brand_name": "Hsu Ginseng Farms",
            "hs_code": "121120",
            "title_en": "Hsu Ginseng Farms roots 1:1 replica",
            "title_zh": "许氏参园 花旗参 高仿",
            "description_en": "Roots.",
            "description_zh": "参根。",
            "net_content_value": Decimal("113"),
            "net_content_unit": "g",
            "unit_weight_g": Decimal("150"),
            "status": "published",
        },
        [{"code": "G1", "price_usd": Decimal("20"), "stock": 3}],
    )
    client.force_login(owner_of(seller))
    page = client.get(f"/seller/products/{product.public_id}/").content.decode()
    assert 'id="screening-verdict"' in page and "Buyers cannot see this listing" in page
    assert "高仿" in page
    assert "Held for review" in client.get("/seller/").content.decode()
