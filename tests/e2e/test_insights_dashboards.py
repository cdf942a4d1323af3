"""Both dashboards open in a real browser and draw their charts (images decoded, with a size)."""

from decimal import Decimal

import pytest
from huey.contrib.djhuey import HUEY

from borderless.demo import trade
from factories import PASSWORD, make_operator, make_product, make_seller, owner_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

ADDRESS = {"name": "张三", "phone": "13800138000", "province": "浙江省", "city": "杭州市",
           "district": "西湖区", "street": "文三路 1 号"}  # fmt: skip
IDENTITY = {"name": "张三", "id_number": "11010519491231002X"}


@pytest.fixture
def traded(settings, tmp_path, clear_the_journal):
    from factories import make_buyer

    settings.VAR_DIR = tmp_path / "var"
    before, HUEY.immediate = HUEY.immediate, True
    seller = make_seller(state="VT", business_type="farm")
    sku = make_product(seller, price_usd=Decimal("30.00")).skus.get()
    for _ in range(2):
        trade.buy(make_buyer(), [(sku.public_id, 1)], ADDRESS, IDENTITY)
    yield seller
    HUEY.immediate = before


def log_in(page, email):
    page.goto("/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()


def drawn_charts(page) -> int:
    return page.evaluate(
        """() => [...document.querySelectorAll('figure.chart img')]
                 .filter(img => img.complete && img.naturalWidth > 100 && img.naturalHeight > 100).length"""
    )


def test_seller_and_operator_dashboards_draw_their_charts(page, traded):
    log_in(page, owner_of(traded).email)
    response = page.goto("/seller/insights/")
    assert response.status == 200
    assert page.locator("#kpi-orders").inner_text().strip() == "2"
    assert page.locator("figure.chart img").count() == 6
    assert drawn_charts(page) == 6
    page.context.clear_cookies()
    operator = make_operator()
    log_in(page, operator.email)
    response = page.goto("/ops/insights/")
    assert response.status == 200
    assert page.locator("#kpi-sellers").inner_text().strip() == "1"
    assert drawn_charts(page) == page.locator("figure.chart img").count() == 5
    with page.expect_download() as download:
        page.locator("#chart-state a.csv-link").click()
    with open(download.value.path(), encoding="utf-8") as data:
        assert "Vermont" in data.read()
