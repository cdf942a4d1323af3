"""A brand registered with only its English and Chinese names: every counterfeiter's technique is caught,
every kind of hard negative left clear, and bad input neither breaks screening nor fools it."""

from decimal import Decimal

import pytest

from borderless.trust.rules import BrandFacts, BrandRegistry, ListingFacts, ReferenceProduct, screen
from borderless.trust.rules.names import ordinary_chinese_words

OWN_SELLER = 7
AUTHORISED_SELLER = 8
NAMES_ONLY = BrandFacts(
    1, "Tamberly", "坦贝利", allowed_seller_ids=frozenset({OWN_SELLER, AUTHORISED_SELLER})
)
WATCH = ReferenceProduct(
    "watch", "Tamberly Diver Watch", "坦贝利潜水手表", Decimal("400"), ("0614141000012",)
)


def _screen(registry=None, **fields):
    base = {"seller_id": 2, "brand_field": "", "title_en": "", "title_zh": "", "prices_usd": (Decimal("90"),)}
    return screen(ListingFacts(**{**base, **fields}), registry or BrandRegistry([NAMES_ONLY]))


def _disguise(result) -> str:
    return next((r.detail for r in result.reasons if r.signal == "disguised_brand_name"), "")


@pytest.mark.parametrize(
    ("technique", "fields", "reason"),
    [
        ("confusable letters", {"title_en": "Таmbеrly watch for men"}, "look-alike letters"),
        (
            "confusable letters",
            {"title_en": "Tamberlу watch", "brand_field": "Generic"},
            "look-alike letters",
        ),
        ("digits for letters", {"title_en": "T4mb3rly watch"}, "look-alike letters"),
        ("digits for letters", {"title_en": "TAMBERL1 diver watch"}, "digits for letters"),
        ("digits, look-alikes, fake word", {"title_en": "T4mbеr1y 1:1 watch"}, "look-alike letters"),
        ("insertion", {"title_en": "Tamberley watch"}, "misspelt"),
        ("deletion", {"title_en": "Tambrly watch"}, "misspelt"),
        ("substitution", {"title_en": "Tamberky watch"}, "misspelt"),
        ("transposition", {"title_en": "Tambelry watch"}, "misspelt"),
        ("spelt letter by letter", {"title_en": "T a m b e r l y watch"}, "spaced letters"),
        ("dots between letters", {"title_en": "T.a.m.b.e.r.l.y watch"}, "spaced letters"),
        ("split name", {"title_en": "Tam-berly watch"}, "split name"),
        ("zero-width space", {"title_en": "Tamb\u200berly watch"}, "split name"),
        ("toneless pinyin, spaced", {"title_zh": "tan bei li 手表"}, "pinyin"),
        ("toneless pinyin, joined", {"title_en": "Tanbeili watch"}, "pinyin"),
        ("tone-marked pinyin", {"title_zh": "tǎn bèi lì 手表"}, "pinyin"),
        ("tone numbers", {"title_zh": "Tan3Bei4Li4 手表"}, "pinyin with tone numbers"),
        ("homophone characters", {"title_zh": "坦贝丽手表"}, "homophone characters"),
        ("near-homophone n/l", {"title_zh": "坦贝尼 手表"}, "homophone characters"),
        ("near-homophone -ng/-n", {"title_zh": "唐贝利手表"}, "homophone characters"),
        ("spaced characters", {"title_zh": "坦 贝 利 手表"}, "spaced characters"),
        ("partial name", {"title_zh": "坦贝 手表 新款"}, "part of the name"),
    ],
)
def test_each_disguise_of_the_name_is_caught(technique, fields, reason):
    result = _screen(**fields)
    assert result.verdict != "clear", (technique, result)
    assert result.brand_id == 1
    assert f"({reason})" in _disguise(result), (technique, result.reasons)


def test_the_reason_quotes_digits_and_tone_numbers_as_written():
    assert (
        _disguise(_screen(title_en="T4MB3RLY watch"))
        == "Tamberly written as “t4mb3rly” (look-alike letters)."
    )
    tones = _disguise(_screen(title_zh="Tan3Bei4Li4 手表"))
    assert tones == "Tamberly written as “tan3bei4li4” (pinyin with tone numbers)."


@pytest.mark.parametrize(
    "fields",
    [
        {"title_en": "Tamberly-style diver watch"},
        {"title_en": "Tamberly inspired diver watch"},
        {"title_en": "Diver watch inspired by Tamberly"},
        {"title_en": "Not genuine Tamberly diver watch"},
        {"title_en": "Diver watch compatible with Tamberly"},
        {"title_en": "Tamberly alternative diver watch"},
        {"title_zh": "坦贝利同款潜水表"},
        {"title_zh": "坦贝利平替 手表"},
        {"title_zh": "仿坦贝利手表"},
    ],
)
def test_words_calling_it_a_copy_are_caught(fields):
    result = _screen(**fields)
    assert result.verdict != "clear", result
    signals = {r.signal for r in result.reasons}
    assert signals & {"copy_of_brand", "fake_signal_words"}, result.reasons


def test_the_copy_reason_quotes_the_words_with_the_name():
    def copy_reason(**fields):
        return next(r.detail for r in _screen(**fields).reasons if r.signal == "copy_of_brand")

    assert (
        copy_reason(title_en="Tamberly-style watch") == "Calls itself a copy of Tamberly (“tamberly style”)."
    )
    assert (
        copy_reason(title_en="Watch inspired by Tamberly")
        == "Calls itself a copy of Tamberly (“inspired by tamberly”)."
    )
    assert copy_reason(title_en="Watch compatible with Tamberly") == (
        "Calls itself a copy of Tamberly (“compatible with tamberly”)."
    )
    assert copy_reason(title_zh="坦贝利同款手表") == "Calls itself a copy of Tamberly (“坦贝利同款”)."
    assert (
        copy_reason(title_en="Oolong tea compatible with 坦贝利")
        == "Calls itself a copy of Tamberly (“compatible…坦贝利”)."
    )


