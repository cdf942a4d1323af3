"""A seller's rate card in every price: product page, search, cart and checkout agree, per seller's parcel."""

import re
from decimal import Decimal

import pytest
from orders_support import product_with_stock

from borderless.catalog.landed import listing_quote
from borderless.catalog.rate_cards import set_rate_card
from borderless.money.fx import get_rate
from borderless.orders import services
from borderless.orders.pricing import china_date
from borderless.trade import default_freight, parse_rate_card
from factories import ADDRESS, IDENTITY, make_seller, owner_of

pytestmark = pytest.mark.django_db
BRACKETS = [
    {"zone": "CN", "up_to_g": 500, "base": "3.00"},
    {"zone": "CN", "up_to_g": 3000, "base": "5.00", "per_additional_kg": "2.00"},
]


def carded_seller(brackets=BRACKETS):
    seller = make_seller()
    set_rate_card(owner_of(seller), brackets)
    seller.refresh_from_db()
    return seller


def cny(usd: Decimal) -> Decimal:
    return (usd * get_rate("USD", "CNY", china_date()).rate).quantize(Decimal("0.01"))


def shown_price(client, product) -> str:
    html = client.get(f"/p/{product.public_id}/").content.decode()
    return re.search(r"到手价 ¥([\d,.]+)", html).group(1).replace(",", "")


def test_the_product_page_cart_and_checkout_charge_the_same_landed_price(client, buyer):
    sku = product_with_stock(carded_seller(), price=Decimal("30.00"), unit_weight_g=Decimal("400"))
    expected = listing_quote(sku.product, sku.price_usd, "CN")
    assert expected.freight.amount == cny(Decimal("3.00"))  # the seller's first bracket, not the default
    assert shown_price(client, sku.product) == str(expected.total.amount)

    services.add_to_cart(buyer, sku.public_id, 1)
    client.force_login(buyer)
    cart_html = client.get("/cart/").content.decode()
    assert f"¥{expected.total.amount}" in cart_html.replace(",", "")
    assert "卖家自定运费" in cart_html
    assert services.cart_view(buyer).sellers[0].quote.total == expected.total

    (order,) = services.checkout(buyer, "k", ADDRESS, IDENTITY).orders
    assert order.landed_total == expected.total.amount
    assert order.freight == expected.freight.amount
    freight_reasons = [r["message"] for r in order.quote["reasons"] if r["rule"] == "FREIGHT"]
    assert freight_reasons == ["Seller's rate card: 3.00 USD for 400.0 g (CN, up to 500 g)."]


def test_each_sellers_parcel_is_charged_once_by_its_own_card(buyer):
    carded, plain = carded_seller(), make_seller()
    light = product_with_stock(carded, price=Decimal("20.00"), unit_weight_g=Decimal("700"))
    heavy = product_with_stock(carded, price=Decimal("25.00"), unit_weight_g=Decimal("900"))
    other = product_with_stock(plain, price=Decimal("20.00"), unit_weight_g=Decimal("700"))
    for sku in (light, heavy, other):
        services.add_to_cart(buyer, sku.public_id, 1)
    view = services.cart_view(buyer)
    orders = {o.seller_id: o for o in services.checkout(buyer, "k", ADDRESS, IDENTITY).orders}
    # 1,600 g in one parcel: the 3,000 g bracket's base plus one further started kilogram (not two parcels).
    card = parse_rate_card(BRACKETS)
    assert card.charge("CN", Decimal("1600")).amount == Decimal("7.00")
    assert orders[carded.pk].freight == cny(Decimal("7.00"))
    assert orders[plain.pk].freight == cny(default_freight("CN", Decimal("700")).amount)
    assert {s.seller.pk: s.quote.total.amount for s in view.sellers} == {
        pk: o.landed_total for pk, o in orders.items()
    }


def test_beyond_the_cards_brackets_the_default_card_applies_and_the_order_says_why(buyer):
    sku = product_with_stock(carded_seller(), price=Decimal("20.00"), unit_weight_g=Decimal("2000"))
    services.add_to_cart(buyer, sku.public_id, 2)  # 4,000 g: above the card's last CN bracket
    (order,) = services.checkout(buyer, "k", ADDRESS, IDENTITY).orders
    assert order.freight == cny(default_freight("CN", Decimal("4000")).amount)
    (reason,) = [r["message"] for r in order.quote["reasons"] if r["rule"] == "FREIGHT"]
    assert reason.startswith("The seller's rate card has no rate for CN at 4000.0 g. Default rate card:")


def test_a_new_card_moves_cached_product_pages_and_search_results_at_once(client):
    seller = make_seller()
    sku = product_with_stock(seller, price=Decimal("30.00"), unit_weight_g=Decimal("400"))
    product = sku.product
    default_page = shown_price(client, product)
    search = client.get("/search/?q=ginseng").content.decode()
    assert f"¥{default_page}" in search.replace(",", "")
    assert shown_price(client, product) == default_page  # now from the cache

    set_rate_card(owner_of(seller), BRACKETS)
    seller.refresh_from_db()
    product.seller = seller
    carded = listing_quote(product, sku.price_usd, "CN").total.amount
    assert carded < Decimal(default_page)
    assert shown_price(client, product) == str(carded)
    assert f"¥{carded}" in client.get("/search/?q=ginseng").content.decode().replace(",", "")

    set_rate_card(owner_of(seller), [])  # back to the platform's default card
    assert shown_price(client, product) == default_page


def test_the_api_landed_price_uses_the_card(client):
    sku = product_with_stock(carded_seller(), price=Decimal("30.00"), unit_weight_g=Decimal("400"))
    body = client.get(f"/api/v1/products/{sku.product.public_id}").json()
    assert body["landed"]["total"] == str(listing_quote(sku.product, sku.price_usd, "CN").total.amount)
    assert any(r["message"].startswith("Seller's rate card:") for r in body["landed"]["reasons"])
