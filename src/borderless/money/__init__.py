"""Money: Decimal amounts with their ISO 4217 currency, rounding, allocation, formatting. No Django here."""

from borderless.money.core import CurrencyMismatch, Money, allocate
from borderless.money.currencies import MINOR_UNITS, UnknownCurrency, minor_unit, quantum
from borderless.money.formatting import format_money

__all__ = [
    "MINOR_UNITS",
    "CurrencyMismatch",
    "Money",
    "UnknownCurrency",
    "allocate",
    "format_money",
    "minor_unit",
    "quantum",
]
