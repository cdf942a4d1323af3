"""A listing's landed price abroad at the seller's rate card (or the platform's default freight), with no
prior annual purchases.

The checkout prices real orders; this is what a product card and the seller's calculator show.
"""

from datetime import date
from decimal import Decimal

from borderless.catalog.models import Product
from borderless.catalog.rate_cards import freight_card
from borderless.trade import InvalidRequest, NetContent, Quote, QuoteRequest, RequestItem, quote

# The destinations the storefront and the seller's calculator offer, in the order shown.
DESTINATIONS = ("CN", "JP", "GB", "DE", "FR", "AU", "CA")


def listing_quote(
    product: Product, unit_price_usd: Decimal, destination: str, on: date | None = None, quantity: int = 1
) -> Quote | None:
    """The quote for `quantity` units, or None when the product cannot be quoted (e.g. an unknown HS code).

    Freight from the seller's rate card: load products with `select_related("seller__rate_card")`."""
    item = RequestItem(
        hs_code=product.hs_code,
        unit_price=Decimal(unit_price_usd),
        quantity=quantity,
        description=product.title_en,
        net_content=NetContent(product.net_content_value, product.net_content_unit),
        weight_g=product.unit_weight_g,
    )
    try:
        card = freight_card(product.seller)
        return quote(QuoteRequest(destination, (item,), "USD", on, freight_card=card))
    except InvalidRequest:
        return None
