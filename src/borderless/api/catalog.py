"""Catalog: what buyers browse (public) and what sellers manage (their own organisation's products only)."""

from datetime import datetime
from typing import Literal
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from ninja import Body, Field, File, Form, Query, Router, Schema, Status, UploadedFile

from borderless.accounts.models import Seller, Verification
from borderless.accounts.regions import state_name
from borderless.api.auth import AUTH
from borderless.api.errors import READ_ERRORS, WRITE_ERRORS, Error
from borderless.api.fields import MoneyAmount, Quantity, Text, Weight
from borderless.api.links import read_links
from borderless.api.pricing import (
    DEFAULT_DESTINATION,
    PRICE_NOTE,
    FxOut,
    LandedOut,
    Price,
    Pricing,
    pricing_for,
    to_usd,
)
from borderless.catalog import services
from borderless.catalog.models import Category, NetContentUnit, Product
from borderless.search.cache import cached_results
from borderless.search.services import search_products
from borderless.trust import listings
from borderless.trust.models import ListingScreening
from borderless.trust.screening import current_screening, current_screenings

public_router = Router(tags=["catalog"])
seller_router = Router(tags=["seller"], auth=AUTH)

Lang = Literal["zh-hans", "en"]
Currency = Field("CNY", pattern=r"^[A-Z]{3}$", description="ISO 4217 code; prices are converted from USD.")
Destination = Field(
    DEFAULT_DESTINATION,
    pattern=r"^[A-Z]{2}$",
    description="ISO 3166 country the landed price is for (CN, EU members, GB, AU, CA, JP).",
)


# --- shared pieces ---


class NetContent(Schema):
    value: Quantity
    unit: Literal[tuple(NetContentUnit.values)]


class NetContentOut(Schema):
    value: str
    unit: str


class ImageOut(Schema):
    url: str
    position: int
    alt_en: str
    alt_zh: str


class CategoryOut(Schema):
    slug: str
    name: str
    name_en: str
    name_zh: str
    typical_hs_code: str


def _images(product: Product) -> list[ImageOut]:
    return [
        ImageOut(url=i.image.url, position=i.position, alt_en=i.alt_en, alt_zh=i.alt_zh)
        for i in product.images.all()
    ]


def _image_data(image) -> dict:
    return {
        "url": image.image.url,
        "position": image.position,
        "alt_en": image.alt_en,
        "alt_zh": image.alt_zh,
    }


def _category(category: Category, lang: str) -> CategoryOut:
    return CategoryOut(
        slug=category.slug,
        name=category.name(lang),
        name_en=category.name_en,
        name_zh=category.name_zh,
        typical_hs_code=category.typical_hs_code,
    )


# --- public catalog ---


class SellerRef(Schema):
    id: UUID
    display_name: str


class SkuPublic(Schema):
    id: UUID
    code: str
    option: str
    price: Price
    price_usd: str
    in_stock: bool


class ProductCard(Schema):
    id: UUID
    title: str
    category: CategoryOut
    brand_name: str
    origin_state: str
    origin_state_name: str
    seller: SellerRef
    price_from: Price | None
    price_from_usd: str | None
    landed: LandedOut | None
    in_stock: bool
    image: ImageOut | None


class ProductDetail(ProductCard):
    description: str
    machine_translated: bool = Field(
        False, description="The Chinese was translated by machine and the seller has not reviewed it yet."
    )
    net_content: NetContentOut
    unit_weight_g: str
    images: list[ImageOut]
    skus: list[SkuPublic]
    fx: FxOut
    price_note: str


class ProductList(Schema):
    items: list[ProductCard]
    total: int
    limit: int
    offset: int
    query: str
    lang: str
    currency: str
    fx: FxOut
    price_note: str


class ProductQuery(Schema):
    q: Text(200) = ""
    category: Text(50) | None = None
    state: Text(2) | None = None
    min_price: MoneyAmount | None = None
    max_price: MoneyAmount | None = None
    lang: Lang = "zh-hans"
    currency: str = Currency
    destination: str = Destination
    limit: int = Field(24, ge=1, le=100)
    offset: int = Field(0, ge=0, le=10_000)


