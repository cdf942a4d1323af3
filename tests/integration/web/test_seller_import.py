"""The seller centre's import of shop exports, and the HS code panel of a listing."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from borderless.catalog.models import Product
from factories import make_product, make_seller, owner_of

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "data" / "imports"


@pytest.fixture
def seller_client(client):
    seller = make_seller(state="WI")
    client.force_login(owner_of(seller))
    client.seller = seller
    return client


def upload(content: bytes, name="products_export.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_a_shopify_export_imports_in_one_step_with_the_figures(seller_client):
    content = (DATA / "shopify_products_export.csv").read_bytes()
    html = seller_client.post("/seller/import/", {"file": upload(content), "publish": "on"}).content.decode()
    assert 'id="figure-products">56<' in html
    products = Product.objects.filter(seller=seller_client.seller)
    assert products.count() == 56
    skus = sum(p.skus.count() for p in products)
    assert f'id="figure-skus">{skus}<' in html
    assert "Images left for you to upload" in html and "cdn.shopify.com" in html


def test_a_dry_run_shows_the_figures_and_saves_nothing(seller_client):
    content = (DATA / "woocommerce_products_export.csv").read_bytes()
    html = seller_client.post("/seller/import/", {"file": upload(content), "dry_run": "on"}).content.decode()
    assert "Nothing saved yet" in html and 'id="figure-products">3<' in html
    assert not Product.objects.exists()


def test_a_broken_file_lists_its_lines_and_changes_nothing(seller_client):
    make_product(seller_client.seller, title_en="Already listed")
    content = b"Handle,Title,Variant Price,Variant Grams\nh,Clover Honey,9,400\ng,Raw Honey,free,400\n"
    html = seller_client.post("/seller/import/", {"file": upload(content)}).content.decode()
    assert "Nothing was imported" in html and "Line 3: Price &#x27;free&#x27;" in html
    assert Product.objects.count() == 1


def test_the_product_page_flags_the_code_and_the_seller_picks_a_suggestion(seller_client):
    product = make_product(
        seller_client.seller, title_en="Beeswax Lip Balm", hs_code="3304.99", status="draft"
    )
    html = seller_client.get(f"/seller/products/{product.public_id}/").content.decode()
    assert 'id="hs-flags"' in html and "inspects cosmetics" in html
    assert 'id="publish-hs-flags"' in html  # beside the Publish button
    assert "Use 330410" in html
    response = seller_client.post(f"/seller/products/{product.public_id}/hs-code/", {"hs_code": "330410"})
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.hs_code == "330410"


def test_a_bad_code_is_refused_and_another_sellers_product_is_not_found(seller_client):
    product = make_product(seller_client.seller, title_en="Clover Honey", hs_code="0409.00")
    seller_client.post(f"/seller/products/{product.public_id}/hs-code/", {"hs_code": "99"})
    product.refresh_from_db()
    assert product.hs_code == "040900"
    other = make_product(make_seller(), title_en="Other honey")
    response = seller_client.post(f"/seller/products/{other.public_id}/hs-code/", {"hs_code": "170220"})
    assert response.status_code == 404


def test_a_new_listing_gets_suggestions_from_what_is_written_so_far(seller_client):
    form = {
        "title_en": "Pure Maple Syrup 12 fl oz",
        "description_en": "Grade A amber.",
        "category": "maple-syrup",
    }
    html = seller_client.post("/seller/products/new/", {**form, "suggest_hs": "1"}).content.decode()
    assert 'id="hs-suggestions"' in html and "Use 170220" in html
    assert not Product.objects.exists()
    html = seller_client.post("/seller/products/new/", {**form, "use_hs": "170220"}).content.decode()
    assert 'value="170220"' in html  # the chosen code is in the form, to be saved with it
    assert not Product.objects.exists()
