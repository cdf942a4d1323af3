"""The built-in offline translator: titles from the trade glossary, units, unknown words, bad input."""

import pytest

from borderless.search.glossary import read_groups
from borderless.translation.glossary import GlossaryTranslator, plain_text, read_translations

translator = GlossaryTranslator()


def zh(text: str) -> str:
    return translator.translate_text(text).text


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("Vermont Pure Maple Syrup, Grade A Amber, 500 ml", "佛蒙特纯枫糖浆 A级琥珀色 500毫升"),
        ("Wisconsin American Ginseng Root Slices, 4 oz", "威斯康星西洋参根切片 4盎司"),
        ("Dried Montmorency Tart Cherries", "蒙莫朗西酸樱桃干"),
        ("Organic Infant Formula with Iron, Stage 1", "有机婴儿配方奶粉含铁 1段"),
        ("Pecans in Shell, pack of 6", "碧根果带壳 6件装"),
        ("Fish Oil Omega-3, 120 Softgels", "鱼油欧米伽3 120粒软胶囊"),
        ("Early Readers Level 2, Set of 10", "分级读物 2级 10本套装"),
        ("Picture Book, 32 pages, ages 2-6", "绘本 32页 适合2-6岁"),
    ],
)
def test_titles_read_as_chinese_titles(english, chinese):
    assert zh(english) == chinese


def test_words_it_does_not_know_stay_and_are_reported():
    result = translator.translate_text("Sugarbush Raw Honey, 12 oz")
    assert result.text == "Sugarbush 生蜂蜜 12盎司"
    assert result.untranslated == ("Sugarbush",)


def test_the_brand_the_caller_names_stays_as_written():
    [result] = translator.translate(
        ["Golden Acres Farm Raw Honey"], "en", "zh", {"golden acres farm": "Golden Acres Farm"}
    )
    assert result.text == "Golden Acres Farm 生蜂蜜"
    assert result.untranslated == ()
    assert zh("Golden Acres Farm Raw Honey") == "金色 Acres 农场生蜂蜜"  # without it, its words are words


def test_html_and_script_are_dropped_before_translating():
    result = translator.translate_text(
        '<b>Raw</b> honey <script>alert("x")</script><img src=x onerror=alert(1)>'
    )
    assert result.text == "生蜂蜜"
    assert "script" not in result.text and "alert" not in result.text
    assert plain_text("Tom &amp; Jerry <i>toys</i>") == "Tom & Jerry toys"


def test_empty_text_translates_to_empty():
    assert translator.translate(["", "   ", "<p></p>"], "en", "zh") == [translator.translate_text("")] * 3
    assert translator.translate_text("").text == ""


def test_a_long_description_is_translated_sentence_by_sentence_without_failing():
    description = (
        "Raw wildflower honey from Wisconsin. " + "We harvest it by hand every August near the lake. "
    ) * 150
    assert len(description) > 10_000
    result = translator.translate_text(description)
    assert result.text.startswith("生野花蜂蜜威斯康星。")
    assert "We harvest it by hand" in result.text  # a sentence it cannot translate stays in English
    assert "harvest" in result.untranslated


def test_only_english_to_chinese():
    with pytest.raises(ValueError, match="English to Chinese"):
        translator.translate(["honey"], "fr", "zh")


def test_translation_lines_are_kept_apart_from_search_synonyms():
    text = "蜂蜜 / honey / raw honey\nraw honey => 生蜂蜜\nmaple | maple tree => 枫糖\n"
    assert read_groups(text) == [["蜂蜜", "honey", "raw honey"]]
    assert read_translations(text) == {
        "honey": "蜂蜜",
        "raw honey": "生蜂蜜",
        "maple": "枫糖",
        "maple tree": "枫糖",
    }
