"""Prices in the buyer's currency: one FX rate per request, shown with its date and source."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from ninja import Schema

from borderless.api.errors import ApiError
from borderless.money import Money
from borderless.money.fx import FxRate, get_rate

PRICE_NOTE = "estimate before taxes"


class Price(Schema):
    amount: str
    currency: str


class FxOut(Schema):
    rate: str
    date: str
    source: str
    stale: bool


@dataclass(frozen=True)
class Pricing:
    currency: str
    rate: FxRate

    def price(self, amount_usd: Decimal | None) -> Price | None:
        if amount_usd is None:
            return None
        converted = self.rate.convert(Money(Decimal(amount_usd), "USD"))
        return Price(amount=str(converted.amount), currency=converted.currency)

    def fx(self) -> FxOut:
        rate = self.rate
        return FxOut(rate=str(rate.rate), date=rate.date.isoformat(), source=rate.source, stale=rate.stale)


def _rate(base: str, quote: str, margin_bps: int = 0) -> FxRate:
    try:
        return get_rate(base, quote, margin_bps=margin_bps)
    except (LookupError, ValueError) as exc:
        raise ApiError(
            422,
            f"Prices cannot be shown in '{quote if base == 'USD' else base}'.",
            details={"currency": [str(exc) or "Unknown currency."]},
        ) from None


def pricing_for(currency: str) -> Pricing:
    """USD → the requested currency; an unknown currency is a 422 naming the field."""
    return Pricing(currency=currency, rate=_rate("USD", currency, settings.FX_MARGIN_BPS))


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
