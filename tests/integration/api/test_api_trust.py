"""Brand registry and screening through the API: who may do what, bad input, and screening in responses."""

import pytest
from api_support import ApiClient, assert_error, product_payload, token_for

from borderless.trust.models import Brand, BrandDocument, BrandProduct
from trust_factories import image_upload, make_brand_owner, pdf_upload, trademark

pytestmark = pytest.mark.django_db

BRAND = {
    "name_en": "Sugarbush Farm",
    "name_zh": "糖林农场",
    "aliases": ["Sugarbush"],
    "trademarks": [trademark()],
}


@pytest.fixture
def owner():
    return make_brand_owner()


@pytest.fixture
def owner_api(owner):
    return ApiClient(token_for(owner))


@pytest.fixture
def brand_id(owner_api, operator_api):
    created = owner_api.post("/brands", BRAND)
    assert created.status_code == 201, created.content
    assert created.json()["status"] == "pending"
    brand_id = created.json()["id"]
    verified = operator_api.post(f"/ops/brands/{brand_id}/verify", {"note": "USPTO record checked."})
    assert verified.status_code == 200 and verified.json()["status"] == "verified"
    return brand_id


def test_only_brand_owners_register_and_only_operators_verify(seller_api, owner_api):
    assert_error(seller_api.post("/brands", BRAND), 403, "forbidden")
    brand_id = owner_api.post("/brands", BRAND).json()["id"]
    assert_error(owner_api.post(f"/ops/brands/{brand_id}/verify", {}), 403)
    assert_error(seller_api.post(f"/ops/brands/{brand_id}/verify", {}), 403)
    assert Brand.objects.get(public_id=brand_id).status == "pending"


def test_bad_brand_input_is_refused_and_nothing_is_stored(owner_api):
    expired = {**BRAND, "trademarks": [{**trademark(), "expires_on": "2001-01-01"}]}
    assert_error(owner_api.post("/brands", expired), 422)
    assert_error(owner_api.post("/brands", {**BRAND, "trademarks": []}), 422)
    assert_error(owner_api.post("/brands", {**BRAND, "trademarks": [{**trademark(), "classes": [46]}]}), 422)
    assert not Brand.objects.exists()


def test_reference_products_with_images_and_gtins(owner_api, brand_id):
    response = owner_api.upload(
        f"/brands/{brand_id}/products",
        {
            "name_en": "Sugarbush Farm maple syrup 500 ml",
            "name_zh": "糖林农场 枫糖浆 500毫升",
            "msrp_amount": "24.00",
            "gtins": "012345678905",
            "images": [image_upload()],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["gtins"] == ["012345678905"] and body["images"] == 1 and body["msrp_amount"] == "24.00"
    again = owner_api.upload(
        f"/brands/{brand_id}/products", {"name_en": "Other", "msrp_amount": "5", "gtins": "012345678905"}
    )
    assert "012345678905" in assert_error(again, 422)["details"]["gtins"][0]
    not_an_image = pdf_upload("photo.png")
    bad = owner_api.upload(
        f"/brands/{brand_id}/products", {"name_en": "X", "msrp_amount": "5", "images": [not_an_image]}
    )
    assert_error(bad, 422)
    assert BrandProduct.objects.count() == 1


def test_documents_must_be_pdf_jpeg_or_png_within_the_limit(owner_api, brand_id, settings):
    assert owner_api.upload(f"/brands/{brand_id}/documents", {"document": pdf_upload()}).status_code == 201
    fake = pdf_upload("cert.pdf")
    fake.seek(0)
    fake.write(b"MZ\x90\x00")  # an executable's first bytes, named .pdf
    fake.seek(0)
    assert_error(owner_api.upload(f"/brands/{brand_id}/documents", {"document": fake}), 422)
    settings.MAX_BRAND_DOCUMENT_BYTES = 1000
    assert_error(owner_api.upload(f"/brands/{brand_id}/documents", {"document": pdf_upload(size=5000)}), 422)
    assert BrandDocument.objects.count() == 1


def test_a_brand_owner_cannot_act_on_another_owners_brand(brand_id, seller):
    intruder = ApiClient(token_for(make_brand_owner()))
    assert_error(intruder.get(f"/brands/{brand_id}"), 404)
    assert_error(
        intruder.post(f"/brands/{brand_id}/authorized-sellers", {"seller_id": str(seller.public_id)}), 404
    )
    assert_error(intruder.upload(f"/brands/{brand_id}/products", {"name_en": "X", "msrp_amount": "5"}), 404)
    assert_error(intruder.upload(f"/brands/{brand_id}/documents", {"document": pdf_upload()}), 404)
    assert intruder.get("/brands").json() == []
    assert not BrandProduct.objects.exists()


def test_seller_product_responses_carry_the_screening(
    seller_api, owner_api, operator_api, brand_id, other_seller
):
    look_alike = product_payload(
        brand_name="Sugarbush",
        title_en="Sugarbush Farm maple syrup, 1:1 replica",
        skus=[{"code": "MS-1", "price_usd": "18.50", "stock": 4}],
    )
    created = seller_api.post("/seller/products", look_alike)
    assert created.status_code == 201, created.content
    screening = created.json()["screening"]
    assert screening["verdict"] in ("review", "blocked") and screening["score"] >= 50
    assert {"signal", "detail"} <= set(screening["reasons"][0])
    assert created.json()["held_from_buyers"] is True

    queue = operator_api.get("/ops/screenings").json()
    assert [row["product_id"] for row in queue] == [created.json()["id"]]
    decided = operator_api.post(f"/ops/screenings/{queue[0]['id']}/decision", {"decision": "cleared"})
    assert decided.status_code == 200
    assert seller_api.get(f"/seller/products/{created.json()['id']}").json()["held_from_buyers"] is False

    # Once authorised, the same seller's look-alike is clear.
    owner_api.post(f"/brands/{brand_id}/authorized-sellers", {"seller_id": str(other_seller.public_id)})
    other = ApiClient(token_for(other_seller.memberships.get().user)).post("/seller/products", look_alike)
    assert other.json()["screening"]["verdict"] == "clear"


def test_a_plain_listing_is_clear(seller_api):
    created = seller_api.post(
        "/seller/products", product_payload(skus=[{"code": "A", "price_usd": "9", "stock": 1}])
    )
    assert created.json()["screening"] == {"verdict": "clear", "score": 0, "reasons": [], "decision": ""}
