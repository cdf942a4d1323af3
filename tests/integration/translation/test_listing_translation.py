"""A seller lists in English only: the Chinese is filled in the background, marked as machine text until the
seller reviews it, translated again when the English changes, and never written over the seller's own."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from borderless.catalog import services as catalog
from borderless.catalog.models import ChineseOrigin, Product, ProductChange, TranslationStatus
from borderless.search.services import search_products
from borderless.translation import fill, services
from borderless.translation.models import TranslationMemory
from borderless.translation.providers import ProviderBusy, ProviderUnavailable
from borderless.trust import listings
from factories import make_product, make_seller, owner_of

pytestmark = pytest.mark.django_db

ENGLISH_ONLY = {
    "title_en": "Wisconsin American Ginseng Root Slices, 4 oz",
    "title_zh": "",
    "description_en": "Hand-dug roots. We slice them at the farm.",
    "description_zh": "",
    "status": "draft",
}


def english_only(seller, **fields):
    return make_product(seller, **{**ENGLISH_ONLY, **fields})


def test_a_listing_saved_in_english_only_is_queued_then_filled_as_machine_text(worker):
    seller = make_seller()
    product = english_only(seller)
    assert product.translation_status == TranslationStatus.QUEUED
    assert product.title_zh == "" and product.title_zh_origin == ChineseOrigin.MISSING
    with worker():
        product = english_only(seller, title_en="Vermont Pure Maple Syrup, Grade A Amber, 500 ml")
    product.refresh_from_db()
    assert product.title_zh == "佛蒙特纯枫糖浆 A级琥珀色 500毫升"
    assert product.title_zh_origin == ChineseOrigin.MACHINE
    assert product.description_zh  # filled too, sentence by sentence
    assert product.translation_status == TranslationStatus.DONE
    assert product.machine_translated
    assert ProductChange.objects.filter(product_id=product.pk).count() >= 2  # the index hears of the Chinese


def test_the_chinese_title_is_required_to_publish_and_a_publish_request_waits_for_it(worker):
    seller = make_seller()
    owner = owner_of(seller)
    draft = english_only(seller)
    with pytest.raises(ValidationError, match="Chinese title"):
        catalog.publish_product(owner, draft)
    with worker():
        waiting = english_only(seller, status="published")
    waiting.refresh_from_db()
    assert waiting.status == "published" and waiting.title_zh  # published the moment its title was there
    assert not waiting.publish_when_translated
    found = search_products("西洋参")
    assert waiting in found.products  # a buyer searching in Chinese finds the English-only listing


def test_a_listing_may_be_published_before_its_description_is_translated():
    seller = make_seller()
    product = english_only(seller, title_zh="威斯康星西洋参切片")
    catalog.publish_product(owner_of(seller), product)
    product.refresh_from_db()
    assert product.status == "published" and product.description_zh == ""
    assert product.description("zh") == product.description_en  # buyers read the English meanwhile


def test_an_unverified_seller_is_not_published_by_the_translation():
    seller = make_seller(verified=False)
    with pytest.raises(ValidationError, match="verified"):
        english_only(seller, status="published")


def test_review_clears_the_mark_and_a_correction_is_the_sellers_and_remembered(worker):
    seller = make_seller()
    owner = owner_of(seller)
    with worker():
        product = english_only(seller)
    product.refresh_from_db()
    machine = product.title_zh
    with worker():
        listings.update_listing(owner, product, {"title_zh": machine, "chinese_reviewed": True})
    product.refresh_from_db()
    assert product.title_zh_origin == ChineseOrigin.REVIEWED
    assert product.description_zh_origin == ChineseOrigin.REVIEWED
    assert not product.machine_translated
    corrected = machine.replace("切片", "片")
    with worker():
        listings.update_listing(owner, product, {"title_zh": corrected, "chinese_reviewed": True})
    product.refresh_from_db()
    assert product.title_zh == corrected and product.title_zh_origin == ChineseOrigin.SELLER
    # the same English on another listing of this seller reads as the seller corrected it; not for others
    with worker():
        again = english_only(seller)
        other = english_only(make_seller())
    again.refresh_from_db()
    other.refresh_from_db()
    assert again.title_zh == corrected
    assert other.title_zh == machine


def test_changed_english_is_translated_again_but_the_sellers_own_chinese_stays(worker):
    seller = make_seller()
    owner = owner_of(seller)
    with worker():
        product = english_only(seller, description_zh="手工采挖的参根。")
    product.refresh_from_db()
    assert product.description_zh_origin == ChineseOrigin.SELLER
    with worker():
        listings.update_listing(
            owner,
            product,
            {"title_en": "Wisconsin Raw Wildflower Honey, 1 lb", "description_en": "Raw honey."},
        )
    product.refresh_from_db()
    assert product.title_zh == "威斯康星生野花蜂蜜 1磅"
    assert product.title_zh_origin == ChineseOrigin.MACHINE
    assert product.description_zh == "手工采挖的参根。"  # written by the seller: never translated over


def test_a_reviewed_translation_whose_english_changes_is_machine_text_again(worker):
    seller = make_seller()
    owner = owner_of(seller)
    with worker():
        product = english_only(seller)
    product.refresh_from_db()
    with worker():
        listings.update_listing(owner, product, {"title_zh": product.title_zh, "chinese_reviewed": True})
        listings.update_listing(owner, product, {"title_en": "Organic Clover Honey, 12 oz"})
    product.refresh_from_db()
    assert product.title_zh == "有机三叶草蜂蜜 12盎司"
    assert product.title_zh_origin == ChineseOrigin.MACHINE and product.machine_translated
    assert product.description_zh_origin == ChineseOrigin.REVIEWED  # its English did not change


def test_a_text_translated_once_is_not_sent_again(worker):
    calls = []

    class Counting:
        name = "counting"
        memory_key = "counting:1"

        def translate(self, texts, source, target, glossary):
            calls.append(list(texts))
            from borderless.translation.glossary import GlossaryTranslator

            return GlossaryTranslator().translate(texts, source, target, glossary)

    first = services.translate(["Raw Honey", "Pecan Halves", "Raw Honey"], provider=Counting())
    second = services.translate(["Pecan Halves", "Walnut Halves"], provider=Counting())
    assert [t.text for t in first] == ["生蜂蜜", "碧根果", "生蜂蜜"]
    assert [t.text for t in second] == ["碧根果", "核桃仁"]
    assert calls == [["Raw Honey", "Pecan Halves"], ["Walnut Halves"]]
    assert TranslationMemory.objects.filter(provider="counting:1").count() == 3


class Failing:
    name = "failing"
    memory_key = "failing:1"

    def __init__(self, error):
        self.error = error

    def translate(self, texts, source, target, glossary):
        raise self.error


@pytest.mark.parametrize(
    ("error", "delay"),
    [
        (ProviderBusy("DeepL is rate limiting requests (HTTP 429)", retry_after=120), 120.0),
        (ProviderUnavailable("DeepL did not answer within 10 s"), 30.0),
    ],
)
def test_a_provider_failure_keeps_the_english_says_why_and_retries_later(monkeypatch, error, delay):
    seller = make_seller()
    product = english_only(seller)
    monkeypatch.setattr("borderless.translation.services.default_provider", lambda: Failing(error))
    assert fill.fill_listing(product.pk) == delay
    product.refresh_from_db()
    assert product.translation_status == TranslationStatus.FAILED
    assert error.message in product.translation_note and "tried again" in product.translation_note
    assert product.title_en == ENGLISH_ONLY["title_en"] and product.title_zh == ""
    assert product.title("zh") == product.title_en  # buyers of a published one would read the English
    monkeypatch.undo()
    assert fill.fill_listing(product.pk) is None  # the next attempt succeeds
    product.refresh_from_db()
    assert product.translation_status == TranslationStatus.DONE and product.title_zh
    assert product.translation_note == "" or product.translation_note.startswith("Left in English")


def test_retries_back_off_and_stop():
    assert fill.retry_delay(1, None) == 30
    assert fill.retry_delay(3, None) == 120
    assert fill.retry_delay(20, None) == 3600
    assert fill.retry_delay(1, 300) == 300


def test_words_left_untranslated_are_named_to_the_seller(worker):
    with worker():
        product = english_only(make_seller(), title_en="Zephyrwood Maple Syrup, 250 ml", brand_name="Acme")
    product.refresh_from_db()
    assert product.title_zh == "Zephyrwood 枫糖浆 250毫升"
    assert "Zephyrwood" in product.translation_note


def test_the_brand_stays_as_written(worker):
    with worker():
        product = english_only(make_seller(), title_en="Golden Acres Raw Honey", brand_name="Golden Acres")
    product.refresh_from_db()
    assert product.title_zh == "Golden Acres 生蜂蜜"


def test_missing_sku_options_are_filled_and_the_sellers_kept(worker):
    skus = [
        {"code": "A", "option_en": "Gift box", "price_usd": Decimal("20"), "stock": 3},
        {
            "code": "B",
            "option_en": "Glass jar",
            "option_zh": "玻璃瓶装",
            "price_usd": Decimal("18"),
            "stock": 3,
        },
    ]
    with worker():
        product = english_only(make_seller(), skus=skus)
    options = dict(product.skus.values_list("code", "option_zh"))
    assert options == {"A": "礼盒装", "B": "玻璃瓶装"}


def test_html_and_script_in_the_english_never_reach_the_chinese(worker):
    with worker():
        product = english_only(
            make_seller(),
            title_en='Raw Honey <script>alert("x")</script>',
            description_en="<b>Raw</b> honey.",
        )
    product.refresh_from_db()
    assert product.title_zh == "生蜂蜜" and "<" not in product.description_zh


def test_a_ten_thousand_character_description_is_refused_with_a_message():
    with pytest.raises(ValidationError) as caught:
        english_only(make_seller(), description_en="Honey. " * 1500)
    assert "description_en" in caught.value.message_dict
    assert not Product.objects.exists()


def test_a_five_thousand_character_description_is_translated_whole(worker):
    with worker():
        product = english_only(make_seller(), description_en=("Raw honey from Wisconsin. " * 200)[:4990])
    product.refresh_from_db()
    assert product.translation_status == TranslationStatus.DONE
    assert 0 < len(product.description_zh) <= 5000


def test_empty_english_is_refused():
    with pytest.raises(ValidationError) as caught:
        english_only(make_seller(), title_en="   ")
    assert "title_en" in caught.value.message_dict
