"""The public catalog: what buyers see, in their language and currency, and what they must not see."""

from decimal import Decimal

import pytest
from api_support import assert_error

from borderless.accounts.services import reject_seller
from borderless.money import Money
from borderless.money.fx import get_rate
from factories import make_operator, make_product, make_seller

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(seller):
    return make_product(seller, price_usd=Decimal("39.00"))


def test_product_in_chinese_and_yuan_by_default(anon, listed):
    response = anon.get(f"/products/{listed.public_id}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["title"] == listed.title_zh
    assert body["description"] == listed.description_zh
    expected = get_rate("USD", "CNY").convert(Money(Decimal("39.00"), "USD"))
    assert body["price_from"] == {"amount": str(expected.amount), "currency": "CNY"}
    assert body["skus"][0]["price"]["currency"] == "CNY"
    assert body["skus"][0]["price_usd"] == "39.00"
    # A yuan price is several times the dollar price: the conversion really happened.
    assert Decimal("4") * 39 < Decimal(body["price_from"]["amount"]) < Decimal("10") * 39
    assert set(body["fx"]) == {"rate", "date", "source", "stale"}
    assert Decimal(body["fx"]["rate"]) == get_rate("USD", "CNY").rate
    assert body["price_note"] == "estimate before taxes"
    assert "id" in body["seller"] and isinstance(body["seller"]["id"], str)


def test_product_in_english_and_dollars(anon, listed):
    body = anon.get(f"/products/{listed.public_id}", {"lang": "en", "currency": "USD"}).json()
    assert body["title"] == listed.title_en
    assert body["price_from"] == {"amount": "39.00", "currency": "USD"}


def test_product_in_euros(anon, listed):
    body = anon.get(f"/products/{listed.public_id}", {"currency": "EUR"}).json()
    expected = get_rate("USD", "EUR").convert(Money(Decimal("39.00"), "USD"))
    assert body["price_from"] == {"amount": str(expected.amount), "currency": "EUR"}


@pytest.mark.parametrize("currency", ["XYZ", "usd", "DOLLARS", ""])
def test_unknown_currency_is_422(anon, listed, currency):
    error = assert_error(anon.get(f"/products/{listed.public_id}", {"currency": currency}), 422, "invalid")
    assert "currency" in error["details"]


def test_unknown_language_is_422(anon, listed):
    error = assert_error(anon.get(f"/products/{listed.public_id}", {"lang": "fr"}), 422, "invalid")
    assert "lang" in error["details"]


def test_drafts_and_rejected_sellers_products_are_not_found(anon, seller):
    draft = make_product(seller, status="draft")
    rejected = make_seller()
    was_published = make_product(rejected)
    reject_seller(make_operator(), rejected, "licence revoked")
    assert_error(anon.get(f"/products/{draft.public_id}"), 404, "not_found")
    assert_error(anon.get(f"/products/{was_published.public_id}"), 404, "not_found")
    assert_error(anon.get(f"/sellers/{rejected.public_id}"), 404, "not_found")
    assert_error(anon.get("/products/00000000-0000-4000-8000-000000000000"), 404, "not_found")
    assert_error(anon.get("/products/not-a-uuid"), 422, "invalid")


def test_product_list_filters_and_converts_price_bounds(anon, seller):
    cheap = make_product(seller, price_usd=Decimal("10.00"))
    dear = make_product(seller, price_usd=Decimal("100.00"))
    make_product(seller, status="draft", price_usd=Decimal("50.00"))
    body = anon.get("/products", {"lang": "en", "currency": "USD"}).json()
    ids = {item["id"] for item in body["items"]}
    assert ids == {str(cheap.public_id), str(dear.public_id)}
    assert body["total"] == 2
    assert body["fx"]["rate"] and body["price_note"] == "estimate before taxes"
    # 300 yuan is more than 10 dollars and less than 100 at any plausible rate.
    body = anon.get("/products", {"currency": "CNY", "min_price": "300"}).json()
    assert [item["id"] for item in body["items"]] == [str(dear.public_id)]
    body = anon.get("/products", {"currency": "CNY", "max_price": "300"}).json()
    assert [item["id"] for item in body["items"]] == [str(cheap.public_id)]
    assert body["items"][0]["price_from"]["currency"] == "CNY"


def test_product_list_rejects_bad_bounds(anon):
    error = assert_error(anon.get("/products", {"min_price": "-5"}), 422)
    assert "min_price" in error["details"]
    assert_error(anon.get("/products", {"limit": "1000"}), 422)
    assert_error(anon.get("/products", {"currency": "XYZ"}), 422)


def test_categories(anon):
    body = anon.get("/categories", {"lang": "en"}).json()
    ginseng = next(c for c in body if c["slug"] == "american-ginseng")
    assert ginseng["name"] == "American ginseng" and ginseng["name_zh"] == "西洋参"


def test_public_seller_page_only_for_verified_sellers(anon, seller, listed):
    body = anon.get(f"/sellers/{seller.public_id}", {"lang": "en"}).json()
    assert body["display_name"] == seller.display_name
    assert [p["id"] for p in body["products"]] == [str(listed.public_id)]
    assert body["products"][0]["price_from"]["currency"] == "CNY"
    assert "legal_name" not in body and "revenue_band" not in body
    pending = make_seller(verified=False)
    assert_error(anon.get(f"/sellers/{pending.public_id}"), 404, "not_found")