class ViewQuery(Schema):
    lang: Lang = "zh-hans"
    currency: str = Currency
    destination: str = Destination


def _seller_name(seller: Seller, lang: str) -> str:
    return seller.display_name_zh if lang.startswith("zh") and seller.display_name_zh else seller.display_name


def _card(product: Product, lang: str, pricing: Pricing) -> ProductCard:
    return ProductCard.model_validate(_card_data(product, lang, pricing))


def _card_data(product: Product, lang: str, pricing: Pricing) -> dict:
    """A `ProductCard` as JSON-ready data, built without models: a result page holds up to a hundred cards
    and validating each through the schema cost more than building it (ADR 0205)."""
    min_usd = getattr(product, "min_price_usd", None)
    stock = getattr(product, "total_stock", None)
    if min_usd is None or stock is None:
        skus = list(product.skus.all())
        min_usd = min((s.price_usd for s in skus), default=None)
        stock = sum(s.stock for s in skus)
    first = next(iter(product.images.all()), None)
    category, seller = product.category, product.seller
    return {
        "id": str(product.public_id),
        "title": product.title(lang),
        "category": {
            "slug": category.slug,
            "name": category.name(lang),
            "name_en": category.name_en,
            "name_zh": category.name_zh,
            "typical_hs_code": category.typical_hs_code,
        },
        "brand_name": product.brand_name,
        "origin_state": product.origin_state,
        "origin_state_name": state_name(product.origin_state, lang),
        "seller": {"id": str(seller.public_id), "display_name": _seller_name(seller, lang)},
        "price_from": pricing.price_data(min_usd),
        "price_from_usd": None if min_usd is None else str(min_usd),
        "landed": pricing.landed_data(product, min_usd),
        "in_stock": bool(stock),
        "image": None if first is None else _image_data(first),
    }


@public_router.get("/products", response={200: ProductList, 422: Error}, auth=None)
def list_products(request: HttpRequest, filters: Query[ProductQuery]):
    """Search published products. `min_price`/`max_price` are in `currency`; prices come back in it too.

    `landed` is the cheapest SKU delivered to `destination`, duty and taxes paid, in its own currency."""
    pricing = pricing_for(filters.currency, filters.destination)

    def find() -> dict:
        results = search_products(
            filters.q,
            category=filters.category or None,
            state=filters.state or None,
            min_price_usd=to_usd(filters.min_price, filters.currency),
            max_price_usd=to_usd(filters.max_price, filters.currency),
            limit=filters.limit,
            offset=filters.offset,
        )
        items = [_card_data(p, filters.lang, pricing) for p in results.products]
        return {"items": items, "total": results.total}

    inputs = [filters.model_dump(mode="json"), pricing.rate.rate, pricing.rate.date]
    found = cached_results("api", inputs, find)
    # The page is JSON-ready data in ProductList's field order, rendered as is: validating it again through
    # the schema would only copy it (tests check every answer against ProductList).
    return _json(
        request,
        {
            "items": found["items"],
            "total": found["total"],
            "limit": filters.limit,
            "offset": filters.offset,
            "query": filters.q,
            "lang": filters.lang,
            "currency": filters.currency,
            "fx": pricing.fx_data(),
            "price_note": PRICE_NOTE,
        },
    )


def _json(request: HttpRequest, data: dict) -> HttpResponse:
    """A 200 answer rendered by the API's own renderer, as django-ninja renders a validated schema."""
    from borderless.api.root import api  # the root imports this module

    return api.create_response(request, data, status=200)


