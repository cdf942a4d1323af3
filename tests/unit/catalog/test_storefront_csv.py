"""Reading Shopify and WooCommerce product exports: variants, options, weights, images, line numbers."""

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest

from borderless.catalog.storefront_csv import (
    SHOPIFY,
    WOOCOMMERCE,
    FormatError,
    detect_format,
    plain_text,
    read_shopify,
    read_woocommerce,
)
from borderless.catalog.units import net_content, to_grams

DATA = Path(__file__).resolve().parents[2] / "data" / "imports"
SHOPIFY_FILE = (DATA / "shopify_products_export.csv").read_text(encoding="utf-8")
WOO_FILE = (DATA / "woocommerce_products_export.csv").read_text(encoding="utf-8")
# Shopify's export of 2024 names the same columns differently.
NEW_SHOPIFY_HEADER = (
    "Title,URL handle,Description,Vendor,Product category,Type,Tags,Published on online store,Status,SKU,"
    "Barcode,Option1 name,Option1 value,Option2 name,Option2 value,Option3 name,Option3 value,Price,"
    "Compare-at price,Inventory quantity,Weight value (grams),Weight unit for display,Product image URL,"
    "Image position,Variant image URL"
)


def header_of(text: str) -> list[str]:
    return next(csv.reader(io.StringIO(text)))


def test_formats_are_told_apart_by_their_columns():
    assert detect_format(header_of(SHOPIFY_FILE)) == SHOPIFY
    assert detect_format(header_of(NEW_SHOPIFY_HEADER)) == SHOPIFY
    assert detect_format(header_of(WOO_FILE)) == WOOCOMMERCE
    assert detect_format(["title_en", "sku_code"]) == "borderless"
    assert detect_format(["name", "price"]) is None


def test_shopify_rows_of_one_handle_make_one_product_with_its_variants_and_images():
    drafts = read_shopify(SHOPIFY_FILE)
    assert len(drafts) == 56
    first = drafts[0]
    assert first.key == "american-ginseng-whole-root"
    assert first.title_en == "American Ginseng Whole Root"
    assert first.vendor == "Driftless Valley Farm"
    assert "<p>" not in first.description_en and "fourth year" in first.description_en
    assert first.published
    rows = [r for r in csv.DictReader(io.StringIO(SHOPIFY_FILE)) if r["Handle"] == first.key]
    variant_rows = [r for r in rows if r["Variant Price"]]
    assert [s.code for s in first.skus] == [r["Variant SKU"] for r in variant_rows]
    assert [s.weight_g for s in first.skus] == [Decimal(r["Variant Grams"]) for r in variant_rows]
    assert first.skus[0].option_en.startswith(variant_rows[0]["Option1 Value"])
    assert [url for _, url in first.image_urls] == [r["Image Src"] for r in rows if r["Image Src"]]
    assert (first.line, first.last_line) == (2, 1 + len(rows))
    assert sum(len(d.skus) for d in drafts) == sum(
        1 for r in csv.DictReader(io.StringIO(SHOPIFY_FILE)) if r["Variant Price"]
    )


def test_shopify_2024_header_and_default_title():
    text = (
        NEW_SHOPIFY_HEADER
        + "\n"
        + (
            "Raw Clover Honey,raw-clover-honey,<p>Mild.</p>,Hive Co,Food,Honey,,TRUE,active,RC-1,,Title,"
            "Default Title,,,,,9.50,,7,340,oz,https://cdn.example.com/h.jpg,1,\n"
        )
    )
    (draft,) = read_shopify(text)
    assert (draft.key, draft.title_en, draft.description_en) == (
        "raw-clover-honey",
        "Raw Clover Honey",
        "Mild.",
    )
    (sku,) = draft.skus
    assert (sku.code, sku.option_en, sku.price_usd, sku.stock, sku.weight_g) == (
        "RC-1",
        "",
        "9.50",
        "7",
        Decimal("340"),
    )


