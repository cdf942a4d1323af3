"""A new seller lists in English only: the Chinese title appears once the worker has translated it, the seller
corrects a word; a buyer searching in Chinese finds the listing, marked 机器翻译 until the seller reviews."""

import re

import pytest
from huey.contrib.djhuey import HUEY
from huey.storage import MemoryStorage
from playwright.sync_api import expect

from borderless.catalog.models import ChineseOrigin, Product
from factories import PASSWORD, make_seller, owner_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def queue(settings, tmp_path):
    """The task queue as in production, but in memory: saves enqueue their tasks and nothing runs them until
    the test plays the worker (`run_worker`)."""
    settings.VAR_DIR = tmp_path / "var"
    before, immediate = HUEY.storage, HUEY.immediate
    HUEY.immediate = False
    HUEY.storage = MemoryStorage(HUEY.name)
    yield HUEY
    HUEY.storage = before
    HUEY.immediate = immediate


def run_worker(huey) -> int:
    """What a worker does: take each waiting task and run it."""
    done = 0
    while (task := huey.dequeue()) is not None:
        huey.execute(task)
        done += 1
    return done


def test_english_only_listing_is_translated_found_in_chinese_and_reviewed(page, browser, live_server, queue):
    seller = make_seller(state="WI", display_name="Wausau Bee Yard")
    page.goto("/login/")
    page.fill("input[name=username]", owner_of(seller).email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/seller/$"))

    page.click("text=Add product")
    page.fill("#id_title_en", "Wisconsin Raw Buckwheat Honey, 1 lb jar")
    page.select_option("#id_category", "honey")
    page.fill("#id_brand_name", "Wausau Bee Yard")
    page.fill("#id_hs_code", "0409.00")
    page.fill("#id_description_en", "Dark, malty honey from our hives. Not for infants under one year.")
    page.fill("#id_net_content_value", "454")
    page.select_option("#id_net_content_unit", "g")
    page.fill("#id_unit_weight_g", "680")
    page.fill("#id_skus-0-code", "WBY-BW-454")
    page.fill("#id_skus-0-option_en", "Glass jar")
    page.fill("#id_skus-0-price_usd", "14.50")
    page.fill("#id_skus-0-stock", "30")
    assert page.input_value("#id_title_zh") == ""  # no Chinese written
    page.click("#save-publish")

    # Saved: the translation waits for the worker, the listing waits for its Chinese title.
    expect(page.locator("#translation-status")).to_have_text("Translating")
    expect(page.locator("#product-status")).to_have_text("Draft")
    product = Product.objects.get(title_en="Wisconsin Raw Buckwheat Honey, 1 lb jar")
    assert product.title_zh == "" and product.publish_when_translated
    assert queue.pending_count() >= 1

    assert run_worker(queue) >= 1
    # The page polls while the translation is queued and reloads once it is done: no click needed.
    expect(page.locator("#translation-status")).to_have_text("Machine-translated", timeout=10_000)
    expect(page.locator("#product-status")).to_have_text("Published")
    title_zh = page.locator("#review-title-zh")
    expect(title_zh).to_have_value("威斯康星生荞麦蜂蜜 1磅玻璃罐")
    assert "machine-translated" in page.locator("#chinese-review").inner_text()

    # A buyer searches in Chinese for that kind of product and finds it, marked as machine-translated.
    buyer = browser.new_context(base_url=live_server.url, locale="zh-CN").new_page()
    buyer.set_default_timeout(15_000)
    buyer.goto("/")
    buyer.get_by_role("searchbox").fill("荞麦蜂蜜")
    buyer.get_by_role("button", name="搜索").click()
    buyer.wait_for_url(re.compile(r"/search/\?q="))
    card = buyer.locator("article.card", has_text="威斯康星生荞麦蜂蜜")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("机器翻译")
    card.get_by_role("link", name=re.compile("荞麦蜂蜜")).first.click()
    buyer.wait_for_url(re.compile(r"/p/"))
    expect(buyer.locator("h1")).to_contain_text("威斯康星生荞麦蜂蜜 1磅玻璃罐")
    expect(buyer.get_by_text("机器翻译").first).to_be_visible()

    # The seller changes one word ("玻璃罐" → "瓶装") and saves the review beside the English.
    title_zh.fill("威斯康星生荞麦蜂蜜 1磅瓶装")
    page.click("#review-save")
    expect(page.get_by_text("Chinese reviewed")).to_be_visible()
    expect(page.locator("#translation-status")).to_have_text("Reviewed")
    product.refresh_from_db()
    assert product.title_zh == "威斯康星生荞麦蜂蜜 1磅瓶装"
    assert product.title_zh_origin == ChineseOrigin.SELLER
    assert product.description_zh_origin == ChineseOrigin.REVIEWED

    # The buyer's page now reads the seller's Chinese, without the mark.
    buyer.reload()
    expect(buyer.locator("h1")).to_contain_text("威斯康星生荞麦蜂蜜 1磅瓶装")
    expect(buyer.get_by_text("机器翻译")).to_have_count(0)
    buyer.context.close()
