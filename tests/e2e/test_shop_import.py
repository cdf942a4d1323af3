"""A seller brings a Shopify catalogue: checks the file, imports it in one step, then fixes an HS code."""

import re
from pathlib import Path

import pytest
from journey_support import log_in

from borderless.catalog.models import Product
from factories import make_seller, owner_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

EXPORT = Path(__file__).resolve().parents[1] / "data" / "imports" / "shopify_products_export.csv"


def test_seller_imports_a_shopify_export_and_picks_an_hs_code(page):
    seller = make_seller(state="WI")
    log_in(page, owner_of(seller).email)
    page.wait_for_url(re.compile(r"/seller/$"))
    page.click("text=CSV import / export")
    page.click("#shop-import-link")
    page.check("#id_dry_run")
    page.set_input_files("#id_file", str(EXPORT))
    page.click("#import")
    page.wait_for_selector("#import-report")
    assert "Nothing saved yet" in page.locator("#import-report h2").inner_text()
    assert page.locator("#figure-products").inner_text() == "56"
    assert not Product.objects.exists()

    page.uncheck("#id_dry_run")
    page.set_input_files("#id_file", str(EXPORT))
    page.click("#import")
    page.wait_for_selector("#import-figures")
    assert page.locator("#import-report h2").inner_text() == "Imported"
    assert page.locator("#figure-products").inner_text() == "56"
    skus = sum(p.skus.count() for p in Product.objects.filter(seller=seller))
    assert page.locator("#figure-skus").inner_text() == str(skus)
    assert int(page.locator("#figure-images-left").inner_text()) > 0  # the CDN is out of reach here

    page.click("#import-products >> text=Beeswax Lip Balm")
    page.wait_for_selector("#hs-panel")
    assert "inspects cosmetics" in page.locator("#hs-panel").inner_text()
    current = page.locator("#hs-current").inner_text()
    other = page.locator("#hs-suggestions button").first
    chosen = other.get_attribute("value")
    assert chosen != current
    other.click()
    page.wait_for_selector("#hs-current")
    assert page.locator("#hs-current").inner_text() == chosen
