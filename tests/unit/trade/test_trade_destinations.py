"""Secondary destinations: each low-value threshold at and just over the limit."""

from decimal import Decimal as D

from borderless.trade import FULL, PREFERENTIAL, QuoteRequest, quote


def q(dest, currency, prices, freight="0", date="2026-11-25", rates=None, hs="1702.20"):
    items = []
    for price in prices:
        line = {"hs_code": hs, "unit_price": price}
        if rates:
            line["rates"] = rates
        items.append(line)
    return quote(
        QuoteRequest.from_dict(
            {"destination": dest, "currency": currency, "date": date, "freight": freight, "items": items}
        )
    )


def test_eu_ioss_at_150_with_the_flat_duty_after_july_2026():
    at = q("DE", "EUR", ["150.00"], freight="10.00")
    assert (at.regime, at.currency, at.treatment) == ("EU-IOSS", "EUR", PREFERENTIAL)
    assert at.duty.amount == D("3.00")  # EU-2
    assert at.vat.amount == D("30.97")  # (150 + 10 + 3) × 0.19
    assert at.lines[0].rates["duty"] == "3.00 EUR flat"
    before = q("FR", "EUR", ["150.00"], freight="10.00", date="2026-06-30")
    assert before.duty.amount == 0 and before.vat.amount == D("32.00")  # 160 × 0.20


def test_eu_flat_duty_is_per_distinct_subheading():
    two_same = q("DE", "EUR", ["20.00", "20.00"])
    assert two_same.duty.amount == D("3.00")
    mixed = quote(
        QuoteRequest.from_dict(
            {
                "destination": "DE",
                "currency": "EUR",
                "date": "2026-11-25",
                "freight": "0",
                "items": [
                    {"hs_code": "1702.20", "unit_price": "20"},
                    {"hs_code": "0409.00", "unit_price": "20"},
                ],
            }
        )
    )
    assert mixed.duty.amount == D("6.00")


def test_eu_over_150_needs_a_duty_ruling():
    over = q("DE", "EUR", ["150.01"])
    assert over.treatment == FULL and over.allowed
    assert over.duty is None and over.total is None
    assert any("rates.duty" in r.message for r in over.lines[0].reasons)
    ruled = q("DE", "EUR", ["200.00"], rates={"duty": "0.08"})
    assert ruled.duty.amount == D("16.00") and ruled.vat.amount == D("41.04")


def test_eu_excise_goods_are_outside_ioss():
    wine = q("IT", "EUR", ["20.00"], hs="2204.21")
    assert wine.treatment == FULL


def test_uk_135():
    assert q("GB", "GBP", ["135.00"], freight="5.00").vat.amount == D("28.00")
    assert q("GB", "GBP", ["135.00"]).duty.amount == 0
    assert q("GB", "GBP", ["135.01"]).treatment == FULL


def test_au_1000():
    at = q("AU", "AUD", ["1000.00"], freight="20.00")
    assert at.treatment == PREFERENTIAL and at.vat.amount == D("102.00")
    assert q("AU", "AUD", ["1000.01"]).treatment == FULL


def test_ca_40_and_150():
    assert q("CA", "CAD", ["40.00"]).total_tax.amount == 0
    assert q("CA", "CAD", ["40.01"]).vat.amount == D("2.00")
    assert q("CA", "CAD", ["150.00"]).treatment == PREFERENTIAL
    assert q("CA", "CAD", ["150.01"]).treatment == FULL


def test_jp_10000_on_60_percent_of_the_price_in_whole_yen():
    below = q("JP", "JPY", ["16666"])  # taxable 9,999.6
    assert below.treatment == PREFERENTIAL and below.total_tax.amount == 0
    over = q("JP", "JPY", ["16667"], rates={"duty": "0.10"})  # taxable 10,000.2
    assert over.treatment == FULL
    assert over.duty.amount == D("1000")
    assert over.vat.amount == D("880")  # food at 8 %: (10,000.2 + 1,000.02) × 0.08
    assert over.as_dict()["total"] == "18547"


def test_jp_leather_bags_are_never_low_value():
    assert q("JP", "JPY", ["5000"], hs="4202.21").treatment == FULL


def test_usd_prices_to_japan_are_rounded_to_whole_yen():
    result = q("JP", "USD", ["12.34"], date="2024-06-14")
    assert result.lines[0].unit_price.amount.as_tuple().exponent == 0
