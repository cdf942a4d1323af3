"""format_money applies Babel's layout without calling Babel each time; the text stays exactly Babel's."""

from decimal import Decimal as D

from babel.numbers import format_currency
from hypothesis import given
from hypothesis import strategies as st

from borderless.money import Money, format_money
from borderless.money.formatting import _layout

# What the storefront shows (its destinations' currencies, in Chinese and English) and some other layouts:
# symbol after the number, "." groups and "," decimals, narrow spaces, a right-to-left mark.
CURRENCIES = ["CNY", "USD", "JPY", "GBP", "EUR", "AUD", "CAD"]
LOCALES = ["zh_Hans_CN", "en_US", "ja_JP", "de_DE", "fr_FR", "fr_CA", "en_AU", "ar_EG"]


@given(
    units=st.integers(min_value=-(10**12), max_value=10**12),
    exponent=st.integers(min_value=0, max_value=4),
    currency=st.sampled_from(CURRENCIES),
    locale=st.sampled_from(LOCALES),
)
def test_the_text_is_babels_for_any_amount(units, exponent, currency, locale):
    money = Money(D(units).scaleb(-exponent), currency)
    assert format_money(money, locale) == format_currency(money.rounded().amount, currency, locale=locale)


def test_the_storefronts_pairs_take_the_fast_path():
    assert all(_layout(c, locale) for c in CURRENCIES for locale in ("zh_Hans_CN", "en_US"))


def test_a_layout_plain_string_operations_cannot_reproduce_is_left_to_babel():
    # Indian grouping (12,34,567) is not groups of three.
    assert _layout("INR", "hi_IN") is None
    assert format_money(Money(D("1234567.5"), "INR"), "hi_IN") == "₹12,34,567.50"


def test_negative_and_rounded_amounts():
    assert format_money(Money(D("-1234.565"), "CNY")) == "-¥1,234.57"
    negative_zero = format_currency(D("-0.00"), "CNY", locale="en_US")
    assert format_money(Money(D("-0.004"), "CNY"), "en_US") == negative_zero
    assert format_money(Money(D("1234.5"), "EUR"), "de_DE") == "1.234,50\xa0€"
    assert format_money(Money(D("999.5"), "JPY"), "en_US") == "¥1,000"
