"""One regime per destination behind one interface, chosen by the destination country."""

from __future__ import annotations

from typing import Protocol

from borderless.trade import cn_cbec, secondary
from borderless.trade.request import check_destination
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

# By regime key (`destinations.regime_key`): every EU member state shares the EU's.
REGIMES: dict[str, Regime] = {
    "CN": CN_CBEC,
    "EU": secondary.EU,
    "GB": secondary.UK,
    "AU": secondary.AU,
    "CA": secondary.CA,
    "JP": secondary.JP,
}


def regime_for(destination: str) -> Regime:
    """The regime of a destination we quote; InvalidRequest (with what to fix) for any other."""
    return REGIMES[check_destination(destination)]
