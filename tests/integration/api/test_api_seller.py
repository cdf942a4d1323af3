"""Seller endpoints: own products only, validation with the field named, nothing half-written."""

import io

import pytest
from api_support import ApiClient, assert_error, product_payload, token_for
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from borderless.accounts.models import Verification
from borderless.catalog.models import Product, ProductImage, Sku
from factories import make_product, make_seller, owner_of

pytestmark = pytest.mark.django_db


def png_bytes(size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, format="PNG")
    return out.getvalue()


def test_crud_on_own_products(seller, seller_api):
    response = seller_api.post("/seller/products", product_payload())
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "draft"
    assert created["hs_code"] == "170220"
    assert created["origin_state"] == "VT"  # the seller's state when not given
    assert created["skus"][0]["price_usd"] == "18.50"
    assert created["net_content"] == {"value": "500.000", "unit": "ml"}
    product_id = created["id"]

    listed = seller_api.get("/seller/products").json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == product_id

    response = seller_api.patch(
        f"/seller/products/{product_id}", {"title_en": "Maple syrup, 1 l", "status": "published"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["title_en"] == "Maple syrup, 1 l"
    assert response.json()["status"] == "published"
    assert response.json()["title_zh"] == created["title_zh"]

    response = seller_api.put(f"/seller/products/{product_id}/stock", {"MS-500": 7})
    assert response.status_code == 200, response.content
    assert response.json()["skus"][0]["stock"] == 7

    assert seller_api.get(f"/seller/products/{product_id}").json()["skus"][0]["stock"] == 7
    assert seller_api.delete(f"/seller/products/{product_id}").status_code == 204
    assert not Product.objects.filter(public_id=product_id).exists()
    assert_error(seller_api.get(f"/seller/products/{product_id}"), 404, "not_found")


def test_json_numbers_for_money_are_accepted_only_when_exact(seller_api):
    ok = seller_api.post(
        "/seller/products", product_payload(skus=[{"code": "A", "price_usd": 12.5, "stock": 1}])
    )
    assert ok.status_code == 201, ok.content
    assert ok.json()["skus"][0]["price_usd"] == "12.50"
    bad = seller_api.post(
        "/seller/products", product_payload(skus=[{"code": "A", "price_usd": 12.345, "stock": 1}])
    )
    error = assert_error(bad, 422, "invalid")
    assert "skus[0].price_usd" in error["details"]
    assert Product.objects.count() == 1


def test_unverified_seller_cannot_publish(db):
    pending = make_seller(verified=False)
    api = ApiClient(token_for(owner_of(pending)))
    error = assert_error(api.post("/seller/products", product_payload(status="published")), 422, "invalid")
    assert "status" in error["details"]
    assert not Product.objects.filter(seller=pending).exists()
    draft = api.post("/seller/products", product_payload()).json()
    error = assert_error(api.patch(f"/seller/products/{draft['id']}", {"status": "published"}), 422)
    assert "verified" in error["details"]["status"][0]
    assert Product.objects.get(public_id=draft["id"]).status == "draft"


def test_another_sellers_product_is_not_found_and_untouched(seller, other_seller_api):
    draft = make_product(seller, status="draft", title_en="Secret draft")
    path = f"/seller/products/{draft.public_id}"
    assert_error(other_seller_api.get(path), 404, "not_found")
    assert_error(other_seller_api.patch(path, {"title_en": "Hijacked"}), 404, "not_found")
    assert_error(other_seller_api.put(path + "/stock", {draft.skus.get().code: 0}), 404, "not_found")
    assert_error(other_seller_api.delete(path), 404, "not_found")
    upload = SimpleUploadedFile("x.png", png_bytes(), content_type="image/png")
    assert_error(other_seller_api.upload(path + "/images", {"image": upload}), 404, "not_found")
    draft.refresh_from_db()
    assert draft.title_en == "Secret draft"
    assert draft.skus.get().stock == 10
    assert not draft.images.exists()
    assert other_seller_api.get("/seller/products").json()["total"] == 0


def test_anonymous_writes_are_401(anon, seller):
    product = make_product(seller)
    assert_error(anon.post("/seller/products", product_payload()), 401, "unauthorized")
    assert_error(anon.patch(f"/seller/products/{product.public_id}", {"title_en": "x"}), 401)
    assert_error(anon.delete(f"/seller/products/{product.public_id}"), 401)
    assert_error(anon.get("/seller/products"), 401)
    assert Product.objects.get(pk=product.pk).title_en != "x"


def test_buyer_cannot_use_seller_endpoints(buyer_api):
    assert_error(buyer_api.get("/seller/products"), 403, "forbidden")
    assert_error(buyer_api.post("/seller/products", product_payload()), 403, "forbidden")
    assert_error(buyer_api.get("/seller/profile"), 403, "forbidden")
    assert_error(buyer_api.get("/seller/members"), 403, "forbidden")
    assert Product.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"hs_code": "17A2.20"}, "hs_code"),
        ({"hs_code": "7702.20"}, "hs_code"),
        ({"category": "no-such-category"}, "category"),
        ({"skus": [{"code": "A", "price_usd": "-1.00", "stock": 1}]}, "skus[0].price_usd"),
        ({"skus": [{"code": "A", "price_usd": "0", "stock": 1}]}, "skus[0].price_usd"),
        ({"skus": [{"code": "A", "price_usd": "1.00", "stock": -1}]}, "skus[0].stock"),
        ({"skus": [{"code": "A", "price_usd": "1.00", "stock": 1, "gtin": "036000291453"}]}, "skus[0].gtin"),
        ({"skus": []}, "skus"),
        ({"net_content": {"value": "500", "unit": "litre"}}, "net_content.unit"),
        ({"title_en": "x" * 201}, "title_en"),
        ({"title_zh": "nul\x00byte"}, "title_zh"),
        ({"origin_state": "XX"}, "origin_state"),
    ],
)
def test_bad_product_input_names_the_field_and_writes_nothing(seller_api, change, field):
    response = seller_api.post("/seller/products", product_payload(**change))
    error = assert_error(response, 422, "invalid")
    assert field in error["details"], error
    assert Product.objects.count() == 0 and Sku.objects.count() == 0


