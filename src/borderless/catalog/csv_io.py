"""Products as CSV, one row per SKU: what small businesses keep in their spreadsheets.

Rows with the same product_id update that product; rows without one and with the same title_en make one new
product. An import is all or nothing: any bad row is reported with its line number and nothing is saved.
"""

import csv
import io
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from borderless.accounts.models import User
from borderless.catalog import services
from borderless.catalog.models import Product
from borderless.csv_cells import SafeDictWriter, restore

COLUMNS = (
    "product_id",
    "title_en",
    "title_zh",
    "category",
    "brand_name",
    "hs_code",
    "origin_state",
    "description_en",
    "description_zh",
    "net_content_value",
    "net_content_unit",
    "unit_weight_g",
    "status",
    "sku_code",
    "option_en",
    "option_zh",
    "price_usd",
    "stock",
    "gtin",
)
REQUIRED = ("title_en", "sku_code", "price_usd", "stock")
MAX_ROWS = 5000


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def export_products(user: User) -> str:
    out = io.StringIO()
    writer = SafeDictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    products = services.own_products(user).select_related("category").prefetch_related("skus").order_by("id")
    for product in products:
        for sku in product.skus.all():
            writer.writerow(
                {
                    "product_id": product.public_id,
                    "title_en": product.title_en,
                    "title_zh": product.title_zh,
                    "category": product.category.slug,
                    "brand_name": product.brand_name,
                    "hs_code": product.hs_code,
                    "origin_state": product.origin_state,
                    "description_en": product.description_en,
                    "description_zh": product.description_zh,
                    "net_content_value": product.net_content_value.normalize(),
                    "net_content_unit": product.net_content_unit,
                    "unit_weight_g": product.unit_weight_g.normalize(),
                    "status": product.status,
                    "sku_code": sku.code,
                    "option_en": sku.option_en,
                    "option_zh": sku.option_zh,
                    "price_usd": sku.price_usd,
                    "stock": sku.stock,
                    "gtin": sku.gtin,
                }
            )
    return out.getvalue()


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise ValidationError("The file is not UTF-8 text. Save the spreadsheet as 'CSV UTF-8' and try again.")


def _errors_of(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
    return " ".join(exc.messages)


class _Rollback(Exception):
    pass


def import_products(
    user: User, raw: bytes, max_bytes: int, after_save: Callable[[Product], object] | None = None
) -> ImportReport:
    report = ImportReport()
    if len(raw) > max_bytes:
        report.errors.append((0, f"The file is {len(raw):,} bytes; the limit is {max_bytes:,} bytes."))
        return report
    try:
        text = _decode(raw)
    except ValidationError as exc:
        report.errors.append((0, exc.messages[0]))
        return report
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        report.errors.append((1, f"Missing columns: {', '.join(missing)}. Expected: {', '.join(COLUMNS)}."))
        return report

    groups: OrderedDict[str, list[tuple[int, dict]]] = OrderedDict()
    try:
        for row in reader:
            line = reader.line_num
            if len(groups) > MAX_ROWS or line > MAX_ROWS + 1:
                report.errors.append((line, f"Too many rows; import at most {MAX_ROWS} rows at a time."))
                return report
            if None in row:
                report.errors.append((line, "This row has more cells than the header."))
                continue
            row = {k: restore((v or "").strip()) for k, v in row.items() if k}
            missing_cells = [c for c in REQUIRED if not row.get(c)]
            if missing_cells:
                report.errors.append((line, f"Missing {', '.join(missing_cells)}."))
                continue
            key = row.get("product_id") or f"new:{row['title_en']}"
            groups.setdefault(key, []).append((line, row))
    except csv.Error as exc:
        report.errors.append((reader.line_num, f"Malformed CSV: {exc}."))
        return report
    if report.errors:
        return report

    try:
        with transaction.atomic():
            for key, rows in groups.items():
                _import_group(user, key, rows, report, after_save)
            if report.errors:
                raise _Rollback
    except _Rollback:
        report.created = report.updated = 0
    return report


def _import_group(
    user: User, key: str, rows: list[tuple[int, dict]], report: ImportReport, after_save: Callable | None
) -> None:
    first_line, first = rows[0]
    fields = {k: first[k] for k in services.PRODUCT_FIELDS if first.get(k)}
    if first.get("status"):
        fields["status"] = first["status"]
    skus = [
        {
            "code": row["sku_code"],
            "option_en": row.get("option_en", ""),
            "option_zh": row.get("option_zh", ""),
            "price_usd": row["price_usd"],
            "stock": row["stock"],
            "gtin": row.get("gtin", ""),
        }
        for _, row in rows
    ]
    lines = f"{first_line}" if len(rows) == 1 else f"{first_line}-{rows[-1][0]}"
    try:
        with transaction.atomic():
            if key.startswith("new:"):
                product = services.create_product(user, fields, skus)
                report.created += 1
            else:
                product = services.update_product(user, services.get_own_product(user, key), fields, skus)
                report.updated += 1
            if after_save is not None:
                after_save(product)  # brand protection screens each saved product, in the same transaction
    except (Product.DoesNotExist, ValidationError) as exc:
        message = "Unknown product_id." if isinstance(exc, Product.DoesNotExist) else _errors_of(exc)
        report.errors.append((first_line, f"Row(s) {lines}: {message}"))
    except ValueError:
        report.errors.append((first_line, f"Row(s) {lines}: product_id is not a valid id."))
