"""The storefront as a buyer sees it: Chinese by default, prices in CNY, only what may be shown."""

from decimal import Decimal

import pytest

from borderless.catalog.rate_cards import set_rate_card
from factories import make_product, make_seller, owner_of

pytestmark = pytest.mark.django_db


def test_home_is_chinese_by_default_with_cny_prices(client):
    seller = make_seller(state="VT")
    make_product(
        seller, title_zh="佛蒙特纯枫糖浆 500毫升", title_en="Vermont maple syrup", price_usd=Decimal("20.00")
    )
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Language"] == "zh-hans"
    assert '<html lang="zh-hans">' in html
    assert "佛蒙特纯枫糖浆 500毫升" in html
    assert "美国佛蒙特州制造" in html
    assert "Vermont maple syrup" not in html


def test_english_when_the_buyer_switches(client):
    seller = make_seller(state="VT")
    make_product(seller, title_zh="佛蒙特纯枫糖浆", title_en="Vermont maple syrup")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert "Vermont maple syrup" in html
    assert "Made in Vermont, USA" in html


def test_price_is_converted_from_usd_at_the_ecb_rate(client):
    from borderless.money.fx import get_rate

    seller = make_seller()
    product = make_product(seller, price_usd=Decimal("100.00"))
    rate = get_rate("USD", "CNY")
    expected = (Decimal("100.00") * rate.rate).quantize(Decimal("0.01"))
    html = client.get(f"/p/{product.public_id}/").content.decode()
    assert f"{expected:.2f}" in html
    assert rate.date.isoformat() in html


def test_drafts_and_unverified_sellers_are_not_shown(client):
    draft = make_product(make_seller(), status="draft", title_zh="草稿商品")
    pending = make_product(make_seller(verified=False), status="draft", title_zh="待审核商家商品")
    assert client.get(f"/p/{draft.public_id}/").status_code == 404
    assert client.get(f"/p/{pending.public_id}/").status_code == 404
    html = client.get("/").content.decode()
    assert "草稿商品" not in html and "待审核商家商品" not in html


