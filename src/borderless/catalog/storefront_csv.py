"""Product exports of the shop systems sellers already use, read as they really are.

- Shopify (Products → Export, "CSV for Excel, Numbers, or other spreadsheet programs"): one row per variant,
  rows of one product share its handle; the product's fields are on its first row; further rows may carry
  only an image. Both header vintages: the classic one (`Handle`, `Body (HTML)`, `Variant SKU`,
  `Variant Grams`, `Image Src` …) and the one of 2024 (`URL handle`, `Description`, `SKU`,
  `Weight value (grams)`, `Product image URL` …).
- WooCommerce (Products → Export, the built-in exporter since 3.1): one row per product and one per variation;
  a variation names its parent in `Parent` by the parent's SKU or as `id:<ID>`; options in
  `Attribute N name` / `Attribute N value(s)`; the weight column is named with the store's unit
  (`Weight (lbs)`, `Weight (kg)` …); `Images` lists URLs separated by commas.

Both read into `ProductDraft`s that remember the file's line numbers; nothing here touches the database.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser

from borderless.catalog.units import to_grams

SHOPIFY = "shopify"
WOOCOMMERCE = "woocommerce"
BORDERLESS = "borderless"
MAX_DESCRIPTION = 5000


class FormatError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class SkuDraft:
    line: int
    code: str
    option_en: str
    price_usd: str
    stock: str
    barcode: str
    weight_g: Decimal | None


@dataclass
class ProductDraft:
    line: int
    key: str  # the handle (Shopify) or the parent's SKU or id (WooCommerce)
    title_en: str = ""
    description_en: str = ""
    vendor: str = ""
    kind: str = ""  # what the shop calls its category: Shopify's Type and Product category, Woo's Categories
    tags: str = ""
    published: bool = False
    skus: list[SkuDraft] = field(default_factory=list)
    image_urls: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    last_line: int = 0
    weight_g: Decimal | None = None  # WooCommerce: the parent's, for variations that have none

    @property
    def lines(self) -> str:
        return f"{self.line}" if self.last_line <= self.line else f"{self.line}-{self.last_line}"


def detect_format(header: list[str]) -> str | None:
    names = {h.strip() for h in header}
    if "title_en" in names:
        return BORDERLESS
    if "Title" in names and names & {"Handle", "URL handle"}:
        return SHOPIFY
    if {"Type", "SKU", "Name"} <= names and names & {"Regular price", "Parent"}:
        return WOOCOMMERCE
    return None


def plain_text(markup: str) -> str:
    """A description's HTML as plain text: tags dropped (scripts and styles with their content), entities
    decoded, paragraphs and list items kept as lines."""
    parts: list[str] = []

    class Reader(HTMLParser):
        skipping = 0

        def handle_starttag(self, tag, attrs):
            if tag in ("script", "style"):
                self.skipping += 1
            elif tag in ("p", "br", "li", "div", "h1", "h2", "h3", "h4", "tr"):
                parts.append("\n")

        def handle_endtag(self, tag):
            if tag in ("script", "style") and self.skipping:
                self.skipping -= 1

        def handle_data(self, data):
            if not self.skipping:
                parts.append(data)

    reader = Reader(convert_charrefs=True)
    reader.feed(markup or "")
    reader.close()
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _rows(text: str):
    reader = csv.reader(io.StringIO(text), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise FormatError(1, "The file is empty.") from None
    except csv.Error as exc:
        raise FormatError(1, f"Malformed CSV: {exc}.") from None
    header = [h.strip().lstrip("\ufeff") for h in header]
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header):
                raise FormatError(line, "This row has more cells than the header.")
            yield (
                header,
                line,
                {h: (cells[i] if i < len(cells) else "").strip() for i, h in enumerate(header)},
            )
    except csv.Error as exc:
        raise FormatError(reader.line_num, f"Malformed CSV: {exc}.") from None


def _first(row: dict, *names: str) -> str:
    for name in names:
        if row.get(name):
            return row[name]
    return ""


def _truthy(value: str) -> bool:
    return value.strip().lower() in ("true", "1", "yes", "active")


def _grams(line: int, value: str, unit: str) -> Decimal | None:
    if not value:
        return None
    try:
        grams = to_grams(value, unit)
    except ValueError as exc:
        raise FormatError(line, f"Weight: {exc}") from None
    return grams if grams > 0 else None


def _description(draft: ProductDraft, markup: str) -> None:
    text = plain_text(markup)
    if len(text) > MAX_DESCRIPTION:
        cut = text.rfind(". ", 0, MAX_DESCRIPTION - 1)
        text = text[: cut + 1 if cut > MAX_DESCRIPTION // 2 else MAX_DESCRIPTION]
        draft.notes.append(f"The description was cut to {len(text):,} characters (the limit is 5,000).")
    draft.description_en = text


def read_shopify(text: str) -> list[ProductDraft]:
    products: dict[str, ProductDraft] = {}
    for header, line, row in _rows(text):
        handle = _first(row, "Handle", "URL handle")
        if not handle:
            raise FormatError(
                line, "Handle is empty: every row of a Shopify export names its product's handle."
            )
        draft = products.get(handle)
        if draft is None:
            title = row.get("Title", "")
            if not title:
                raise FormatError(line, f"The first row of '{handle}' has no Title.")
            draft = products[handle] = ProductDraft(line=line, key=handle, title_en=title)
            _description(draft, _first(row, "Body (HTML)", "Description"))
            draft.vendor = row.get("Vendor", "")
            draft.kind = " > ".join(
                v for v in (row.get("Type", ""), _first(row, "Product Category", "Product category")) if v
            )
            draft.tags = row.get("Tags", "")
            status = row.get("Status", "")
            published = _first(row, "Published", "Published on online store")
            draft.published = (status.lower() == "active" if status else True) and (
                _truthy(published) if published else True
            )
        draft.last_line = line
        image = _first(row, "Image Src", "Product image URL")
        if image:
            draft.image_urls.append((line, image))
        variant_image = _first(row, "Variant Image", "Variant image URL")
        if variant_image:
            draft.image_urls.append((line, variant_image))
        options = [_first(row, f"Option{n} Value", f"Option{n} value") for n in (1, 2, 3)]
        sku_code = _first(row, "Variant SKU", "SKU")
        price = _first(row, "Variant Price", "Price")
        if not (any(options) or sku_code or price):
            continue  # an image row
        if not price:
            raise FormatError(line, f"The variant of '{handle}' on this row has no price.")
        option = " / ".join(o for o in options if o and o != "Default Title")
        weight = _first(row, "Variant Grams", "Weight value (grams)")
        draft.skus.append(
            SkuDraft(
                line=line,
                code=sku_code,
                option_en=option,
                price_usd=price,
                stock=_first(row, "Variant Inventory Qty", "Inventory quantity"),
                barcode=_first(row, "Variant Barcode", "Barcode"),
                weight_g=_grams(line, weight, "g"),
            )
        )
        if "Variant Inventory Qty" not in header and "Inventory quantity" not in header:
            note = (
                "The file has no inventory column (stores with several locations export it apart): stock 0."
            )
            if note not in draft.notes:
                draft.notes.append(note)
    for draft in products.values():
        if not draft.skus:
            raise FormatError(draft.line, f"'{draft.key}' has no variant with a price.")
    return list(products.values())


_WEIGHT_HEADER = re.compile(r"Weight \((\w+)\)")


def _woo_weight_unit(header: list[str]) -> tuple[str, str]:
    for name in header:
        match = _WEIGHT_HEADER.fullmatch(name)
        if match:
            return name, match.group(1).lower()
    return "", "g"


def _woo_list(value: str) -> list[str]:
    """WooCommerce joins lists with ', ' and escapes commas inside a value as '\\,'."""
    parts = re.split(r"(?<!\\),", value or "")
    return [p.replace("\\,", ",").strip() for p in parts if p.strip()]


def _woo_options(row: dict) -> str:
    values = []
    for n in range(1, 10):
        value = row.get(f"Attribute {n} value(s)", "")
        if value:
            values.append(", ".join(_woo_list(value)))
    return " / ".join(values)


def read_woocommerce(text: str) -> list[ProductDraft]:
    parents: dict[str, ProductDraft] = {}
    variations: list[tuple[int, dict]] = []
    weight_column, unit = "", "g"
    for header, line, row in _rows(text):
        weight_column, unit = _woo_weight_unit(header)
        types = set(_woo_list(row.get("Type", "").lower()))
        if "variation" in types:
            variations.append((line, row))
            continue
        if types & {"grouped", "external"}:
            continue  # a group of other rows, or a link to another shop: nothing Borderless can sell itself
        if not types & {"simple", "variable"}:
            raise FormatError(line, f"Unknown product type '{row.get('Type', '')}'.")
        name = row.get("Name", "")
        if not name:
            raise FormatError(line, "Name is empty.")
        draft = ProductDraft(line=line, key=row.get("SKU") or f"id:{row.get('ID', line)}", title_en=name)
        _description(draft, row.get("Description") or row.get("Short description", ""))
        draft.vendor = _first(row, "Brands", "Brand")
        draft.kind = row.get("Categories", "")
        draft.tags = row.get("Tags", "")
        draft.published = row.get("Published", "").strip() == "1"
        draft.last_line = line
        draft.image_urls = [(line, url) for url in _woo_list(row.get("Images", ""))]
        parent_weight = _grams(line, row.get(weight_column, ""), unit) if weight_column else None
        draft.weight_g = parent_weight
        if "simple" in types:
            draft.skus.append(_woo_sku(line, row, "", parent_weight, name))
        for key in {draft.key, f"id:{row.get('ID', '')}", row.get("SKU", "")} - {"", "id:"}:
            parents[key] = draft
    for line, row in variations:
        parent = parents.get(row.get("Parent", ""))
        if parent is None:
            raise FormatError(line, f"This variation's parent '{row.get('Parent', '')}' is not in the file.")
        weight = _grams(line, row.get(weight_column, ""), unit) if weight_column else None
        parent.skus.append(_woo_sku(line, row, _woo_options(row), weight or parent.weight_g, parent.title_en))
        parent.last_line = max(parent.last_line, line)
        parent.image_urls += [(line, url) for url in _woo_list(row.get("Images", ""))]
    drafts = list({id(d): d for d in parents.values()}.values())
    for draft in drafts:
        if not draft.skus:
            raise FormatError(draft.line, f"'{draft.title_en}' is a variable product without variations.")
    return sorted(drafts, key=lambda d: d.line)


def _woo_sku(line: int, row: dict, option: str, weight: Decimal | None, title: str) -> SkuDraft:
    price = row.get("Regular price") or row.get("Sale price", "")
    if not price:
        raise FormatError(line, f"'{row.get('Name') or title}' has no regular price.")
    return SkuDraft(
        line=line,
        code=row.get("SKU", ""),
        option_en=option,
        price_usd=price,
        stock=row.get("Stock", ""),
        barcode=_first(row, "GTIN, UPC, EAN, or ISBN", "GTIN, UPC, EAN or ISBN"),
        weight_g=weight,
    )


READERS = {SHOPIFY: read_shopify, WOOCOMMERCE: read_woocommerce}
