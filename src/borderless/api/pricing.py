"""Prices in the buyer's currency: one FX rate per request, shown with its date and source."""

from dataclasses import dataclass
from decimal import Decimal

from ninja import Schema

from borderless.api.errors import ApiError

PRICE_NOTE = "estimate before taxes"


class Price(Schema):
    amount: str
    currency: str


class FxOut(Schema):
    rate: str
    date: str
    source: str


@dataclass(frozen=True)
class Pricing:
    currency: str
    rate: object  # borderless.money.fx.FxRate

    def price(self, amount_usd: Decimal | None) -> Price | None:
        from borderless.money import Money

        if amount_usd is None:
            return None
        converted = self.rate.convert(Money(Decimal(amount_usd), "USD"))
        return Price(amount=str(converted.amount), currency=converted.currency)

    def fx(self) -> FxOut:
        return FxOut(rate=str(self.rate.rate), date=str(self.rate.date), source=str(self.rate.source))


def _rate(base: str, quote: str):
    from borderless.money.fx import get_rate

    try:
        return get_rate(base, quote)
    except (LookupError, ValueError) as exc:
        raise ApiError(
            422,
            f"Prices cannot be shown in '{quote if base == 'USD' else base}'.",
            details={"currency": [str(exc) or "Unknown currency."]},
        ) from None


def pricing_for(currency: str) -> Pricing:
    """USD → the requested currency; an unknown currency is a 422 naming the field."""
    return Pricing(currency=currency, rate=_rate("USD", currency))


def to_usd(amount: Decimal | None, currency: str) -> Decimal | None:
    """A price bound the buyer typed in their currency, as US dollars for the search filter."""
    from borderless.money import Money

    if amount is None:
        return None
    if currency == "USD":
        return amount
    return _rate(currency, "USD").convert(Money(amount, currency)).amount
