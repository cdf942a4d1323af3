"""The brand portal and the console's brand protection pages, through the web client."""

from datetime import date, timedelta

import pytest

from borderless.trust.models import Brand, BrandDocument, BrandProduct
from factories import make_buyer, make_operator, make_seller, owner_of
from trust_factories import image_upload, make_brand, make_brand_owner, pdf_upload

pytestmark = pytest.mark.django_db


def _brand_form(**overrides):
    return {
        "name_en": "Cedar Hollow",
        "name_zh": "雪松谷",
        "aliases": "Cedar Hollow Farm",
        "office": "USPTO",
        "number": "98765432",
        "classes": "18, 25",
        "expires_on": (date.today() + timedelta(days=900)).isoformat(),
        **overrides,
    }


def test_a_brand_owner_signs_up_registers_a_brand_and_adds_products_once_verified(client):
    response = client.post(
        "/brand/signup/",
        {"full_name": "Ana Counsel", "email": "ana@cedar.example", "password": "a long enough pw 1"},
    )
    assert response.status_code == 302 and response["Location"] == "/brand/"
    response = client.post("/brand/new/", {**_brand_form(), "documents": [pdf_upload()]})
    brand = Brand.objects.get()
    assert response["Location"] == f"/brand/{brand.public_id}/"
    assert (
        brand.status == "pending" and brand.documents.count() == 1 and brand.aliases == ["Cedar Hollow Farm"]
    )
    page = client.get(f"/brand/{brand.public_id}/").content.decode()
    assert "98765432" in page and 'id="product-form"' not in page

    operator = client.__class__()
    operator.force_login(make_operator())
    assert "Cedar Hollow" in operator.get("/ops/brands/?status=pending").content.decode()
    operator.post(f"/ops/brands/{brand.public_id}/decide/", {"decision": "verify"})
    brand.refresh_from_db()
    assert brand.status == "verified"

    client.post(
        f"/brand/{brand.public_id}/",
        {
            "action": "product",
            "product-name_en": "Cedar Hollow saddlebag",
            "product-msrp_amount": "240.00",
            "product-msrp_currency": "USD",
            "product-gtins": "012345678905",
            "product-images": [image_upload()],
        },
    )
    product = BrandProduct.objects.get()
    assert product.images.count() == 1 and len(product.images.get().phash) == 16
    seller = make_seller()
    client.post(
        f"/brand/{brand.public_id}/",
        {"action": "seller", "seller-seller": f"https://x/s/{seller.public_id}/"},
    )
    assert brand.authorized_sellers.get().seller == seller


def test_bad_documents_are_form_errors_and_nothing_is_stored(client, settings):
    client.force_login(make_brand_owner())
    not_pdf = image_upload()
    not_pdf.name = "scan.txt"
    exe = pdf_upload("cert.pdf")
    exe.seek(0)
    exe.write(b"MZ")
    exe.seek(0)
    response = client.post("/brand/new/", {**_brand_form(), "documents": [exe]})
    assert response.status_code == 200 and "is not a PDF, JPEG or PNG file" in response.content.decode()
    settings.MAX_BRAND_DOCUMENT_BYTES = 100
    response = client.post("/brand/new/", {**_brand_form(), "documents": [pdf_upload()]})
    assert "larger than" in response.content.decode()
    assert not Brand.objects.exists() and not BrandDocument.objects.exists()


def test_the_portal_speaks_english_with_chinese_on_request(client, settings):
    client.force_login(make_brand_owner())
    assert "My brands" in client.get("/brand/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    assert "我的品牌" in client.get("/brand/").content.decode()


def test_a_brand_owner_cannot_see_or_change_another_owners_brand(client, settings):
    brand = make_brand()
    document = brand.documents.get()
    client.force_login(make_brand_owner())
    assert client.get(f"/brand/{brand.public_id}/").status_code == 404
    response = client.post(
        f"/brand/{brand.public_id}/", {"action": "seller", "seller-seller": str(make_seller().public_id)}
    )
    assert response.status_code == 404 and not brand.authorized_sellers.exists()
    assert client.get(f"/brand/documents/{document.public_id}/").status_code == 404
    client.force_login(brand.owner)
    response = client.get(f"/brand/documents/{document.public_id}/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")
    # Kept outside the public media folder: no /media/ address serves it.
    assert str(settings.PRIVATE_MEDIA_ROOT) in document.file.path
    assert str(settings.MEDIA_ROOT) not in document.file.path


def test_sellers_and_buyers_cannot_use_the_portal_and_only_operators_the_queue(client):
    client.force_login(owner_of(make_seller()))
    assert client.get("/brand/").status_code == 403
    assert client.get("/ops/review/").status_code == 403
    client.force_login(make_buyer())
    assert client.get("/brand/new/").status_code == 403
    client.force_login(make_brand_owner())
    assert client.get("/ops/brands/").status_code == 403