def test_a_price_far_below_msrp_and_a_reused_gtin_are_caught():
    registry = BrandRegistry([BrandFacts(**{**NAMES_ONLY.__dict__, "products": (WATCH,)})])
    cheap = _screen(
        registry, brand_field="Tamberly", title_en="Tamberly diver watch", prices_usd=(Decimal("39"),)
    )
    assert cheap.verdict == "blocked"
    assert any(r.signal == "price_below_msrp" and "10%" in r.detail for r in cheap.reasons)
    gtin = _screen(registry, title_en="Diver watch, 300 m", gtins=("0614141000012",))
    assert gtin.verdict != "clear" and gtin.reasons[0].signal == "registered_gtin"


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("everyday word inside the name", {"title_en": "Amber pendant necklace"}),
        ("everyday word near the name", {"title_en": "Timber picture frame"}),
        ("everyday Chinese words sharing characters", {"title_zh": "贝壳项链 坦克模型 利息计算器"}),
        (
            "accessory compatible with the brand",
            {"title_en": "Replacement strap compatible with Tamberly watch"},
        ),
        ("accessory for the brand", {"title_en": "Protective case for Tamberly diver watch"}),
        ("accessory in Chinese", {"title_zh": "适配坦贝利手表的替换表带"}),
        (
            "the brand's own seller",
            {"seller_id": OWN_SELLER, "brand_field": "Tamberly", "title_en": "Tamberly watch"},
        ),
        ("an authorised seller", {"seller_id": AUTHORISED_SELLER, "title_en": "Tamberly diver watch 坦贝利"}),
        ("unbranded goods of the same kind", {"brand_field": "Generic", "title_en": "Diver watch 200 m"}),
    ],
)
def test_hard_negatives_stay_clear(kind, fields):
    result = _screen(**fields)
    assert result.verdict == "clear", (kind, result)


def test_a_jieba_prefix_is_no_everyday_word():
    # jieba's table lists every prefix of its words with a count of 0: 铁合 (of 铁合金) is no word, so the
    # homophone 铁合 of 铁鹤 is a disguise; 背面 (the back side) is a word and stays clear of 北面.
    assert "铁合" not in ordinary_chinese_words() and "背面" in ordinary_chinese_words()
    registry = BrandRegistry([BrandFacts(1, "Iron Crane", "铁鹤"), BrandFacts(2, "North Face", "北面")])
    assert _screen(registry, title_zh="铁合 铸铁锅").verdict != "clear"
    assert _screen(registry, title_zh="手机背面贴纸").verdict == "clear"


def test_corporate_suffixes_are_stripped():
    registry = BrandRegistry([BrandFacts(1, "Marlow Goods Co.", "马洛有限公司")])
    assert _screen(registry, title_en="Marlow Goods backpack, not genuine").verdict != "clear"
    assert _screen(registry, title_zh="马洛帆布背包 高仿").verdict != "clear"
    assert _screen(registry, title_en="Marlow canvas backpack, not genuine").verdict != "clear"


# ----- bad input: no crash, no wrong verdict (how long it takes is measured in the benchmark) ------------

BAD_REGISTRY = [
    BrandFacts(1, "Q", ""),
    BrandFacts(2, "LG", ""),
    BrandFacts(3, "Apple", "苹果"),
    BrandFacts(4, "Summit", "顶峰"),
    BrandFacts(5, "Tamberly", "坦贝利"),
]
NOISE = "😀\x00\u200b\u202e\x1b🇨🇳\ufe0f\u0301\ufffd\t\n"


@pytest.mark.parametrize(
    "title",
    [
        "Q&A study guide, 2nd edition",
        "A B C D E F G H alphabet blocks",
        "Apple pie recipe book",
        "Summit of Everest poster",
        "顶峰 登山 海报",
        NOISE * 20,
        ("word " + NOISE) * 500,
        "x" * 5000,
        "a " * 2500,
        "中" * 5000,
        "1" * 5000,
    ],
)
def test_short_and_everyday_names_and_junk_titles_are_screened_clear(title):
    registry = BrandRegistry(BAD_REGISTRY)
    result = _screen(registry, title_en=title, title_zh=title, description_en=title)
    assert result.verdict == "clear", (title[:40], result)


def test_a_disguised_name_is_found_in_junk_and_at_the_end_of_a_5000_character_description():
    registry = BrandRegistry(BAD_REGISTRY)
    junk = (NOISE + "lorem ipsum ") * 300
    text = (junk + " T4mberly-style watch, not genuine")[-5000:]
    assert len(text) == 5000
    assert _screen(registry, title_en="Watch", description_en=text).verdict != "clear"
    # A title is read for its first 1,000 characters (the catalog takes 200): 5,000 are screened, in time.
    assert _screen(registry, title_en=text).verdict == "clear"
    assert _screen(registry, title_en=text[-1000:]).verdict != "clear"
    assert _screen(registry, title_en=f"{NOISE}5ummit down jacket{NOISE}").verdict != "clear"
    assert _screen(registry, title_en="L\u200bG remote, not genuine").verdict != "clear"
