"""The release split: taxes, conversion at the recorded rate and its margin, commission; to the cent."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderless.money import Money
from borderless.payouts.rules import (
    RecordedRate,
    ReleaseRuleError,
    commission_rate,
    percentile,
    split_release,
)

FX = {"base": "USD", "quote": "CNY", "rate": "7.2", "reference_rate": "7.128", "margin_bps": 101,
      "date": "2026-11-24", "source": "ECB"}  # fmt: skip


def cny(s):
    return Money(Decimal(s), "CNY")


def usd(s):
    return Money(Decimal(s), "USD")


def test_worked_example_991_yuan_pays_the_seller_112_50_dollars():
    split = split_release(cny("991.00"), cny("91.00"), RecordedRate.from_record(FX), Decimal("0.10"))
    assert split.taxes == cny("91.00")
    assert split.goods_and_freight == cny("900.00")
    assert split.amount == usd("125.00")  # 900 / 7.2
    assert split.converted == cny("891.00")  # 125 x 7.128, the reference rate
    assert split.fx_margin == cny("9.00")
    assert split.commission == usd("12.50")
    assert split.net == usd("112.50")


def test_a_partial_refund_leaves_less_to_convert_and_taxes_come_first():
    split = split_release(cny("50.00"), cny("91.00"), RecordedRate.from_record(FX), Decimal("0.10"))
    assert split.taxes == cny("50.00") and split.amount == usd("0.00") and split.net == usd("0.00")


def test_without_a_margin_everything_converts():
    fx = RecordedRate.from_record({**FX, "rate": "7.128"})
    split = split_release(cny("891.00"), cny("0.00"), fx, Decimal("0.08"))
    assert split.fx_margin == cny("0.00") and split.converted == cny("891.00")
    assert split.amount == usd("125.00") and split.commission == usd("10.00") and split.net == usd("115.00")


def test_an_order_without_a_usable_rate_is_refused():
    with pytest.raises(ReleaseRuleError):
        RecordedRate.from_record(None)
    with pytest.raises(ReleaseRuleError):
        RecordedRate.from_record({**FX, "reference_rate": "7.5"})  # a margin below the reference


def test_commission_rate_is_weighted_by_goods_value_per_category():
    rates = {"honey": Decimal("0.06"), "handbags": Decimal("0.12")}
    lines = [("honey", Decimal("100")), ("handbags", Decimal("300"))]
    assert commission_rate(lines, rates) == Decimal("0.105")
    assert commission_rate([("unknown", Decimal("10"))], rates, Decimal("0.08")) == Decimal("0.08")
    assert commission_rate([(None, Decimal("10"))], rates) == Decimal("0.08")


def test_percentile_nearest_rank():
    assert percentile([], 0.95) is None
    assert percentile([5.0], 0.95) == 5.0
    assert percentile([float(i) for i in range(1, 101)], 0.95) == 95.0
    assert percentile([1.0, 2.0, 30.0], 0.95) == 30.0


@given(
    gross=st.integers(min_value=0, max_value=10_000_000),
    tax=st.integers(min_value=0, max_value=2_000_000),
    margin_bps=st.integers(min_value=0, max_value=500),
    reference=st.decimals(min_value=Decimal("5"), max_value=Decimal("9"), places=4),
    rate=st.decimals(min_value=Decimal("0"), max_value=Decimal("0.3"), places=3),
)
def test_the_parts_always_sum_to_the_whole_and_none_is_negative(gross, tax, margin_bps, reference, rate):
    with_margin = reference * (1 + Decimal(margin_bps) / 10_000)
    fx = RecordedRate.from_record({**FX, "rate": str(with_margin), "reference_rate": str(reference)})
    split = split_release(Money(Decimal(gross) / 100, "CNY"), Money(Decimal(tax) / 100, "CNY"), fx, rate)
    assert split.taxes + split.converted + split.fx_margin == split.gross
    assert split.commission + split.net == split.amount
    for part in (split.taxes, split.converted, split.fx_margin, split.amount, split.commission, split.net):
        assert part.amount >= 0 and part.is_rounded()
    if split.amount.amount > 0:
        # The seller's dollars are the CNY rest at the recorded rate, to the cent.
        assert abs(split.amount.amount - split.goods_and_freight.amount / with_margin) <= Decimal("0.005")
