"""The shape of the demo catalogue: product lines, pack sizes and options, and how a listing is composed.

A category module describes what is really sold in that category (lines, packs, options, sentences in
English and Chinese); `compose_products` turns that into listings for one seller, deterministically from the
random generator it is given.
"""

import random
from dataclasses import dataclass, field
from decimal import Decimal

from borderless.accounts.regions import state_name


@dataclass(frozen=True)
class Pack:
    """One size of a product line: net content, shipping weight of one unit and a typical US retail price."""

    code: str
    value: str
    unit: str  # "g", "ml" or "piece"
    weight_g: int
    label_en: str
    label_zh: str
    price_usd: str = ""  # empty: priced from the line's price per 100 g or ml


@dataclass(frozen=True)
class Option:
    """One SKU of a listing: same pack, a different grade, colour, flavour, vintage or pack count."""

    code: str
    en: str
    zh: str
    price_factor: str = "1"


@dataclass(frozen=True)
class Line:
    code: str
    kind: str  # sellers pick the kinds of a category they make, e.g. "pecan" in nuts-dried-fruit
    hs_code: str
    name_en: str
    name_zh: str
    packs: tuple[Pack, ...]
    options: tuple[Option, ...]
    about_en: tuple[str, ...]
    about_zh: tuple[str, ...]
    shape: str  # how images.py draws it
    price_per_100: str = ""  # USD per 100 g or 100 ml, for packs without their own price


@dataclass(frozen=True)
class CategoryContent:
    slug: str
    lines: tuple[Line, ...]
    # Sentences shared by the category; {brand}, {state}, {city} are filled in per seller.
    story_en: tuple[str, ...]
    story_zh: tuple[str, ...]
    usage_en: tuple[str, ...]
    usage_zh: tuple[str, ...]
    state_in_zh_title: bool = True
    background: tuple[int, int, int] = (240, 236, 228)


@dataclass(frozen=True)
class SellerBrand:
    """What a listing needs to know about the seller that makes it."""

    code: str
    brand_en: str
    brand_zh: str
    state: str
    city: str
    city_zh: str
    kinds: frozenset[str] = field(default_factory=frozenset)


@dataclass
class ProductDraft:
    category: str
    line: Line
    pack: Pack
    fields: dict
    skus: list[dict]
    alt_en: str
    alt_zh: str


def _price(base: str, factor: Decimal) -> Decimal:
    """A shelf price: the base scaled by the seller's price level, ending in .99 (or .49 under $10)."""
    raw = Decimal(base) * factor
    whole = int(raw)
    if raw < 10 and raw - whole < Decimal("0.5"):
        return Decimal(whole) + Decimal("0.49")
    return Decimal(max(whole, 1)) + Decimal("0.99")


BULK_DISCOUNT = (Decimal("1"), Decimal("0.9"), Decimal("0.82"))


def pack_price(line: Line, pack: Pack) -> str:
    """The pack's own price, or the line's price per 100 g/ml with a discount for the bigger packs."""
    if pack.price_usd:
        return pack.price_usd
    if not line.price_per_100:
        raise ValueError(f"{line.name_en} {pack.label_en} has no price.")
    by_size = sorted(line.packs, key=lambda p: Decimal(p.value))
    discount = BULK_DISCOUNT[min(by_size.index(pack), len(BULK_DISCOUNT) - 1)]
    return str(Decimal(line.price_per_100) * Decimal(pack.value) / 100 * discount)


def compose_products(
    content: CategoryContent, seller: SellerBrand, count: int, rng: random.Random, gtin_for
) -> list[ProductDraft]:
    """Up to `count` listings of the seller's lines in this category, each line and pack at most once."""
    lines = [line for line in content.lines if not seller.kinds or line.kind in seller.kinds]
    if not lines:
        raise ValueError(f"{seller.brand_en} makes no line of {content.slug}; check its kinds.")
    # Round-robin over the lines so that a seller's shelf is varied before any line repeats in another size.
    queues = [[(line, pack) for pack in rng.sample(line.packs, len(line.packs))] for line in lines]
    rng.shuffle(queues)
    combos = []
    while any(queues) and len(combos) < count:
        for queue in queues:
            if queue and len(combos) < count:
                combos.append(queue.pop(0))
    price_level = Decimal(rng.randint(92, 118)) / 100
    place = {"brand": seller.brand_en, "state": state_name(seller.state), "city": seller.city}
    place_zh = {"brand": seller.brand_zh, "state": state_name(seller.state, "zh"), "city": seller.city_zh}
    drafts = []
    for line, pack in combos:
        state_zh = place_zh["state"] if content.state_in_zh_title else ""
        title_en = f"{seller.brand_en} {line.name_en}" + (f", {pack.label_en}" if pack.label_en else "")
        title_zh = f"{seller.brand_zh} {state_zh}{line.name_zh} {pack.label_zh}"
        picked = rng.sample(range(len(content.story_en)), min(2, len(content.story_en)))
        usage = rng.randrange(len(content.usage_en))
        description_en = " ".join(
            [*line.about_en, *(content.story_en[i].format(**place) for i in picked), content.usage_en[usage]]
        )
        description_zh = "".join(
            [
                *line.about_zh,
                *(content.story_zh[i].format(**place_zh) for i in picked),
                content.usage_zh[usage],
            ]
        )
        options = rng.sample(line.options, rng.randint(1, min(3, len(line.options)))) if line.options else []
        options.sort(key=lambda o: Decimal(o.price_factor))
        base = _price(pack_price(line, pack), price_level)
        skus = []
        for option in options or [Option("STD", "", "")]:
            price = _price(str(base * Decimal(option.price_factor)), Decimal(1))
            stock = 0 if rng.random() < 0.06 else rng.randint(5, 500)
            skus.append(
                {
                    "code": f"{seller.code}-{line.code}-{pack.code}-{option.code}",
                    "option_en": option.en,
                    "option_zh": option.zh,
                    "price_usd": price,
                    "stock": stock,
                    "gtin": gtin_for() if rng.random() < 0.45 else "",
                }
            )
        fields = {
            "category": content.slug,
            "brand_name": seller.brand_en,
            "hs_code": line.hs_code,
            "origin_state": seller.state,
            "title_en": title_en,
            "title_zh": " ".join(title_zh.split()),
            "description_en": description_en,
            "description_zh": description_zh,
            "net_content_value": Decimal(pack.value),
            "net_content_unit": pack.unit,
            "unit_weight_g": Decimal(pack.weight_g),
        }
        drafts.append(
            ProductDraft(content.slug, line, pack, fields, skus, alt_en=title_en, alt_zh=fields["title_zh"])
        )
    return drafts
