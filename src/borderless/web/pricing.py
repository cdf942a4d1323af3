"""USD list prices shown to buyers in their currency at the latest ECB reference rate, one rate a request."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings

from borderless.money import Money
from borderless.money.fx import FxRate, get_rate

BUYER_CURRENCY = "CNY"


@dataclass(frozen=True)
class BuyerPricing:
    fx: FxRate

    def price(self, usd: Decimal | None) -> Money | None:
        if usd is None:
            return None
        return self.fx.convert(Money(Decimal(usd), "USD"))

    def to_usd(self, amount: str | None) -> Decimal | None:
        """A price bound typed by the buyer in CNY, in USD for the catalog filter; None if blank or bad."""
        try:
            value = Decimal(str(amount).strip())
        except (InvalidOperation, ValueError):
            return None
        if not value.is_finite() or value < 0 or value > Decimal("100000000"):
            return None
        return (value / self.fx.rate).quantize(Decimal("0.01"))


def buyer_pricing() -> BuyerPricing:
    return BuyerPricing(get_rate("USD", BUYER_CURRENCY, margin_bps=settings.FX_MARGIN_BPS))
