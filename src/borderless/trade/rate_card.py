"""A seller's own freight rate card: brackets by zone and weight, in USD, over the platform's default card.

Plain data: the quote request carries the card (`QuoteRequest.freight_card`), the engine asks it for a
charge, and falls back to the default card where the seller has no bracket for the zone and weight.

A bracket covers the weights above the zone's previous bracket (0 g for the first) up to and including
`up_to_g`. Its charge is `base`, plus `per_additional_kg` for each started kilogram beyond the first
kilogram above that lower limit: "up to 5,000 g, 20.00 + 4.00 per additional kg" after a 1,000 g bracket
charges 20.00 for 1,001 to 2,000 g, 24.00 up to 3,000 g, and so on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal
from functools import lru_cache

from borderless.trade import freight

MAX_BRACKETS = 60  # six zones, ten brackets each
MAX_WEIGHT_G = 100_000
MAX_PRICE = Decimal("10000.00")
_PRICE = re.compile(r"^\d{1,5}(\.\d{1,2})?$")
_GRAMS = re.compile(r"^\d{1,6}$")
KG = Decimal(1000)


def zones() -> tuple[str, ...]:
    """The zones of the platform's default card, in its order (CN, JP, EU, GB, AU, CA)."""
    return tuple(freight._card()[2])


class InvalidRateCard(ValueError):
    """The rows cannot make a rate card; `errors` maps "brackets[i].field" (or "brackets") to messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{key}: {' '.join(messages)}" for key, messages in errors.items()))


@dataclass(frozen=True, slots=True)
class Bracket:
    zone: str
    up_to_g: int
    base: Decimal  # USD
    per_additional_kg: Decimal = Decimal("0.00")  # USD

    def as_dict(self) -> dict:
        return {
            "zone": self.zone,
            "up_to_g": self.up_to_g,
            "base": str(self.base),
            "per_additional_kg": str(self.per_additional_kg),
        }


@dataclass(frozen=True, slots=True)
class FreightCharge:
    amount: Decimal  # USD
    bracket: Bracket
    from_g: int  # the bracket covers weights above this, up to bracket.up_to_g


@dataclass(frozen=True)
class RateCard:
    """One seller's brackets, in zone order then weight; `charge()` answers None where it has no rate."""

    brackets: tuple[Bracket, ...]
    _by_zone: dict = field(default=None, init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        by_zone: dict[str, list[Bracket]] = {}
        for bracket in self.brackets:
            by_zone.setdefault(bracket.zone, []).append(bracket)
        object.__setattr__(self, "_by_zone", by_zone)

    def charge(self, destination: str, weight_g: Decimal) -> FreightCharge | None:
        weight = Decimal(weight_g)
        lower = 0
        for bracket in self._by_zone.get(freight.zone_for(destination), ()):
            if weight <= bracket.up_to_g:
                extra_kg = (weight - lower) / KG
                steps = max(0, int(extra_kg.to_integral_value(ROUND_CEILING)) - 1)
                return FreightCharge(bracket.base + bracket.per_additional_kg * steps, bracket, lower)
            lower = bracket.up_to_g
        return None

    def as_rows(self) -> list[dict]:
        return [b.as_dict() for b in self.brackets]


def _price(value: object, where: str, errors: dict) -> Decimal | None:
    text = format(value, "f") if isinstance(value, Decimal) else value
    if isinstance(text, int) and not isinstance(text, bool):
        text = str(text)
    if not isinstance(text, str) or not text.strip():
        errors.setdefault(where, []).append('Enter an amount in USD such as "12.50".')
        return None
    text = text.strip()
    if text.startswith("-"):
        errors.setdefault(where, []).append("A price cannot be negative.")
        return None
    if not _PRICE.match(text) or Decimal(text) > MAX_PRICE:
        errors.setdefault(where, []).append(
            f'Enter an amount in USD from 0 to {MAX_PRICE:,} with at most 2 decimals, such as "12.50".'
        )
        return None
    return Decimal(text).quantize(Decimal("0.01"))


def _grams(value: object, where: str, errors: dict) -> int | None:
    text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        text = str(int(value))
    if text.startswith("-") or not _GRAMS.match(text) or not 1 <= int(text) <= MAX_WEIGHT_G:
        errors.setdefault(where, []).append(f"Enter a whole number of grams from 1 to {MAX_WEIGHT_G:,}.")
        return None
    return int(text)


def parse_rate_card(rows: Iterable[Mapping]) -> RateCard:
    """Brackets from rows of {zone, up_to_g, base, per_additional_kg (optional)}; InvalidRateCard otherwise.

    Within a zone the brackets must go strictly up in weight, in the order given.
    """
    rows = list(rows)
    errors: dict[str, list[str]] = {}
    if len(rows) > MAX_BRACKETS:
        raise InvalidRateCard({"brackets": [f"A rate card has at most {MAX_BRACKETS} brackets."]})
    known = zones()
    brackets: list[Bracket] = []
    last: dict[str, int] = {}
    for i, row in enumerate(rows):
        where = f"brackets[{i}]"
        if not isinstance(row, Mapping):
            errors.setdefault(where, []).append("Expected zone, up_to_g, base and per_additional_kg.")
            continue
        zone = row.get("zone")
        if zone not in known:
            errors.setdefault(f"{where}.zone", []).append(f"Choose one of {', '.join(known)}.")
        up_to = _grams(row.get("up_to_g"), f"{where}.up_to_g", errors)
        base = _price(row.get("base"), f"{where}.base", errors)
        extra, extra_at = row.get("per_additional_kg"), f"{where}.per_additional_kg"
        per_kg = Decimal("0.00") if extra in (None, "") else _price(extra, extra_at, errors)
        if zone in known and up_to is not None:
            if zone in last and up_to <= last[zone]:
                errors.setdefault(f"{where}.up_to_g", []).append(
                    f"Brackets for {zone} must go up in weight: {up_to:,} g is not above {last[zone]:,} g."
                )
            last[zone] = max(up_to, last.get(zone, 0))
        if zone in known and None not in (up_to, base, per_kg):
            brackets.append(Bracket(zone, up_to, base, per_kg))
    if errors:
        raise InvalidRateCard(errors)
    order = {zone: n for n, zone in enumerate(known)}
    return RateCard(tuple(sorted(brackets, key=lambda b: (order[b.zone], b.up_to_g))))


@lru_cache(maxsize=1024)
def _stored(rows: tuple[tuple[str, int, str, str], ...]) -> RateCard:
    return RateCard(tuple(Bracket(z, int(g), Decimal(b), Decimal(k)) for z, g, b, k in rows))


def stored_rate_card(rows: list[dict]) -> RateCard | None:
    """The card from rows already validated and stored (`RateCard.as_rows()`); None when it has none."""
    if not rows:
        return None
    return _stored(tuple((r["zone"], r["up_to_g"], r["base"], r["per_additional_kg"]) for r in rows))
