"""What screening reads and returns: frozen plain data, built once from the database (or a test's file)."""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class ReferenceProduct:
    key: str
    name_en: str
    name_zh: str
    msrp_usd: Decimal | None
    gtins: tuple[str, ...] = ()
    image_hashes: tuple[int, ...] = ()


@dataclass(frozen=True)
class BrandFacts:
    id: int
    name_en: str
    name_zh: str = ""
    name_pinyin: str = ""
    aliases: tuple[str, ...] = ()
    # The brand's own seller organisation and the sellers it authorised: their listings are clear of it.
    allowed_seller_ids: frozenset[int] = frozenset()
    products: tuple[ReferenceProduct, ...] = ()


@dataclass(frozen=True)
class ListingFacts:
    seller_id: int
    brand_field: str
    title_en: str
    title_zh: str
    description_en: str = ""
    description_zh: str = ""
    prices_usd: tuple[Decimal, ...] = ()
    gtins: tuple[str, ...] = ()
    image_hashes: tuple[int, ...] = ()
    # The seller's other listings whose screening ended blocked or upheld by an operator.
    seller_past_blocked: int = 0


@dataclass(frozen=True)
class Reason:
    signal: str
    detail: str
    points: int


@dataclass(frozen=True)
class Screening:
    score: int
    verdict: str
    reasons: tuple[Reason, ...] = field(default_factory=tuple)
    brand_id: int | None = None
