"""Listing versions: every distinct content a listing had, kept with its images, for evidence.

Called by the catalog's own writes (never by signals); a write that leaves the content as it was (stock,
visibility) records nothing."""

import hashlib
import json

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from borderless.catalog.models import ListingVersion, Product

VERSION_IMAGE_DIR = "listing-versions"


def _image_record(image, known: dict[str, dict]) -> dict:
    """An image of the listing by content; its bytes kept once under their SHA-256 (removal keeps them)."""
    name = image.image.name
    if name in known:
        return known[name]
    try:
        with image.image.open("rb") as handle:
            data = handle.read()
    except (FileNotFoundError, ValueError):  # a file gone from storage: the version still names it
        return {"file": name, "sha256": "", "kept_as": "", "alt_en": image.alt_en, "alt_zh": image.alt_zh}
    digest = hashlib.sha256(data).hexdigest()
    kept = f"{VERSION_IMAGE_DIR}/{digest}.jpg"
    if not default_storage.exists(kept):
        default_storage.save(kept, ContentFile(data))
    return {"file": name, "sha256": digest, "kept_as": kept, "alt_en": image.alt_en, "alt_zh": image.alt_zh}


def listing_content(product: Product, known_images: dict[str, dict] | None = None) -> dict:
    """The listing as buyers see it: texts, prices, stock-free SKUs, images and status."""
    return {
        "public_id": str(product.public_id),
        "seller": str(product.seller.public_id),
        "seller_name": product.seller.display_name,
        "status": product.status,
        "category": product.category.slug,
        "brand_name": product.brand_name,
        "title_en": product.title_en,
        "title_zh": product.title_zh,
        "description_en": product.description_en,
        "description_zh": product.description_zh,
        "hs_code": product.hs_code,
        "origin": f"{product.origin_country}-{product.origin_state}",
        "net_content": f"{product.net_content_value} {product.net_content_unit}",
        "skus": [
            {
                "code": s.code,
                "option_en": s.option_en,
                "option_zh": s.option_zh,
                "price_usd": str(s.price_usd),
                "gtin": s.gtin,
            }
            for s in product.skus.order_by("code")
        ],
        "images": [_image_record(i, known_images or {}) for i in product.images.order_by("position", "id")],
    }


def record_version(product: Product) -> ListingVersion | None:
    """Store the listing's content if it differs from its last version; None when nothing changed."""
    last = ListingVersion.objects.filter(product_id=product.pk).order_by("-number").first()
    known = {i["file"]: i for i in last.content.get("images", [])} if last else {}
    content = listing_content(product, known)
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    if last and last.content_hash == digest:
        return None
    return ListingVersion.objects.create(
        product_id=product.pk, number=(last.number + 1) if last else 1, content_hash=digest, content=content
    )
