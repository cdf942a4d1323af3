"""What a coupon takes off: pure functions on Decimal yuan, rounded to the fen once, never above the goods."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")
HUNDRED = Decimal(100)


def discount(kind: str, eligible: Decimal, *, amount: Decimal | None, percent: Decimal | None) -> Decimal:
    """The discount on `eligible` yuan of goods: amount off (or 满减 once its threshold is met, checked by the
    caller), or `percent` of it rounded half up to the fen; never more than the goods themselves."""
    if eligible <= 0:
        return Decimal("0.00")
    if kind == "percent":
        off = (eligible * percent / HUNDRED).quantize(FEN, rounding=ROUND_HALF_UP)
    else:
        off = amount
    return min(off, eligible).quantize(FEN)