@public_router.get(
    "/products/{product_id}", response={200: ProductDetail, frozenset({404, 422}): Error}, auth=None
)
def get_product(request: HttpRequest, product_id: UUID, view: Query[ViewQuery]):
    product = services.buyer_products().prefetch_related("skus").get(public_id=product_id)
    pricing = pricing_for(view.currency, view.destination)
    lang = view.lang
    card = _card(product, lang, pricing)
    return ProductDetail(
        **card.model_dump(),
        description=product.description(lang),
        machine_translated=lang.startswith("zh") and product.machine_translated,
        net_content=NetContentOut(value=str(product.net_content_value), unit=product.net_content_unit),
        unit_weight_g=str(product.unit_weight_g),
        images=_images(product),
        skus=[
            SkuPublic(
                id=s.public_id,
                code=s.code,
                option=(s.option_zh or s.option_en)
                if lang.startswith("zh")
                else (s.option_en or s.option_zh),
                price=pricing.price(s.price_usd),
                price_usd=str(s.price_usd),
                in_stock=s.stock > 0,
            )
            for s in product.skus.all()
        ],
        fx=pricing.fx(),
        price_note=PRICE_NOTE,
    )


@public_router.get("/categories", response={200: list[CategoryOut], 422: Error}, auth=None)
def list_categories(request: HttpRequest, lang: Lang = "zh-hans"):
    return [_category(c, lang) for c in Category.objects.all()]


class SellerPublic(Schema):
    id: UUID
    display_name: str
    about: str
    state: str
    state_name: str
    city: str
    business_type: str
    year_founded: int
    verified_at: datetime | None
    products: list[ProductCard]
    fx: FxOut
    price_note: str


@public_router.get(
    "/sellers/{seller_id}", response={200: SellerPublic, frozenset({404, 422}): Error}, auth=None
)
def get_seller(request: HttpRequest, seller_id: UUID, view: Query[ViewQuery]):
    seller = Seller.objects.get(public_id=seller_id, verification_status=Verification.VERIFIED)
    pricing = pricing_for(view.currency, view.destination)
    lang = view.lang
    about = (
        (seller.about_zh or seller.about_en)
        if lang.startswith("zh")
        else (seller.about_en or seller.about_zh)
    )
    products = services.buyer_products().filter(seller=seller).order_by("-published_at", "id")[:24]
    return SellerPublic(
        id=seller.public_id,
        display_name=_seller_name(seller, lang),
        about=about,
        state=seller.state,
        state_name=state_name(seller.state, lang),
        city=seller.city,
        business_type=seller.business_type,
        year_founded=seller.year_founded,
        verified_at=seller.verified_at,
        products=[_card(p, lang, pricing) for p in products],
        fx=pricing.fx(),
        price_note=PRICE_NOTE,
    )


# --- the seller's own products ---


class SkuIn(Schema):
    code: Text(64, 1)
    option_en: Text(100) = ""
    option_zh: Text(100) = ""
    price_usd: MoneyAmount
    stock: int = Field(ge=0, le=10_000_000)
    gtin: Text(14) = ""


class ProductIn(Schema):
    category: Text(50, 1)
    brand_name: Text(100, 1)
    hs_code: Text(20, 1)
    origin_state: Text(2) | None = None
    title_en: Text(200, 1)
    title_zh: Text(200) = Field("", description="Optional: left blank, it is machine-translated.")
    description_en: Text(5000, 1)
    description_zh: Text(5000) = Field(
        "", description="Optional: left blank, it is machine-translated from description_en."
    )
    net_content: NetContent
    unit_weight_g: Weight
    status: Literal["draft", "published"] = Field(
        "draft",
        description="`published` without a Chinese title publishes the listing as soon as its title is "
        "translated (`translation.publish_when_translated`).",
    )
    skus: list[SkuIn] = Field(min_length=1, max_length=services.MAX_SKUS)

    model_config = {
        "json_schema_extra": {
            "example": {
                "category": "maple-syrup",
                "brand_name": "Sugarbush Farm",
                "hs_code": "1702.20",
                "title_en": "Vermont maple syrup, grade A amber, 500 ml",
                "description_en": "Boiled over a wood fire from our own sugar maples.",
                "net_content": {"value": "500", "unit": "ml"},
                "unit_weight_g": "720",
                "status": "draft",
                "skus": [{"code": "MS-500", "price_usd": "18.50", "stock": 40, "gtin": "036000291452"}],
            }
        }
    }


