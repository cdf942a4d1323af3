"""A listing's score, verdict and reasons against the verified brands."""

from borderless.trust.rules import signals
from borderless.trust.rules.facts import BrandFacts, ListingFacts, Reason, ReferenceProduct, Screening
from borderless.trust.rules.names import NameMatch, find_names
from borderless.trust.rules.registry import BrandRegistry
from borderless.trust.rules.text import han_bigrams, latin_words

# How much of each field is read: several times what the catalog accepts (a brand of 100 characters, titles
# of 200, descriptions of 5,000), so that screening stays bounded whatever a caller passes.
READ_BRAND = 200
READ_TITLE = 1000
READ_DESCRIPTION = 6000
REVIEW_AT = 50
BLOCK_AT = 80
PLACE_POINTS = {"brand": 45, "title": 35, "description": 15}
SHORT_NAME_POINTS = {"brand": 45, "title": 20, "description": 10}
COMPATIBILITY_POINTS = 10
DISGUISE_POINTS = 15
CONTEXT_POINTS = 20
LOOKS_LIKE_POINTS = 20
IMAGE_POINTS = 60
GTIN_POINTS = 60
COPY_WORDS_POINTS = 25
# Disguises that only a copy has a reason for: a short name (MK, QX) written so counts as a full name.
_DELIBERATE = frozenset({"look-alike letters", "full-width letters", "digits for letters"})
CONTEXT_WORDS = 2  # words of a reference product's name the title must share to be about that product


def verdict_for(score: int) -> str:
    if score >= BLOCK_AT:
        return "blocked"
    return "review" if score >= REVIEW_AT else "clear"


def _title_words(listing: ListingFacts) -> set[str]:
    text = f"{listing.brand_field} {listing.title_en} {listing.title_zh}"
    return {w.text for w in latin_words(text)} | han_bigrams(text)


def _words_needed(product_words: frozenset[str]) -> int:
    """Two words of the product's name, or one if its name in a language has just one besides the brand's
    (Maple Ridge Maple Syrup is named by "syrup")."""
    latin = sum(1 for w in product_words if w.isascii())
    han = len(product_words) - latin
    return min(CONTEXT_WORDS, min((n for n in (latin, han) if n), default=CONTEXT_WORDS))


def _about_product(brand_id: int, words: set[str], registry: BrandRegistry) -> ReferenceProduct | None:
    best, best_overlap = None, 0
    for product, product_words in registry.context.get(brand_id, ()):
        overlap = len(words & product_words)
        if overlap >= _words_needed(product_words) and overlap > best_overlap:
            best, best_overlap = product, overlap
    return best


def _name_reasons(matches: list[NameMatch], brand: BrandFacts) -> list[Reason]:
    best = max(matches, key=lambda m: _name_points(m))
    where = {"brand": "brand field", "title": "title", "description": "description"}[best.place]
    if best.compatibility:
        return [Reason("brand_name", f"Names {brand.name_en} as what it fits (“{best.written}”).", 10)]
    reasons = [
        Reason("brand_name", f"Names {brand.name_en} in its {where} (“{best.written}”).", _name_points(best))
    ]
    plainly_named = any(not m.disguise for m in matches)
    # A homophone beside the plainly written name is a transliteration (柯克兰 for Kirkland), and a part of
    # it beside the whole is the same name again: neither is a disguise.
    disguises = [
        m
        for m in matches
        if m.disguise
        and not m.compatibility
        and not (plainly_named and m.disguise in ("homophone characters", "part of the name"))
    ]
    # The disguise of the whole name (坦贝丽) tells more than the part of it that is written plainly (坦贝).
    disguised = min(disguises, key=lambda m: m.disguise == "part of the name", default=None)
    if disguised:
        detail = f"{brand.name_en} written as “{disguised.written}” ({disguised.disguise})."
        reasons.append(Reason("disguised_brand_name", detail, DISGUISE_POINTS))
    copied = next((m for m in matches if m.copy_words), None)
    if copied:
        detail = f"Calls itself a copy of {brand.name_en} (“{copied.copy_words}”)."
        reasons.append(Reason("copy_of_brand", detail, COPY_WORDS_POINTS))
    return reasons


