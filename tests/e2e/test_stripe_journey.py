"""Paying through Stripe in a real browser, the adapters pointed at the local Stripe server. A buyer pays a
two-seller cart with Alipay (to Alipay's page and back), then another with WeChat Pay (a QR code scanned with
the phone); a seller completes Stripe Connect Express onboarding and is paid out by Transfer after the buyer
confirms receipt. Stripe's signed webhooks reach the live server over HTTP; the trial balance is balanced
and the day's reconciliations (payments, transfers) find no difference."""

import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from huey.contrib.djhuey import HUEY
from journey_support import log_in
from playwright.sync_api import expect

from borderless.ledger import chart
from borderless.ledger import services as ledger
from borderless.orders.models import Order
from borderless.payments.models import Payment, PaymentEvent
from borderless.payments.services import reconcile
from factories import make_buyer, make_product, make_seller
from stripe_server import API_KEY, WEBHOOK_SECRET, LocalStripe

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture(autouse=True)
def immediate_queue(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    before = HUEY.immediate
    HUEY.immediate = True
    yield
    HUEY.immediate = before


@pytest.fixture(autouse=True)
def _clear_the_journal(clear_the_journal):
    yield


@pytest.fixture
def local_stripe(settings, live_server):
    server = LocalStripe().start()
    server.webhook_url = f"{live_server.url}/api/v1/payments/webhooks/stripe"
    settings.PAYMENT_PROVIDER = "stripe"
    settings.STRIPE_SECRET_KEY = API_KEY
    settings.STRIPE_API_BASE = server.url
    settings.STRIPE_WEBHOOK_SECRETS = [WEBHOOK_SECRET]
    yield server
    server.stop()


def fill_cart_and_check_out(page, products) -> str:
    for product in products:
        page.goto(f"/p/{product.public_id}/")
        page.fill("form.add-to-cart input[name=quantity]", "1")
        page.get_by_role("button", name="加入购物车").click()
        page.wait_for_url(re.compile(r"/cart/$"))
    total = page.locator("#cart-total").inner_text()
    page.click("#to-checkout")
    page.wait_for_url(re.compile(r"/checkout/$"))
    for field, value in (
        ("name", "张三"),
        ("phone", "13800138000"),
        ("province", "北京市"),
        ("city", "北京市"),
        ("district", "朝阳区"),
        ("street", "建国路 88 号 1 单元 101"),
        ("real_name", "张三"),
        ("id_number", "11010519491231002X"),
    ):
        page.fill(f"#id_{field}", value)
    page.click("#place-order")
    page.wait_for_url(re.compile(r"/pay/stripe/[0-9a-f-]+/$"))
    return total


def test_a_buyer_pays_one_cart_with_alipay_and_another_with_wechat_pay(
    page, browser, live_server, local_stripe
):
    farm = make_seller(state="WI", display_name_zh="许氏花旗参农场")
    sugarhouse = make_seller(state="VT", display_name_zh="糖枫小屋")
    ginseng = make_product(farm, title_zh="威斯康星花旗参 113克", price_usd=Decimal("58.00"))
    syrup = make_product(
        sugarhouse,
        category="maple-syrup",
        hs_code="170220",
        title_en="Vermont maple syrup",
        title_zh="佛蒙特枫糖浆 500毫升",
        price_usd=Decimal("18.50"),
    )
    buyer = make_buyer()
    log_in(page, buyer.email)

    # Cart one, two sellers: Alipay. Our page, then Alipay's, then back to ours.
    total = fill_cart_and_check_out(page, [ginseng, syrup])
    assert page.locator("#pay-amount").inner_text() == total
    assert "糖枫小屋" in page.locator("main").inner_text()
    page.get_by_role("button", name="支付宝支付").click()
    page.wait_for_url(re.compile(rf"^{re.escape(local_stripe.url)}/_test/alipay/pi_\w+$"))
    expect(page.locator("#amount")).to_contain_text("CNY")
    page.get_by_role("button", name="Authorize test payment").click()
    page.wait_for_url(re.compile(r"/orders/\?checkout="), timeout=30_000)
    expect(page.locator('section.order[data-status="paid"]')).to_have_count(2)
    first = Payment.objects.get(buyer=buyer)
    assert first.provider == "stripe" and first.status == "succeeded"
    assert local_stripe.state.intents[first.provider_reference]["payment_method_kind"] == "alipay"

    # Cart two, the same two sellers: WeChat Pay's QR code, scanned with the phone (another browser).
    fill_cart_and_check_out(page, [syrup, ginseng])
    page.get_by_role("button", name="微信支付").click()
    page.wait_for_url(re.compile(r"/pay/stripe/[0-9a-f-]+/wechat/$"))
    qr = page.locator("#wechat-qr")
    expect(qr).to_be_visible()
    assert qr.get_attribute("src").startswith("data:image/")
    second = Payment.objects.filter(buyer=buyer).exclude(pk=first.pk).get()
    assert qr.get_attribute("data-qr") == f"weixin://wxpay/bizpayurl?pr={second.provider_reference}"
    phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    intent = local_stripe.state.intents[second.provider_reference]
    phone.goto(intent["next_action"]["wechat_pay_display_qr_code"]["hosted_instructions_url"])
    phone.get_by_role("button", name="Authorize test payment").click()
    expect(phone.locator("#done")).to_contain_text("succeeded")
    phone.context.close()
    page.wait_for_url(re.compile(r"/orders/\?checkout="), timeout=30_000)  # the QR page saw the payment in
    expect(page.locator('section.order[data-status="paid"]')).to_have_count(2)

    # Four orders paid, each once; the money sits in each order's escrow; the books balance and match Stripe.
    assert set(Order.objects.filter(buyer=buyer).values_list("status", flat=True)) == {"paid"}
    assert PaymentEvent.objects.filter(type="payment.succeeded").count() == 2
    assert all(status == 200 for _, status in local_stripe.delivered)
    for order in Order.objects.filter(buyer=buyer):
        assert ledger.balance(
            ledger.get_or_create_account(chart.escrow(order.public_id), "CNY")
        ).posted.amount == (order.landed_total)
    assert ledger.trial_balance()["balanced"] is True
    assert ledger.verify_ledger() == []
    report = reconcile(datetime.now(UTC).date(), "stripe")
    assert report.differences == [] and report.matched == 2


def test_a_seller_onboards_with_stripe_connect_and_is_paid_out_after_the_buyer_confirms(
    page, settings, local_stripe
):
    from datetime import timedelta

    from django.utils import timezone

    from borderless.events import outbox
    from borderless.payouts import services as payouts
    from borderless.payouts import stripe_connect
    from factories import owner_of, tracking_number

    settings.PAYOUT_PROVIDER = "stripe_connect"
    farm = make_seller(state="WI", display_name_zh="许氏花旗参农场")
    ginseng = make_product(farm, title_zh="威斯康星花旗参 113克", price_usd=Decimal("58.00"))
    buyer = make_buyer()

    # The seller sets up payouts: our page, Stripe's Express onboarding, back to our page.
    log_in(page, owner_of(farm).email)
    page.goto("/seller/payout-account/")
    expect(page.locator("#payout-status")).to_have_attribute("data-status", "none")
    page.click("#payout-onboard")
    page.wait_for_url(re.compile(rf"^{re.escape(local_stripe.url)}/_test/connect/acctlink_\w+$"))
    page.get_by_role("button", name="Complete onboarding").click()
    page.wait_for_url(re.compile(r"/seller/payout-account/$"))
    expect(page.locator("main")).to_contain_text("Your payout account is ready")
    expect(page.locator("#payout-status")).to_have_attribute("data-status", "enabled")

    # A buyer pays with Alipay, the seller ships, customs releases, the buyer confirms receipt.
    log_in(page, buyer.email)
    fill_cart_and_check_out(page, [ginseng])
    page.get_by_role("button", name="支付宝支付").click()
    page.get_by_role("button", name="Authorize test payment").click()
    page.wait_for_url(re.compile(r"/orders/\?checkout="), timeout=30_000)
    (order,) = Order.objects.filter(buyer=buyer)
    payouts.ship(owner_of(farm), order.public_id, "USPS", tracking_number())
    outbox.deliver_due(now=timezone.now() + timedelta(seconds=61))
    payouts.deliver("system:carrier", order.public_id)
    page.goto("/orders/")
    page.get_by_role("button", name="确认收货").click()
    expect(page.locator('section.order[data-status="completed"]')).to_have_count(1)

    # The daily payout: a Transfer in USD to the seller's connected account; the seller sees it paid.
    (payout,) = payouts.run_payouts()
    assert payout.status == "paid"
    (transfer,) = local_stripe.state.transfers.values()
    assert transfer["amount"] == int(payout.amount * 100) and transfer["currency"] == "usd"
    log_in(page, owner_of(farm).email)
    page.goto("/seller/orders/")
    expect(page.locator("#payouts")).to_contain_text(str(payout.amount))
    expect(page.locator("#payouts")).to_contain_text("Paid")

    assert ledger.trial_balance()["balanced"] is True and ledger.verify_ledger() == []
    today = datetime.now(UTC).date()
    assert reconcile(today, "stripe").differences == []
    assert stripe_connect.reconcile_transfers(today).differences == []
