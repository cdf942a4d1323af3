"""What a buyer's product page reads, in as few and as plain queries as the page allows.

A product page is the storefront's most frequent request, and building an ORM query with annotations costs
more CPU than PostgreSQL spends answering it; so these read by key, without the per-product aggregates that
`buyer_products()` adds for listings (the page has the SKUs themselves).
"""

import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection

from borderless.catalog.models import Product, ProductImage, Sku


@dataclass(frozen=True)
class BuyerListing:
    """One product as a buyer sees it: the product (with its category and seller), its images, its SKUs."""

    product: Product
    images: list[ProductImage]
    skus: list[Sku]

    @property
    def min_price_usd(self) -> Decimal | None:
        return min((sku.price_usd for sku in self.skus), default=None)


def buyer_listing(public_id) -> BuyerListing | None:
    """The product if buyers may see it (`Product.objects.visible_to_buyers()`, as everywhere), in three
    queries; None otherwise."""
    try:
        product = (
            Product.objects.visible_to_buyers()
            .select_related("category", "seller__rate_card")
            .get(public_id=public_id)
        )
    except Product.DoesNotExist:
        return None
    images = list(ProductImage.objects.filter(product_id=product.pk))
    skus = list(Sku.objects.filter(product_id=product.pk))
    return BuyerListing(product, images, skus)


def sku_stock(product_id: int) -> dict[str, int]:
    """Each SKU's stock now, by SKU public id (as text): one query on an index, no ORM query to build."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT public_id, stock FROM {Sku._meta.db_table} WHERE product_id = %s",  # noqa: S608
            [product_id],
        )
        rows = cursor.fetchall()
    # SQLite keeps a UUID as 32 hex digits; PostgreSQL returns a UUID.
    return {str(value if isinstance(value, uuid.UUID) else uuid.UUID(value)): stock for value, stock in rows}
