"""The landed-cost engine: destination regimes, tariff and tax data with effective dates, explanations.

Plain Python (no Django). Entry points: `quote(QuoteRequest.from_dict(data)).as_dict()`, and
`landed_price_for_listing(...)` for product cards.
"""

from borderless.trade.engine import landed_price_for_listing, preload, quote
from borderless.trade.freight import default_freight
from borderless.trade.rate_card import Bracket, FreightCharge, InvalidRateCard, RateCard, parse_rate_card
from borderless.trade.regimes import Regime, regime_for
from borderless.trade.request import InvalidRequest, NetContent, QuoteRequest, RateOverride, RequestItem
from borderless.trade.result import FULL, NOT_ALLOWED, PREFERENTIAL, ChannelOption, LineQuote, Quote, Reason

__all__ = [
    "Bracket",
    "FreightCharge",
    "InvalidRateCard",
    "RateCard",
    "parse_rate_card",
    "FULL",
    "NOT_ALLOWED",
    "PREFERENTIAL",
    "ChannelOption",
    "InvalidRequest",
    "LineQuote",
    "NetContent",
    "Quote",
    "QuoteRequest",
    "RateOverride",
    "Reason",
    "Regime",
    "RequestItem",
    "default_freight",
    "landed_price_for_listing",
    "preload",
    "quote",
    "regime_for",
]
