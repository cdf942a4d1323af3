"""China CBEC (CN-C1..C16) and the postal-articles alternative, through the Python API."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from borderless.trade import FULL, NOT_ALLOWED, PREFERENTIAL, QuoteRequest, cn_cbec, quote


def cn(items, freight="0.00", prior="0.00", date="2026-11-25", insurance="0.00", currency="CNY"):
    return quote(
        QuoteRequest.from_dict(
            {
                "destination": "CN",
                "date": date,
                "currency": currency,
                "freight": freight,
                "insurance": insurance,
                "buyer": {"annual_total": prior},
                "items": items,
            }
        )
    )


def item(price, hs="1702.20", quantity=1, **extra):
    return {"hs_code": hs, "unit_price": price, "quantity": quantity, **extra}


def rules(q):
    return [r.rule for r in q.reasons]


# Worked examples of TRADE_RULES.


def test_maple_syrup_worked_example():
    q = cn(
        [
            item(
                "300.00",
                net_content={"value": "250", "unit": "ml"},
                rates={"duty": "0.10", "vat": "0.13", "consumption_tax": "0"},
            )
        ],
        freight="50.00",
    )
    assert (q.treatment, q.allowed, q.regime, q.currency) == (PREFERENTIAL, True, "CN-CBEC", "CNY")
    assert q.dutiable_value.amount == D("350.00")
    assert (q.duty.amount, q.consumption_tax.amount, q.vat.amount) == (D("0.00"), D("0.00"), D("31.85"))
    assert q.total_tax.amount == D("31.85")
    assert q.total.amount == D("381.85")
    assert "CN-C1" in rules(q) and "CN-C2" in rules(q)


def test_maple_syrup_from_the_tariff_data_alone():
    q = cn([item("300.00")], freight="50.00")
    assert q.lines[0].rates == {"duty": "0.30", "vat": "0.13", "consumption_tax": "0"}
    assert q.total.amount == D("381.85")


def test_two_items_over_the_limit_are_not_allowed():
    for items in ([item("2600.00", quantity=2)], [item("2600.00"), item("2600.00", hs="1704.90")]):
        q = cn(items)
        assert (q.treatment, q.allowed) == (NOT_ALLOWED, False)
        assert q.dutiable_value.amount == D("5200.00")
        assert q.vat is None and q.total is None
        assert "CN-C4" in rules(q)


def test_annual_limit_crossed_is_not_allowed():
    q = cn([item("2500.00")], freight="50.00", prior="24000.00")
    assert q.treatment == NOT_ALLOWED
    assert "CN-C4" in rules(q)
    assert "26,550.00" in next(r.message for r in q.reasons if r.rule == "CN-C4")


# Boundaries (CN-C2, CN-C3, CN-C5).


def test_exactly_5000_is_within_the_limit():
    q = cn([item("4950.00"), item("0.00", hs="1704.90")], freight="50.00")
    assert q.treatment == PREFERENTIAL
    assert q.dutiable_value.amount == D("5000.00")
    assert "CN-C5" in rules(q)


def test_5000_01_one_item_pays_full_tax():
    q = cn([item("4950.01")], freight="50.00")
    assert q.treatment == FULL and q.allowed
    assert "CN-C3" in rules(q)
    # duty 30 % of 5,000.01; VAT 13 % of value plus duty; no CT for syrup.
    assert q.duty.amount == D("1500.00")  # 1500.003
    assert q.vat.amount == D("845.00")  # (5000.01 + 1500.003) × 0.13 = 845.0017
    assert q.total.amount == D("7345.01")


def test_5000_01_with_two_items_is_refused():
    q = cn([item("4950.00"), item("0.01", hs="1704.90")], freight="50.00")
    assert q.treatment == NOT_ALLOWED and "CN-C4" in rules(q)


def test_5000_01_with_one_sku_twice_is_refused():
    q = cn([item("2475.01", quantity=2)], freight="50.00")
    assert q.dutiable_value.amount == D("5000.02")
    assert q.treatment == NOT_ALLOWED


def test_exactly_26000_a_year_is_within_and_one_fen_more_is_not():
    within = cn([item("300.00")], freight="50.00", prior="25650.00")
    assert within.treatment == PREFERENTIAL and "CN-C5" in rules(within)
    over = cn([item("300.00")], freight="50.00", prior="25650.01")
    assert over.treatment == NOT_ALLOWED and "CN-C4" in rules(over)


def test_single_item_over_5000_that_crosses_the_annual_limit_is_refused():
    q = cn([item("6000.00")], prior="20000.01")
    assert q.treatment == NOT_ALLOWED and "CN-C4" in rules(q)


def test_limits_are_dated():
    assert cn_cbec._limits(date(2018, 12, 31))[:2] == (D("2000.00"), D("20000.00"))
    assert cn_cbec._limits(date(2019, 1, 1))[:2] == (D("5000.00"), D("26000.00"))


def test_no_tariff_data_before_its_effective_date():
    q = cn([item("100.00")], date="2018-06-01")
    assert q.treatment == NOT_ALLOWED and "CN-C8" in rules(q)


# Consumption tax (CN-C12).


def test_cosmetics_at_10_per_ml_are_high_end():
    q = cn([item("300.00", hs="3304.99", net_content={"value": "30", "unit": "ml"})])
    # CT_stat = 300 × .15 / .85 = 52.941176…; CT = 0.7 × CT_stat; VAT = 0.7 × .13 × (300 + CT_stat)
    assert q.consumption_tax.amount == D("37.06")
    assert q.vat.amount == D("32.12")
    assert q.total_tax.amount == D("69.18")
    assert "high-end" in q.lines[0].reasons[0].message


def test_cosmetics_just_below_10_per_ml_pay_no_consumption_tax():
    q = cn([item("299.99", hs="3304.99", net_content={"value": "30", "unit": "ml"})])
    assert q.consumption_tax.amount == D("0.00")
    assert q.vat.amount == D("27.30")  # 0.7 × 0.13 × 299.99 = 27.29909


def test_cosmetics_threshold_counts_freight_in_the_value():
    q = cn([item("290.00", hs="3304.99", net_content={"value": "0.03", "unit": "l"})], freight="10.00")
    assert q.consumption_tax.amount == D("37.06")


def test_cosmetics_per_gram_and_per_piece():
    grams = cn([item("500.00", hs="3304.10", net_content={"value": "50", "unit": "g"})])
    assert grams.consumption_tax.amount > 0
    pieces = cn([item("150.00", hs="3304.99", net_content={"value": "10", "unit": "piece"})])
    assert pieces.consumption_tax.amount > 0
    cheap = cn([item("149.99", hs="3304.99", net_content={"value": "10", "unit": "piece"})])
    assert cheap.consumption_tax.amount == 0


def test_cosmetics_without_net_content_are_taxed_as_high_end():
    q = cn([item("50.00", hs="3304.99")])
    assert q.consumption_tax.amount > 0
    assert any("net_content" in r.message for r in q.lines[0].reasons)


def test_watch_at_10000_duty_paid_pays_consumption_tax():
    q = cn([item("12000.00", hs="9102.11")])
    assert q.treatment == FULL
    assert q.duty.amount == D("960.00")
    assert q.consumption_tax.amount == D("3240.00")  # 12,960 × .2 / .8
    assert q.vat.amount == D("2106.00")  # (12,960 + 3,240) × .13


def test_watch_threshold_is_judged_duty_paid():
    # 9,300 + 8 % duty = 10,044: high-end; 9,200 + 8 % = 9,936: not.
    assert cn([item("9300.00", hs="9102.11")]).consumption_tax.amount > 0
    low = cn([item("9200.00", hs="9102.11")])
    assert low.consumption_tax.amount == 0
    assert low.vat.amount == D("1291.68")  # 9,936 × .13


def test_wine_pays_consumption_tax_at_10_percent():
    q = cn([item("350.00", hs="2204.21")])
    assert q.consumption_tax.amount == D("27.22")  # 0.7 × 350 × .1/.9
    assert q.vat.amount == D("35.39")  # 0.7 × .13 × (350 + 38.888…)


def test_gold_jewellery_has_no_consumption_tax_at_import():
    q = cn([item("3000.00", hs="7113.19")])
    assert q.consumption_tax.amount == 0
    assert any(r.rule == "CN-C12" for r in q.lines[0].reasons)


# Rate overrides, data, rounding, allocation.


def test_rate_override_wins_over_the_data():
    q = cn([item("6000.00", rates={"duty": "0.10"})])
    assert q.treatment == FULL
    assert q.duty.amount == D("600.00")
    assert q.vat.amount == D("858.00")
    assert q.lines[0].rates["duty"] == "0.10"
    forced_ct = cn(
        [
            item(
                "100.00",
                hs="3304.99",
                rates={"consumption_tax": "0.15"},
                net_content={"value": "100", "unit": "ml"},
            )
        ]
    )
    assert forced_ct.consumption_tax.amount > 0  # a ruling skips the threshold


def test_unknown_hs_code_is_refused_with_a_reason_not_guessed():
    q = cn([item("100.00", hs="8517.13")])
    assert q.treatment == NOT_ALLOWED
    assert any(r.rule == "CN-C8" and "not in our tariff data" in r.message for r in q.reasons)


def test_positive_list_lookup_by_longest_prefix():
    assert cn([item("100.00", hs="1901.10.10")]).lines[0].tariff["line"] == "19011010"
    assert cn([item("100.00", hs="1901.10")]).allowed  # both national lines agree
    assert cn([item("100.00", hs="1702.20.00")]).lines[0].tariff["line"] == "170220"


def test_banned_by_parcel():
    q = cn([item("100.00", hs="0806.10")])  # fresh grapes; dried grapes 0806.20 are fine
    assert q.treatment == NOT_ALLOWED and "CN-C15" in rules(q)
    assert not q.alternatives[0].allowed
    assert cn([item("100.00", hs="0806.20")]).allowed


def test_freight_shared_by_goods_value_and_taxes_summed_from_lines():
    q = cn(
        [item("100.00", hs="0409.00"), item("200.00", hs="3401.11"), item("100.00", hs="0802.12")],
        freight="10.00",
        insurance="1.00",
    )
    assert [line.freight.amount for line in q.lines] == [D("2.50"), D("5.00"), D("2.50")]
    assert [line.insurance.amount for line in q.lines] == [D("0.25"), D("0.50"), D("0.25")]
    assert q.vat.amount == sum(line.vat.amount for line in q.lines)
    assert q.lines[0].vat.amount == D("6.47")  # honey at 9 %: 0.7 × 0.09 × 102.75 = 6.47325
    assert q.total.amount == q.dutiable_value.amount + q.total_tax.amount


def test_remainder_of_freight_goes_to_the_largest_line():
    q = cn(
        [item("100.00", hs="0409.00"), item("100.00", hs="0409.00"), item("100.00", hs="0409.00")],
        freight="10.00",
    )
    assert [line.freight.amount for line in q.lines] == [D("3.34"), D("3.33"), D("3.33")]


# Postal articles alternative.


def postal(q):
    (alt,) = q.alternatives
    assert alt.channel == "CN-POSTAL"
    return alt


def test_postal_tax_of_50_or_less_is_waived_and_cheaper():
    q = cn([item("300.00")], freight="50.00")
    alt = postal(q)
    assert alt.allowed and alt.tax.amount == 0 and alt.total.amount == D("350.00")
    assert alt.cheaper is True
    assert {r.rule for r in alt.reasons} >= {"CN-P1", "CN-P2"}


def test_postal_tax_above_50_is_due():
    q = cn([item("400.00")], freight="50.00")
    alt = postal(q)
    assert alt.tax.amount == D("52.00")
    assert alt.total.amount == D("502.00")
    assert q.total.amount == D("490.95")
    assert alt.cheaper is False


def test_postal_rates_by_category():
    assert postal(cn([item("1000.00", hs="2204.21")])).tax.amount == D("500.00")  # alcohol 50 %
    assert postal(cn([item("1000.00", hs="4202.21")])).tax.amount == D("200.00")  # other 20 %
    hi = cn([item("900.00", hs="3304.99", net_content={"value": "30", "unit": "ml"})])
    assert postal(hi).tax.amount == D("450.00")
    lo = cn([item("290.00", hs="3304.99", net_content={"value": "30", "unit": "ml"})])
    assert postal(lo).tax.amount == D("58.00")


def test_postal_1000_limit_and_single_indivisible_item():
    assert postal(cn([item("500.00"), item("500.00", hs="1704.90")])).allowed
    over = postal(cn([item("600.00"), item("600.00", hs="1704.90")]))
    assert not over.allowed and any(r.rule == "CN-P3" for r in over.reasons)
    single = postal(cn([item("1200.00")]))
    assert single.allowed and single.tax.amount == D("156.00")
    assert not postal(cn([item("600.00", quantity=2)])).allowed


def test_postal_offered_when_cbec_refuses():
    q = cn([item("300.00")], freight="50.00", prior="26000.00")
    assert q.treatment == NOT_ALLOWED
    alt = postal(q)
    assert alt.allowed and alt.cheaper


# Currency.


def test_usd_amounts_are_converted_at_the_recorded_rate():
    q = cn([item("45.00")], freight="7.50", date="2024-06-14", currency="USD")
    assert q.fx is not None and q.fx.base == "USD" and q.fx.quote == "CNY"
    assert q.lines[0].unit_price.amount == (D("45.00") * q.fx.rate).quantize(D("0.01"))
    assert q.freight.amount == (D("7.50") * q.fx.rate).quantize(D("0.01"))
    assert q.as_dict()["fx"]["date"] == "2024-06-14"


def test_buyer_annual_total_may_be_given_in_cny_with_usd_prices():
    req = {
        "destination": "CN",
        "date": "2024-06-14",
        "currency": "USD",
        "freight": "0.00",
        "buyer": {"annual_total": "25990.00", "currency": "CNY"},
        "items": [item("10.00")],
    }
    q = quote(QuoteRequest.from_dict(req))
    assert q.treatment == NOT_ALLOWED  # 25,990 + 72.55 > 26,000


def test_as_dict_contract():
    data = cn([item("300.00")], freight="50.00").as_dict()
    for key in (
        "destination",
        "regime",
        "currency",
        "treatment",
        "allowed",
        "dutiable_value",
        "duty",
        "consumption_tax",
        "vat",
        "total_tax",
        "total",
        "reasons",
        "lines",
        "fx",
        "alternatives",
    ):
        assert key in data
    assert data["total"] == "381.85" and data["vat"] == "31.85"
    assert all(set(r) == {"rule", "message"} for r in data["reasons"])
    refused = cn([item("2600.00", quantity=2)]).as_dict()
    assert refused["allowed"] is False and refused["treatment"] == "not_allowed" and refused["total"] is None


@pytest.mark.parametrize(
    "hs",
    [
        "121120",
        "170220",
        "170490",
        "040900",
        "080212",
        "080232",
        "080251",
        "080262",
        "080290",
        "080620",
        "081320",
        "081340",
        "220421",
        "220410",
        "210690",
        "150420",
        "330499",
        "330410",
        "340111",
        "190110",
        "420221",
        "420222",
        "420231",
        "630622",
        "940430",
        "950300",
        "950490",
        "490199",
        "490300",
        "910211",
        "711319",
    ],
)
def test_every_demo_catalog_code_is_covered(hs):
    q = cn([item("100.00", hs=hs, net_content={"value": "100", "unit": "ml"})])
    assert q.allowed, q.reasons


def test_stale_rate_is_flagged_in_the_quote():
    from borderless.money import fx

    stale_day = (fx.last_published() + timedelta(days=8)).isoformat()
    q = cn([item("45.00")], freight="7.50", date=stale_day, currency="USD")
    assert q.fx.stale is True and q.as_dict()["fx"]["stale"] is True
    assert any(r.rule == "FX" and "stale" in r.message for r in q.reasons)
    fresh_day = (fx.last_published() + timedelta(days=7)).isoformat()
    assert cn([item("45.00")], freight="7.50", date=fresh_day, currency="USD").fx.stale is False


def test_fx_margin_is_shown_apart_from_the_reference_rate():
    req = {
        "destination": "CN",
        "date": "2025-06-13",
        "currency": "USD",
        "freight": "0.00",
        "fx_margin_bps": 200,
        "items": [item("100.00")],
    }
    q = quote(QuoteRequest.from_dict(req))
    fx = q.as_dict()["fx"]
    assert fx["margin_bps"] == 200
    assert D(fx["rate"]) > D(fx["reference_rate"])
    assert q.goods_value.amount == (D("100.00") * D(fx["rate"])).quantize(D("0.01"))
    assert any(r.rule == "FX" and "200 bp margin" in r.message for r in q.reasons)
