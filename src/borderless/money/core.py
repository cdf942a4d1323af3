"""Money: a Decimal amount with its ISO 4217 currency. Arithmetic never mixes currencies."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from borderless.money.currencies import MINOR_UNITS, QUANTA, UnknownCurrency


class CurrencyMismatch(ValueError):
    """Two amounts in different currencies met in one operation."""


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if self.currency not in MINOR_UNITS:
            raise UnknownCurrency(
                f"Unknown currency {self.currency!r} (expected an ISO 4217 code such as CNY)."
            )
        amount = self.amount
        if type(amount) is not Decimal:
            # int is exact; float and str are refused so that nobody slips a binary fraction in.
            if isinstance(amount, int) and not isinstance(amount, bool):
                object.__setattr__(self, "amount", Decimal(amount))
            else:
                raise TypeError(f"Money amount must be a Decimal, not {type(amount).__name__}.")
        elif not amount.is_finite():
            raise ValueError("Money amount must be finite.")

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal(0), currency)

    def _same(self, other: object) -> Money:
        if not isinstance(other, Money):
            raise TypeError(f"Cannot combine Money with {type(other).__name__}.")
        if other.currency != self.currency:
            raise CurrencyMismatch(f"Cannot combine {self.currency} with {other.currency}.")
        return other

    def __add__(self, other: Money) -> Money:
        return Money(self.amount + self._same(other).amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        return Money(self.amount - self._same(other).amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        if isinstance(factor, (Money, float, bool)):
            raise TypeError("Money can only be multiplied by a Decimal or an int.")
        return Money(self.amount * factor, self.currency)

    __rmul__ = __mul__

    def __lt__(self, other: Money) -> bool:
        return self.amount < self._same(other).amount

    def __le__(self, other: Money) -> bool:
        return self.amount <= self._same(other).amount

    def __gt__(self, other: Money) -> bool:
        return self.amount > self._same(other).amount

    def __ge__(self, other: Money) -> bool:
        return self.amount >= self._same(other).amount

    def rounded(self) -> Money:
        """Half-up to the currency's minor unit (0.01 for CNY, 1 for JPY)."""
        return Money(self.amount.quantize(QUANTA[self.currency], ROUND_HALF_UP), self.currency)

    def is_rounded(self) -> bool:
        return self.amount == self.amount.quantize(QUANTA[self.currency], ROUND_DOWN)

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"


def allocate(total: Money, weights: list[Decimal]) -> list[Money]:
    """Share `total` out in proportion to `weights`, to the minor unit.

    Each part is rounded towards zero; what is left (less than one minor unit per part) goes to the part
    with the largest weight (the first of equals), so the parts always sum to `total` exactly and none of
    them changes sign.
    """
    if not weights:
        raise ValueError("allocate needs at least one weight.")
    if any(w < 0 for w in weights):
        raise ValueError("Allocation weights must not be negative.")
    weight_sum = sum(weights, Decimal(0))
    if weight_sum <= 0:
        raise ValueError("Allocation weights must not all be zero.")
    if not total.is_rounded():
        raise ValueError(f"Cannot allocate {total}: it is finer than the currency's minor unit.")
    q = QUANTA[total.currency]
    amount = total.amount
    parts = [(amount * w / weight_sum).quantize(q, ROUND_DOWN) for w in weights]
    largest = max(range(len(weights)), key=weights.__getitem__)
    parts[largest] += amount - sum(parts, Decimal(0))
    return [Money(p, total.currency) for p in parts]


_new = object.__new__
_set = object.__setattr__


def trusted_money(amount: Decimal, currency: str) -> Money:
    """Money without re-validation, for hot paths whose amount is a Decimal and currency already checked."""
    money = _new(Money)
    _set(money, "amount", amount)
    _set(money, "currency", currency)
    return money
