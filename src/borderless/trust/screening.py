"""Screening use cases: gather a listing's facts, run the rules, store the result for that listing version,
hold or release the listing, and let operators decide what the rules held."""

import hashlib
import json
import threading
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from borderless.accounts.models import User
from borderless.catalog.models import Product, ProductImage
from borderless.money import fx
from borderless.money.core import Money
from borderless.trust.holds import hold_listing_if, is_held, other_holds_sql, refresh_listing_hold
from borderless.trust.images import from_hex, perceptual_hash_of_file, to_hex
from borderless.trust.models import (
    Brand,
    BrandStatus,
    Decision,
    ListingImageHash,
    ListingScreening,
    RegistryVersion,
    Trigger,
    Verdict,
)
from borderless.trust.rules import BrandFacts, BrandRegistry, ListingFacts, ReferenceProduct, screen
from borderless.trust.services import require_operator

_cache_lock = threading.Lock()
_cache: dict = {"stamp": None, "registry": None}


def _msrp_usd(amount: Decimal, currency: str) -> Decimal | None:
    if currency == "USD":
        return amount
    try:
        return fx.get_rate(currency, "USD").convert(Money(amount, currency)).amount
    except (fx.FxError, ValueError):
        return None


def _build_registry() -> BrandRegistry:
    brands = (
        Brand.objects.filter(status=BrandStatus.VERIFIED)
        .prefetch_related("products__gtins", "products__images", "authorized_sellers")
        .order_by("id")
    )
    facts = []
    for brand in brands:
        allowed = {a.seller_id for a in brand.authorized_sellers.all()}
        if brand.own_seller_id:
            allowed.add(brand.own_seller_id)
        products = tuple(
            ReferenceProduct(
                key=str(p.public_id),
                name_en=p.name_en,
                name_zh=p.name_zh,
                msrp_usd=_msrp_usd(p.msrp_amount, p.msrp_currency),
                gtins=tuple(g.gtin for g in p.gtins.all()),
                image_hashes=tuple(from_hex(i.phash) for i in p.images.all()),
            )
            for p in brand.products.all()
        )
        facts.append(
            BrandFacts(
                id=brand.pk,
                name_en=brand.name_en,
                name_zh=brand.name_zh,
                name_pinyin=brand.name_pinyin,
                aliases=tuple(brand.aliases),
                allowed_seller_ids=frozenset(allowed),
                products=products,
            )
        )
    return BrandRegistry(facts)


def _registry_stamp_sql() -> str:
    """What tells that a brand changed (every change through the services moves the registry's version and
    `updated_at`; a brand made or removed elsewhere changes the count), as columns another SELECT lists:
    checking the cached registry costs no statement of its own."""
    table, version = Brand._meta.db_table, RegistryVersion._meta.db_table
    return (
        f"(SELECT MAX(updated_at) FROM {table}) AS brands_latest, "  # noqa: S608
        f"(SELECT COUNT(*) FROM {table}) AS brands_count, "  # noqa: S608
        f"(SELECT number FROM {version} WHERE id = 1) AS registry_version"  # noqa: S608
    )


def _registry_for(stamp: tuple) -> BrandRegistry:
    with _cache_lock:
        if _cache["stamp"] != stamp or _cache["registry"] is None:
            _cache["registry"] = _build_registry()
            _cache["stamp"] = stamp
        return _cache["registry"]


def brand_registry() -> BrandRegistry:
    """The verified brands, rebuilt only when a brand changed (one query to find out)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_registry_stamp_sql()}")
        return _registry_for(tuple(cursor.fetchone()))


def record_image_hash(image: ProductImage) -> int:
    value = perceptual_hash_of_file(image.image.file)
    ListingImageHash.objects.update_or_create(image=image, defaults={"phash": to_hex(value)})
    return value


def _image_hashes(product: Product) -> tuple[int, ...]:
    """The hashes of the listing's images, read with the images in one query; an image without one (added
    outside `add_listing_image`) is hashed now."""
    rows = ProductImage.objects.filter(product_id=product.pk).values_list("pk", "perceptual_hash__phash")
    return tuple(
        from_hex(phash) if phash is not None else record_image_hash(ProductImage.objects.get(pk=pk))
        for pk, phash in rows
    )


def _past_blocked_sql(product: Product) -> tuple[str, list]:
    """The seller's other listings whose current screening is blocked (undecided) or upheld, as a column."""
    table = ListingScreening._meta.db_table
    sql = (  # the table name from the model; every value a parameter
        f"(SELECT COUNT(*) FROM {table} WHERE seller_id = %s AND is_current = %s"  # noqa: S608
        " AND product_id <> %s AND (decision = %s OR (verdict = %s AND decision = %s))) AS past_blocked"
    )
    return sql, [product.seller_id, True, product.pk, Decision.UPHELD, Verdict.BLOCKED, Decision.NONE]


def past_blocked(product: Product) -> int:
    sql, params = _past_blocked_sql(product)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {sql}", params)
        return cursor.fetchone()[0]


@dataclass(frozen=True)
class _Known:
    """What screening reads besides the listing's content, in one query: the current screening, the
    seller's history, the other reasons to hold the listing, and the brand registry's stamp."""

    current: ListingScreening | None
    past_blocked: int
    case_holds: bool
    standing_level: str | None
    registry_stamp: tuple


