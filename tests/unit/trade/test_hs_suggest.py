"""HS code suggestion: what it suggests, how sure it is, why, and what it flags before publishing."""

from datetime import date

import pytest

from borderless.trade.hs_suggest import hs_code_flags, suggest_hs_codes, words

ON = date(2026, 6, 1)


def codes(suggestions):
    return [s.hs_code for s in suggestions]


def test_words_are_matched_singular_lower_case_and_without_accents():
    assert words("Rosé CHERRIES, children's Boxes") == ["rose", "cherry", "children", "box"]


def test_the_form_of_the_goods_beats_the_ingredient():
    capsules = suggest_hs_codes("American Ginseng Extract Capsules", "Standardised root extract.", on=ON)
    roots = suggest_hs_codes("American Ginseng Root Slices", "Dried roots cut into slices.", on=ON)
    assert codes(capsules)[0] == "210690"
    assert codes(roots)[0] == "121120"
    assert "121120" in codes(capsules)  # the ingredient is still offered as an alternative


def test_a_suggestion_gives_the_china_line_confidence_and_reasons():
    (best, *_) = suggest_hs_codes("Sparkling Rosé", "A pink sparkling wine.", "Wine", "220421", on=ON)
    assert best.hs_code == "220410"
    assert best.cn_line == "2204100000"
    assert best.description == "Sparkling wine"
    assert 0.5 <= best.confidence <= 1
    assert "“sparkling” in the title" in best.reasons
    assert best.flags == ()


def test_an_eight_digit_line_is_chosen_within_its_subheading():
    (formula, *_) = suggest_hs_codes("Organic Infant Formula Stage 1", on=ON)
    (cereal, *_) = suggest_hs_codes("Organic Baby Cereal with Iron", on=ON)
    assert (formula.hs_code, formula.cn_line) == ("190110", "1901101000")
    assert (cereal.hs_code, cereal.cn_line) == ("190110", "1901109000")


def test_subheadings_are_ranked_once_each():
    found = suggest_hs_codes("Infant formula and toddler formula, goat milk baby formula", limit=5, on=ON)
    assert len(codes(found)) == len(set(codes(found)))


def test_vague_text_is_flagged_low_confidence():
    (best, *_) = suggest_hs_codes("Gift box", "A wooden gift from our farm.", on=ON)
    assert best.low_confidence
    assert best.flags[0].code == "low-confidence"


def test_nothing_recognised_suggests_nothing():
    assert suggest_hs_codes("Item 42", "", on=ON) == []
    assert suggest_hs_codes("", "", on=ON) == []


def test_skin_care_is_flagged_for_inspection_before_publishing():
    (best, *_) = suggest_hs_codes("Whipped Shea Face Cream", on=ON)
    assert best.hs_code == "330499"
    assert [f.code for f in best.flags] == ["inspection"]
    assert best.restricted


def test_goods_refused_by_parcel_are_suggested_as_their_heading_and_flagged():
    (best, *_) = suggest_hs_codes("Aged Wisconsin Cheddar Cheese", on=ON)
    assert (best.hs_code, best.heading, best.cn_line) == ("", "0406", "")
    assert best.flags[0].code == "CN-C15"
    assert best.restricted


@pytest.mark.parametrize(
    "code, expected",
    [
        ("0409.00", []),
        ("3304.99", ["inspection"]),
        ("3004.90", ["not-in-data", "inspection"]),
        ("0406.90", ["CN-C15"]),
        ("8471.30", ["not-in-data"]),
    ],
)
def test_flags_of_a_code_the_seller_picks(code, expected):
    assert [f.code for f in hs_code_flags(code, ON)] == expected


def test_a_line_off_the_positive_list_is_flagged(monkeypatch):
    from borderless.trade import hs_suggest, tariff

    line = tariff.lookup_cn("040900", ON)
    off_list = type(line)(**{**{f: getattr(line, f) for f in line.__slots__}, "cbec_list": False})
    monkeypatch.setattr(hs_suggest.tariff, "lookup_cn", lambda code, on: off_list)
    assert [f.code for f in hs_code_flags("040900", ON)] == ["CN-C8"]


def test_long_text_is_cut_not_refused():
    found = suggest_hs_codes("Clover Honey", "Sweet. " * 5000, on=ON)
    assert codes(found)[0] == "040900"