def test_text_is_escaped(client):
    seller = make_seller()
    product = make_product(
        seller, title_zh="<script>alert(1)</script>参", description_zh="<img src=x onerror=alert(1)>"
    )
    html = client.get(f"/p/{product.public_id}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;参" in html
    assert "<img src=x" not in html


def test_seller_page_shows_only_its_products(client):
    a, b = make_seller(display_name_zh="甲农场"), make_seller()
    make_product(a, title_zh="甲的西洋参")
    make_product(b, title_zh="乙的西洋参")
    html = client.get(f"/s/{a.public_id}/").content.decode()
    assert "甲的西洋参" in html and "乙的西洋参" not in html


@pytest.mark.parametrize("count", [3, 30])
def test_product_list_uses_a_constant_number_of_queries(client, django_assert_max_num_queries, count):
    seller = make_seller()
    set_rate_card(owner_of(seller), [{"zone": "CN", "up_to_g": 1000, "base": "6.00"}])  # read with the seller
    for i in range(count):
        make_product(seller, title_zh=f"西洋参 {i}")
    client.get("/search/")  # the first search after changes brings the index up to date (a one-off write)
    with django_assert_max_num_queries(10):
        assert client.get("/search/?q=西洋参").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/c/american-ginseng/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/").status_code == 200


def test_each_option_shows_its_own_landed_price(client):
    from borderless.catalog.landed import listing_quote

    skus = [
        {"code": "S", "price_usd": Decimal("10.00"), "stock": 1},
        {"code": "L", "price_usd": Decimal("30.00"), "stock": 1},
    ]
    product = make_product(make_seller(), skus=skus)
    html = client.get(f"/p/{product.public_id}/").content.decode()
    for price in ("10.00", "30.00"):
        assert f"¥{listing_quote(product, Decimal(price), 'CN').total.amount}" in html


def test_product_page_uses_a_constant_number_of_queries(client, django_assert_max_num_queries):
    seller = make_seller()
    set_rate_card(owner_of(seller), [{"zone": "CN", "up_to_g": 1000, "base": "6.00"}])
    skus = [{"code": f"S{i}", "price_usd": Decimal("10.00") + i, "stock": i} for i in range(12)]
    product = make_product(seller, skus=skus)
    client.get(
        "/search/"
    )  # the first read after changes brings the search index up to date (a one-off write)
    with django_assert_max_num_queries(10):
        response = client.get(f"/p/{product.public_id}/")
    assert response.status_code == 200
    with django_assert_max_num_queries(2):  # from the cache: the catalogue's version and the live stock
        again = client.get(f"/p/{product.public_id}/")
    assert again.status_code == 200 and again.content.count(b'name="sku"') == 11  # S0 has no stock


def test_search_filters_by_state_and_price(client):
    vt, wi = make_seller(state="VT"), make_seller(state="WI")
    make_product(
        vt,
        title_zh="佛蒙特枫糖浆",
        title_en="maple syrup",
        category="maple-syrup",
        hs_code="170220",
        price_usd=Decimal("10.00"),
    )
    make_product(wi, title_zh="威州西洋参", price_usd=Decimal("200.00"))
    assert "佛蒙特枫糖浆" in client.get("/search/?state=VT").content.decode()
    assert "威州西洋参" not in client.get("/search/?state=VT").content.decode()
    cheap = client.get("/search/?max_price=500").content.decode()
    assert "佛蒙特枫糖浆" in cheap and "威州西洋参" not in cheap


@pytest.mark.parametrize(
    "query", ["' OR 1=1 --", '"', "NEAR(", "*", "<script>x</script>", "参" * 5000, "a AND OR NOT"]
)
def test_hostile_search_input_never_breaks(client, query):
    response = client.get("/search/", {"q": query, "min_price": "abc", "max_price": "-1", "page": "x"})
    assert response.status_code == 200
    assert "<script>x</script>" not in response.content.decode()


def test_product_page_shows_the_landed_price_of_the_trade_engine(client):
    from borderless.trade import landed_price_for_listing

    seller = make_seller(state="VT")
    product = make_product(
        seller,
        category="maple-syrup",
        hs_code="170220",
        price_usd=Decimal("20.00"),
        net_content_value=Decimal("500"),
        net_content_unit="ml",
        unit_weight_g=Decimal("700"),
    )
    quote = landed_price_for_listing("CN", "170220", Decimal("20.00"), (Decimal("500"), "ml"), Decimal("700"))
    assert quote.allowed and quote.total_tax.amount > 0
    html = client.get(f"/p/{product.public_id}/").content.decode()
    assert f"到手价 ¥{quote.total.amount}" in html
    assert f"¥{quote.vat.amount}" in html
    assert "含运费和进口税费" in html


def test_a_product_that_may_not_enter_china_says_why_instead_of_a_price(client):
    seller = make_seller()
    fresh = make_product(seller, category="nuts-dried-fruit", hs_code="081010", title_zh="新鲜草莓")
    html = client.get(f"/p/{fresh.public_id}/").content.decode()
    assert "到手价 ¥" not in html
    assert "暂不支持配送至中国大陆" in html
    assert "不能以包裹方式寄往中国" in html
    listing = client.get("/search/?q=草莓").content.decode()
    assert "新鲜草莓" in listing and "暂不支持配送至中国大陆" in listing


def test_the_buyer_chooses_another_destination(client):
    seller = make_seller()
    product = make_product(seller, category="skin-care", hs_code="330499", price_usd=Decimal("30.00"))
    response = client.post("/destination/", {"destination": "JP", "next": f"/p/{product.public_id}/"})
    assert response.status_code == 302 and response["Location"] == f"/p/{product.public_id}/"
    html = client.get(f"/p/{product.public_id}/").content.decode()
    assert "JP¥" in html
    client.post("/destination/", {"destination": "XX", "next": "https://evil.example/"})
    assert client.cookies["borderless_destination"].value == "JP"


def test_search_results_are_paged(client):
    seller = make_seller()
    for i in range(25):
        make_product(seller, title_zh=f"西洋参 第{i}号")
    first = client.get("/search/?q=西洋参").content.decode()
    assert first.count('<article class="card">') == 24
    assert "page=2" in first and "下一页" in first
    second = client.get("/search/?q=西洋参&page=2").content.decode()
    assert second.count('<article class="card">') == 1
    assert "下一页" not in second and "上一页" in second


def test_cards_show_the_landed_price_and_its_parts_or_why_not(client):
    from borderless.catalog.landed import listing_quote

    seller = make_seller(state="VT")
    product = make_product(seller, title_zh="佛蒙特枫糖浆", category="maple-syrup", hs_code="170220")
    quote = listing_quote(product, Decimal("39.00"), "CN")
    html = client.get("/search/?q=枫糖浆").content.decode()
    assert f'<a class="title" href="/p/{product.public_id}/">佛蒙特枫糖浆</a>' in html
    assert "美国佛蒙特州制造" in html
    assert f'title="商品 ¥{quote.goods_value.amount} + 运费 ¥{quote.freight.amount} + ' in html
    assert f"到手价 ¥{quote.total.amount}</span>" in html
    make_product(seller, title_en="Fresh strawberries", category="nuts-dried-fruit", hs_code="081010")
    client.cookies["borderless_language"] = "en"
    english = client.get("/search/?q=strawberries").content.decode()
    assert "Fresh strawberries" in english and "Made in Vermont, USA" in english
    assert "Not available for Mainland China" in english and "may not be sent to China by parcel" in english
