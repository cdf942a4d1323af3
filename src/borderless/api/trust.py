"""Brand protection: brand owners register brands, reference products and authorised sellers; operators
verify brands and decide the listings screening held."""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile

from borderless.api.auth import AUTH
from borderless.api.errors import READ_ERRORS, WRITE_ERRORS, Error
from borderless.api.fields import Text
from borderless.api.links import read_links
from borderless.trust import screening
from borderless.trust import services as trust
from borderless.trust.models import Brand, BrandProduct, Decision, ListingScreening, TrademarkOffice

router = Router(tags=["brands"], auth=AUTH)
ops_router = Router(tags=["operations"], auth=AUTH)


class TrademarkIn(Schema):
    office: Literal[tuple(TrademarkOffice.values)]
    number: Text(40, 1)
    classes: list[int] = Field(..., min_length=1, max_length=45, description="Nice classes, 1 to 45.")
    expires_on: date


class BrandIn(Schema):
    name_en: Text(100, 1)
    name_zh: Text(100) = ""
    name_pinyin: Text(200) = ""
    aliases: list[Text(100)] = Field([], max_length=20)
    website: Text(200) = ""
    trademarks: list[TrademarkIn] = Field(..., min_length=1, max_length=20)


class TrademarkOut(Schema):
    office: str
    number: str
    classes: list[int]
    expires_on: date


class ReferenceProductOut(Schema):
    id: UUID
    name_en: str
    name_zh: str
    msrp_amount: str
    msrp_currency: str
    gtins: list[str]
    images: int


class BrandOut(Schema):
    id: UUID
    name_en: str
    name_zh: str
    name_pinyin: str
    aliases: list[str]
    website: str
    status: Literal["pending", "verified", "rejected"]
    status_note: str
    trademarks: list[TrademarkOut]
    documents: int
    products: list[ReferenceProductOut]
    authorized_sellers: list[UUID]
    created_at: datetime


def _product_out(product: BrandProduct) -> ReferenceProductOut:
    return ReferenceProductOut(
        id=product.public_id,
        name_en=product.name_en,
        name_zh=product.name_zh,
        msrp_amount=str(product.msrp_amount),
        msrp_currency=product.msrp_currency,
        gtins=[g.gtin for g in product.gtins.all()],
        images=len(product.images.all()),
    )


def brand_out(brand: Brand) -> BrandOut:
    return BrandOut(
        id=brand.public_id,
        name_en=brand.name_en,
        name_zh=brand.name_zh,
        name_pinyin=brand.name_pinyin,
        aliases=list(brand.aliases),
        website=brand.website,
        status=brand.status,
        status_note=brand.status_note,
        trademarks=[
            TrademarkOut(office=t.office, number=t.number, classes=t.classes, expires_on=t.expires_on)
            for t in brand.trademarks.all()
        ],
        documents=brand.documents.count(),
        products=[_product_out(p) for p in brand.products.prefetch_related("gtins", "images")],
        authorized_sellers=[a.seller.public_id for a in brand.authorized_sellers.select_related("seller")],
        created_at=brand.created_at,
    )


@router.post(
    "/brands",
    response={201: BrandOut, WRITE_ERRORS: Error},
    openapi_extra=read_links(201, "trust", get_brand={"brand_id": "$response.body#/id"}),
)
def register_brand(request: HttpRequest, payload: BrandIn):
    """A brand owner registers a brand with its trademark registrations; it is pending until an operator
    verifies it. Supporting documents go to `POST /brands/{id}/documents`."""
    fields = payload.dict(exclude={"trademarks"})
    trademarks = [t.dict() for t in payload.trademarks]
    return Status(201, brand_out(trust.register_brand(request.auth, fields, trademarks)))


@router.get("/brands", response={200: list[BrandOut], READ_ERRORS: Error})
def list_brands(request: HttpRequest):
    """A brand owner's own brands; an operator's, every brand (oldest first, at most 100)."""
    return [brand_out(b) for b in trust.readable_brands(request.auth).order_by("created_at", "id")[:100]]


@router.get("/brands/{brand_id}", response={200: BrandOut, READ_ERRORS: Error})
def get_brand(request: HttpRequest, brand_id: UUID):
    """A brand owner reads its own brands only (404 for another's); an operator reads any brand."""
    return brand_out(trust.get_readable_brand(request.auth, brand_id))


