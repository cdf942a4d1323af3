"""A seller's rate card: bracket boundaries, zones, fallback to the default card, and what a card may hold."""

from datetime import date
from decimal import Decimal as D

import pytest

from borderless.trade import (
    InvalidRateCard,
    QuoteRequest,
    RequestItem,
    default_freight,
    landed_price_for_listing,
    parse_rate_card,
    quote,
)
from borderless.trade.rate_card import stored_rate_card, zones

ON = date(2025, 6, 13)
CARD = parse_rate_card(
    [
        {"zone": "CN", "up_to_g": 500, "base": "9.00"},
        {"zone": "CN", "up_to_g": 2000, "base": "12.00", "per_additional_kg": "3.00"},
        {"zone": "EU", "up_to_g": 1000, "base": "11.50", "per_additional_kg": ""},
    ]
)


def _charge(destination, grams):
    charge = CARD.charge(destination, D(grams))
    return None if charge is None else charge.amount


def test_the_zones_are_the_default_cards():
    assert zones() == ("CN", "JP", "EU", "GB", "AU", "CA")


@pytest.mark.parametrize(
    ("grams", "usd"),
    [
        ("0.5", "9.00"),
        ("500", "9.00"),  # "up to" includes the limit
        ("500.1", "12.00"),  # the next bracket starts just above it
        ("1500", "12.00"),  # base covers the first kilogram above the previous limit
        ("1500.1", "15.00"),  # each started kilogram beyond it adds the per-kg rate
        ("2000", "15.00"),
    ],
)
def test_bracket_boundaries(grams, usd):
    assert _charge("CN", grams) == D(usd)


def test_above_the_last_bracket_or_in_another_zone_the_card_has_no_rate():
    assert _charge("CN", "2000.1") is None
    assert _charge("JP", "100") is None
    assert _charge("GB", "100") is None  # GB is its own zone, not the EU's


def test_every_eu_member_is_one_zone():
    assert _charge("DE", "800") == _charge("FR", "800") == D("11.50")


def test_rows_are_kept_in_zone_then_weight_order_and_read_back_unchanged():
    card = parse_rate_card(
        [
            {"zone": "EU", "up_to_g": "1000", "base": 11},
            {"zone": "CN", "up_to_g": 300, "base": D("7.5"), "per_additional_kg": "0"},
        ]
    )
    rows = card.as_rows()
    assert [(r["zone"], r["up_to_g"], r["base"]) for r in rows] == [
        ("CN", 300, "7.50"),
        ("EU", 1000, "11.00"),
    ]
    assert stored_rate_card(rows) == card
    assert stored_rate_card([]) is None


def test_free_shipping_is_a_price():
    card = parse_rate_card([{"zone": "CA", "up_to_g": 5000, "base": "0"}])
    assert card.charge("CA", D("4000")).amount == D("0.00")


@pytest.mark.parametrize(
    ("rows", "key", "words"),
    [
        ([{"zone": "CN", "up_to_g": 500, "base": "-1.00"}], "brackets[0].base", "negative"),
        ([{"zone": "CN", "up_to_g": 500, "base": "1", "per_additional_kg": "-2"}],
         "brackets[0].per_additional_kg", "negative"),
        ([{"zone": "CN", "up_to_g": 500, "base": "1.005"}], "brackets[0].base", "2 decimals"),
        ([{"zone": "CN", "up_to_g": 500, "base": "abc"}], "brackets[0].base", "USD"),
        ([{"zone": "CN", "up_to_g": 500, "base": 1.5}], "brackets[0].base", "USD"),
        ([{"zone": "CN", "up_to_g": 0, "base": "1"}], "brackets[0].up_to_g", "whole number"),
        ([{"zone": "CN", "up_to_g": "12.5", "base": "1"}], "brackets[0].up_to_g", "whole number"),
        ([{"zone": "CN", "up_to_g": 100_001, "base": "1"}], "brackets[0].up_to_g", "100,000"),
        ([{"zone": "BR", "up_to_g": 500, "base": "1"}], "brackets[0].zone", "CN"),
        ([{"zone": "CN", "up_to_g": 1000, "base": "1"}, {"zone": "CN", "up_to_g": 500, "base": "2"}],
         "brackets[1].up_to_g", "must go up"),
        ([{"zone": "CN", "up_to_g": 500, "base": "1"}, {"zone": "CN", "up_to_g": 500, "base": "2"}],
         "brackets[1].up_to_g", "not above 500 g"),
        ([{"zone": "CN", "up_to_g": g + 1, "base": "1"} for g in range(61)], "brackets", "at most 60"),
        (["CN 500 1.00"], "brackets[0]", "Expected"),
    ],
)  # fmt: skip
def test_a_bad_row_is_refused_with_its_place_named(rows, key, words):
    with pytest.raises(InvalidRateCard) as caught:
        parse_rate_card(rows)
    assert key in caught.value.errors, caught.value.errors
    assert words in " ".join(caught.value.errors[key])


def test_the_same_weight_in_another_zone_is_not_a_repeat():
    card = parse_rate_card(
        [{"zone": "CN", "up_to_g": 500, "base": "1"}, {"zone": "JP", "up_to_g": 500, "base": "2"}]
    )
    assert len(card.brackets) == 2


def _request(destination, grams, card, quantity=1):
    item = RequestItem("170220", D("30.00"), quantity, "maple syrup", None, None, D(grams))
    return QuoteRequest(destination, (item,), "USD", ON, freight_card=card)


def test_the_quote_charges_the_sellers_bracket_and_says_so():
    q = quote(_request("CN", "400", CARD, quantity=2))  # 800 g: the second bracket's base
    assert q.freight.amount == (D("12.00") * q.fx.rate).quantize(D("0.01"))
    (reason,) = [r for r in q.reasons if r.rule == "FREIGHT"]
    assert reason.message == "Seller's rate card: 12.00 USD for 800 g (CN, up to 2000 g)."


def test_where_the_card_has_no_rate_the_default_card_applies_and_the_reason_says_so():
    q = quote(_request("CN", "1500", CARD, quantity=2))  # 3,000 g: above the seller's last CN bracket
    default = default_freight("CN", D("3000")).amount
    assert q.freight.amount == (default * q.fx.rate).quantize(D("0.01"))
    (reason,) = [r for r in q.reasons if r.rule == "FREIGHT"]
    assert reason.message.startswith(
        "The seller's rate card has no rate for CN at 3000 g. Default rate card:"
    )


def test_without_a_card_the_default_card_applies_as_before():
    with_card = quote(_request("JP", "300", CARD))
    without = quote(_request("JP", "300", None))
    assert with_card.freight == without.freight and with_card.total == without.total
    assert [r.message for r in without.reasons if r.rule == "FREIGHT"] == [
        "Default rate card: 13.00 USD for 300 g."
    ]


def test_a_cheaper_card_lowers_the_landed_price_by_the_freight_and_its_taxes():
    args = ("CN", "1702.20", D("30.00"), (D("500"), "ml"), D("400"), ON)
    seller = landed_price_for_listing(*args, freight_card=CARD)
    default = landed_price_for_listing(*args)
    assert seller.freight.amount < default.freight.amount
    assert seller.total.amount < default.total.amount
    assert seller.dutiable_value.amount == seller.goods_value.amount + seller.freight.amount
