"""Saving a listing, screened: the catalog's writes and the screening in one transaction. The seller
centre, the API and the CSV importer call these, so no listing reaches buyers unscreened."""

from collections.abc import Mapping

from django.db import transaction

from borderless.accounts.models import User
from borderless.catalog import csv_io
from borderless.catalog import services as catalog
from borderless.catalog.models import Product, ProductImage
from borderless.trust.models import ListingScreening
from borderless.trust.screening import record_image_hash, screen_listing, screen_saved_listing
from borderless.trust.strikes import ensure_may_list


@transaction.atomic
def create_listing(user: User, fields: Mapping, skus: list[Mapping]) -> tuple[Product, ListingScreening]:
    ensure_may_list(catalog.seller_of(user).pk)
    product = catalog.create_product(user, fields, skus)
    return product, screen_saved_listing(product)


@transaction.atomic
def update_listing(
    user: User, product: Product, fields: Mapping, skus: list[Mapping] | None = None
) -> tuple[Product, ListingScreening]:
    ensure_may_list(catalog.seller_of(user).pk)
    product = catalog.update_product(user, product, fields, skus)  # locked and saved: screened as it is
    return product, screen_saved_listing(product)


@transaction.atomic
def add_listing_image(
    user: User, product: Product, upload, alt_en: str = "", alt_zh: str = ""
) -> ProductImage:
    ensure_may_list(catalog.seller_of(user).pk)
    image = catalog.add_image(user, product, upload, alt_en=alt_en, alt_zh=alt_zh)
    record_image_hash(image)
    screen_listing(product)
    return image


@transaction.atomic
def remove_listing_image(user: User, product: Product, image_id: int) -> None:
    catalog.remove_image(user, product, image_id)
    screen_listing(product)


def import_listings(user: User, data: bytes, max_bytes: int) -> csv_io.ImportReport:
    ensure_may_list(catalog.seller_of(user).pk)
    return csv_io.import_products(user, data, max_bytes, after_save=screen_saved_listing)


def _screen_imported_image(product: Product, image: ProductImage) -> None:
    record_image_hash(image)
    screen_listing(product)


def import_storefront_listings(user: User, data: bytes, max_bytes: int, **options):
    """A Shopify or WooCommerce export, every product and image screened as it is saved."""
    from borderless.catalog.storefront_import import import_storefront_products

    ensure_may_list(catalog.seller_of(user).pk)
    return import_storefront_products(
        user, data, max_bytes, after_save=screen_saved_listing, after_image=_screen_imported_image, **options
    )
