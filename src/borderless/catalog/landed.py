"""A listing's landed price abroad: one unit at the platform's default freight, no prior annual purchases.

The checkout prices real orders; this is what a product card and the seller's calculator show.
"""

from datetime import date
from decimal import Decimal

from borderless.catalog.models import Product
from borderless.trade import InvalidRequest, Quote, landed_price_for_listing

# The destinations the storefront and the seller's calculator offer, in the order shown.
DESTINATIONS = ("CN", "JP", "GB", "DE", "FR", "AU", "CA")


def listing_quote(
    product: Product, unit_price_usd: Decimal, destination: str, on: date | None = None
) -> Quote | None:
    """The quote for one unit, or None when the product cannot be quoted at all (e.g. an unknown HS code)."""
    try:
        return landed_price_for_listing(
            destination,
            product.hs_code,
            unit_price_usd,
            (product.net_content_value, product.net_content_unit),
            product.unit_weight_g,
            on=on,
        )
    except InvalidRequest:
        return None
