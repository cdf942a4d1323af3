"""Prices in the buyer's currency: one FX rate per request, shown with its date and source; and the landed
price in the buyer's country, from the trade engine in memory (no query per product)."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from ninja import Schema

from borderless.api.errors import ApiError
from borderless.api.trade import QuoteReason
from borderless.catalog.landed import listing_quote
from borderless.catalog.models import Product
from borderless.money import Money
from borderless.money.fx import FxRate, get_rate
from borderless.trade import InvalidRequest, regime_for

PRICE_NOTE = "estimate before taxes"
DEFAULT_DESTINATION = "CN"


class Price(Schema):
    amount: str
    currency: str


class LandedOut(Schema):
    """One unit delivered to `destination` (freight by the seller's rate card, or the default card), duty and
    taxes paid, in its currency.

    `total` and `total_tax` are null when the destination refuses the item or a rate is unknown."""

    destination: str
    currency: str
    total: str | None
    total_tax: str | None
    treatment: str
    allowed: bool
    reasons: list[QuoteReason]


class FxOut(Schema):
    rate: str
    date: str
    source: str
    stale: bool


@dataclass(frozen=True)
class Pricing:
    currency: str
    rate: FxRate
    destination: str = DEFAULT_DESTINATION

    def price(self, amount_usd: Decimal | None) -> Price | None:
        data = self.price_data(amount_usd)
        return None if data is None else Price.model_validate(data)

    def price_data(self, amount_usd: Decimal | None) -> dict | None:
        """`Price` as JSON-ready data (what `Price.model_dump(mode="json")` gives), built without a model."""
        if amount_usd is None:
            return None
        converted = self.rate.convert(Money(Decimal(amount_usd), "USD"))
        return {"amount": str(converted.amount), "currency": converted.currency}

    def landed_data(self, product: Product, min_price_usd: Decimal | None) -> dict | None:
        """The cheapest SKU landed in `destination`, as JSON-ready data (what `LandedOut.model_dump(mode=
        "json")` gives), without a model; None without a price or when it cannot be quoted."""
        if min_price_usd is None:
            return None
        quote = listing_quote(product, Decimal(min_price_usd), self.destination)
        if quote is None:
            return None
        allowed = quote.allowed
        return {
            "destination": quote.destination,
            "currency": quote.currency,
            "total": str(quote.total.amount) if allowed and quote.total is not None else None,
            "total_tax": str(quote.total_tax.amount) if allowed and quote.total_tax is not None else None,
            "treatment": quote.treatment,
            "allowed": allowed,
            "reasons": [r.as_dict() for r in quote.reasons],
        }

    def fx(self) -> FxOut:
        return FxOut.model_validate(self.fx_data())

    def fx_data(self) -> dict:
        rate = self.rate
        return {
            "rate": str(rate.rate),
            "date": rate.date.isoformat(),
            "source": rate.source,
            "stale": rate.stale,
        }


def _rate(base: str, quote: str, margin_bps: int = 0) -> FxRate:
    try:
        return get_rate(base, quote, margin_bps=margin_bps)
    except (LookupError, ValueError) as exc:
        raise ApiError(
            422,
            f"Prices cannot be shown in '{quote if base == 'USD' else base}'.",
            details={"currency": [str(exc) or "Unknown currency."]},
        ) from None


def pricing_for(currency: str, destination: str = DEFAULT_DESTINATION) -> Pricing:
    """USD → the requested currency, landed in `destination`; an unknown currency or a destination the
    engine cannot quote is a 422 naming the field."""
    rate = _rate("USD", currency, settings.FX_MARGIN_BPS)
    try:
        regime_for(destination)
    except InvalidRequest as exc:
        raise ApiError(
            422, f"Landed prices cannot be shown for '{destination}'.", details={"destination": [exc.message]}
        ) from None
    return Pricing(currency=currency, rate=rate, destination=destination)


def to_usd(amount: Decimal | None, currency: str) -> Decimal | None:
    """A price bound the buyer typed in their currency, as US dollars for the search filter."""
    if amount is None:
        return None
    if currency == "USD":
        return amount
    rate = _rate(currency, "USD")
    try:
        return rate.convert(Money(amount, currency)).amount
    except ValueError as exc:
        raise ApiError(422, "The price bound is not valid.", details={"price": [str(exc)]}) from None
