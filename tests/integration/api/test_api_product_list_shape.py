"""The product list is rendered from prepared data, not through its schema: every answer is still exactly what
ProductList would give, field for field and in its order, and each card is the product page's card."""

from decimal import Decimal

import pytest

from borderless.api.catalog import ProductCard, ProductList
from borderless.catalog import services as catalog
from casework_support import png
from factories import make_product, owner_of

pytestmark = pytest.mark.django_db

CARD_FIELDS = list(ProductCard.model_fields)


@pytest.fixture
def shelf(seller):
    pictured = make_product(seller, title_en="Wildflower honey", price_usd=Decimal("12.50"))
    catalog.add_image(owner_of(seller), pictured, png("jar.png"), alt_en="Jar", alt_zh="罐")
    refused = make_product(seller, hs_code="020130", title_en="Grass-fed beef", price_usd=Decimal("30.00"))
    sold_out = make_product(
        seller,
        title_en="Maple syrup",
        skus=[{"code": "GONE", "price_usd": Decimal("18.00"), "stock": 0}],
    )
    return [pictured, refused, sold_out]


def _assert_is_the_schema(body: dict) -> None:
    assert list(body) == list(ProductList.model_fields)
    assert ProductList.model_validate(body).model_dump(mode="json") == body
    for item in body["items"]:
        assert list(item) == CARD_FIELDS


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"lang": "en", "currency": "USD"},
        {"lang": "en", "destination": "DE", "currency": "EUR", "q": "honey"},
        {"destination": "JP", "limit": 2, "offset": 1},
    ],
)
def test_every_list_answer_is_what_the_schema_gives(anon, shelf, params):
    response = anon.get("/products", params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert body["items"]
    _assert_is_the_schema(body)
    assert anon.get("/products", params).content == response.content  # the cached page reads the same


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_each_card_of_the_list_is_the_card_of_the_product_page(anon, shelf, lang):
    params = {"lang": lang, "destination": "CN", "limit": 100}
    items = {item["id"]: item for item in anon.get("/products", params).json()["items"]}
    assert set(items) == {str(p.public_id) for p in shelf}
    for product in shelf:
        detail = anon.get(f"/products/{product.public_id}", params).json()
        assert items[str(product.public_id)] == {key: detail[key] for key in CARD_FIELDS}
    pictured, refused, sold_out = (items[str(p.public_id)] for p in shelf)
    assert pictured["image"]["alt_zh"] == "罐" and pictured["image"]["position"] == 0
    assert refused["image"] is None
    assert refused["landed"]["allowed"] is False and refused["landed"]["total"] is None
    assert refused["landed"]["reasons"] and set(refused["landed"]["reasons"][0]) == {"rule", "message"}
    assert sold_out["in_stock"] is False and pictured["in_stock"] is True
