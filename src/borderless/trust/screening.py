"""Screening use cases: gather a listing's facts, run the rules, store the result for that listing version,
hold or release the listing, and let operators decide what the rules held."""

import hashlib
import json
import threading
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from borderless.accounts.models import User
from borderless.catalog.models import Product, ProductImage
from borderless.money import fx
from borderless.money.core import Money
from borderless.trust.holds import refresh_listing_hold
from borderless.trust.images import from_hex, perceptual_hash_of_file, to_hex
from borderless.trust.models import (
    Brand,
    BrandStatus,
    Decision,
    ListingImageHash,
    ListingScreening,
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


def brand_registry() -> BrandRegistry:
    """The verified brands, rebuilt only when a brand changed (one aggregate query to find out)."""
    stamp = tuple(Brand.objects.aggregate(latest=Max("updated_at"), brands=Count("id")).values())
    with _cache_lock:
        if _cache["stamp"] != stamp or _cache["registry"] is None:
            _cache["registry"] = _build_registry()
            _cache["stamp"] = stamp
        return _cache["registry"]


def record_image_hash(image: ProductImage) -> int:
    value = perceptual_hash_of_file(image.image.file)
    ListingImageHash.objects.update_or_create(image=image, defaults={"phash": to_hex(value)})
    return value


def _image_hashes(product: Product) -> tuple[int, ...]:
    images = list(product.images.all())
    stored = {
        h.image_id: from_hex(h.phash)
        for h in ListingImageHash.objects.filter(image__in=[i.pk for i in images])
    }
    return tuple(stored[i.pk] if i.pk in stored else record_image_hash(i) for i in images)


def past_blocked(product: Product) -> int:
    return (
        ListingScreening.objects.filter(seller_id=product.seller_id, is_current=True)
        .exclude(product_id=product.pk)
        .filter(Q(decision=Decision.UPHELD) | Q(verdict=Verdict.BLOCKED, decision=""))
        .count()
    )


def listing_facts(product: Product) -> ListingFacts:
    skus = list(product.skus.all())
    return ListingFacts(
        seller_id=product.seller_id,
        brand_field=product.brand_name,
        title_en=product.title_en,
        title_zh=product.title_zh,
        description_en=product.description_en,
        description_zh=product.description_zh,
        prices_usd=tuple(s.price_usd for s in skus),
        gtins=tuple(s.gtin for s in skus if s.gtin),
        image_hashes=_image_hashes(product),
        seller_past_blocked=past_blocked(product),
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
    facts = listing_facts(product)
    result = screen(facts, brand_registry())
    version = content_hash(facts)
    reasons = [{"signal": r.signal, "detail": r.detail, "points": r.points} for r in result.reasons]
    current = ListingScreening.objects.filter(product=product, is_current=True).first()
    if (
        current
        and current.content_hash == version
        and (current.score, current.verdict, current.reasons) == (result.score, result.verdict, reasons)
    ):
        refresh_hold(product)
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
    refresh_hold(product)
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
    screening.decision = decision
    screening.decided_by = operator
    screening.decided_at = timezone.now()
    screening.decision_note = (note or "").strip()[:500]
    screening.save(update_fields=["decision", "decided_by", "decided_at", "decision_note"])
    refresh_hold(screening.product)
    return screening
