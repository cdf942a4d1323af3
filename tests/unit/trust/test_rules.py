"""The screening rules' building blocks, on plain data."""

from decimal import Decimal

from borderless.trust.rules import BrandFacts, BrandRegistry, ListingFacts, ReferenceProduct, screen
from borderless.trust.rules.text import han_text, latin_words, sound, syllable


def test_disguises_are_undone_and_remembered():
    words = latin_words("Сoach C O A C H C0ACH ＣＯＡＣＨ Burt's 20oz")
    assert [(w.text, w.disguise) for w in words] == [
        ("coach", "look-alike letters"),
        ("coach", "spaced letters"),
        ("coach", "look-alike letters"),
        ("coach", "full-width letters"),
        ("burt", ""),
        ("20oz", ""),
    ]
    assert han_text("雅 诗 兰 黛") == ("雅诗兰黛", True)


def test_confusable_sounds_and_unknown_characters():
    assert sound(syllable("纯")) == sound(syllable("存"))
    assert sound(syllable("倍")) == sound(syllable("培"))
    assert syllable("㐀") in ("", "qiu")  # a character pypinyin may not read does not break screening


def _registry():
    tote = ReferenceProduct(
        "tote", "Acme Saddle Tote", "阿克米 马鞍托特包", Decimal("300"), ("036000291452",), (0xF0F0,)
    )
    return BrandRegistry(
        [
            BrandFacts(
                1,
                "Acme Leather",
                "阿克米",
                aliases=("Acme",),
                allowed_seller_ids=frozenset({7}),
                products=(tote,),
            )
        ]
    )


def _listing(**fields):
    base = {
        "seller_id": 2,
        "brand_field": "",
        "title_en": "",
        "title_zh": "",
        "prices_usd": (Decimal("290"),),
    }
    return ListingFacts(**{**base, **fields})


def test_price_counts_only_for_the_product_the_listing_is_shown_to_be():
    named_whistle = screen(
        _listing(title_en="Acme Leather coach whistle", prices_usd=(Decimal("5"),)), _registry()
    )
    assert "price_below_msrp" not in {r.signal for r in named_whistle.reasons}
    cheap_tote = screen(
        _listing(
            brand_field="Acme Leather", title_en="Acme Leather saddle tote", prices_usd=(Decimal("40"),)
        ),
        _registry(),
    )
    assert "price_below_msrp" in {r.signal for r in cheap_tote.reasons} and cheap_tote.verdict == "blocked"


def test_authorised_sellers_compatibility_and_everyday_words_are_clear():
    registry = _registry()
    listing = {"brand_field": "Acme Leather", "title_en": "Acme Leather saddle tote"}
    assert screen(_listing(seller_id=7, **listing), registry).verdict == "clear"
    assert screen(_listing(**listing), registry).verdict == "review"
    assert screen(_listing(title_en="Strap that fits Acme Leather saddle tote"), registry).score < 50
    assert (
        screen(_listing(title_en="Leather acne cream"), registry).score == 0
    )  # "acne" is a word, not "Acme"
    assert screen(_listing(title_en="Acmee saddle tote"), registry).verdict != "clear"


def test_image_and_gtin_signals_need_no_name():
    registry = _registry()
    by_image = screen(_listing(title_en="Leather tote", image_hashes=(0xF0F1,)), registry)
    by_gtin = screen(_listing(title_en="Leather tote", gtins=("036000291452",)), registry)
    assert by_image.verdict == "review" and by_image.reasons[0].signal == "official_image"
    assert by_gtin.verdict == "review" and by_gtin.reasons[0].signal == "registered_gtin"
    assert (
        screen(_listing(title_en="Leather tote", image_hashes=(0x0F0F_0F0F_0F0F_0F0F,)), registry).score == 0
    )
