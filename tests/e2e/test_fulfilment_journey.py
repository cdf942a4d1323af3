"""Fulfilment end to end in a real browser, the way a real order into China goes: the buyer pays at the
sandbox (the order and payment messages, CEB311 and CEB411, go to China customs and are accepted); the
seller opens the paid order, prints the commercial invoice and the packing list, ships with a tracking number
(the waybill and the import inventory list, CEB511 and CEB621, follow and are accepted) and prints the label
(each PDF read back: its Chinese is real text, the barcode decodes); the carrier's signed events arrive;
customs releases the parcel and the buyer reads so in Chinese; the parcel is delivered; the buyer follows the
timeline in Chinese and confirms receipt; the escrow is released."""

import json
import re
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from huey.contrib.djhuey import HUEY
from journey_support import customs_answers, log_in
from playwright.sync_api import expect

from borderless.customs.models import Declaration
from borderless.orders.models import Order
from borderless.payments import signing
from borderless.payouts.models import Release
from factories import owner_of

sys.path[:0] = [
    str(Path(__file__).resolve().parents[1] / "integration" / d) for d in ("payouts", "logistics")
]
from papers_support import decode_code128, modules_on, pages, text  # noqa: E402
from payouts_support import paid_through_sandbox  # noqa: E402

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
TRACKING = "9400111899223197428490"


