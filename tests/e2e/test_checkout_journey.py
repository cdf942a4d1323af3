"""One purchase end to end in a real browser: a buyer in Chinese fills a cart from two sellers, checks out,
pays on the sandbox page and sees two paid orders; each seller ships and the sandbox customs declares, then
releases both parcels; the buyer confirms receipt; the payouts run and each seller's statement shows its
amount; the ledger's trial balance is balanced."""

import csv
import io
import re
from decimal import Decimal

import pytest
from huey.contrib.djhuey import HUEY
from journey_support import customs_answers, log_in
from playwright.sync_api import expect

from borderless.ledger import services as ledger
from borderless.orders.models import Order
from borderless.payouts import services as payouts
from factories import make_buyer, make_product, make_seller, owner_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture(autouse=True)
def immediate_queue(settings, tmp_path):
    """The payment's signed webhook goes through the task queue; here the queue runs tasks at once."""
    settings.VAR_DIR = tmp_path / "var"
    before = HUEY.immediate
    HUEY.immediate = True
    yield
    HUEY.immediate = before


@pytest.fixture(autouse=True)
def _clear_the_journal(clear_the_journal):
    yield


def add_to_cart(page, product, quantity: int) -> None:
    page.goto(f"/p/{product.public_id}/")
    page.fill("form.add-to-cart input[name=quantity]", str(quantity))
    page.get_by_role("button", name="加入购物车").click()
    page.wait_for_url(re.compile(r"/cart/$"))


def test_a_buyer_buys_from_two_sellers_who_ship_and_get_paid(page):
    farm = make_seller(state="WI", display_name_zh="许氏花旗参农场")
    sugarhouse = make_seller(state="VT", display_name_zh="糖枫小屋")
    ginseng = make_product(farm, title_zh="威斯康星花旗参 113克", price_usd=Decimal("58.00"))
    syrup = make_product(
        sugarhouse,
        category="maple-syrup",
        hs_code="170220",
        title_en="Vermont maple syrup, 500 ml",
        title_zh="佛蒙特枫糖浆 500毫升",
        price_usd=Decimal("18.50"),
    )
    buyer = make_buyer()

    # The cart, in Chinese: two sellers, each with its own landed price.
    log_in(page, buyer.email)
    add_to_cart(page, ginseng, 2)
    add_to_cart(page, syrup, 3)
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    expect(page.locator("#cart-count")).to_have_text("5")
    sections = page.locator("section.seller-cart")
    expect(sections).to_have_count(2)
    assert "许氏花旗参农场" in sections.nth(0).inner_text() + sections.nth(1).inner_text()
    assert "到手价" in page.locator("main").inner_text()
    cart_total = page.locator("#cart-total").inner_text()

    # Checkout: a mistyped ID number is refused on the form and nothing is placed.
    page.click("#to-checkout")
    page.wait_for_url(re.compile(r"/checkout/$"))
    page.fill("#id_name", "张三")
    page.fill("#id_phone", "13800138000")
    page.fill("#id_province", "北京市")
    page.fill("#id_city", "北京市")
    page.fill("#id_district", "朝阳区")
    page.fill("#id_street", "建国路 88 号 1 单元 101")
    page.fill("#id_real_name", "张三")
    page.fill("#id_id_number", "110105194912310021")
    page.click("#place-order")
    expect(page.locator("main")).to_contain_text("校验位")
    assert not Order.objects.filter(buyer=buyer).exists()
    page.fill("#id_id_number", "11010519491231002X")
    page.click("#place-order")

    # The sandbox payment page: the amount and both orders; pay.
    page.wait_for_url(re.compile(r"/pay/sandbox/[0-9a-f-]+/$"))
    assert page.locator("#pay-amount").inner_text() == cart_total
    assert "糖枫小屋" in page.locator("main").inner_text()
    page.get_by_role("button", name="支付", exact=True).click()
    page.wait_for_url(re.compile(r"/orders/\?checkout="))
    paid = page.locator('section.order[data-status="paid"]')
    expect(paid).to_have_count(2)
    assert "已支付" in paid.first.inner_text()
    assert "110105********002X" in page.locator("main").inner_text()

    # Each seller ships from the seller centre with a tracking number.
    placed = {o.seller_id: o for o in Order.objects.filter(buyer=buyer)}
    assert len(placed) == 2 and all(o.status == "paid" for o in placed.values())
    for seller, tracking in ((farm, "9400111899223197428490"), (sugarhouse, "1Z999AA10123456784")):
        log_in(page, owner_of(seller).email)
        page.goto("/seller/orders/")
        rows = page.locator("#orders tbody tr[data-order]")
        expect(rows).to_have_count(1)
        rows.first.get_by_role("link").click()
        page.wait_for_url(re.compile(r"/seller/orders/[0-9a-f-]+/$"))
        page.select_option("#id_carrier", "USPS" if seller == farm else "UPS")
        page.fill("#id_tracking_number", tracking)
        page.get_by_role("button", name="Mark as shipped").click()
        # The waybill and inventory list leave at once; the sandbox customs accepts them.
        expect(page.locator("#order-status")).to_have_text("Declared to customs")
        expect(page.locator("#customs")).to_contain_text("Import inventory list (CEB621)")

    # A minute later the sandbox customs releases both parcels (neither is goods it inspects).
    customs_answers()
    for order in Order.objects.filter(buyer=buyer):
        assert order.status == "customs_released" and order.shipment.tracking_number
        # The carrier reports delivery (no carrier integration yet: the payouts service records it).
        payouts.deliver("system:carrier", order)

    # The buyer confirms receipt of both parcels.
    log_in(page, buyer.email)
    page.goto("/orders/")
    for _ in range(2):
        page.get_by_role("button", name="确认收货").first.click()
        page.wait_for_url(re.compile(r"/orders/$"))
    expect(page.locator('section.order[data-status="completed"]')).to_have_count(2)
    assert "已完成" in page.locator("main").inner_text()

    # The payouts run (the daily job); each seller's statement shows what it was paid for its order.
    paid = payouts.run_payouts()
    assert {p.seller_id for p in paid} == {farm.pk, sugarhouse.pk} and all(p.status == "paid" for p in paid)
    for seller in (farm, sugarhouse):
        payout = next(p for p in paid if p.seller_id == seller.pk)
        order = placed[seller.pk]
        log_in(page, owner_of(seller).email)
        page.goto("/seller/orders/")
        expect(page.locator("#payouts")).to_contain_text(str(payout.amount))
        statement = page.request.get(page.locator("#statement-csv").get_attribute("href"))
        assert statement.ok
        rows = list(csv.reader(io.StringIO(statement.text())))
        line = next(r for r in rows if str(order.public_id) in r)
        assert line[rows[0].index("net_usd")] == str(payout.amount)
        assert line[rows[0].index("gross_paid_cny")] == str(order.landed_total)
        pdf = page.request.get(page.locator("#statement-pdf").get_attribute("href"))
        assert pdf.ok and pdf.body().startswith(b"%PDF")

    # The books: every posting balanced, every cached balance rebuilt from the journal.
    assert ledger.trial_balance()["balanced"] is True
    assert ledger.verify_ledger() == []
