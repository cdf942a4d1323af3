"""The signals besides names: fake-signal words, price against MSRP, copied official images, registered
GTINs, and the seller's history."""

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from borderless.trust.rules.facts import ListingFacts, Reason, ReferenceProduct
from borderless.trust.rules.registry import BrandRegistry
from borderless.trust.rules.text import han_text

FAKE_SIGNALS_FILE = Path(__file__).resolve().parent.parent / "data" / "fake_signals.txt"
IMAGE_DISTANCE = 10  # of 64 bits: resized, recompressed, slightly cropped or tinted copies stay within it
PRICE_FAR_BELOW = Decimal("0.35")
PRICE_BELOW = Decimal("0.50")


@lru_cache(maxsize=1)
def fake_signal_terms() -> tuple[tuple[re.Pattern, str, int], ...]:
    terms = []
    for line in FAKE_SIGNALS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        points, term = line.split("\t", 1)
        term = term.strip().lower()
        pattern = re.escape(term)
        if term.isascii():
            pattern = rf"(?<![a-z0-9]){pattern}(?![a-z0-9])"
        terms.append((re.compile(pattern), term, int(points)))
    return tuple(terms)


def fake_signal_words(text: str) -> list[Reason]:
    joined, _ = han_text(unicodedata.normalize("NFKC", text).lower())
    return [
        Reason("fake_signal_words", f"The listing says “{term}”.", points)
        for pattern, term, points in fake_signal_terms()
        if pattern.search(joined)
    ]


def price_against_msrp(prices: tuple[Decimal, ...], product: ReferenceProduct, brand: str) -> Reason | None:
    if not prices or not product.msrp_usd:
        return None
    lowest = min(prices)
    share = lowest / product.msrp_usd
    if share >= PRICE_BELOW:
        return None
    points = 30 if share < PRICE_FAR_BELOW else 15
    detail = (
        f"Price ${lowest} is {share:.0%} of the ${product.msrp_usd} MSRP of {brand}'s “{product.name_en}”."
    )
    return Reason("price_below_msrp", detail, points)


def copied_images(listing: ListingFacts, registry: BrandRegistry) -> dict[int, tuple[ReferenceProduct, int]]:
    """Per brand, the reference product whose official image a listing image is closest to, within reach."""
    found: dict[int, tuple[ReferenceProduct, int]] = {}
    for listing_hash in listing.image_hashes:
        for official, brand_id, product in registry.images:
            distance = (listing_hash ^ official).bit_count()
            if distance <= IMAGE_DISTANCE and distance < found.get(brand_id, (None, 65))[1]:
                found[brand_id] = (product, distance)
    return found


def registered_gtins(
    listing: ListingFacts, registry: BrandRegistry
) -> dict[int, tuple[ReferenceProduct, str]]:
    found = {}
    for gtin in listing.gtins:
        if gtin in registry.gtins:
            brand_id, product = registry.gtins[gtin]
            found[brand_id] = (product, gtin)
    return found


def seller_history(past_blocked: int) -> Reason | None:
    if past_blocked <= 0:
        return None
    points = 25 if past_blocked >= 2 else 10
    return Reason("seller_history", f"The seller has {past_blocked} earlier listing(s) blocked.", points)