@router.post("/brands/{brand_id}/documents", response={201: BrandOut, WRITE_ERRORS: Error})
def add_document(request: HttpRequest, brand_id: UUID, document: File[UploadedFile]):
    """A supporting document (PDF, JPEG or PNG, at most 10 MB): registration certificate, licence."""
    brand = trust.get_own_brand(request.auth, brand_id)
    trust.add_document(request.auth, brand, document)
    return Status(201, brand_out(brand))


class ReferenceProductIn(Schema):
    name_en: Text(200, 1)
    name_zh: Text(200) = ""
    msrp_amount: Text(20, 1) = Field(..., description='The list price, e.g. "320.00".')
    msrp_currency: Text(3, 3) = "USD"
    gtins: Text(400) = Field("", description="GTINs separated by commas.")


@router.post("/brands/{brand_id}/products", response={201: ReferenceProductOut, WRITE_ERRORS: Error})
def add_reference_product(
    request: HttpRequest,
    brand_id: UUID,
    product: Form[ReferenceProductIn],
    images: File[list[UploadedFile]] = None,
):
    """A verified brand's genuine product, with official images (JPEG, PNG, WebP or GIF, at most 5 MB)."""
    brand = trust.get_own_brand(request.auth, brand_id)
    gtins = [g for g in product.gtins.replace(" ", ",").split(",") if g]
    fields = product.dict(exclude={"gtins"})
    created = trust.add_reference_product(request.auth, brand, fields, gtins, images or [])
    return Status(201, _product_out(created))


class AuthorizedSellerIn(Schema):
    seller_id: UUID


@router.post("/brands/{brand_id}/authorized-sellers", response={201: BrandOut, WRITE_ERRORS: Error})
def authorize_seller(request: HttpRequest, brand_id: UUID, payload: AuthorizedSellerIn):
    """A seller the brand lets sell its goods: its listings of the brand are clear."""
    brand = trust.get_own_brand(request.auth, brand_id)
    trust.authorize_seller(request.auth, brand, payload.seller_id)
    return Status(201, brand_out(brand))


# --- operations ---


class BrandReviewIn(Schema):
    note: Text(500) = ""


def _require_operator(request: HttpRequest) -> None:
    if not request.auth.is_operator:  # before any lookup: a non-operator learns nothing about the id
        raise PermissionDenied("Only operators can review brands and listings.")


@ops_router.post("/brands/{brand_id}/verify", response={200: BrandOut, WRITE_ERRORS: Error})
def verify_brand(request: HttpRequest, brand_id: UUID, payload: BrandReviewIn):
    _require_operator(request)
    return brand_out(trust.verify_brand(request.auth, Brand.objects.get(public_id=brand_id), payload.note))


@ops_router.post("/brands/{brand_id}/reject", response={200: BrandOut, WRITE_ERRORS: Error})
def reject_brand(request: HttpRequest, brand_id: UUID, payload: BrandReviewIn):
    _require_operator(request)
    return brand_out(trust.reject_brand(request.auth, Brand.objects.get(public_id=brand_id), payload.note))


class HeldListingOut(Schema):
    id: UUID
    product_id: UUID
    title_en: str
    seller: str
    brand: str | None
    verdict: Literal["review", "blocked"]
    score: int
    reasons: list[dict]
    screened_at: datetime


class QueueQuery(Schema):
    limit: int = Field(50, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


def _held_out(row: ListingScreening) -> HeldListingOut:
    return HeldListingOut(
        id=row.public_id,
        product_id=row.product.public_id,
        title_en=row.product.title_en,
        seller=row.seller.display_name,
        brand=row.brand.name_en if row.brand else None,
        verdict=row.verdict,
        score=row.score,
        reasons=row.reasons,
        screened_at=row.screened_at,
    )


@ops_router.get("/screenings", response={200: list[HeldListingOut], READ_ERRORS: Error})
def review_queue(request: HttpRequest, page: Query[QueueQuery]):
    """Listings held by screening that no operator has decided yet, highest risk first."""
    _require_operator(request)
    rows = screening.review_queue()[page.offset : page.offset + page.limit]
    return [_held_out(r) for r in rows]


class ScreeningDecisionIn(Schema):
    decision: Literal["cleared", "upheld"]
    note: Text(500) = ""


@ops_router.post("/screenings/{screening_id}/decision", response={200: HeldListingOut, WRITE_ERRORS: Error})
def decide(request: HttpRequest, screening_id: UUID, payload: ScreeningDecisionIn):
    """Clear a held listing (buyers see it again) or uphold the hold."""
    _require_operator(request)
    row = screening.decide(request.auth, screening_id, Decision(payload.decision), payload.note)
    return _held_out(ListingScreening.objects.select_related("product", "seller", "brand").get(pk=row.pk))
