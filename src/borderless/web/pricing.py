"""What buyers see as prices: the landed price in the destination's currency, and the reference FX rate.

One FX rate per request; landed prices come from the trade engine in memory, so no query per product.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from borderless.catalog.landed import DESTINATIONS, listing_quote
from borderless.money import Money
from borderless.money.fx import FxRate, get_rate
from borderless.trade import Quote, regime_for

DESTINATION_COOKIE = "borderless_destination"
DEFAULT_DESTINATION = "CN"
DESTINATION_NAMES = {
    "CN": gettext_lazy("Mainland China"),
    "JP": gettext_lazy("Japan"),
    "GB": gettext_lazy("United Kingdom"),
    "DE": gettext_lazy("Germany"),
    "FR": gettext_lazy("France"),
    "AU": gettext_lazy("Australia"),
    "CA": gettext_lazy("Canada"),
}

# Why a product may not be sold to the buyer's country, in the buyer's words (rule ids from TRADE_RULES).
REFUSALS = {
    "CN-C4": gettext_lazy(
        "Over the cross-border e-commerce limits (RMB 5,000 per order, RMB 26,000 per person a year)."
    ),
    "CN-C8": gettext_lazy("Not on China's cross-border e-commerce retail import list."),
    "CN-C15": gettext_lazy(
        "Goods of this kind (fresh produce, meat, dairy, live animals) may not be sent to China by parcel."
    ),
    "HS": gettext_lazy("No import tax data for this product's HS code yet."),
}
EXPLAINED_ELSEWHERE = {"FX", "CN-C1", "CN-C2", "CN-C16"}


def destination_of(request) -> str:
    chosen = request.COOKIES.get(DESTINATION_COOKIE, DEFAULT_DESTINATION)
    return chosen if chosen in DESTINATIONS else DEFAULT_DESTINATION


def refusal_text(quote: Quote | None) -> str:
    if quote is None:
        return str(REFUSALS["HS"])
    for reason in quote.reasons:
        if reason.rule in REFUSALS:
            return str(REFUSALS[reason.rule])
    for reason in quote.reasons:
        if reason.rule not in EXPLAINED_ELSEWHERE:
            return _("Not allowed into this country (rule %(rule)s).") % {"rule": reason.rule}
    return _("Not allowed into this country.")


@dataclass(frozen=True)
class Landed:
    """What a product card or page shows of one landed quote."""

    quote: Quote | None

    @property
    def allowed(self) -> bool:
        return bool(self.quote and self.quote.allowed and self.quote.total is not None)

    @property
    def refusal(self) -> str:
        return "" if self.allowed else refusal_text(self.quote)

    @property
    def full_tax(self) -> bool:
        return bool(self.quote and self.quote.treatment == "full")


@dataclass(frozen=True)
class BuyerPricing:
    destination: str
    currency: str
    fx: FxRate

    @property
    def destination_name(self) -> str:
        return str(DESTINATION_NAMES[self.destination])

    @property
    def choices(self) -> list[tuple[str, str]]:
        return [(code, str(DESTINATION_NAMES[code])) for code in DESTINATIONS]

    def price(self, usd: Decimal | None) -> Money | None:
        """The list price converted at the reference rate: an estimate before taxes and freight."""
        if usd is None:
            return None
        return self.fx.convert(Money(Decimal(usd), "USD"))

    def landed(self, product, usd: Decimal | None) -> Landed | None:
        if usd is None:
            return None
        return Landed(listing_quote(product, Decimal(usd), self.destination))

    def to_usd(self, amount: str | None) -> Decimal | None:
        """A price bound the buyer typed in their currency, in USD for the filter; None if blank or bad."""
        try:
            value = Decimal(str(amount).strip())
        except (InvalidOperation, ValueError):
            return None
        if not value.is_finite() or value < 0 or value > Decimal("100000000"):
            return None
        return (value / self.fx.rate).quantize(Decimal("0.01"))


def buyer_pricing(request=None) -> BuyerPricing:
    destination = destination_of(request) if request is not None else DEFAULT_DESTINATION
    currency = regime_for(destination).currency_for(destination)
    return BuyerPricing(destination, currency, get_rate("USD", currency, margin_bps=settings.FX_MARGIN_BPS))
