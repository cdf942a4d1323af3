"""Locale-correct display of money through Babel: "¥381.85" in zh_Hans_CN, "US$12.00" for dollars."""

from borderless.money.core import Money


def format_money(money: Money, locale: str = "zh_Hans_CN") -> str:
    from babel.numbers import format_currency  # imported here: the quote engine never formats

    # Rounded half-up first, so Babel's own (half-even) rounding has nothing left to do.
    return format_currency(money.rounded().amount, money.currency, locale=locale)
