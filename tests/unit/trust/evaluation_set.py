"""The screening evaluation set (tests/data/trust) as the rules' plain data: brands, listings, images."""

import csv
import json
import random
import zlib
from decimal import Decimal
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw, ImageEnhance

from borderless.trust.images import perceptual_hash
from borderless.trust.rules import BrandFacts, BrandRegistry, ListingFacts, ReferenceProduct

DATA = Path(__file__).resolve().parents[2] / "data" / "trust"
OFFENDER_SELLER = 900
OTHER_SELLER = 1


def picture(seed: str, size: int = 256) -> Image.Image:
    """A product photo stand-in: shapes and colours drawn from the seed, the same for the same seed."""
    rng = random.Random(zlib.crc32(seed.encode()))
    image = Image.new("RGB", (size, size), tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randrange(size), rng.randrange(size)
        w, h = rng.randrange(20, size // 2), rng.randrange(20, size // 2)
        colour = tuple(rng.randrange(256) for _ in range(3))
        if rng.random() < 0.5:
            draw.ellipse((x, y, x + w, y + h), fill=colour)
        else:
            draw.rectangle((x, y, x + w, y + h), fill=colour)
    return image


def variant(image: Image.Image, how: str) -> Image.Image:
    """What counterfeiters do to an official image before reusing it."""
    if how == "copy":
        return image.copy()
    if how == "copy_small":
        return image.resize((image.width // 2, image.height // 2))
    if how == "copy_jpeg":
        buffer = BytesIO()
        image.save(buffer, "JPEG", quality=40)
        buffer.seek(0)
        return Image.open(buffer).convert("RGB")
    if how == "copy_crop":
        margin = image.width // 20
        return image.crop((margin, margin, image.width - margin, image.height - margin))
    if how == "copy_tint":
        return ImageEnhance.Color(ImageEnhance.Brightness(image).enhance(1.15)).enhance(0.8)
    raise ValueError(how)


def seller_id(column: str, brand_ids: dict[str, int]) -> int:
    if column == "offender":
        return OFFENDER_SELLER
    if ":" in column:
        return 100 + brand_ids[column.split(":", 1)[1]]
    return OTHER_SELLER


@lru_cache(maxsize=1)
def load_brands() -> tuple[list[BrandFacts], dict[str, int], dict[str, ReferenceProduct]]:
    raw = json.loads((DATA / "evaluation_brands.json").read_text(encoding="utf-8"))["brands"]
    brands, ids, products = [], {}, {}
    for number, brand in enumerate(raw, 1):
        ids[brand["key"]] = number
        refs = []
        for product in brand["products"]:
            ref = ReferenceProduct(
                key=product["key"],
                name_en=product["name_en"],
                name_zh=product["name_zh"],
                msrp_usd=Decimal(product["msrp"]),
                gtins=tuple(product["gtins"]),
                image_hashes=(perceptual_hash(picture(product["key"])),),
            )
            refs.append(ref)
            products[ref.key] = ref
        brands.append(
            BrandFacts(
                id=number,
                name_en=brand["name_en"],
                name_zh=brand["name_zh"],
                aliases=tuple(brand["aliases"]),
                allowed_seller_ids=frozenset({100 + number}),
                products=tuple(refs),
            )
        )
    return brands, ids, products


def registry() -> BrandRegistry:
    return BrandRegistry(load_brands()[0])


def load_listings() -> list[dict]:
    with (DATA / "evaluation_listings.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def listing_facts(row: dict) -> ListingFacts:
    _, ids, products = load_brands()
    ref = products.get(row["ref"])
    if row["image"] == "own":
        hashes = (perceptual_hash(picture(row["id"])),)
    elif row["image"] == "none":
        hashes = ()
    else:
        hashes = (perceptual_hash(variant(picture(ref.key), row["image"])),)
    return ListingFacts(
        seller_id=seller_id(row["seller"], ids),
        brand_field=row["brand_field"],
        title_en=row["title_en"],
        title_zh=row["title_zh"],
        description_en=row["description"],
        prices_usd=(Decimal(row["price_usd"]),),
        gtins=(ref.gtins[0],) if row["gtin"] == "ref" else (),
        image_hashes=hashes,
        seller_past_blocked=3 if row["seller"] == "offender" else 0,
    )
