"""In a real browser: a brand owner's notice takes a listing down; the seller counter-notices; nobody pursues,
so 15 days later (the clock moved by calling the periodic task with a `now`) the listing is back; the
evidence bundle downloads and its manifest verifies."""

import re
from datetime import timedelta

from django.utils import timezone
from PIL import Image

from borderless.trust.casework_models import Case, CaseStatus
from borderless.trust.evidence import verify_bundle
from borderless.trust.takedowns import run_deadlines
from casework_support import STATEMENT, make_brand
from factories import PASSWORD, make_product, make_seller, owner_of


def _log_in(browser, base_url, email):
    context = browser.new_context(base_url=base_url, locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto("/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    return page


def test_notice_counter_notice_restoration_after_15_days_and_a_verifying_bundle(
    page, browser, live_server, tmp_path
):
    product = make_product(make_seller(), title_zh="威斯康星花旗参整根 无仿冒")
    brand = make_brand(name="Hsu Ginseng")
    photo = tmp_path / "test-buy.png"
    Image.new("RGB", (32, 32), "green").save(photo)
    registration = tmp_path / "registration.pdf"
    registration.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    page.set_default_timeout(60_000)  # the first page of a cold server loads FX data and dictionaries
    assert page.goto(f"/p/{product.public_id}/").status == 200

    owner_page = _log_in(browser, live_server.url, brand.owner.email)
    owner_page.goto("/brand/notices/new/")
    owner_page.select_option("#id_brand", str(brand.public_id))
    owner_page.select_option("#id_reason", "counterfeit")
    owner_page.fill("#id_listings", f"{live_server.url}/p/{product.public_id}/")
    owner_page.fill("#id_statement", STATEMENT)
    owner_page.set_input_files("#id_evidence", [str(photo), str(registration)])
    owner_page.click("#notice-form button[type=submit]")
    owner_page.wait_for_url(re.compile(r"/brand/notices/[0-9a-f-]{36}/$"))
    assert "Taken down" in owner_page.locator("#cases").inner_text()

    assert page.goto(f"/p/{product.public_id}/").status == 404
    page.goto("/search/?q=花旗参")
    assert "无仿冒" not in page.content()

    seller_page = _log_in(browser, live_server.url, owner_of(product.seller).email)
    seller_page.goto("/seller/notices/")
    seller_page.click("#seller-notices a")
    assert STATEMENT in seller_page.locator("#notice-statement").inner_text()
    assert "test-buy.png" not in seller_page.content()  # the complainant's files stay private
    seller_page.fill(
        "#id_statement", "Grown and dug on our own farm; we are the Hsu family's licensed grower."
    )
    seller_page.click("#counter-notice-form button[type=submit]")
    seller_page.wait_for_selector("#counter-notice")
    assert Case.objects.get().status == CaseStatus.COUNTERED

    owner_page.reload()
    assert "licensed grower" in owner_page.content()

    countered_at = Case.objects.get().countered_at
    assert run_deadlines(now=countered_at + timedelta(days=14)) == {"upheld": 0, "restored": 0}
    assert page.goto(f"/p/{product.public_id}/").status == 404
    assert run_deadlines(now=countered_at + timedelta(days=15, minutes=1))["restored"] == 1
    assert page.goto(f"/p/{product.public_id}/").status == 200
    assert "无仿冒" in page.locator("h1").inner_text()
    assert Case.objects.get().closed_at > timezone.now() + timedelta(days=14)

    owner_page.reload()
    with owner_page.expect_download() as download:
        owner_page.click("#cases .evidence-link")
    result = verify_bundle(download.value.path())
    assert result.ok, result.problems