class ProductPatch(Schema):
    category: Text(50, 1) | None = None
    brand_name: Text(100, 1) | None = None
    hs_code: Text(20, 1) | None = None
    origin_state: Text(2, 2) | None = None
    title_en: Text(200, 1) | None = None
    title_zh: Text(200) | None = Field(None, description="Blank: machine-translated again from title_en.")
    description_en: Text(5000, 1) | None = None
    description_zh: Text(5000) | None = Field(None, description="Blank: machine-translated again.")
    net_content: NetContent | None = None
    unit_weight_g: Weight | None = None
    status: Literal["draft", "published"] | None = None
    chinese_reviewed: bool | None = Field(
        None,
        description="true: the seller reviewed the machine-translated Chinese (sent changed or as it is); "
        "buyers no longer see the machine-translation mark.",
    )
    skus: list[SkuIn] | None = Field(None, min_length=1, max_length=services.MAX_SKUS)


class SkuOut(Schema):
    id: UUID
    code: str
    option_en: str
    option_zh: str
    price_usd: str
    stock: int
    gtin: str


class ScreeningReason(Schema):
    signal: str
    detail: str


class ScreeningOut(Schema):
    """Brand protection's screening of this version of the listing: `review` and `blocked` listings are
    hidden from buyers until an operator clears them."""

    verdict: Literal["clear", "review", "blocked"]
    score: int
    reasons: list[ScreeningReason]
    decision: Literal["", "cleared", "upheld"] = ""


class TranslationOut(Schema):
    """Where the listing's Chinese came from and whether a machine translation is pending."""

    status: Literal["done", "queued", "failed"]
    note: str = Field(description="Why the last attempt failed, or the English words left untranslated.")
    title_zh_origin: Literal["", "seller", "machine", "reviewed"]
    description_zh_origin: Literal["", "seller", "machine", "reviewed"]
    machine_translated: bool
    publish_when_translated: bool


class OwnProduct(Schema):
    id: UUID
    status: str
    held_from_buyers: bool
    screening: ScreeningOut | None
    translation: TranslationOut
    category: str
    brand_name: str
    hs_code: str
    origin_country: str
    origin_state: str
    title_en: str
    title_zh: str
    description_en: str
    description_zh: str
    net_content: NetContentOut
    unit_weight_g: str
    skus: list[SkuOut]
    images: list[ImageOut]
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None


class OwnProductList(Schema):
    items: list[OwnProduct]
    total: int
    limit: int
    offset: int


