"""HS code suggestions for a listing, from its English text and its category (the trade engine's rules)."""

from borderless.catalog.categories import CATEGORIES
from borderless.catalog.models import Product
from borderless.trade.hs_suggest import HsFlag, HsSuggestion, hs_code_flags, suggest_hs_codes

_CATEGORIES = {spec.slug: spec for spec in CATEGORIES}


def suggest_for(title_en: str, description_en: str = "", category: str = "") -> list[HsSuggestion]:
    spec = _CATEGORIES.get(category or "")
    return suggest_hs_codes(
        title_en, description_en, spec.name_en if spec else "", spec.typical_hs_code if spec else ""
    )


def suggest_for_product(product: Product) -> list[HsSuggestion]:
    return suggest_for(product.title_en, product.description_en, product.category.slug)


def flags_of(product: Product) -> tuple[HsFlag, ...]:
    """What the listing's current HS code means for China, shown to the seller before publishing."""
    return hs_code_flags(product.hs_code)
