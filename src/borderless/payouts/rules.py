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


@dataclass(frozen=True, slots=True)
class Parts:
    """A release's figures, or what returns have reversed of them so far (CNY: gross = taxes + converted +
    fx_margin; USD: amount = commission + net)."""

    gross: Decimal = Decimal(0)
    taxes: Decimal = Decimal(0)
    converted: Decimal = Decimal(0)
    fx_margin: Decimal = Decimal(0)
    amount: Decimal = Decimal(0)
    commission: Decimal = Decimal(0)
    net: Decimal = Decimal(0)

    def __add__(self, other: Parts) -> Parts:
        return Parts(*(getattr(self, f) + getattr(other, f) for f in FIELDS))

    def __sub__(self, other: Parts) -> Parts:
        return Parts(*(getattr(self, f) - getattr(other, f) for f in FIELDS))


FIELDS = ("gross", "taxes", "converted", "fx_margin", "amount", "commission", "net")
CENT = Decimal("0.01")


def _share(total: Decimal, done: Decimal, cumulative: Decimal, whole: Decimal, room: Decimal) -> Decimal:
    """This step's part of `total` when `cumulative` of `whole` has been returned: proportional to the
    cumulative amount (rounding errors do not pile up), never below zero or above `room`."""
    if whole <= 0:
        return Decimal(0)
    target = (total * cumulative / whole).quantize(CENT, ROUND_HALF_UP) - done
    return min(max(target, Decimal(0)), room)


def split_return(returned: Decimal, released: Parts, reversed_: Parts) -> Parts:
    """What a return of `returned` CNY reverses of a release, given what earlier returns reversed.

    Each part in proportion to the CNY returned so far, rounded to the cent; the last return (everything
    left) reverses exactly what is left, so the returns of an order add up to its release. The CNY parts
    sum to `returned`, the USD parts to `amount`, and no part passes what is left of it.
    """
    left = released - reversed_
    if returned <= 0 or returned > left.gross:
        raise ReleaseRuleError(f"A return of {returned} CNY is not within the {left.gross} CNY released.")
    if returned == left.gross:
        return left
    cumulative = reversed_.gross + returned
    taxes = _share(released.taxes, reversed_.taxes, cumulative, released.gross, left.taxes)
    margin = _share(released.fx_margin, reversed_.fx_margin, cumulative, released.gross, left.fx_margin)
    converted = returned - taxes - margin
    # Rounding may leave `converted` outside what is left of it: move the cents to or from the other parts.
    excess = converted - left.converted
    for name in ("taxes", "fx_margin"):
        if excess > 0:
            room = (left.taxes - taxes) if name == "taxes" else (left.fx_margin - margin)
            step = min(excess, room)
            taxes, margin = (taxes + step, margin) if name == "taxes" else (taxes, margin + step)
            excess -= step
    short = -(returned - taxes - margin)  # `converted` may not go below zero either
    for name in ("fx_margin", "taxes"):
        if short > 0:
            have = margin if name == "fx_margin" else taxes
            step = min(short, have)
            taxes, margin = (taxes - step, margin) if name == "taxes" else (taxes, margin - step)
            short -= step
    converted = returned - taxes - margin
    amount = _share(released.amount, reversed_.amount, reversed_.converted + converted, released.converted,
                    left.amount)  # fmt: skip
    commission = _share(released.commission, reversed_.commission, reversed_.amount + amount,
                        released.amount, min(amount, left.commission))  # fmt: skip
    net = amount - commission
    if net > left.net:  # what is left of the net bounds it; the commission takes the cents instead
        net = left.net
        commission = amount - net
    return Parts(returned, taxes, converted, margin, amount, commission, net)


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile (share in 0..1) of `values`; None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-int(share * 100 * len(ordered)) // 100))  # ceil(share * n), at least 1
    return ordered[min(rank, len(ordered)) - 1]