class PageQuery(Schema):
    status: Literal["draft", "published", "suspended"] | None = None
    limit: int = Field(50, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


def _screening(screening: ListingScreening | None) -> ScreeningOut | None:
    if screening is None:
        return None
    return ScreeningOut(
        verdict=screening.verdict,
        score=screening.score,
        reasons=[ScreeningReason(signal=r["signal"], detail=r["detail"]) for r in screening.reasons],
        decision=screening.decision,
    )


def _own(product: Product, screening: ListingScreening | None) -> OwnProduct:
    return OwnProduct(
        id=product.public_id,
        status=product.status,
        held_from_buyers=product.held_from_buyers,
        screening=_screening(screening),
        translation=TranslationOut(
            status=product.translation_status,
            note=product.translation_note,
            title_zh_origin=product.title_zh_origin,
            description_zh_origin=product.description_zh_origin,
            machine_translated=product.machine_translated,
            publish_when_translated=product.publish_when_translated,
        ),
        category=product.category.slug,
        brand_name=product.brand_name,
        hs_code=product.hs_code,
        origin_country=product.origin_country,
        origin_state=product.origin_state,
        title_en=product.title_en,
        title_zh=product.title_zh,
        description_en=product.description_en,
        description_zh=product.description_zh,
        net_content=NetContentOut(value=str(product.net_content_value), unit=product.net_content_unit),
        unit_weight_g=str(product.unit_weight_g),
        skus=[
            SkuOut(
                id=s.public_id,
                code=s.code,
                option_en=s.option_en,
                option_zh=s.option_zh,
                price_usd=str(s.price_usd),
                stock=s.stock,
                gtin=s.gtin,
            )
            for s in product.skus.all()
        ],
        images=_images(product),
        created_at=product.created_at,
        updated_at=product.updated_at,
        published_at=product.published_at,
    )


def _product_fields(payload: Schema) -> tuple[dict, list[dict] | None]:
    """The payload as the catalog service takes it: flat product fields and a list of SKUs."""
    fields = payload.model_dump(exclude_unset=True, exclude_none=True)
    skus = fields.pop("skus", None)
    net_content = fields.pop("net_content", None)
    if net_content is not None:
        fields["net_content_value"] = net_content["value"]
        fields["net_content_unit"] = net_content["unit"]
    return fields, skus


def _reload(request: HttpRequest, product: Product) -> OwnProduct:
    product = services.get_own_product(request.auth, product.public_id)
    return _own(product, current_screening(product))


@seller_router.get("/products", response={200: OwnProductList, READ_ERRORS: Error})
def list_own_products(request: HttpRequest, page: Query[PageQuery]):
    products = services.own_products(request.auth)
    if page.status:
        products = products.filter(status=page.status)
    total = products.count()
    window = (
        products.select_related("category")
        .prefetch_related("skus", "images")
        .order_by("-updated_at", "-id")[page.offset : page.offset + page.limit]
    )
    window = list(window)
    screenings = current_screenings(window)
    items = [_own(p, screenings.get(p.pk)) for p in window]
    return OwnProductList(items=items, total=total, limit=page.limit, offset=page.offset)


@seller_router.post(
    "/products",
    response={201: OwnProduct, WRITE_ERRORS: Error},
    openapi_extra=read_links(201, "catalog", get_own_product={"product_id": "$response.body#/id"}),
)
def create_product(request: HttpRequest, payload: ProductIn):
    fields, skus = _product_fields(payload)
    product, _ = listings.create_listing(request.auth, fields, skus)
    return Status(201, _reload(request, product))


@seller_router.get("/products/{product_id}", response={200: OwnProduct, READ_ERRORS: Error})
def get_own_product(request: HttpRequest, product_id: UUID):
    product = services.get_own_product(request.auth, product_id)
    return _own(product, current_screening(product))


@seller_router.patch("/products/{product_id}", response={200: OwnProduct, WRITE_ERRORS: Error})
def update_product(request: HttpRequest, product_id: UUID, payload: ProductPatch):
    product = services.get_own_product(request.auth, product_id)
    fields, skus = _product_fields(payload)
    listings.update_listing(request.auth, product, fields, skus)
    return _reload(request, product)


@seller_router.delete("/products/{product_id}", response={204: None, READ_ERRORS: Error})
def delete_product(request: HttpRequest, product_id: UUID):
    services.delete_product(request.auth, services.get_own_product(request.auth, product_id))
    return Status(204, None)


@seller_router.put("/products/{product_id}/stock", response={200: OwnProduct, WRITE_ERRORS: Error})
def set_stock(
    request: HttpRequest,
    product_id: UUID,
    stock: dict[str, int] = Body(..., openapi_extra={"example": {"SKU-1": 12}}),  # noqa: B008
):
    """Set the stock of SKUs by code: `{"SKU-1": 12, "SKU-2": 0}`."""
    product = services.get_own_product(request.auth, product_id)
    services.set_stock(request.auth, product, stock)
    return _reload(request, product)


class ImageMeta(Schema):
    alt_en: Text(200) = ""
    alt_zh: Text(200) = ""


@seller_router.post("/products/{product_id}/images", response={201: OwnProduct, WRITE_ERRORS: Error})
def add_image(request: HttpRequest, product_id: UUID, image: File[UploadedFile], meta: Form[ImageMeta]):
    """Upload a JPEG, PNG, WebP or GIF (at most 5 MB); it is re-encoded and stripped of metadata."""
    product = services.get_own_product(request.auth, product_id)
    listings.add_listing_image(request.auth, product, image, alt_en=meta.alt_en, alt_zh=meta.alt_zh)
    return Status(201, _reload(request, product))
