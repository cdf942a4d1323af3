"""The destinations we quote, and the regime key of each: plain data below the request, which refuses any
other destination, and below the regimes, which hold the rules of each key."""

from __future__ import annotations

from functools import cache

from borderless.trade import tariff

OWN_REGIME = ("CN", "GB", "AU", "CA", "JP")  # a regime each; the EU's member states share the "EU" one
EU = "EU"


@cache
def eu_members() -> frozenset[str]:
    """The EU member states (each with a VAT rate in our rules): one regime, EU-IOSS, and one freight zone."""
    return frozenset(tariff.rules()["destinations"][EU]["vat"])


def regime_key(destination: str) -> str | None:
    """The regime key: "CN", "EU" for a member state, "GB", "AU", "CA", "JP"; None where we have no rules."""
    if destination in OWN_REGIME:
        return destination
    if destination in eu_members():
        return EU
    return None
