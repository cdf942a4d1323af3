"""Importing a Shopify or WooCommerce export: one step, figures, images by URL, all or nothing."""

import csv
import io
import threading
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image

from borderless.catalog.models import Product, ProductImage, ProductStatus, Sku
from borderless.catalog.storefront_import import import_storefront_products
from borderless.trust.listings import import_storefront_listings
from factories import make_product, make_seller, owner_of

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "data" / "imports"
SHOPIFY = (DATA / "shopify_products_export.csv").read_text(encoding="utf-8")
WOO = (DATA / "woocommerce_products_export.csv").read_text(encoding="utf-8")
LIMIT = 2 * 1024 * 1024


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(out, format="JPEG")
    return out.getvalue()


class _Images(BaseHTTPRequestHandler):
    """A shop's image host: JPEGs under /img/, 404 for what is gone, 500 when it breaks, text for a page."""

    jpeg = _jpeg()

    def do_GET(self):  # noqa: N802 (the standard library's name)
        if self.path.startswith("/img/"):
            self._answer(200, "image/jpeg", self.jpeg)
        elif self.path.startswith("/broken/"):
            self._answer(500, "text/plain", b"server error")
        elif self.path.startswith("/page/"):
            self._answer(200, "text/html", b"<html>not an image</html>")
        else:
            self._answer(404, "text/plain", b"not found")

    def _answer(self, status, kind, body):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def image_host(settings):
    settings.IMPORT_IMAGES_FROM_PRIVATE_HOSTS = True
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Images)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def owner():
    return owner_of(make_seller(state="WI"))


def test_a_shopify_export_of_56_products_imports_in_one_step(owner, image_host):
    # The first two products' images live on a host that answers; the others' on Shopify's CDN, which this
    # machine cannot reach: those are left for upload with the reason.
    cdn = "https://cdn.shopify.com/s/files/1/0612/3344/files"
    text = (
        SHOPIFY.replace(f"{cdn}/american-ginseng-whole-root-", f"{image_host}/img/whole-root-")
        .replace(f"{cdn}/american-ginseng-root-slices-1", f"{image_host}/img/slices-1")
        .replace(f"{cdn}/american-ginseng-root-slices-2", f"{image_host}/gone/slices-2")
    )
    report = import_storefront_listings(owner, text.encode(), LIMIT)

    assert report.ok, report.errors[:3]
    assert report.format == "shopify"
    assert report.created == len(report.products) == 56
    products = Product.objects.filter(seller=owner.membership.seller)
    assert products.count() == 56
    assert Sku.objects.filter(product__in=products).count() == report.sku_count > 56
    ginseng = products.get(title_en="American Ginseng Whole Root")
    assert ginseng.images.count() == 2
    assert ginseng.hs_code == "121120" and ginseng.category.slug == "american-ginseng"
    assert ginseng.title_zh == "" or ginseng.title_zh_origin == "machine"  # Chinese is the machine's to write
    assert ginseng.brand_name == "Driftless Valley Farm"
    assert report.images_fetched == 3
    slices = next(p for p in report.products if p.title_en == "American Ginseng Root Slices")
    assert slices.images_fetched == 1 and "404" in slices.images_left[0]
    assert report.images_left == 2 * 56 - 3
    last = report.products[-1].images_left
    assert last[0].startswith(cdn) and ("unreachable" in last[0] or "resolve" in last[0])


def test_variants_weights_and_stock_are_mapped(owner, image_host):
    report = import_storefront_products(owner, SHOPIFY.encode(), LIMIT, publish=False, fetch=_no_fetch)
    assert report.ok
    syrup = Product.objects.get(seller=owner.membership.seller, title_en="Pure Maple Syrup")
    skus = list(syrup.skus.order_by("code"))
    rows = [line for line in SHOPIFY.splitlines() if line.startswith("pure-maple-syrup,") and ",DV-" in line]
    assert len(skus) == len(rows) >= 2
    assert {s.code for s in skus} == {line.split(",DV-")[1].split(",")[0].join(["DV-", ""]) for line in rows}
    heaviest = max(Decimal(line.split(",DV-")[1].split(",")[1]) for line in rows)
    assert syrup.unit_weight_g == heaviest
    assert syrup.hs_code == "170220" and syrup.status == ProductStatus.DRAFT
    assert all(s.option_en for s in skus)


def test_a_dry_run_reports_everything_and_saves_nothing(owner):
    fetched = []
    report = import_storefront_products(
        owner, SHOPIFY.encode(), LIMIT, dry_run=True, fetch=lambda *a: fetched.append(a)
    )
    assert report.ok and report.dry_run
    assert len(report.products) == 56 and report.created == 0
    assert report.products[0].hs_code == "121120" and report.products[0].cn_line == "1211200000"
    assert all(p.public_id == "" for p in report.products)
    assert fetched == []  # a dry run fetches no image
    assert not Product.objects.exists()


