"""English only through the seller centre (with the side-by-side review) and the CSV import; the buyer's
page shows 机器翻译 until the seller reviews. The API: tests/integration/api/test_api_translation.py."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from borderless.catalog.models import ChineseOrigin, Product
from borderless.translation.models import TranslationMemory
from borderless.translation.tasks import translate_listing
from factories import make_product, make_seller, owner_of

pytestmark = pytest.mark.django_db

FORM = {
    "title_en": "Vermont Pure Maple Syrup, Grade A Amber, 500 ml",
    "title_zh": "",
    "category": "maple-syrup",
    "brand_name": "Sugar Hollow",
    "hs_code": "1702.20",
    "origin_state": "VT",
    "description_en": "Boiled over a wood fire in our sugarhouse.",
    "description_zh": "",
    "net_content_value": "500",
    "net_content_unit": "ml",
    "unit_weight_g": "700",
    "skus-TOTAL_FORMS": "1",
    "skus-INITIAL_FORMS": "0",
    "skus-MIN_NUM_FORMS": "0",
    "skus-MAX_NUM_FORMS": "50",
    "skus-0-code": "SH-500",
    "skus-0-option_en": "Gift box",
    "skus-0-price_usd": "18.50",
    "skus-0-stock": "40",
}


@pytest.fixture
def seller(client):
    seller = make_seller(state="VT")
    client.force_login(owner_of(seller))
    return seller


def test_seller_centre_english_only_then_review_beside_the_english(client, seller, worker):
    with worker():
        response = client.post("/seller/products/new/", {**FORM, "publish": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    product = Product.objects.get()
    assert product.status == "published" and product.title_zh == "佛蒙特纯枫糖浆 A级琥珀色 500毫升"
    page = client.get(f"/seller/products/{product.public_id}/").content.decode()
    assert "Machine-translated" in page and 'id="review-title-zh"' in page and product.title_en in page

    buyer_page = client.get(f"/p/{product.public_id}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "机器翻译" in buyer_page
    assert "机器翻译" in client.get("/search/", {"q": "枫糖浆"}).content.decode()

    corrected = product.title_zh.replace("纯", "纯正")
    with worker():
        response = client.post(
            f"/seller/products/{product.public_id}/chinese/",
            {"title_zh": corrected, "description_zh": product.description_zh},
        )
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.title_zh == corrected and product.title_zh_origin == ChineseOrigin.SELLER
    assert product.description_zh_origin == ChineseOrigin.REVIEWED
    assert TranslationMemory.objects.filter(seller=seller, translated_text=corrected).exists()
    assert "机器翻译" not in client.get(f"/p/{product.public_id}/").content.decode()


def test_review_refuses_an_overlong_title_and_changes_nothing(client, seller, worker):
    with worker():
        product = make_product(seller, title_zh="", description_zh="", status="draft")
    product.refresh_from_db()
    before = product.title_zh
    response = client.post(
        f"/seller/products/{product.public_id}/chinese/", {"title_zh": "长" * 201}, follow=True
    )
    assert "at most 200 characters" in response.content.decode()
    product.refresh_from_db()
    assert product.title_zh == before and product.title_zh_origin == ChineseOrigin.MACHINE


def test_a_seller_cannot_review_another_sellers_listing(client, seller):
    other = make_product(make_seller(), title_zh="", status="draft")
    response = client.post(f"/seller/products/{other.public_id}/chinese/", {"title_zh": "改"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.title_zh == ""


def test_a_failed_translation_shows_the_seller_why(client, seller):
    product = make_product(seller, title_zh="", status="draft")
    Product.objects.filter(pk=product.pk).update(
        translation_status="failed", translation_note="Translation failed (DeepL is rate limiting requests)."
    )
    page = client.get(f"/seller/products/{product.public_id}/").content.decode()
    assert "Translation failed" in page and "rate limiting" in page and "Your English stays" in page


def test_csv_import_english_only_and_a_too_long_description_names_the_line(client, seller, worker):
    header = (
        "title_en,category,brand_name,hs_code,description_en,"
        "net_content_value,net_content_unit,unit_weight_g,sku_code,price_usd,stock\n"
    )
    good = 'Pecan Halves 1 lb,nuts-dried-fruit,Sugar Hollow,0802.90,"Shelled, fresh.",454,g,500,P-1,12.00,5\n'
    too_long = f'Walnut Halves,nuts-dried-fruit,Sugar Hollow,0802.32,"{"x" * 10_000}",454,g,500,W-1,12.00,5\n'
    upload = SimpleUploadedFile("p.csv", (header + good + too_long).encode(), content_type="text/csv")
    response = client.post("/seller/csv/", {"file": upload})
    html = response.content.decode()
    assert "Line 3" in html and "description_en" in html
    assert not Product.objects.exists()
    upload = SimpleUploadedFile("p.csv", (header + good).encode(), content_type="text/csv")
    with worker():
        assert client.post("/seller/csv/", {"file": upload}).status_code == 302
    assert Product.objects.get().title_zh == "碧根果 1磅"


def test_the_listing_page_polls_while_queued_then_reloads_and_no_one_else_may_poll(client, seller, worker):
    product = make_product(seller, title_zh="", description_zh="", status="draft")
    url = f"/seller/products/{product.public_id}/translation/"
    page = client.get(f"/seller/products/{product.public_id}/").content.decode()
    assert f'hx-get="{url}"' in page and 'hx-trigger="every 2s"' in page
    waiting = client.get(url, HTTP_HX_REQUEST="true")
    assert waiting.status_code == 200 and "Translating" in waiting.content.decode()
    assert "HX-Refresh" not in waiting
    with worker():
        translate_listing(product.pk)
    done = client.get(url, HTTP_HX_REQUEST="true")
    assert done.status_code == 200 and done["HX-Refresh"] == "true"
    page = client.get(f"/seller/products/{product.public_id}/").content.decode()
    assert "every 2s" not in page  # translated: the page stops polling
    other = make_product(make_seller(), title_zh="", status="draft")
    assert client.get(f"/seller/products/{other.public_id}/translation/").status_code == 404


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("title_en", "  ", "This field is required"), ("description_en", "Raw honey. " * 1000, "at most 5000")],
)
def test_seller_centre_refuses_empty_english_and_overlong_text_with_a_form_error(
    client, seller, field, value, message
):
    response = client.post("/seller/products/new/", {**FORM, field: value})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html, html[:3000]
    assert not Product.objects.exists()
