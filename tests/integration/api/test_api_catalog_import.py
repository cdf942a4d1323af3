"""The API's HS code suggestions and the import of shop exports."""

from pathlib import Path

import pytest
from api_support import API, assert_error

from borderless.catalog.models import Product
from factories import make_product

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "data" / "imports"


def test_suggestions_for_english_text(seller_api):
    response = seller_api.post(
        "/seller/hs-suggestions",
        {
            "title_en": "Whipped Shea Face Cream",
            "description_en": "Shea butter and squalane.",
            "category": "skin-care",
        },
    )
    assert response.status_code == 200
    best = response.json()["suggestions"][0]
    assert best["hs_code"] == "330499" and best["cn_line"] == "3304990000"
    assert best["restricted"] and best["flags"][0]["code"] == "inspection"
    assert any("cream" in reason for reason in best["reasons"])


def test_suggestions_need_a_title_and_a_seller(seller_api, buyer_api, anon):
    assert_error(seller_api.post("/seller/hs-suggestions", {"title_en": "  "}), 422)
    assert buyer_api.post("/seller/hs-suggestions", {"title_en": "Honey"}).status_code == 403
    assert anon.post("/seller/hs-suggestions", {"title_en": "Honey"}).status_code == 401


def test_suggestions_for_a_saved_listing_and_its_current_flags(seller, seller_api, other_seller_api):
    product = make_product(seller, title_en="Beeswax Lip Balm", hs_code="3304.99", status="draft")
    response = seller_api.get(f"/seller/products/{product.public_id}/hs-suggestions")
    assert response.status_code == 200
    body = response.json()
    assert body["current_hs_code"] == "330499"
    assert [f["code"] for f in body["current_flags"]] == ["inspection"]
    assert body["suggestions"][0]["hs_code"] == "330410"
    assert other_seller_api.get(f"/seller/products/{product.public_id}/hs-suggestions").status_code == 404


def _upload(api, content: bytes, **options):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {"file": SimpleUploadedFile("products_export.csv", content, content_type="text/csv")}
    data.update({k: str(v).lower() for k, v in options.items()})
    return api.client.post(f"{API}/seller/product-imports", data, headers=api._headers(None))


def test_import_a_shopify_export_with_a_dry_run_first(seller, seller_api):
    content = (DATA / "shopify_products_export.csv").read_bytes()
    dry = _upload(seller_api, content, dry_run=True)
    assert dry.status_code == 200, dry.content
    assert dry.json()["dry_run"] and dry.json()["created"] == 0 and len(dry.json()["products"]) == 56
    assert not Product.objects.exists()
    done = _upload(seller_api, content, publish=False)
    assert done.status_code == 201
    body = done.json()
    assert body["created"] == 56 and body["skus"] == sum(p["skus"] for p in body["products"])
    assert Product.objects.filter(seller=seller).count() == 56
    assert all(p["product"] for p in body["products"])


def test_a_broken_export_answers_422_with_lines_and_saves_nothing(seller_api):
    content = b"Handle,Title,Variant Price,Variant Grams\nh,Clover Honey,9,400\ng,Clover Honey 2,free,400\n"
    response = _upload(seller_api, content)
    assert_error(response, 422)
    assert response.json()["error"]["details"]["lines"] == [
        {"line": 3, "message": "Price 'free' is not an amount in dollars."}
    ]
    assert not Product.objects.exists()