def test_a_shopify_export_without_inventory_column_says_so():
    text = "Handle,Title,Variant SKU,Variant Price,Variant Grams\nh,Clover Honey,C-1,9.00,400\n"
    (draft,) = read_shopify(text)
    assert draft.skus[0].stock == ""
    assert "no inventory column" in draft.notes[0]


@pytest.mark.parametrize(
    "body, line, message",
    [
        ("Handle,Title,Variant Price\n,Honey,9\n", 2, "Handle is empty"),
        ("Handle,Title,Variant Price\nh,,9\n", 2, "has no Title"),
        ("Handle,Title,Variant Price,Option1 Value\nh,Honey,9,A\nh,,,B\n", 3, "has no price"),
        ("Handle,Title,Variant Price\nh,Honey,9,extra\n", 2, "more cells than the header"),
        ("Handle,Title,Image Src\nh,Honey,http://x/y.jpg\n", 2, "no variant with a price"),
        ("Handle,Title,Variant Price,Variant Grams\nh,Honey,9,heavy\n", 2, "not a number"),
        ('Handle,Title,Variant Price\nh,"Honey,9\n', 2, "Malformed CSV"),
    ],
)
def test_shopify_errors_name_the_line(body, line, message):
    with pytest.raises(FormatError) as caught:
        read_shopify(body)
    assert caught.value.line == line
    assert message in caught.value.message


def test_woocommerce_variations_join_their_parent_by_sku_or_id():
    drafts = read_woocommerce(WOO_FILE)
    assert [d.title_en for d in drafts] == ["Clover Honey", "Honeycomb, Whole Frame Cut", "Beeswax Lip Balm"]
    honey, comb, balm = drafts
    assert [s.code for s in honey.skus] == ["HV-CLOVER-8", "HV-CLOVER-16", "HV-CLOVER-32"]
    assert [s.option_en for s in honey.skus] == ["8 oz", "1 lb", "2 lb"]
    assert [s.weight_g for s in honey.skus] == [
        to_grams("0.6", "lb"),
        to_grams("1.15", "lb"),
        to_grams("2.25", "lb"),
    ]
    assert [s.stock for s in honey.skus] == ["40", "25", "-2"]
    assert len(honey.image_urls) == 2
    assert "alert" not in honey.description_en  # a script's content is not text
    assert comb.skus[0].price_usd == "18.00"
    assert [s.option_en for s in balm.skus] == ["Vanilla", "Honey, Lemon"]  # "\," is a comma inside a value
    assert [s.weight_g for s in balm.skus] == [to_grams("0.05", "lb")] * 2  # inherited from the parent
    assert (honey.line, honey.last_line) == (2, 5)


def test_woocommerce_unknown_parent_is_an_error_on_its_line():
    broken = WOO_FILE.replace("HV-CLOVER,,,,,,2,", "HV-CLOVR,,,,,,2,")
    with pytest.raises(FormatError) as caught:
        read_woocommerce(broken)
    assert caught.value.line == 4
    assert "HV-CLOVR" in caught.value.message


def test_html_becomes_plain_lines():
    assert plain_text("<p>One &amp; two</p><ul><li>three</li></ul><style>p{}</style>") == "One & two\nthree"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Maple Syrup 12 fl oz", (Decimal("354.9"), "ml")),
        ("1 lb bag (454 g)", (Decimal("453.6"), "g")),
        ("Grade A, 1 Quart", (Decimal("946.4"), "ml")),
        ("750ml", (Decimal("750.0"), "ml")),
        ("Fish Oil 1000 mg, 120 softgels", (Decimal("120"), "piece")),
        ("Pinot Noir 2021", None),
        ("2-Person Tent", None),
    ],
)
def test_net_content_from_the_words_sellers_use(text, expected):
    assert net_content(text) == expected


def test_weights_convert_to_grams():
    assert to_grams("2", "lb") == Decimal("907.2")
    assert to_grams("16", "oz") == Decimal("453.6")
    assert to_grams("1.5", "kg") == Decimal("1500.0")
    with pytest.raises(ValueError):
        to_grams("1", "stone")
    with pytest.raises(ValueError):
        to_grams("-1", "g")
