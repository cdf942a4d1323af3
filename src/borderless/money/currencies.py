"""ISO 4217 minor units of the currencies we can price in: ours plus every ECB reference currency."""

from decimal import Decimal

# Digits after the decimal point (ISO 4217). Historic ECB currencies are kept so old rates still load.
MINOR_UNITS: dict[str, int] = {
    "CNY": 2, "USD": 2, "EUR": 2, "GBP": 2, "AUD": 2, "CAD": 2, "JPY": 0,
    "BGN": 2, "BRL": 2, "CHF": 2, "CZK": 2, "DKK": 2, "HKD": 2, "HUF": 2, "IDR": 2, "ILS": 2, "INR": 2,
    "ISK": 0, "KRW": 0, "MXN": 2, "MYR": 2, "NOK": 2, "NZD": 2, "PHP": 2, "PLN": 2, "RON": 2, "SEK": 2,
    "SGD": 2, "THB": 2, "TRY": 2, "ZAR": 2, "HRK": 2, "RUB": 2,
    "CYP": 2, "EEK": 2, "LTL": 2, "LVL": 2, "MTL": 2, "SIT": 2, "SKK": 2, "ROL": 2, "TRL": 0,
}  # fmt: skip

# One quantum per currency, built once: Decimal("0.01"), Decimal("1") ...
QUANTA: dict[str, Decimal] = {code: Decimal(1).scaleb(-digits) for code, digits in MINOR_UNITS.items()}


class UnknownCurrency(ValueError):
    """A code that is not an ISO 4217 currency we know the minor unit of."""


def minor_unit(currency: str) -> int:
    try:
        return MINOR_UNITS[currency]
    except KeyError:
        raise UnknownCurrency(
            f"Unknown currency {currency!r} (expected an ISO 4217 code such as CNY)."
        ) from None


def quantum(currency: str) -> Decimal:
    try:
        return QUANTA[currency]
    except KeyError:
        raise UnknownCurrency(
            f"Unknown currency {currency!r} (expected an ISO 4217 code such as CNY)."
        ) from None
