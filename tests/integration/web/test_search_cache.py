"""Search result pages are reused while nothing they show can have changed, and never after."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from borderless.accounts.services import reject_seller
from borderless.catalog import services as catalog
from borderless.catalog.models import Sku
from borderless.catalog.rate_cards import set_rate_card
from borderless.search.services import results_version
from factories import make_operator, make_product, make_seller, owner_of

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(captured)


def _grid(page: str) -> str:
    return page.split('<div class="grid">', 1)[1].split('<div class="pager">', 1)[0]


def test_a_repeated_search_is_answered_from_the_cache(client):
    seller = make_seller()
    for n in range(5):
        make_product(seller, title_zh=f"威斯康星西洋参 {n}号")
    first, cold = _queries(client, "/search/?q=西洋参")
    second, warm = _queries(client, "/search/?q=西洋参")
    assert "威斯康星西洋参 4号" in first and _grid(second) == _grid(first)
    # The search itself, its products, images and the cards' rendering are skipped.
    assert warm <= cold - 3


def test_an_edited_listing_shows_at_once(client):
    seller = make_seller()
    product = make_product(seller, title_zh="威斯康星西洋参")
    assert "威斯康星西洋参" in client.get("/search/?q=西洋参").content.decode()
    catalog.update_product(owner_of(seller), product, {"title_zh": "威斯康星西洋参 新季"})
    assert "威斯康星西洋参 新季" in client.get("/search/?q=西洋参").content.decode()


def test_a_price_change_shows_at_once(client):
    seller = make_seller()
    product = make_product(seller, price_usd=Decimal("40.00"))
    sku = product.skus.get()
    before = _grid(client.get("/search/?q=ginseng").content.decode())
    catalog.update_product(
        owner_of(seller), product, {}, [{"code": sku.code, "price_usd": Decimal("80.00"), "stock": sku.stock}]
    )
    after = _grid(client.get("/search/?q=ginseng").content.decode())
    assert before != after


def test_stock_set_to_zero_shows_sold_out_at_once(client):
    seller = make_seller()
    product = make_product(seller)
    assert "已售罄" not in client.get("/search/?q=ginseng").content.decode()
    catalog.set_stock(owner_of(seller), product, {product.skus.get().code: 0})
    assert "已售罄" in client.get("/search/?q=ginseng").content.decode()


def test_a_rejected_sellers_listings_vanish_at_once(client):
    seller = make_seller()
    make_product(seller, title_zh="威斯康星西洋参")
    assert "威斯康星西洋参" in client.get("/search/?q=西洋参").content.decode()
    reject_seller(make_operator(), seller, "Documents do not match the business.")
    assert "威斯康星西洋参" not in client.get("/search/?q=西洋参").content.decode()


def test_language_and_destination_have_their_own_pages(client):
    seller = make_seller()
    make_product(seller, title_en="Wisconsin ginseng roots", title_zh="威斯康星西洋参")
    chinese = client.get("/search/?q=ginseng").content.decode()
    client.cookies["borderless_destination"] = "JP"
    japan = client.get("/search/?q=ginseng").content.decode()
    assert _grid(chinese) != _grid(japan)
    client.cookies["borderless_language"] = "en"
    english = client.get("/search/?q=ginseng").content.decode()
    assert "Wisconsin ginseng roots" in english


def test_the_version_moves_only_when_listings_or_sellers_change(django_assert_num_queries):
    seller = make_seller()
    product = make_product(seller)
    first = results_version()  # indexes the pending product first
    with django_assert_num_queries(1):
        assert results_version() == first
    catalog.unpublish_product(owner_of(seller), product)
    second = results_version()
    assert second != first
    assert results_version() == second
    reject_seller(make_operator(), seller, "Closed.")
    assert results_version() != second


def test_no_cache_when_switched_off(client, settings):
    settings.SEARCH_CACHE_SECONDS = 0
    seller = make_seller()
    make_product(seller, title_zh="威斯康星西洋参")
    client.get("/search/")  # indexes the new product
    _, first = _queries(client, "/search/?q=西洋参")
    _, second = _queries(client, "/search/?q=西洋参")
    assert second == first


def test_the_api_search_is_cached_and_sees_edits_at_once(client):
    seller = make_seller()
    product = make_product(seller, title_en="Wisconsin ginseng roots")
    url = "/api/v1/products?q=ginseng&lang=en"
    client.get(url)
    with CaptureQueriesContext(connection) as cold:
        first = client.get(url).json()
    cache.clear()
    with CaptureQueriesContext(connection) as uncached:
        assert client.get(url).json() == first
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url).json() == first
    assert len(warm) <= len(uncached) - 2 and len(cold) == len(warm)
    assert [item["title"] for item in first["items"]] == ["Wisconsin ginseng roots"]
    catalog.update_product(owner_of(seller), product, {"title_en": "Wisconsin ginseng roots, new season"})
    assert client.get(url).json()["items"][0]["title"] == "Wisconsin ginseng roots, new season"


def test_a_product_page_from_the_cache_shows_live_stock_and_edits(client):
    seller = make_seller()
    product = make_product(seller, title_zh="威斯康星西洋参")
    sku = product.skus.get()
    url = f"/p/{product.public_id}/"
    assert 'name="sku"' in client.get(url).content.decode()
    # A checkout takes the last units without any catalog change: the cached page still shows it at once.
    Sku.objects.filter(pk=sku.pk).update(stock=0)
    page = client.get(url).content.decode()
    assert 'name="sku"' not in page and "已售罄" in page
    catalog.update_product(owner_of(seller), product, {"title_zh": "威斯康星西洋参 新季"})
    assert "威斯康星西洋参 新季" in client.get(url).content.decode()
    catalog.unpublish_product(owner_of(seller), product)
    assert client.get(url).status_code == 404


def test_a_price_change_shows_on_a_cached_product_page_at_once(client):
    from borderless.catalog.landed import listing_quote

    seller = make_seller()
    product = make_product(seller, price_usd=Decimal("40.00"))
    sku = product.skus.get()
    url = f"/p/{product.public_id}/"
    old_total = listing_quote(product, Decimal("40.00"), "CN").total.amount
    new_total = listing_quote(product, Decimal("80.00"), "CN").total.amount
    assert f"¥{old_total}" in client.get(url).content.decode()
    assert f"¥{old_total}" in client.get(url).content.decode()  # from the cache
    catalog.update_product(
        owner_of(seller), product, {}, [{"code": sku.code, "price_usd": Decimal("80.00"), "stock": sku.stock}]
    )
    page = client.get(url).content.decode()
    assert f"¥{new_total}" in page and f"¥{old_total}" not in page


def test_stock_set_by_the_seller_shows_on_a_cached_product_page_at_once(client):
    seller = make_seller()
    product = make_product(seller)
    url = f"/p/{product.public_id}/"
    assert 'name="sku"' in client.get(url).content.decode()
    catalog.set_stock(owner_of(seller), product, {product.skus.get().code: 0})
    page = client.get(url).content.decode()
    assert 'name="sku"' not in page and "已售罄" in page
    catalog.set_stock(owner_of(seller), product, {product.skus.get().code: 3})
    assert 'name="sku"' in client.get(url).content.decode()


def test_a_listing_held_from_buyers_leaves_its_cached_page_at_once(client):
    product = make_product(make_seller())
    url = f"/p/{product.public_id}/"
    assert client.get(url).status_code == 200
    catalog.set_held_from_buyers(product, True)
    assert client.get(url).status_code == 404
    catalog.set_held_from_buyers(product, False)
    assert client.get(url).status_code == 200


def test_a_product_page_built_now_reads_its_stock_once(client):
    seller = make_seller()
    set_rate_card(owner_of(seller), [{"zone": "CN", "up_to_g": 1000, "base": "6.00"}])  # read with the seller
    skus = [{"code": f"S{i}", "price_usd": Decimal("10.00") + i, "stock": i} for i in range(6)]
    product = make_product(seller, skus=skus)
    client.get("/search/")  # indexes the new product
    url = f"/p/{product.public_id}/"
    # The catalogue's version, the product with its category, seller and rate card, its images, its SKUs;
    # and the seller's response time, read once and then kept in the cache for 10 minutes.
    built, built_queries = _queries(client, url)
    # The catalogue's version and the live stock.
    cached, cached_queries = _queries(client, url)
    assert built_queries <= 5 and cached_queries == 2
    assert built.count('name="sku"') == cached.count('name="sku"') == 5  # S0 has no stock