@pytest.fixture(autouse=True)
def immediate_queue(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    settings.SANDBOX_WEBHOOK_SECRET = "whsec_test_" + "0" * 32
    settings.SANDBOX_WEBHOOK_URL = ""
    settings.CUSTOMS_GATEWAY = "sandbox"
    before = HUEY.immediate
    HUEY.immediate = True
    yield
    HUEY.immediate = before


@pytest.fixture(autouse=True)
def _clear_the_journal(clear_the_journal):
    yield


def download(page, link_id: str) -> bytes:
    with page.expect_download() as caught:
        page.click(f"#{link_id}")
    return Path(caught.value.path()).read_bytes()


def carrier_event(code: str, hours: int, location: str, base) -> dict:
    at = base + timedelta(hours=hours)
    return {"carrier": "USPS", "tracking_number": TRACKING, "code": code, "occurred_at": at.isoformat(),
            "location": location}  # fmt: skip


def send_events(page, events: list[dict]) -> dict:
    body = json.dumps({"events": events})
    header = signing.sign(body.encode(), settings.CARRIER_WEBHOOK_SECRET)
    r = page.request.post("/api/v1/logistics/webhooks/carrier-events", data=body,
                          headers={"Content-Type": "application/json", signing.HEADER: header})  # fmt: skip
    assert r.status == 200, r.text()
    return r.json()


def test_a_seller_prints_the_papers_and_ships_and_the_buyer_follows_the_parcel_to_delivery(page):
    page.set_default_timeout(120_000)  # PDFs with a CJK font take seconds on a busy machine
    order = paid_through_sandbox()  # paid as a buyer pays: the order and payment messages go to customs
    seller = owner_of(order.seller)
    declaration = Declaration.objects.get(order=order)
    assert dict(declaration.messages.values_list("kind", "status")) == {
        "CEB311": "accepted",
        "CEB411": "accepted",
    }

    # The seller opens the paid order and prints the invoice and the packing list.
    log_in(page, seller.email)
    page.goto("/seller/orders/")
    page.locator(f'#orders tbody tr[data-order="{order.public_id}"]').get_by_role("link").first.click()
    page.wait_for_url(re.compile(rf"/seller/orders/{order.public_id}/$"))
    invoice = text(download(page, "paper-invoice"))
    assert (
        "商业发票" in invoice
        and "威斯康星花旗参整根113克" in invoice
        and "DDP" in invoice
        and "张三" in invoice
    )
    packing = text(download(page, "paper-packing-list"))
    assert "装箱单" in packing and "尚未交运" in packing

    # Ships with a tracking number in USPS's format (a wrong one is refused on the page).
    page.select_option("#id_carrier", "USPS")
    page.fill("#id_tracking_number", "12345")
    page.get_by_role("button", name="Mark as shipped").click()
    expect(page.locator("#ship-form .errors")).to_contain_text("is not a USPS tracking number")
    page.fill("#id_tracking_number", "9400 1118 9922 3197 4284 90")
    page.fill("#id_weight_g", "420")
    page.get_by_role("button", name="Mark as shipped").click()
    expect(page.locator("#parcels .tracking-number")).to_have_text(TRACKING)
    # The waybill and the import inventory list leave at once; the sandbox customs accepts them.
    expect(page.locator("#order-status")).to_have_text("Declared to customs")
    customs = page.locator("#customs")
    expect(customs).to_have_attribute("data-status", "declared")
    for message in (
        "Order (CEB311)",
        "Payment (CEB411)",
        "Waybill (CEB511)",
        "Import inventory list (CEB621)",
    ):
        expect(customs.locator("tr", has_text=message)).to_contain_text("Accepted")
    label = download(page, "paper-label")
    [label_page] = pages(label)
    assert decode_code128(modules_on(label_page)) == TRACKING and "收件人" in text(label)

    # The carrier's events arrive, signed; the order is delivered once, by the delivered scan.
    journey = [("GX", 0, "Wausau, WI"), ("03", 4, "Wausau, WI"), ("10", 20, "Chicago, IL"),
               ("A1", 40, "Beijing"), ("OF", 60, "Beijing"), ("01", 64, "Chaoyang, Beijing")]  # fmt: skip
    base = timezone.now() - timedelta(days=3)
    first = send_events(page, [carrier_event(*j, base) for j in journey[:4]])
    assert first["stored"] == 4 and first["delivered_orders"] == []

    # The parcel has landed in Beijing; a minute after the declaration customs releases it (ginseng is not
    # goods the sandbox inspects), and the buyer reads so in Chinese on the order.
    customs_answers()
    order.refresh_from_db()
    assert order.status == "customs_released" and order.customs_released_at is not None
    log_in(page, order.buyer.email)
    page.goto("/orders/")
    mine = page.locator(f'section.order[data-order="{order.public_id}"]')
    expect(mine).to_have_attribute("data-status", "customs_released")
    expect(mine.locator("h2 .status")).to_have_text("海关已放行")
    expect(mine.locator('.customs[data-customs="released"]')).to_contain_text("中国海关")
    expect(mine.locator(".customs")).to_contain_text("海关已放行")

    # Out for delivery, then delivered: the order is delivered once, by the delivered scan.
    done = send_events(page, [carrier_event(*j, base) for j in journey])
    assert done["duplicates"] == 4 and done["delivered_orders"] == [str(order.public_id)]
    order.refresh_from_db()
    assert order.status == "delivered"

    # The buyer follows the timeline in Chinese and confirms receipt; the escrow is released.
    page.goto("/orders/")
    expect(mine).to_have_attribute("data-status", "delivered")
    expect(mine.locator(".customs")).to_contain_text("海关已放行")
    timeline = page.locator(f'[data-timeline="{order.public_id}"]')
    expect(timeline).to_contain_text("包裹跟踪")
    expect(timeline.locator("li")).to_have_count(6)
    for zh in ("已创建运单", "已揽收", "已离开始发国", "已到达目的国", "派送中", "已送达"):
        expect(timeline).to_contain_text(zh)
    expect(timeline.locator("li").last).to_have_attribute("data-status", "delivered")
    page.get_by_role("button", name="确认收货").click()
    page.wait_for_load_state()
    assert Order.objects.get(pk=order.pk).status == "completed"
    assert Release.objects.get(order=order).trigger == "buyer_confirmed"

    # The seller reads the same timeline in English.
    log_in(page, seller.email)
    page.goto(f"/seller/orders/{order.public_id}/")
    expect(page.locator("#tracking")).to_contain_text("Arrived in the destination country")
