from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderless.money import CurrencyMismatch, Money, UnknownCurrency, allocate, format_money, minor_unit


def test_unknown_currency_is_refused():
    with pytest.raises(UnknownCurrency):
        Money(D("1"), "XYZ")


def test_float_amounts_are_refused():
    with pytest.raises(TypeError):
        Money(1.5, "USD")


def test_int_amount_becomes_decimal():
    assert Money(3, "USD").amount == D(3)
    assert type(Money(3, "USD").amount) is D


def test_arithmetic_within_one_currency():
    assert Money(D("1.10"), "CNY") + Money(D("2.20"), "CNY") == Money(D("3.30"), "CNY")
    assert Money(D("5"), "CNY") - Money(D("2.5"), "CNY") == Money(D("2.5"), "CNY")
    assert Money(D("2.5"), "CNY") * 3 == Money(D("7.5"), "CNY")
    assert Money(D("1"), "CNY") < Money(D("2"), "CNY")


def test_mixing_currencies_raises():
    with pytest.raises(CurrencyMismatch):
        Money(D("1"), "CNY") + Money(D("1"), "USD")
    with pytest.raises(CurrencyMismatch):
        _ = Money(D("1"), "CNY") < Money(D("1"), "USD")


def test_multiplying_by_float_raises():
    with pytest.raises(TypeError):
        Money(D("1"), "CNY") * 1.5


def test_rounded_is_half_up_to_the_minor_unit():
    assert Money(D("0.125"), "CNY").rounded().amount == D("0.13")
    assert Money(D("0.135"), "CNY").rounded().amount == D("0.14")  # half-even would give 0.14 too
    assert Money(D("0.145"), "CNY").rounded().amount == D("0.15")  # half-even would give 0.14
    assert Money(D("1500.5"), "JPY").rounded().amount == D("1501")
    assert str(Money(D("1500.4"), "JPY").rounded().amount) == "1500"


def test_minor_units():
    assert [minor_unit(c) for c in ("CNY", "USD", "EUR", "GBP", "AUD", "CAD", "JPY")] == [2] * 6 + [0]


def test_allocate_remainder_goes_to_the_largest_part():
    parts = allocate(Money(D("50.00"), "CNY"), [D("100"), D("300"), D("100")])
    assert [p.amount for p in parts] == [D("10.00"), D("30.00"), D("10.00")]
    parts = allocate(Money(D("0.10"), "CNY"), [D("1"), D("2"), D("1")])
    assert [p.amount for p in parts] == [D("0.02"), D("0.06"), D("0.02")]


def test_allocate_refuses_unrounded_totals_and_zero_weights():
    with pytest.raises(ValueError):
        allocate(Money(D("1.005"), "CNY"), [D(1)])
    with pytest.raises(ValueError):
        allocate(Money(D("1.00"), "CNY"), [D(0), D(0)])


def test_allocate_jpy_to_whole_yen():
    parts = allocate(Money(D("100"), "JPY"), [D(1), D(1), D(1)])
    assert [p.amount for p in parts] == [D(34), D(33), D(33)]


@given(
    st.integers(min_value=0, max_value=10**9),
    st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=50).filter(lambda w: sum(w) > 0),
    st.sampled_from(["CNY", "JPY", "USD"]),
)
def test_allocation_sums_exactly_and_never_goes_negative(minor_units, weights, currency):
    total = Money(D(minor_units).scaleb(-minor_unit(currency)), currency)
    parts = allocate(total, [D(w) for w in weights])
    assert sum((p.amount for p in parts), D(0)) == total.amount
    assert all(p.amount >= 0 for p in parts)
    assert all(p.is_rounded() for p in parts)


def test_format_money_with_babel():
    assert format_money(Money(D("381.85"), "CNY")) == "¥381.85"
    assert format_money(Money(D("12"), "USD")) == "US$12.00"
    assert format_money(Money(D("12.345"), "USD"), locale="en_US") == "$12.35"
    assert format_money(Money(D("1000"), "JPY"), locale="ja_JP") == "￥1,000"
