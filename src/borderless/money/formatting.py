"""Locale-correct display of money through Babel: "¥381.85" in zh_Hans_CN, "US$12.00" for dollars.

Babel takes about 40 µs to format one amount, and a page of search results shows about a hundred.
So, for each (currency, locale), the layout Babel uses (symbol and signs around the number, separators,
digits) is read from Babel once and then applied with plain string operations. A layout is kept only if it
gives exactly Babel's own text for a set of probe amounts; otherwise that pair is always formatted by Babel.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache

from borderless.money.core import Money

# Amounts on which a layout must agree with Babel: zero and negative zero, fractions, every group boundary.
PROBES = tuple(
    Decimal(text)
    for text in (
        "0", "-0.00", "0.5", "7", "12.34", "999.99", "1000", "1234.5", "99999.99", "1234567.891",
        "1000000000", "-0.01", "-12.34", "-1234567.89",
    )
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Layout:
    positive: tuple[str, str]  # what stands before and after the number
    negative: tuple[str, str]
    quantum: Decimal  # the currency's minor unit: Decimal("0.01"), or Decimal("1") for JPY
    spec: str  # Python's format: ",.2f"
    group: str
    decimal: str

    def format(self, amount: Decimal) -> str:
        value = amount.quantize(self.quantum, ROUND_HALF_EVEN)
        before, after = self.negative if value.is_signed() else self.positive
        number = format(abs(value), self.spec)
        if self.group != "," or self.decimal != ".":
            number = number.replace(",", "\0").replace(".", self.decimal).replace("\0", self.group)
        return before + number + after


def _babel(amount: Decimal, currency: str, locale: str) -> str:
    from babel.numbers import format_currency  # imported here: the quote engine never formats

    return format_currency(amount, currency, locale=locale)


@lru_cache(maxsize=256)
def _layout(currency: str, locale: str) -> _Layout | None:
    """Babel's layout for this pair when plain string operations reproduce it; None otherwise."""
    from babel import Locale
    from babel.numbers import (
        get_currency_precision,
        get_currency_symbol,
        get_decimal_symbol,
        get_group_symbol,
    )

    try:
        pattern = Locale.parse(locale).currency_formats["standard"]
        symbol = get_currency_symbol(currency, locale)
        digits = get_currency_precision(currency)
        group, decimal = get_group_symbol(locale), get_decimal_symbol(locale)
    except (ValueError, KeyError, LookupError):
        return None
    if pattern.grouping != (3, 3) or pattern.scale != 0 or pattern.exp_prec is not None:
        return None
    signs = [(prefix.replace("¤", symbol), suffix.replace("¤", symbol)) for prefix, suffix in
             zip(pattern.prefix, pattern.suffix, strict=True)]  # fmt: skip
    layout = _Layout(signs[0], signs[1], Decimal(1).scaleb(-digits), f",.{digits}f", group, decimal)
    if any(layout.format(amount) != _babel(amount, currency, locale) for amount in PROBES):
        return None
    return layout


def format_money(money: Money, locale: str = "zh_Hans_CN") -> str:
    # Rounded half-up first, so Babel's own (half-even) rounding has nothing left to do.
    amount = money.rounded().amount
    layout = _layout(money.currency, locale)
    return layout.format(amount) if layout else _babel(amount, money.currency, locale)