def test_bad_patch_changes_nothing(seller, seller_api):
    product = make_product(seller, status="draft")
    sku = product.skus.get()
    response = seller_api.patch(
        f"/seller/products/{product.public_id}",
        {"title_en": "New title", "skus": [{"code": sku.code, "price_usd": "5.00", "stock": -3}]},
    )
    assert_error(response, 422, "invalid")
    product.refresh_from_db()
    sku.refresh_from_db()
    assert product.title_en != "New title"
    assert sku.stock == 10


def test_bad_stock_update_names_the_sku_and_changes_nothing(seller, seller_api):
    product = make_product(
        seller,
        skus=[{"code": "A", "price_usd": "1.00", "stock": 5}, {"code": "B", "price_usd": "2.00", "stock": 5}],
    )
    response = seller_api.put(f"/seller/products/{product.public_id}/stock", {"A": 1, "B": -1})
    error = assert_error(response, 422)
    assert "B" in error["details"]
    response = seller_api.put(f"/seller/products/{product.public_id}/stock", {"A": 1, "NOPE": 2})
    assert "NOPE" in assert_error(response, 422)["details"]
    assert sorted(product.skus.values_list("stock", flat=True)) == [5, 5]


def test_html_and_sql_are_stored_verbatim_and_returned_as_json(seller, seller_api):
    script = "<script>alert('x')</script>"
    sql = "'); DROP TABLE catalog_product; --"
    response = seller_api.post("/seller/products", product_payload(title_en=script, description_en=sql))
    assert response.status_code == 201, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["title_en"] == script and body["description_en"] == sql
    assert Product.objects.get(public_id=body["id"]).title_en == script
    assert Product.objects.count() == 1


def test_image_upload_accepts_images_and_refuses_the_rest(seller, seller_api, settings):
    product = make_product(seller, status="draft")
    path = f"/seller/products/{product.public_id}/images"
    ok = seller_api.upload(
        path, {"image": SimpleUploadedFile("a.png", png_bytes(), "image/png"), "alt_en": "Jar"}
    )
    assert ok.status_code == 201, ok.content
    assert ok.json()["images"][0]["alt_en"] == "Jar"
    assert ok.json()["images"][0]["url"].endswith(".jpg")

    text = SimpleUploadedFile("notes.png", b"just some text, not a picture", "image/png")
    assert_error(seller_api.upload(path, {"image": text}), 422, "invalid")
    settings.MAX_IMAGE_BYTES = 1000
    big = SimpleUploadedFile("big.png", png_bytes((400, 400)) + b"\0" * 2000, "image/png")
    assert_error(seller_api.upload(path, {"image": big}), 422, "invalid")
    assert ProductImage.objects.filter(product=product).count() == 1
    assert_error(seller_api.upload(path, {}), 422, "invalid")


def test_profile_read_and_update(seller, seller_api):
    assert seller_api.get("/seller/profile").json()["display_name"] == seller.display_name
    response = seller_api.patch("/seller/profile", {"display_name_zh": "测试农场", "city": "Burlington"})
    assert response.status_code == 200, response.content
    seller.refresh_from_db()
    assert (seller.display_name_zh, seller.city) == ("测试农场", "Burlington")
    error = assert_error(seller_api.patch("/seller/profile", {"state": "ZZ"}), 422)
    assert "state" in error["details"]
    members = seller_api.get("/seller/members").json()
    assert [m["role"] for m in members] == ["owner"]
    assert members[0]["email"] == owner_of(seller).email


def test_operator_verifies_and_rejects_sellers(operator_api, seller_api):
    pending = make_seller(verified=False)
    listed = operator_api.get("/ops/sellers", {"status": "pending"}).json()
    assert [s["id"] for s in listed["items"]] == [str(pending.public_id)]
    assert_error(operator_api.post(f"/ops/sellers/{pending.public_id}/reject", {"note": ""}), 422)
    response = operator_api.post(f"/ops/sellers/{pending.public_id}/verify", {"note": "documents checked"})
    assert response.status_code == 200, response.content
    assert response.json()["verification_status"] == "verified"
    pending.refresh_from_db()
    assert pending.verification_status == Verification.VERIFIED
    response = operator_api.post(f"/ops/sellers/{pending.public_id}/reject", {"note": "licence revoked"})
    assert response.json()["verification_status"] == "rejected"
    assert_error(operator_api.post("/ops/sellers/00000000-0000-4000-8000-000000000000/verify", {}), 404)


def test_non_operators_cannot_review_sellers(seller_api, buyer_api):
    pending = make_seller(verified=False)
    for api in (seller_api, buyer_api):
        assert_error(api.post(f"/ops/sellers/{pending.public_id}/verify", {"note": "me"}), 403, "forbidden")
        assert_error(api.get("/ops/sellers"), 403, "forbidden")
    pending.refresh_from_db()
    assert pending.verification_status == Verification.PENDING