def _known(product: Product) -> _Known:
    blocked_sql, blocked_params = _past_blocked_sql(product)
    holds_sql, holds_params = other_holds_sql(product)
    table = ListingScreening._meta.db_table
    quote = connection.ops.quote_name
    columns = ", ".join(f"screening.{quote(f.column)}" for f in ListingScreening._meta.concrete_fields)
    # One row whether or not the listing was screened before (a new listing has no current screening).
    sql = (
        f"SELECT {columns}, {blocked_sql}, {holds_sql}, {_registry_stamp_sql()} "  # noqa: S608
        f"FROM (SELECT 1 AS one) AS listing "
        f"LEFT JOIN {table} AS screening ON screening.product_id = %s AND screening.is_current = %s"
    )
    row = next(iter(ListingScreening.objects.raw(sql, [*blocked_params, *holds_params, product.pk, True])))
    return _Known(
        current=row if row.pk is not None else None,
        past_blocked=row.past_blocked,
        case_holds=bool(row.case_holds),
        standing_level=row.standing_level,
        registry_stamp=(row.brands_latest, row.brands_count, row.registry_version),
    )


def listing_facts(product: Product, seller_past_blocked: int | None = None) -> ListingFacts:
    skus = list(product.skus.values_list("price_usd", "gtin"))
    return ListingFacts(
        seller_id=product.seller_id,
        brand_field=product.brand_name,
        title_en=product.title_en,
        title_zh=product.title_zh,
        description_en=product.description_en,
        description_zh=product.description_zh,
        prices_usd=tuple(price for price, _ in skus),
        gtins=tuple(gtin for _, gtin in skus if gtin),
        image_hashes=_image_hashes(product),
        seller_past_blocked=past_blocked(product) if seller_past_blocked is None else seller_past_blocked,
    )


def content_hash(facts: ListingFacts) -> str:
    """The listing version: what screening read of it, without the seller's history."""
    version = [
        facts.brand_field,
        facts.title_en,
        facts.title_zh,
        facts.description_en,
        facts.description_zh,
        sorted(str(p) for p in facts.prices_usd),
        sorted(facts.gtins),
        sorted(facts.image_hashes),
    ]
    return hashlib.sha256(json.dumps(version, ensure_ascii=False).encode()).hexdigest()


def refresh_hold(product: Product) -> bool:
    """Hide the listing from buyers while a trust record holds it (its screening, a takedown, a store
    freeze: `holds.listing_held`); show it again when none does."""
    return refresh_listing_hold(product)


@transaction.atomic
def screen_listing(product: Product, trigger: str = Trigger.LISTING_SAVED) -> ListingScreening:
    """Screen the listing as it is now and store the result; a version already screened with the same
    result is not stored again, and an operator's decision on a version stays with that version."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    return screen_saved_listing(product, trigger)


def screen_saved_listing(product: Product, trigger: str = Trigger.LISTING_SAVED) -> ListingScreening:
    """`screen_listing` for a listing the caller has just saved, in the caller's transaction, with the
    product row it locked and saved (no second lock, no reload); `product.held_from_buyers` follows."""
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError("Screen a saved listing inside its transaction.")
    known = _known(product)
    facts = listing_facts(product, known.past_blocked)
    result = screen(facts, _registry_for(known.registry_stamp))
    version = content_hash(facts)
    reasons = [{"signal": r.signal, "detail": r.detail, "points": r.points} for r in result.reasons]
    current = known.current
    if (
        current
        and current.content_hash == version
        and (current.score, current.verdict, current.reasons) == (result.score, result.verdict, reasons)
    ):
        hold_listing_if(product, is_held(current, known.case_holds, known.standing_level))
        return current
    carried = {}
    if current and current.content_hash == version and current.decision:
        carried = {
            "decision": current.decision,
            "decided_by_id": current.decided_by_id,
            "decided_at": current.decided_at,
            "decision_note": current.decision_note,
        }
    if current:
        ListingScreening.objects.filter(pk=current.pk).update(is_current=False)
    screening = ListingScreening.objects.create(
        product=product,
        seller_id=product.seller_id,
        content_hash=version,
        trigger=trigger,
        score=result.score,
        verdict=result.verdict,
        reasons=reasons,
        brand_id=result.brand_id,
        **carried,
    )
    hold_listing_if(product, is_held(screening, known.case_holds, known.standing_level))
    return screening


def current_screening(product: Product) -> ListingScreening | None:
    return ListingScreening.objects.filter(product=product, is_current=True).first()


def current_screenings(products) -> dict[int, ListingScreening]:
    """The current screening of each product, in one query (for lists)."""
    rows = ListingScreening.objects.filter(product__in=[p.pk for p in products], is_current=True)
    return {row.product_id: row for row in rows}


def review_queue():
    """Held listings no operator has decided yet, highest risk first."""
    return (
        ListingScreening.objects.filter(is_current=True, decision="")
        .exclude(verdict=Verdict.CLEAR)
        .select_related("product", "seller", "brand")
        .order_by("-score", "screened_at", "id")
    )


@transaction.atomic
def decide(operator: User, public_id, decision: str, note: str = "") -> ListingScreening:
    """An operator clears a held listing (buyers see it again) or upholds the hold."""
    require_operator(operator)
    if decision not in (Decision.CLEARED, Decision.UPHELD):
        from django.core.exceptions import ValidationError

        raise ValidationError({"decision": [_("Either cleared or upheld.")]})
    screening = ListingScreening.objects.select_for_update().get(public_id=public_id, is_current=True)
    if screening.verdict == Verdict.CLEAR:  # nothing is held: there is nothing to clear or uphold
        from django.core.exceptions import ValidationError

        raise ValidationError({"decision": [_("Only a held listing can be cleared or upheld.")]})
    screening.decision = decision
    screening.decided_by = operator
    screening.decided_at = timezone.now()
    screening.decision_note = (note or "").strip()[:500]
    screening.save(update_fields=["decision", "decided_by", "decided_at", "decision_note"])
    refresh_hold(screening.product)
    return screening
