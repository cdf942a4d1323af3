"""The seller centre: own products only, validation that changes nothing, CSV all or nothing."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from borderless.catalog.models import Product, Sku
from factories import make_buyer, make_product, make_seller, owner_of

pytestmark = pytest.mark.django_db


def product_post(**overrides):
    data = {
        "title_en": "Vermont maple syrup, grade A amber, 500 ml",
        "title_zh": "佛蒙特纯枫糖浆 A级琥珀色 500毫升",
        "category": "maple-syrup",
        "brand_name": "Sugar Hollow",
        "hs_code": "1702.20",
        "origin_state": "VT",
        "description_en": "Boiled over a wood fire in our sugarhouse.",
        "description_zh": "在我们的糖屋用柴火熬制。",
        "net_content_value": "500",
        "net_content_unit": "ml",
        "unit_weight_g": "700",
        "skus-TOTAL_FORMS": "1",
        "skus-INITIAL_FORMS": "0",
        "skus-MIN_NUM_FORMS": "0",
        "skus-MAX_NUM_FORMS": "50",
        "skus-0-code": "SH-500",
        "skus-0-price_usd": "18.50",
        "skus-0-stock": "40",
        "skus-0-gtin": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def seller_client(client):
    seller = make_seller(state="VT")
    client.force_login(owner_of(seller))
    client.seller = seller
    return client


def test_create_a_product_and_publish_it(seller_client):
    response = seller_client.post("/seller/products/new/", product_post(publish="1"))
    assert response.status_code == 302
    product = Product.objects.get(title_en__startswith="Vermont maple")
    assert product.seller == seller_client.seller
    assert product.hs_code == "170220"
    assert product.status == "published"
    assert product.skus.get().price_usd == Decimal("18.50")
    assert seller_client.get(f"/p/{product.public_id}/").status_code == 200


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("hs_code", "12", "6 to 10 digits"),
        ("hs_code", "7700000000", "chapter 77"),
        ("hs_code", "abc123", "6 to 10 digits"),
        ("skus-0-price_usd", "-5", "greater than or equal to 0.01"),
        ("skus-0-stock", "-1", "greater than or equal to 0"),
        ("skus-0-gtin", "4006381333932", "check digit"),
        ("unit_weight_g", "0", "greater than or equal to 0.1"),
    ],
)
def test_bad_input_is_reported_and_changes_nothing(seller_client, field, value, message):
    response = seller_client.post("/seller/products/new/", product_post(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Product.objects.exists()


def test_unverified_seller_can_prepare_but_not_publish(client):
    seller = make_seller(verified=False)
    client.force_login(owner_of(seller))
    response = client.post("/seller/products/new/", product_post(publish="1"))
    assert "must be verified" in response.content.decode()
    assert not Product.objects.exists()
    assert client.post("/seller/products/new/", product_post()).status_code == 302
    product = Product.objects.get()
    assert product.status == "draft"
    client.post(f"/seller/products/{product.public_id}/status/", {"status": "published"})
    product.refresh_from_db()
    assert product.status == "draft"


def test_a_seller_cannot_read_or_change_another_sellers_draft(client):
    victim = make_product(make_seller(), status="draft", title_en="Secret recipe")
    intruder = make_seller()
    client.force_login(owner_of(intruder))
    base = f"/seller/products/{victim.public_id}"
    assert client.get(f"{base}/").status_code == 404
    assert client.post(f"{base}/", product_post(title_en="Hacked")).status_code == 404
    assert client.post(f"{base}/status/", {"status": "published"}).status_code == 404
    assert client.post(f"{base}/delete/").status_code == 404
    png = io.BytesIO()
    Image.new("RGB", (10, 10)).save(png, "PNG")
    upload = SimpleUploadedFile("x.png", png.getvalue(), content_type="image/png")
    assert client.post(f"{base}/images/", {"image": upload}).status_code == 404
    assert "Secret recipe" not in client.get("/seller/").content.decode()
    assert "Secret recipe" not in client.get("/seller/csv/export/").content.decode()
    victim.refresh_from_db()
    assert (victim.title_en, victim.status, victim.images.count()) == ("Secret recipe", "draft", 0)


def test_anonymous_and_buyers_cannot_write(client):
    product = make_product(make_seller(), status="draft")
    response = client.post(f"/seller/products/{product.public_id}/delete/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.post("/seller/products/new/", product_post()).status_code == 302
    client.force_login(make_buyer())
    assert client.post("/seller/products/new/", product_post()).status_code == 403
    assert client.get("/ops/sellers/").status_code == 403
    assert Product.objects.count() == 1


def test_images_must_be_real_images_of_bounded_size(seller_client, settings):
    product = make_product(seller_client.seller)
    url = f"/seller/products/{product.public_id}/images/"
    fake = SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    response = seller_client.post(url, {"image": fake}, follow=True)
    assert "not an image" in response.content.decode()
    settings.MAX_IMAGE_BYTES = 1000
    big = io.BytesIO()
    Image.effect_noise((200, 200), 50).convert("RGB").save(big, "PNG")
    response = seller_client.post(url, {"image": SimpleUploadedFile("big.png", big.getvalue())}, follow=True)
    assert "limit" in response.content.decode()
    assert product.images.count() == 0
    settings.MAX_IMAGE_BYTES = 5_000_000
    seller_client.post(url, {"image": SimpleUploadedFile("ok.png", big.getvalue())})
    assert product.images.count() == 1


CSV_HEADER = (
    "product_id,title_en,title_zh,category,brand_name,hs_code,origin_state,description_en,description_zh,"
    "net_content_value,net_content_unit,unit_weight_g,status,sku_code,option_en,option_zh,price_usd,stock,gtin\n"
)


def csv_row(title="Maple cream", sku="MC-1", price="12.00", stock="5", hs="1704.90", product_id=""):
    return (
        f"{product_id},{title},枫糖奶油,maple-syrup,Sugar Hollow,{hs},VT,"
        '"Whipped, spreadable.",可涂抹的枫糖奶油,'
        f"250,g,300,draft,{sku},,,{price},{stock},\n"
    )


def upload(text: str | bytes, name="products.csv"):
    return SimpleUploadedFile(name, text.encode() if isinstance(text, str) else text, content_type="text/csv")


def test_csv_import_creates_products_grouping_skus(seller_client):
    body = (
        CSV_HEADER + csv_row(sku="MC-1") + csv_row(sku="MC-2", price="20.00") + csv_row("Maple candy", "MK-1")
    )
    response = seller_client.post("/seller/csv/", {"file": upload(body)})
    assert response.status_code == 302
    assert Product.objects.count() == 2
    assert set(Sku.objects.values_list("code", flat=True)) == {"MC-1", "MC-2", "MK-1"}


def test_csv_import_is_all_or_nothing_and_names_the_line(seller_client):
    body = CSV_HEADER + csv_row() + csv_row("Bad one", "B-1", price="-3") + csv_row("Bad two", "B-2", hs="99")
    response = seller_client.post("/seller/csv/", {"file": upload(body)})
    html = response.content.decode()
    assert "Nothing was imported" in html
    assert "Line 3" in html and "Line 4" in html
    assert not Product.objects.exists()


def test_csv_round_trip_updates_in_place(seller_client):
    seller_client.post("/seller/csv/", {"file": upload(CSV_HEADER + csv_row())})
    exported = seller_client.get("/seller/csv/export/").content.decode()
    assert exported.count("\n") == 2
    changed = exported.replace(",12.00,5,", ",14.00,9,")
    assert seller_client.post("/seller/csv/", {"file": upload(changed)}).status_code == 302
    sku = Sku.objects.get()
    assert (sku.price_usd, sku.stock, Product.objects.count()) == (Decimal("14.00"), 9, 1)


def test_csv_cannot_touch_another_sellers_product(seller_client):
    victim = make_product(make_seller(), status="draft")
    body = CSV_HEADER + csv_row(product_id=str(victim.public_id))
    html = seller_client.post("/seller/csv/", {"file": upload(body)}).content.decode()
    assert "Unknown product_id" in html
    victim.refresh_from_db()
    assert victim.title_en != "Maple cream"


@pytest.mark.parametrize(
    "payload",
    [
        b"\x00\xff\xfe" * 3_500_000,
        b"\xff\xfe\x00garbage" * 10,
        b"just,some\nrandom,text\n",
        b'title_en,sku_code,price_usd,stock\n"unterminated,x,1,1\n',
    ],
)
def test_garbage_csv_gets_a_clear_error(seller_client, payload):
    response = seller_client.post("/seller/csv/", {"file": upload(payload)})
    assert response.status_code == 200
    assert "Nothing was imported" in response.content.decode()
    assert not Product.objects.exists()


def test_owner_invites_staff_who_then_sees_the_same_products(client):
    seller = make_seller()
    make_product(seller, title_en="Shared ginseng", status="draft")
    client.force_login(owner_of(seller))
    response = client.post("/seller/members/", {"email": "staff@example.com"})
    link = response.context["invite_link"]
    client.logout()
    token_path = link.split("testserver", 1)[1]
    response = client.post(
        token_path, {"email": "staff@example.com", "password": "a long staff password", "full_name": "Staff"}
    )
    assert response.status_code == 302
    assert "Shared ginseng" in client.get("/seller/").content.decode()
    assert client.post("/seller/members/", {"email": "other@example.com"}).context["invite_link"] is None


def test_landed_cost_calculator_shows_each_destination(seller_client):
    from borderless.catalog.landed import DESTINATIONS, listing_quote

    product = make_product(
        seller_client.seller,
        category="maple-syrup",
        hs_code="170220",
        skus=[{"code": "SY-1", "price_usd": Decimal("20.00"), "stock": 3}],
    )
    response = seller_client.get(f"/seller/products/{product.public_id}/landed/?sku=SY-1&quantity=2")
    html = response.content.decode()
    assert response.status_code == 200
    for destination in DESTINATIONS:
        assert f'data-destination="{destination}"' in html
    china = listing_quote(product, Decimal("20.00"), "CN", quantity=2)
    assert f"CN¥{china.total.amount:,}" in html
    assert "CN-C1" in html


def test_landed_cost_calculator_explains_a_refusal(seller_client):
    product = make_product(seller_client.seller, category="nuts-dried-fruit", hs_code="081010")
    html = seller_client.get(f"/seller/products/{product.public_id}/landed/").content.decode()
    assert "CN-C15" in html


def test_another_sellers_calculator_is_not_found(client):
    victim = make_product(make_seller(), status="draft")
    client.force_login(owner_of(make_seller()))
    assert client.get(f"/seller/products/{victim.public_id}/landed/").status_code == 404
