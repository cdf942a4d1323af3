"""Whether brand protection keeps a listing from buyers: the one rule, with every reason in one place.

A listing is held while its current screening holds it, while a takedown case holds it, or while its
seller's store is frozen or closed. Whoever changes one of these calls `refresh_listing_hold()`."""

from borderless.catalog import services as catalog
from borderless.catalog.models import Product
from borderless.trust.casework_models import HOLDING_STATUSES, Case, SellerStanding
from borderless.trust.models import ListingScreening


def listing_held(product: Product) -> bool:
    screening = ListingScreening.objects.filter(product_id=product.pk, is_current=True).first()
    if screening is not None and screening.holds_listing:
        return True
    if Case.objects.filter(product_id=product.pk, status__in=HOLDING_STATUSES).exists():
        return True
    standing = SellerStanding.objects.filter(seller_id=product.seller_id).first()
    return bool(standing and standing.holds_listings)


def refresh_listing_hold(product: Product) -> bool:
    held = listing_held(product)
    catalog.set_held_from_buyers(product, held)
    return held


def refresh_seller_holds(seller_id: int) -> None:
    """After a store freeze starts or ends: every listing of the seller."""
    for product in Product.objects.filter(seller_id=seller_id).only("pk", "seller_id", "held_from_buyers"):
        refresh_listing_hold(product)