def _name_points(match: NameMatch) -> int:
    if match.compatibility:
        return COMPATIBILITY_POINTS
    short = match.key.short and match.disguise not in _DELIBERATE
    table = SHORT_NAME_POINTS if short else PLACE_POINTS
    return table[match.place]


def _brand_reasons(
    brand: BrandFacts,
    names: list[NameMatch],
    image: tuple[ReferenceProduct, int] | None,
    gtin: tuple[ReferenceProduct, str] | None,
    listing: ListingFacts,
    words: set[str],
    registry: BrandRegistry,
    fake_words: bool,
) -> list[Reason]:
    reasons: list[Reason] = []
    named = bool(names) and not all(m.compatibility for m in names)
    if names:
        reasons += _name_reasons(names, brand)
    product = _about_product(brand.id, words, registry)
    if product and named:
        reasons.append(
            Reason("brand_product", f"Describes {brand.name_en}'s “{product.name_en}”.", CONTEXT_POINTS)
        )
    elif product and fake_words and not names:
        detail = f"Looks like {brand.name_en}'s “{product.name_en}” and says it imitates something."
        reasons.append(Reason("brand_product", detail, LOOKS_LIKE_POINTS))
    if image:
        detail = (
            f"An image matches an official image of {brand.name_en}'s “{image[0].name_en}” "
            f"({image[1]}/64 bits differ)."
        )
        reasons.append(Reason("official_image", detail, IMAGE_POINTS))
    if gtin:
        detail = f"GTIN {gtin[1]} is registered to {brand.name_en}'s “{gtin[0].name_en}”."
        reasons.append(Reason("registered_gtin", detail, GTIN_POINTS))
    # The price is compared only with the product the listing is shown to be (its GTIN, its image, or a
    # named brand and the product's words): a coach's whistle is not a cheap Coach bag.
    priced = (gtin and gtin[0]) or (image and image[0]) or (product if named else None)
    cheap = signals.price_against_msrp(listing.prices_usd, priced, brand.name_en) if priced else None
    if cheap:
        reasons.append(cheap)
    return reasons


def screen(listing: ListingFacts, registry: BrandRegistry) -> Screening:
    places = {
        "brand": listing.brand_field[:READ_BRAND],
        "title": f"{listing.title_en[:READ_TITLE]}\n{listing.title_zh[:READ_TITLE]}",
        "description": "\n".join(
            d[:READ_DESCRIPTION] for d in (listing.description_en, listing.description_zh)
        ),
    }
    general = signals.fake_signal_words("\n".join(places.values()))
    history = signals.seller_history(listing.seller_past_blocked)
    if history:
        general.append(history)
    names_by_brand: dict[int, list[NameMatch]] = {}
    for match in find_names(places, registry):
        names_by_brand.setdefault(match.key.brand_id, []).append(match)
    images = signals.copied_images(listing, registry)
    gtins = signals.registered_gtins(listing, registry)
    words = _title_words(listing)
    fake_words = any(r.signal == "fake_signal_words" for r in general)
    best_brand, best_reasons = None, []
    candidates = (
        set(names_by_brand) | set(images) | set(gtins) | (set(registry.brands) if fake_words else set())
    )
    for brand_id in candidates:
        brand = registry.brands[brand_id]
        if listing.seller_id in brand.allowed_seller_ids:
            continue
        reasons = _brand_reasons(
            brand,
            names_by_brand.get(brand_id, []),
            images.get(brand_id),
            gtins.get(brand_id),
            listing,
            words,
            registry,
            fake_words,
        )
        if sum(r.points for r in reasons) > sum(r.points for r in best_reasons):
            best_brand, best_reasons = brand_id, reasons
    reasons = sorted(best_reasons + general, key=lambda r: -r.points)
    score = min(100, sum(r.points for r in reasons))
    return Screening(score, verdict_for(score), tuple(reasons), best_brand)
