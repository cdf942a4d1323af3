"""The seller's HS code suggestions and the import of Shopify and WooCommerce product exports."""

from uuid import UUID

from django.conf import settings
from django.http import HttpRequest
from ninja import File, Form, Router, Schema, Status, UploadedFile

from borderless.api.auth import AUTH
from borderless.api.errors import READ_ERRORS, WRITE_ERRORS, ApiError, Error
from borderless.api.fields import Text
from borderless.catalog import services
from borderless.catalog.hs_suggestions import flags_of, suggest_for, suggest_for_product
from borderless.trust import listings

router = Router(tags=["seller"], auth=AUTH)


class HsFlagOut(Schema):
    code: str
    message: str


class HsSuggestionOut(Schema):
    hs_code: str
    cn_line: str
    heading: str
    description: str
    confidence: float
    low_confidence: bool
    restricted: bool
    reasons: list[str]
    flags: list[HsFlagOut]


class HsSuggestionsOut(Schema):
    suggestions: list[HsSuggestionOut]
    current_hs_code: str = ""
    current_flags: list[HsFlagOut] = []


class HsSuggestionIn(Schema):
    title_en: Text(200)
    description_en: Text(5000) = ""
    category: Text(50) = ""


@router.post("/hs-suggestions", response={200: HsSuggestionsOut, WRITE_ERRORS: Error})
def suggest_hs_codes(request: HttpRequest, payload: HsSuggestionIn):
    """Up to three HS codes for an English title and description, best first, each with its China tariff
    line, a confidence from 0 to 1, the words that decided it and what would stop or slow it in China
    (CN-C8 not on the positive list, CN-C15 refused by parcel, chapter 30/33 inspection, low confidence)."""
    services.seller_of(request.auth)
    if not payload.title_en.strip():
        raise ApiError(422, "Give the product's English title.", details={"title_en": ["Required."]})
    found = suggest_for(payload.title_en, payload.description_en, payload.category)
    return {"suggestions": [s.as_dict() for s in found]}


@router.get("/products/{product_id}/hs-suggestions", response={200: HsSuggestionsOut, READ_ERRORS: Error})
def product_hs_suggestions(request: HttpRequest, product_id: UUID):
    """Suggestions for a saved listing, and the flags of the code it has now. Pick one with
    `PATCH /seller/products/{id}` and `hs_code`."""
    product = services.get_own_product(request.auth, product_id)
    return {
        "suggestions": [s.as_dict() for s in suggest_for_product(product)],
        "current_hs_code": product.hs_code,
        "current_flags": [{"code": f.code, "message": f.message} for f in flags_of(product)],
    }


class ImportOptions(Schema):
    dry_run: bool = False
    publish: bool = True


class ImportedProductOut(Schema):
    lines: str
    title_en: str
    skus: int
    category: str
    hs_code: str
    cn_line: str
    hs_confidence: float
    hs_reasons: list[str]
    hs_flags: list[str]
    image_urls: int
    images_fetched: int
    images_left: list[str]
    published: bool
    notes: list[str]
    product: UUID | None = None  # the listing created; none in a dry run


class ImportReportOut(Schema):
    format: str
    dry_run: bool
    created: int
    skus: int
    published: int
    images_fetched: int
    images_left: int
    flagged: int
    products: list[ImportedProductOut]


def _report(report) -> dict:
    return {
        "format": report.format,
        "dry_run": report.dry_run,
        "created": report.created,
        "skus": report.sku_count,
        "published": report.published,
        "images_fetched": report.images_fetched,
        "images_left": report.images_left,
        "flagged": report.flagged,
        "products": [{**vars(p), "product": p.public_id or None} for p in report.products],
    }


@router.post(
    "/product-imports", response={200: ImportReportOut, 201: ImportReportOut, WRITE_ERRORS | {413}: Error}
)
def import_products(request: HttpRequest, file: File[UploadedFile], options: Form[ImportOptions]):
    """Import a Shopify or WooCommerce product export (CSV, as the shop writes it). All or nothing: any
    problem answers 422 with every problem and its line number in `details.lines`, and nothing is saved.
    `dry_run` reports what would be created (201 when saved, 200 for a dry run). Products published in the
    shop are published when their HS code suggestion is sure and unrestricted; the others stay drafts."""
    if file.size > settings.MAX_CSV_BYTES:
        raise ApiError(
            413, f"The file is {file.size:,} bytes; the limit is {settings.MAX_CSV_BYTES:,} bytes."
        )
    report = listings.import_storefront_listings(
        request.auth, file.read(), settings.MAX_CSV_BYTES, dry_run=options.dry_run, publish=options.publish
    )
    if report.errors:
        lines = [{"line": line, "message": message} for line, message in report.errors]
        raise ApiError(422, f"Nothing was imported: {len(lines)} problem(s).", details={"lines": lines})
    return Status(200 if report.dry_run else 201, _report(report))
