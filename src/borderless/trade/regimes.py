"""One regime per destination behind one interface, chosen by the destination country."""

from __future__ import annotations

from typing import Protocol

from borderless.trade import cn_cbec
from borderless.trade.request import InvalidRequest
from borderless.trade.result import PreparedOrder, Quote


class Regime(Protocol):
    code: str

    def currency_for(self, destination: str) -> str: ...

    def assess(self, order: PreparedOrder) -> Quote: ...


class _ChinaCBEC:
    code = "CN-CBEC"

    def currency_for(self, destination: str) -> str:
        return "CNY"

    def assess(self, order: PreparedOrder) -> Quote:
        return cn_cbec.assess(order)


CN_CBEC = _ChinaCBEC()


def _registry() -> dict[str, Regime]:
    from borderless.trade import secondary

    table: dict[str, Regime] = {
        "CN": CN_CBEC,
        "GB": secondary.UK,
        "AU": secondary.AU,
        "CA": secondary.CA,
        "JP": secondary.JP,
    }
    for member in secondary.EU_MEMBERS:
        table[member] = secondary.EU
    return table


_REGIMES: dict[str, Regime] | None = None


def regime_for(destination: str) -> Regime:
    global _REGIMES
    if _REGIMES is None:
        _REGIMES = _registry()
    regime = _REGIMES.get(destination)
    if regime is None:
        import pycountry

        if pycountry.countries.get(alpha_2=destination) is None:
            raise InvalidRequest(f"destination: {destination!r} is not an ISO 3166 country code.")
        raise InvalidRequest(
            f"destination: no landed-cost rules for {destination} yet (we quote CN, EU, GB, AU, CA, JP)."
        )
    return regime
