"""The HS code panel of the seller's product page."""

from borderless.catalog.hs_suggestions import flags_of, suggest_for, suggest_for_product
from borderless.catalog.models import Product


def hs_panel(product: Product | None, data=None) -> dict:
    """What the product page shows about its HS code: the current code's flags and the suggestions (from
    the saved listing, or from the form's text while a new one is written)."""
    if product is not None and data is None:
        return {
            "current": product.hs_code,
            "flags": flags_of(product),
            "suggestions": suggest_for_product(product),
        }
    data = data or {}
    found = suggest_for(data.get("title_en", ""), data.get("description_en", ""), data.get("category", ""))
    return {"current": "", "flags": (), "suggestions": found}
