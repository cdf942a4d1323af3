"""A brand owner registers a brand, an operator verifies it, and a seller's look-alike listing is held for
review: the seller sees why, the operator finds it at the top of the review queue, buyers never see it."""

import io
import re

import pytest
from PIL import Image

from borderless.catalog.models import Product
from borderless.trust.models import Brand
from factories import PASSWORD, make_operator, make_seller, owner_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def _png() -> bytes:
    image = Image.new("RGB", (200, 200), (120, 70, 30))
    image.paste((230, 210, 160), (40, 40, 160, 160))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _log_in(browser, live_server, email):
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    return page


def test_brand_registered_verified_and_a_look_alike_held_for_review(page, browser, live_server):
    # The brand owner signs up and registers the brand with a trademark and its certificate.
    page.goto("/brand/signup/")
    page.fill("#id_full_name", "Dana Whitfield")
    page.fill("#id_email", "dana@badgercreek.example")
    page.fill("#id_password", "badger creek leather 1902")
    page.click("#brand-signup")
    page.wait_for_url(re.compile(r"/brand/$"))
    page.click("#register-brand")
    page.fill("#id_name_en", "Badger Creek Leather")
    page.fill("#id_name_zh", "獾溪皮具")
    page.select_option("#id_office", "USPTO")
    page.fill("#id_number", "90123456")
    page.fill("#id_classes", "18")
    page.fill("#id_expires_on", "2034-05-01")
    certificate = {
        "name": "registration.pdf",
        "mimeType": "application/pdf",
        "buffer": b"%PDF-1.4\n1 0 obj\n",
    }
    page.set_input_files("#id_documents", certificate)
    page.click("#register")
    page.wait_for_selector("#brand-status")
    assert page.locator("#brand-status").inner_text() == "Pending"
    brand = Brand.objects.get(name_en="Badger Creek Leather")

    # An operator checks the registration and verifies the brand.
    operator = make_operator()
    console = _log_in(browser, live_server, operator.email)
    console.goto("/ops/brands/?status=pending")
    row = console.locator("#brands tr", has_text="Badger Creek Leather")
    assert "90123456" in row.inner_text()
    row.get_by_role("button", name="Verify").click()
    console.wait_for_url(re.compile(r"status=verified"))
    assert "Badger Creek Leather" in console.locator("#brands").inner_text()

    # Verified, the brand adds a reference product with its official image.
    page.reload()
    assert page.locator("#brand-status").inner_text() == "Verified"
    page.fill("#id_product-name_en", "Badger Creek Leather bison tote")
    page.fill("#id_product-name_zh", "獾溪皮具 野牛皮托特包")
    page.fill("#id_product-msrp_amount", "289.00")
    page.set_input_files(
        "#id_product-images", {"name": "tote.png", "mimeType": "image/png", "buffer": _png()}
    )
    page.click("#product-form button[type=submit]")
    page.wait_for_selector("#reference-products")
    assert "bison tote" in page.locator("#reference-products").inner_text()

    # A seller lists a look-alike: misspelt brand, "1:1", a fraction of the MSRP.
    seller = make_seller(state="WI")
    shop = _log_in(browser, live_server, owner_of(seller).email)
    shop.goto("/seller/products/new/")
    shop.fill("#id_title_en", "Badger Crek Leather bison tote 1:1")
    shop.fill("#id_title_zh", "獾溪皮具 野牛皮托特包 一比一")
    shop.select_option("#id_category", "handbags")
    shop.fill("#id_brand_name", "Badger Crek Leather")
    shop.fill("#id_hs_code", "4202.21")
    shop.fill("#id_description_en", "Bison leather tote.")
    shop.fill("#id_description_zh", "野牛皮托特包。")
    shop.fill("#id_net_content_value", "1")
    shop.select_option("#id_net_content_unit", "piece")
    shop.fill("#id_unit_weight_g", "900")
    shop.fill("#id_skus-0-code", "TOTE-1")
    shop.fill("#id_skus-0-price_usd", "39.00")
    shop.fill("#id_skus-0-stock", "20")
    shop.click("#save-publish")
    shop.wait_for_selector("#screening-verdict")
    assert shop.locator("#screening-verdict").inner_text() in ("Held for review", "Blocked")
    assert "Badger Crek" in shop.locator("#screening-reasons").inner_text()
    listing = Product.objects.get(title_en__startswith="Badger Crek")
    assert listing.status == "published" and listing.held_from_buyers

    # The operator finds it first in the review queue; buyers cannot open it.
    console.click("#ops-review")
    console.wait_for_url(re.compile(r"/ops/review/"))
    first = console.locator("#review-queue tr.held-listing").first
    assert "Badger Crek Leather bison tote 1:1" in first.inner_text()
    assert "Badger Creek Leather" in first.inner_text()
    response = page.goto(f"/p/{listing.public_id}/")
    assert response.status == 404
    assert brand.pk
