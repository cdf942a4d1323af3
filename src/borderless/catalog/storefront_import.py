"""Importing a Shopify or WooCommerce product export into the seller's catalogue, in one step.

All or nothing per file, like the Borderless CSV import: every problem is reported with its line number and
nothing is saved until the whole file is right. A dry run does everything (the same validation, inside a
transaction that is rolled back) except fetching images, and reports what would be created.

What the shop files do not say is worked out and reported per product: the HS code and category (suggested
from the English title, description and the shop's product type; unsure or restricted codes keep the product
a draft), the net content (from the title or option, else one piece), the shipping weight (the heaviest
variant's: Borderless keeps one weight per product), SKU codes for variants without one.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from borderless.accounts.models import User
from borderless.catalog import csv_io, services
from borderless.catalog.categories import CATEGORIES
from borderless.catalog.gtin import validate_gtin
from borderless.catalog.image_fetch import Fetched, fetch_image
from borderless.catalog.models import Product, ProductImage, ProductStatus
from borderless.catalog.storefront_csv import READERS, SHOPIFY, FormatError, ProductDraft, detect_format
from borderless.catalog.units import net_content
from borderless.trade.hs_suggest import HsSuggestion, suggest_hs_codes

MAX_PRODUCTS = 1000
IMAGE_TIMEOUT_SECONDS = 5.0
IMAGE_BUDGET_SECONDS = (
    60.0  # past it, the remaining images are left for upload rather than the seller waiting
)
# The category each heading belongs to: the categories' usual headings, and the neighbours they also sell.
HEADING_CATEGORY = {spec.typical_hs_code[:4]: spec.slug for spec in CATEGORIES} | {
    "0802": "nuts-dried-fruit",
    "0806": "nuts-dried-fruit",
    "0813": "nuts-dried-fruit",
    "1704": "maple-syrup",
    "1504": "supplements",
    "3304": "skin-care",
    "3401": "skin-care",
    "9404": "outdoor-gear",
    "9504": "toys",
    "4903": "books",
}


@dataclass
class ImportedProduct:
    lines: str
    title_en: str
    skus: int
    category: str = ""
    hs_code: str = ""
    cn_line: str = ""
    hs_confidence: float = 0.0
    hs_reasons: list[str] = field(default_factory=list)
    hs_flags: list[str] = field(default_factory=list)
    image_urls: int = 0
    images_fetched: int = 0
    images_left: list[str] = field(default_factory=list)  # "url: why"
    published: bool = False
    notes: list[str] = field(default_factory=list)
    public_id: str = ""


@dataclass
class StorefrontImportReport:
    format: str = ""
    dry_run: bool = False
    products: list[ImportedProduct] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def created(self) -> int:
        return 0 if self.dry_run or self.errors else len(self.products)

    @property
    def sku_count(self) -> int:
        return sum(p.skus for p in self.products)

    @property
    def published(self) -> int:
        return sum(p.published for p in self.products)

    @property
    def images_fetched(self) -> int:
        return sum(p.images_fetched for p in self.products)

    @property
    def images_left(self) -> int:
        return sum(len(p.images_left) for p in self.products)

    @property
    def flagged(self) -> int:
        return sum(bool(p.hs_flags) for p in self.products)


@dataclass
class _Plan:
    draft: ProductDraft
    fields: dict
    skus: list[dict]
    report: ImportedProduct
    suggestion: HsSuggestion
    images: list[Fetched] = field(default_factory=list)


class _Rollback(Exception):
    pass


def import_storefront_products(
    user: User,
    raw: bytes,
    max_bytes: int,
    *,
    dry_run: bool = False,
    publish: bool = True,
    after_save: Callable[[Product], object] | None = None,
    after_image: Callable[[Product, ProductImage], object] | None = None,
    fetch: Callable[[str, float, int], Fetched] = fetch_image,
) -> StorefrontImportReport:
    report = StorefrontImportReport(dry_run=dry_run)
    seller = services.seller_of(user)
    if len(raw) > max_bytes:
        report.errors.append((0, f"The file is {len(raw):,} bytes; the limit is {max_bytes:,} bytes."))
        return report
    try:
        text = csv_io._decode(raw)
    except ValidationError as exc:
        report.errors.append((0, exc.messages[0]))
        return report
    header = text.split("\n", 1)[0].lstrip("\ufeff")
    report.format = detect_format([h.strip('" ') for h in header.split(",")]) or ""
    if report.format not in READERS:
        report.errors.append((1, "This is not a Shopify or WooCommerce product export (unknown columns)."))
        return report
    try:
        drafts = READERS[report.format](text)
    except FormatError as exc:
        report.errors.append((exc.line, exc.message))
        return report
    if len(drafts) > MAX_PRODUCTS:
        report.errors.append((0, f"The file has {len(drafts):,} products; import at most {MAX_PRODUCTS:,}."))
        return report

    plans = []
    for draft in drafts:
        try:
            plans.append(_plan(draft, seller.display_name))
        except FormatError as exc:
            report.errors.append((exc.line, exc.message))
    report.products = [plan.report for plan in plans]
    if report.errors:
        return report
    if not dry_run:
        _fetch_images(plans, fetch)
    try:
        with transaction.atomic():
            for plan in plans:
                _save(user, seller, plan, publish, after_save, after_image, report)
            if report.errors or dry_run:
                raise _Rollback
    except _Rollback:
        for item in report.products:
            item.public_id = ""
    return report


def _plan(draft: ProductDraft, seller_name: str) -> _Plan:
    kind_words = " ".join(w for w in (draft.kind, draft.tags) if w)
    found = suggest_hs_codes(draft.title_en, draft.description_en, kind_words)
    if not found:
        raise FormatError(
            draft.line, f"'{draft.title_en}': no HS code could be suggested; add a product type."
        )
    best = found[0]
    if not best.hs_code:
        why = best.flags[0].message if best.flags else ""
        raise FormatError(draft.line, f"'{draft.title_en}' looks like {best.description.lower()}: {why}")
    category = HEADING_CATEGORY.get(best.heading)
    if category is None:
        raise FormatError(
            draft.line,
            f"'{draft.title_en}' (HS {best.hs_code}, {best.description}) is in no Borderless category.",
        )
    item = ImportedProduct(draft.lines, draft.title_en, len(draft.skus), notes=list(draft.notes))
    item.category, item.hs_code, item.cn_line = category, best.hs_code, best.cn_line
    item.hs_confidence, item.hs_reasons = best.confidence, list(best.reasons)
    item.hs_flags = [flag.message for flag in best.flags]
    item.image_urls = len(draft.image_urls)

    size = net_content(draft.title_en) or next(
        (s for s in (net_content(sku.option_en) for sku in draft.skus) if s), None
    )
    if size is None:
        size = (Decimal("1"), "piece")
        item.notes.append(
            "No size in the title or options: net content set to 1 piece; correct it if needed."
        )
    weights = [sku.weight_g for sku in draft.skus if sku.weight_g]
    if weights:
        weight = max(weights)
        if min(weights) != weight:
            item.notes.append(
                f"Variants weigh {min(weights):g} to {weight:g} g; Borderless keeps one shipping weight per "
                f"product: {weight:g} g, the heaviest."
            )
    elif size[1] in ("g", "ml"):
        weight = size[0]
        item.notes.append(f"No weight in the file: shipping weight set to the net content, {weight:g} g.")
    else:
        raise FormatError(
            draft.line, f"'{draft.title_en}' has no weight; Borderless needs a shipping weight."
        )

    description = draft.description_en
    if not description:
        description = draft.title_en
        item.notes.append("No description in the file: the title is used; write one before publishing.")
    fields = {
        "category": category,
        "brand_name": draft.vendor or seller_name,
        "hs_code": best.hs_code,
        "title_en": draft.title_en,
        "description_en": description,
        "net_content_value": size[0],
        "net_content_unit": size[1],
        "unit_weight_g": weight,
    }
    return _Plan(draft, fields, _skus(draft, item), item, best)


def _skus(draft: ProductDraft, item: ImportedProduct) -> list[dict]:
    skus = []
    for index, sku in enumerate(draft.skus, start=1):
        code = sku.code or f"{draft.key[:56]}-{index}"
        if not sku.code:
            item.notes.append(f"Line {sku.line}: no SKU code; '{code}' is used.")
        try:
            price = Decimal(sku.price_usd.replace("$", "").replace(",", ""))
        except InvalidOperation:
            raise FormatError(sku.line, f"Price '{sku.price_usd}' is not an amount in dollars.") from None
        if not price.is_finite() or price <= 0:
            raise FormatError(sku.line, f"Price '{sku.price_usd}': a price is more than $0.")
        try:
            stock = int(Decimal(sku.stock or "0"))
        except (InvalidOperation, ValueError):
            raise FormatError(sku.line, f"Stock '{sku.stock}' is not a whole number.") from None
        if stock < 0:
            item.notes.append(f"Line {sku.line}: stock {stock} (oversold in the shop) imported as 0.")
            stock = 0
        gtin = "".join(ch for ch in sku.barcode if ch.isdigit())
        if gtin:
            try:
                validate_gtin(gtin)
            except ValidationError:
                item.notes.append(f"Line {sku.line}: barcode '{sku.barcode}' is not a valid GTIN; left out.")
                gtin = ""
        skus.append(
            {"code": code, "option_en": sku.option_en[:100], "price_usd": price, "stock": stock, "gtin": gtin}
        )
    return skus


def _fetch_images(plans: list[_Plan], fetch: Callable) -> None:
    deadline = time.monotonic() + IMAGE_BUDGET_SECONDS
    unreachable: dict[str, str] = {}  # host → why: a host that did not answer is not asked again
    for plan in plans:
        urls = list(dict.fromkeys(url for _, url in plan.draft.image_urls))
        for position, url in enumerate(urls):
            if position >= services.MAX_IMAGES:
                plan.report.images_left.append(
                    f"{url}: a product may have at most {services.MAX_IMAGES} images"
                )
            elif time.monotonic() > deadline:
                plan.report.images_left.append(f"{url}: not fetched, the import's time for images ran out")
            elif urlsplit(url).hostname in unreachable:
                plan.report.images_left.append(f"{url}: {unreachable[urlsplit(url).hostname]}")
            else:
                fetched = fetch(url, IMAGE_TIMEOUT_SECONDS, settings.MAX_IMAGE_BYTES)
                if fetched.unreachable:
                    unreachable[urlsplit(url).hostname] = fetched.problem
                if fetched.problem:
                    plan.report.images_left.append(f"{url}: {fetched.problem}")
                else:
                    plan.images.append(fetched)


def _save(user, seller, plan: _Plan, publish: bool, after_save, after_image, report) -> None:
    item = plan.report
    fields = dict(plan.fields)
    if publish and plan.draft.published:
        if plan.suggestion.low_confidence or plan.suggestion.restricted:
            item.notes.append("Kept as a draft: confirm the suggested HS code, then publish.")
        elif not seller.is_verified:
            item.notes.append(
                "Kept as a draft: your business must be verified before products are published."
            )
        else:
            fields["status"] = (
                ProductStatus.PUBLISHED
            )  # at once, or as soon as its Chinese title is translated
    try:
        with transaction.atomic():
            product = services.create_product(user, fields, plan.skus)
            if after_save is not None:
                after_save(product)
    except ValidationError as exc:
        report.errors.append((plan.draft.line, f"Row(s) {plan.draft.lines}: {csv_io._errors_of(exc)}"))
        return
    item.public_id = str(product.public_id)
    item.published = product.status == ProductStatus.PUBLISHED or product.publish_when_translated
    if product.publish_when_translated:
        item.notes.append("Published as soon as its Chinese title is machine-translated.")
    for fetched in plan.images:
        upload = SimpleUploadedFile("image", fetched.content)
        try:
            with transaction.atomic():
                image = services.add_image(user, product, upload, alt_en=plan.draft.title_en[:200])
                if after_image is not None:
                    after_image(product, image)
        except ValidationError as exc:
            item.images_left.append(f"{fetched.url}: {' '.join(exc.messages)}")
        else:
            item.images_fetched += 1
    if item.images_left:
        item.notes.append(f"{len(item.images_left)} image(s) to upload in the seller centre.")


SOURCE_NAMES = {SHOPIFY: "Shopify", "woocommerce": "WooCommerce"}