def _edited(text: str, changes: dict[tuple[int, str], str]) -> str:
    """The export with some cells changed, by (line number, column)."""
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    for (line, column), value in changes.items():
        rows[line - 1][header.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def test_a_broken_file_gets_line_numbered_errors_and_changes_nothing(owner):
    kept = make_product(owner.membership.seller, title_en="Already listed honey")
    broken = _edited(SHOPIFY, {(3, "Variant Price"): "-4.00", (40, "Variant Inventory Qty"): "lots"})
    report = import_storefront_listings(owner, broken.encode(), LIMIT)
    assert not report.ok
    assert [line for line, _ in report.errors] == [3, 40]
    assert "Price '-4.00'" in report.errors[0][1]
    assert "Stock 'lots'" in report.errors[1][1]
    assert report.created == 0
    assert list(Product.objects.filter(seller=owner.membership.seller)) == [kept]
    assert not ProductImage.objects.exists()


@pytest.mark.parametrize(
    "body, line, message",
    [
        (b"Handle,Title,Variant Price\n,Honey,9\n", 2, "Handle is empty"),
        (b"name,price\nHoney,9\n", 1, "not a Shopify or WooCommerce"),
        (b"\xff\xfe\x00\x00garbage", 0, "not UTF-8"),
        (b"Handle,Title,Variant Price,Variant Grams\nh,Aged Cheddar Cheese,9,500\n", 2, "CN-C15"),
        (b"Handle,Title,Variant Price,Variant Grams\nh,Item 42,9,500\n", 2, "no HS code"),
        (
            b"Handle,Title,Variant Price,Variant Grams\nh,Quartz Wrist Watch,90,100\n",
            2,
            "no Borderless category",
        ),
        (b"Handle,Title,Variant Price\nh,Clover Honey Gift Box,9\n", 2, "no weight"),
        (
            b"Handle,Title,Variant Price,Variant Grams,Variant Inventory Qty\nh,Clover Honey,9,400,lots\n",
            2,
            "Stock",
        ),
    ],
)
def test_bad_files_name_the_line_and_change_nothing(owner, body, line, message):
    report = import_storefront_products(owner, body, LIMIT)
    assert [(found_line, message in text) for found_line, text in report.errors][:1] == [(line, True)]
    assert not Product.objects.exists()


def test_woocommerce_export_imports_variations_as_skus(owner, image_host):
    text = WOO.replace(
        "https://shop.example.com/wp-content/uploads/2025/05/clover-1.jpg", f"{image_host}/img/c1.jpg"
    )
    text = text.replace(
        "https://shop.example.com/wp-content/uploads/2025/05/comb.jpg", f"{image_host}/page/comb"
    )
    report = import_storefront_products(owner, text.encode(), LIMIT)
    assert report.ok, report.errors
    assert report.format == "woocommerce"
    honey = Product.objects.get(title_en="Clover Honey")
    assert [(s.code, s.option_en, s.stock) for s in honey.skus.order_by("price_usd")] == [
        ("HV-CLOVER-8", "8 oz", 40),
        ("HV-CLOVER-16", "1 lb", 25),
        ("HV-CLOVER-32", "2 lb", 0),
    ]
    assert honey.unit_weight_g == Decimal("1020.6")  # 2.25 lb, the heaviest variation
    assert (honey.net_content_value, honey.net_content_unit) == (Decimal("226.8"), "g")  # from "8 oz"
    assert honey.images.count() == 1
    clover = next(p for p in report.products if p.title_en == "Clover Honey")
    assert any("oversold" in note for note in clover.notes)
    comb = next(p for p in report.products if p.title_en.startswith("Honeycomb"))
    assert comb.images_fetched == 0 and "not an image" in comb.images_left[0]
    balm = Product.objects.get(title_en="Beeswax Lip Balm")
    assert balm.hs_code == "330410" and balm.category.slug == "skin-care"
    assert balm.status == ProductStatus.DRAFT  # chapter 33 is inspected: flagged, kept a draft
    assert any(
        "inspects" in flag
        for flag in next(p for p in report.products if p.title_en == "Beeswax Lip Balm").hs_flags
    )


def test_published_products_with_a_sure_code_are_published_or_wait_for_their_chinese_title(owner):
    report = import_storefront_products(owner, WOO.encode(), LIMIT, fetch=_no_fetch)
    honey = Product.objects.get(title_en="Clover Honey")
    assert honey.status == ProductStatus.PUBLISHED or honey.publish_when_translated
    assert next(p for p in report.products if p.title_en == "Clover Honey").published


def test_private_addresses_are_not_fetched_by_default(owner, image_host, settings):
    settings.IMPORT_IMAGES_FROM_PRIVATE_HOSTS = False
    text = WOO.replace(
        "https://shop.example.com/wp-content/uploads/2025/05/comb.jpg", f"{image_host}/img/comb.jpg"
    )
    report = import_storefront_products(owner, text.encode(), LIMIT)
    comb = next(p for p in report.products if p.title_en.startswith("Honeycomb"))
    assert comb.images_fetched == 0 and "private network" in comb.images_left[0]


def test_a_broken_image_host_leaves_the_image_for_upload(owner, image_host):
    text = WOO.replace(
        "https://shop.example.com/wp-content/uploads/2025/05/comb.jpg", f"{image_host}/broken/comb.jpg"
    )
    report = import_storefront_products(owner, text.encode(), LIMIT)
    comb = next(p for p in report.products if p.title_en.startswith("Honeycomb"))
    assert "answered 500" in comb.images_left[0]
    assert any("to upload" in note for note in comb.notes)


def _no_fetch(url, timeout, max_bytes):
    from borderless.catalog.image_fetch import Fetched

    return Fetched(url, problem="not fetched in this test")


def test_the_command_line_imports_and_reports(owner, tmp_path):
    from django.core.management import CommandError, call_command

    export = tmp_path / "products_export.csv"
    export.write_text(WOO)
    out = io.StringIO()
    call_command("import_products", str(export), seller=owner.email, dry_run=True, stdout=out)
    assert "3 products would be created, 6 SKUs" in out.getvalue()
    assert not Product.objects.exists()
    call_command("import_products", str(export), seller=owner.email, stdout=io.StringIO())
    assert Product.objects.count() == 3
    export.write_text("Handle,Title,Variant Price\n,Honey,9\n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_products", str(export), seller=owner.email, stderr=err)
    assert "line 2: Handle is empty" in err.getvalue()
