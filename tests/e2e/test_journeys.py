"""A buyer finds American ginseng in Chinese; a seller lists a product that then shows in the storefront."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from factories import PASSWORD, make_product, make_seller, owner_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_buyer_searches_in_chinese_and_opens_a_product(page):
    seller = make_seller(state="WI", display_name_zh="许氏农场")
    make_product(
        seller,
        title_zh="威斯康星州花旗参 整枝 特级 113克",
        title_en="Wisconsin American ginseng, whole roots, 4 oz",
        price_usd=Decimal("58.00"),
    )
    make_product(
        seller,
        title_zh="佛蒙特枫糖浆",
        title_en="Vermont maple syrup",
        category="maple-syrup",
        hs_code="170220",
    )
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    page.get_by_role("searchbox").fill("西洋参")
    page.get_by_role("button", name="搜索").click()
    page.wait_for_url(re.compile(r"/search/\?q="))
    cards = page.locator("article.card")
    assert cards.count() == 1
    cards.first.get_by_role("link", name=re.compile("花旗参")).click()
    page.wait_for_url(re.compile(r"/p/"))
    assert "威斯康星州花旗参" in page.locator("h1").inner_text()
    assert "美国威斯康星州制造" in page.content()
    landed = page.locator("#landed .price").inner_text().strip()
    assert re.match(r"^到手价 ¥\d+\.\d{2}$", landed), landed
    page.locator("#breakdown summary").click()
    assert "增值税" in page.locator("#breakdown").inner_text()


def test_seller_creates_a_product_that_shows_in_the_storefront(page):
    seller = make_seller(state="VT")
    owner = owner_of(seller)
    page.goto("/login/")
    page.fill("input[name=username]", owner.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/seller/$"))
    page.click("text=Add product")
    page.fill("#id_title_en", "Vermont maple syrup, grade A dark, 250 ml")
    page.fill("#id_title_zh", "佛蒙特纯枫糖浆 A级深色 250毫升")
    page.select_option("#id_category", "maple-syrup")
    page.fill("#id_brand_name", "Sugar Hollow")
    page.fill("#id_hs_code", "12")
    page.fill("#id_description_en", "Strong, dark syrup from the late season.")
    page.fill("#id_description_zh", "晚季熬制的浓郁深色枫糖浆。")
    page.fill("#id_net_content_value", "250")
    page.select_option("#id_net_content_unit", "ml")
    page.fill("#id_unit_weight_g", "380")
    page.fill("#id_skus-0-code", "SH-250-DARK")
    page.fill("#id_skus-0-price_usd", "11.50")
    page.fill("#id_skus-0-stock", "25")
    page.click("#save-publish")
    # The refused form comes back after a navigation: wait for its error, not the page mid-load.
    expect(page.get_by_text("An HS code has 6 to 10 digits")).to_be_visible()
    page.fill("#id_hs_code", "1702.20")
    page.click("#save-publish")
    page.wait_for_selector("#product-status")
    assert page.locator("#product-status").inner_text() == "Published"
    page.click("text=View in the storefront")
    page.wait_for_url(re.compile(r"/p/"))
    assert "佛蒙特纯枫糖浆 A级深色 250毫升" in page.locator("h1").inner_text()
    page.goto("/search/?q=枫糖浆")
    assert "佛蒙特纯枫糖浆 A级深色 250毫升" in page.content()
