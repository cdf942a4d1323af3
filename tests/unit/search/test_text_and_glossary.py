"""Segmentation, folding, pinyin and glossary expansion: the words the index and the query share."""

import re

import pytest

from borderless.catalog.categories import CATEGORIES
from borderless.search.glossary import (
    MAX_CONCEPTS,
    chinese_terms,
    expanded_terms,
    glossary,
    parse_query,
    read_groups,
)
from borderless.search.text import fold_english, index_words, pinyin_words, query_words

WORD = re.compile(r"[^\W_]+")


def test_glossary_compounds_stay_whole_words():
    assert "花旗参" in query_words("威斯康星花旗参")
    assert "枫树糖浆" in query_words("纯枫树糖浆")
    assert query_words("婴儿配方奶粉") == ["婴儿配方奶粉"]


def test_index_keeps_the_short_words_inside_long_ones():
    words = index_words("西洋参切片")
    assert {"西洋参", "西洋", "洋参"} <= set(words)


def test_english_is_lower_cased_folded_and_split_on_punctuation():
    assert index_words("Raw Honey, WALNUTS & Cherries!") == ["raw", "honey", "walnut", "cherry"]
    assert index_words("ＧＩＮＳＥＮＧ") == ["ginseng"]
    assert query_words("the best of Vermont") == ["best", "vermont"]


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("walnuts", "walnut"),
        ("berries", "berry"),
        ("boxes", "box"),
        ("glass", "glass"),
        ("nuts", "nut"),
        ("gas", "gas"),
        ("ginseng", "ginseng"),
        ("citrus", "citrus"),
        ("500ml", "500ml"),
    ],
)
def test_fold_english(word, folded):
    assert fold_english(word) == folded


def test_pinyin_of_chinese_title_words():
    assert "xiyangshen" in pinyin_words("美国西洋参片")
    assert pinyin_words("Maple syrup") == []


@pytest.mark.parametrize(
    "text", ["' OR 1=1 --", '"', "NEAR(", "*", "<script>", "a:b", "(x) AND y^2", "\x00\n\t"]
)
def test_words_never_carry_query_syntax(text):
    for word in query_words(text) + index_words(text):
        assert WORD.fullmatch(word), word


def test_synonyms_cross_languages():
    for query in ["人参", "西洋参", "花旗参", "ginseng", "xiyangshen", "renshen"]:
        terms = expanded_terms(parse_query(query))
        assert {"西洋参", "花旗参", "ginseng", "american ginseng"} <= set(terms), query
    assert {"枫糖浆", "maple syrup"} <= set(expanded_terms(parse_query("maple")))


def test_multi_word_terms_match_before_single_words():
    concepts = parse_query("Maple Syrup 500ml")
    assert len(concepts) == 2
    assert concepts[0].alternatives[0] == ("maple", "syrup")
    assert concepts[1].alternatives == (("500ml",),)


def test_unknown_words_are_kept_as_typed():
    assert expanded_terms(parse_query("wisconsin")) == ["wisconsin"]


def test_query_size_is_capped():
    assert parse_query("x" * 10_000) == []
    assert len(parse_query(" ".join(f"w{n}" for n in range(500)))) <= MAX_CONCEPTS


def test_glossary_file_format():
    text = "# comment\n\n蜂蜜 / honey # trailing\nlonely\n a / b / c \n"
    assert read_groups(text) == [["蜂蜜", "honey"], ["a", "b", "c"]]


def test_glossary_covers_every_category_in_both_languages():
    table = glossary()
    assert len(table.groups) >= 40
    for spec in CATEGORIES:
        zh = parse_query(spec.name_zh)
        en = parse_query(spec.name_en)
        assert any(len(c.alternatives) > 1 for c in zh + en), spec.slug


def test_every_glossary_term_is_reachable():
    table = glossary()
    for group in table.groups:
        for phrase in group:
            assert table.by_phrase[phrase], phrase


def test_no_term_belongs_to_two_groups():
    # A shared term would join two groups for every query that uses it; split or merge them instead.
    table = glossary()
    shared = {phrase: groups for phrase, groups in table.by_phrase.items() if len(groups) > 1}
    assert shared == {}


def test_every_chinese_glossary_term_is_one_word():
    assert [t for t in chinese_terms() if query_words(t) != [t]] == []
