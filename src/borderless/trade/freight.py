"""The platform's default freight rate card, so a landed price exists before a seller sets its own."""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal
from functools import cache

from borderless.money.core import Money
from borderless.trade import destinations, tariff


@cache
def _card() -> tuple[int, Decimal, dict[str, tuple[Decimal, Decimal]], str]:
    card = tariff.freight_card()
    zones = {k: (Decimal(v["first"]), Decimal(v["each_additional"])) for k, v in card["zones"].items()}
    return card["step_g"], Decimal(card["dim_divisor_cm3_per_kg"]), zones, card["currency"]


def zone_for(destination: str) -> str:
    return destinations.EU if destination in destinations.eu_members() else destination


def chargeable_weight_g(
    weight_g: Decimal, dims_cm: tuple[Decimal, Decimal, Decimal] | None = None
) -> Decimal:
    """The greater of actual and dimensional weight (L × W × H / 5,000 per kg)."""
    weight = Decimal(weight_g)
    if dims_cm is not None:
        _, divisor, _, _ = _card()
        length, width, height = (Decimal(d) for d in dims_cm)
        weight = max(weight, length * width * height / divisor * 1000)
    return weight


def default_freight(
    destination: str, weight_g: Decimal, dims_cm: tuple[Decimal, Decimal, Decimal] | None = None
) -> Money:
    """Freight in USD (what carriers bill US senders) for a parcel: first step plus each further 500 g."""
    step, _, zones, currency = _card()
    zone = zones.get(zone_for(destination))
    if zone is None:
        raise ValueError(f"No default freight for destination {destination!r}.")
    if weight_g < 0:
        raise ValueError("weight_g cannot be negative.")
    steps = max(1, int((chargeable_weight_g(weight_g, dims_cm) / step).to_integral_value(ROUND_CEILING)))
    first, each = zone
    return Money(first + each * (steps - 1), currency)
