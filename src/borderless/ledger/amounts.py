"""Money <-> integer minor units. Plain Python: the ledger stores integers and speaks Money."""

from decimal import Decimal

from borderless.ledger.errors import UnroundedAmount
from borderless.money import Money, minor_unit, quantum


def to_minor(amount: Money) -> int:
    """12.34 CNY -> 1234. Refuses amounts finer than the minor unit: rounding is the caller's decision."""
    if not isinstance(amount, Money):
        raise TypeError(f"Ledger amounts are Money, not {type(amount).__name__}.")
    if not amount.is_rounded():
        raise UnroundedAmount(
            f"{amount} is finer than the {amount.currency} minor unit ({quantum(amount.currency)}); "
            "round it before it reaches the ledger."
        )
    return int(amount.amount.scaleb(minor_unit(amount.currency)))


def from_minor(minor: int, currency: str) -> Money:
    """1234, CNY -> Money(Decimal("12.34"), "CNY"), always written to the minor unit ("0.00", not "0E-2")."""
    return Money(Decimal(minor).scaleb(-minor_unit(currency)).quantize(quantum(currency)), currency)


def minor_to_str(minor: int, currency: str) -> str:
    return str(from_minor(minor, currency).amount)
