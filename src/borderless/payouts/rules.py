"""How one order's escrow splits on release. Plain Python: no database, no Django.

The buyer paid in CNY; the seller is owed USD at the rate the order recorded at checkout. From what the escrow
holds at release: the import taxes (as quoted) are owed to customs; the rest (goods, freight, insurance in
CNY) buys dollars at the recorded rate. The order's rate carries the platform's FX margin on top of the ECB
reference rate: the CNY needed to buy those dollars at the reference rate go through the FX accounts, what is
left of the rest is the margin. The platform's commission is taken from the dollars; the seller gets the rest.
Every amount is rounded once to its currency's minor unit, and the parts add up to the whole exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from borderless.money import Money, allocate, quantum

DEFAULT_COMMISSION_RATE = Decimal("0.08")
# Per category (catalog slug): thinner margins pay less, branded goods more. Settings may override.
COMMISSION_RATES: dict[str, Decimal] = {
    "american-ginseng": Decimal("0.06"),
    "maple-syrup": Decimal("0.06"),
    "honey": Decimal("0.06"),
    "nuts-dried-fruit": Decimal("0.06"),
    "wine": Decimal("0.08"),
    "supplements": Decimal("0.10"),
    "skin-care": Decimal("0.10"),
    "infant-formula": Decimal("0.05"),
    "handbags": Decimal("0.12"),
    "outdoor-gear": Decimal("0.08"),
    "toys": Decimal("0.08"),
    "books": Decimal("0.05"),
}
RATE_PLACES = Decimal("0.000001")


class ReleaseRuleError(ValueError):
    """The order's figures cannot be released as recorded (e.g. no exchange rate to pay the seller at)."""


@dataclass(frozen=True, slots=True)
class RecordedRate:
    """The order's FX record: `rate` CNY per USD as the buyer was charged, `reference_rate` before margin."""

    base: str  # the seller's currency (USD)
    quote: str  # the buyer's currency (CNY)
    rate: Decimal
    reference_rate: Decimal
    date: str  # ISO date of the ECB publication used
    source: str

    @classmethod
    def from_record(cls, record: Mapping | None) -> RecordedRate:
        if not record:
            raise ReleaseRuleError("The order recorded no exchange rate; it cannot be released in dollars.")
        rate = Decimal(str(record["rate"]))
        reference = Decimal(str(record.get("reference_rate") or record["rate"]))
        if rate <= 0 or reference <= 0 or reference > rate:
            raise ReleaseRuleError(f"The order's recorded rate {rate} (reference {reference}) is not usable.")
        return cls(record["base"], record["quote"], rate, reference, str(record["date"]), record["source"])


@dataclass(frozen=True, slots=True)
class ReleaseSplit:
    gross: Money  # what left the escrow (CNY)
    taxes: Money  # to customs_taxes_payable (CNY)
    converted: Money  # sold for dollars at the reference rate (CNY)
    fx_margin: Money  # the platform's FX margin (CNY)
    amount: Money  # the dollars bought (USD)
    commission: Money  # the platform's commission (USD)
    net: Money  # owed to the seller (USD)
    commission_rate: Decimal

    @property
    def goods_and_freight(self) -> Money:
        return self.gross - self.taxes


def _round(amount: Decimal, currency: str) -> Money:
    return Money(amount.quantize(quantum(currency), ROUND_HALF_UP), currency)


def commission_rate(
    lines: Iterable[tuple[str | None, Decimal]],
    rates: Mapping[str, Decimal] | None = None,
    default: Decimal = DEFAULT_COMMISSION_RATE,
) -> Decimal:
    """The order's commission rate: each line's category rate weighted by the line's goods value."""
    table = COMMISSION_RATES if rates is None else rates
    weighted = total = Decimal(0)
    for category, value in lines:
        weighted += value * Decimal(str(table.get(category or "", default)))
        total += value
    rate = Decimal(str(default)) if total <= 0 else weighted / total
    if not Decimal(0) <= rate < 1:
        raise ReleaseRuleError(f"A commission rate of {rate} is not a fraction below one.")
    return rate.quantize(RATE_PLACES, ROUND_HALF_UP)


def split_release(gross: Money, tax_total: Money, fx: RecordedRate, rate: Decimal) -> ReleaseSplit:
    """Split what the escrow holds. Taxes come first (as quoted, never more than is there); the rest is
    converted at the recorded rate; `rate` is the commission rate."""
    cny, usd = fx.quote, fx.base
    if gross.currency != cny or tax_total.currency != cny:
        raise ReleaseRuleError(f"The escrow holds {gross.currency}; the recorded rate sells {cny}.")
    if gross.amount < 0 or not gross.is_rounded() or not tax_total.is_rounded():
        raise ReleaseRuleError(f"Cannot release {gross}.")
    taxes = min(tax_total, gross)
    rest = gross - taxes
    zero_cny, zero_usd = Money.zero(cny), Money.zero(usd)
    amount = _round(rest.amount / fx.rate, usd) if rest.amount > 0 else zero_usd
    if amount.amount <= 0:
        # Less than a cent's worth (a remainder after partial refunds): nothing to convert.
        return ReleaseSplit(gross, taxes, zero_cny, rest, zero_usd, zero_usd, zero_usd, rate)
    converted = min(_round(amount.amount * fx.reference_rate, cny), rest)
    margin = rest - converted
    commission, net = allocate(amount, [rate, 1 - rate]) if rate > 0 else (zero_usd, amount)
    return ReleaseSplit(gross, taxes, converted, margin, amount, commission, net, rate)


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile (share in 0..1) of `values`; None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-int(share * 100 * len(ordered)) // 100))  # ceil(share * n), at least 1
    return ordered[min(rank, len(ordered)) - 1]
