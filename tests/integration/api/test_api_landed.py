"""The landed price on public product cards: one unit in the buyer's country, no query per product."""

from decimal import Decimal

import pytest
from api_support import assert_error

from borderless.catalog.landed import listing_quote
from factories import make_product

pytestmark = pytest.mark.django_db

LANDED_KEYS = {"destination", "currency", "total", "total_tax", "treatment", "allowed", "reasons"}


@pytest.fixture
def listed(seller):
    product = make_product(seller, price_usd=Decimal("39.00"))
    product.refresh_from_db()  # the stored field values, as the API reads them
    return product


def test_detail_is_landed_in_china_by_default(anon, listed):
    body = anon.get(f"/products/{listed.public_id}").json()
    landed = body["landed"]
    assert set(landed) == LANDED_KEYS
    expected = listing_quote(listed, Decimal("39.00"), "CN")
    assert (landed["destination"], landed["currency"], landed["allowed"]) == ("CN", "CNY", True)
    assert landed["total"] == str(expected.total.amount)
    assert landed["total_tax"] == str(expected.total_tax.amount)
    assert landed["treatment"] == expected.treatment
    assert landed["reasons"] == [r.as_dict() for r in expected.reasons]
    # Landed is the goods converted, plus freight and tax: more than the bare yuan price.
    assert Decimal(landed["total"]) > Decimal(body["price_from"]["amount"])


def test_landed_price_uses_the_cheapest_sku(anon, seller):
    product = make_product(
        seller,
        skus=[
            {"code": "DEAR", "price_usd": Decimal("80.00"), "stock": 1},
            {"code": "CHEAP", "price_usd": Decimal("20.00"), "stock": 1},
        ],
    )
    for path in (f"/products/{product.public_id}", "/products"):
        body = anon.get(path, {"lang": "en"}).json()
        landed = body["landed"] if "landed" in body else body["items"][0]["landed"]
        assert landed["total"] == str(listing_quote(product, Decimal("20.00"), "CN").total.amount)


def test_destination_changes_the_landed_currency_not_the_display_currency(anon, listed):
    body = anon.get(f"/products/{listed.public_id}", {"destination": "DE", "currency": "USD"}).json()
    assert body["price_from"]["currency"] == "USD"
    assert (body["landed"]["destination"], body["landed"]["currency"]) == ("DE", "EUR")
    listing = anon.get("/products", {"destination": "JP"}).json()
    assert listing["items"][0]["landed"]["currency"] == "JPY"


def test_a_refused_item_has_no_total_and_says_why(anon, seller):
    beef = make_product(seller, hs_code="020130", price_usd=Decimal("30.00"))
    landed = anon.get(f"/products/{beef.public_id}").json()["landed"]
    assert landed["allowed"] is False and landed["treatment"] == "not_allowed"
    assert landed["total"] is None and landed["total_tax"] is None
    assert "CN-C15" in {r["rule"] for r in landed["reasons"]}


@pytest.mark.parametrize("destination", ["US", "ZZ", "cn", "CHN", ""])
def test_unsupported_destination_is_422_naming_the_field(anon, listed, destination):
    for path in (f"/products/{listed.public_id}", "/products"):
        error = assert_error(anon.get(path, {"destination": destination}), 422, "invalid")
        assert "destination" in error["details"], error


@pytest.mark.parametrize("count", [3, 30])
def test_landed_prices_cost_no_query_per_product(anon, seller, count, django_assert_max_num_queries):
    for i in range(count):
        make_product(seller, price_usd=Decimal(10 + i))
    anon.get("/products")  # the first search indexes the new products; measure the reads after it
    # The index's version, then (not cached yet) products with seller and category, images; none per product.
    with django_assert_max_num_queries(4):
        body = anon.get("/products", {"limit": 100}).json()
    assert len(body["items"]) == count
    assert all(item["landed"]["allowed"] and item["landed"]["total"] for item in body["items"])
