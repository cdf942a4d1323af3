"""Properties over many generated orders: taxes never negative, preferential never above full."""

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from borderless.trade import FULL, PREFERENTIAL, QuoteRequest, quote
from borderless.trade.cn_cbec import _fen, line_taxes

CODES = ["170220", "040900", "330499", "220421", "910211", "490199", "420221"]
cents = st.integers(min_value=0, max_value=800_000).map(lambda c: D(c).scaleb(-2))
rates = st.integers(min_value=0, max_value=99).map(lambda p: D(p) / 100)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(CODES), cents, st.integers(1, 3)), min_size=1, max_size=6),
    cents,
    st.integers(min_value=0, max_value=3_000_000).map(lambda c: D(c).scaleb(-2)),
)
def test_taxes_are_never_negative_and_add_up(lines, freight, prior):
    items = [
        {
            "hs_code": hs,
            "unit_price": str(price),
            "quantity": qty,
            "net_content": {"value": "50", "unit": "ml"},
        }
        for hs, price, qty in lines
    ]
    q = quote(
        QuoteRequest.from_dict(
            {
                "destination": "CN",
                "currency": "CNY",
                "date": "2026-11-25",
                "freight": str(freight),
                "buyer": {"annual_total": str(prior)},
                "items": items,
            }
        )
    )
    assert sum(line.freight.amount for line in q.lines) == freight
    assert q.dutiable_value.amount == sum(line.dutiable_value.amount for line in q.lines)
    if q.allowed:
        for tax in (q.duty, q.consumption_tax, q.vat, q.total_tax):
            assert tax.amount >= 0
        assert q.total_tax.amount == q.duty.amount + q.consumption_tax.amount + q.vat.amount
        assert q.total.amount == q.dutiable_value.amount + q.total_tax.amount
    for alt in q.alternatives:
        if alt.allowed:
            assert alt.tax.amount >= 0


@given(cents, rates, st.sampled_from([D("0.09"), D("0.13")]), rates)
def test_preferential_tax_never_exceeds_full_tax(value, duty_rate, vat_rate, ct_rate):
    pref = [_fen(x) for x in line_taxes(PREFERENTIAL, value, duty_rate, vat_rate, ct_rate, D("0.7"))]
    full = [_fen(x) for x in line_taxes(FULL, value, duty_rate, vat_rate, ct_rate, D("0.7"))]
    assert all(p >= 0 for p in pref)
    assert all(p <= f for p, f in zip(pref, full, strict=True))
