"""Fulfilment end to end in a real browser: a seller opens a paid order, prints the commercial invoice and
the packing list, ships with a tracking number, prints the label (each PDF read back: its Chinese is real
text, the barcode decodes); the carrier's signed events arrive; the buyer follows the timeline in Chinese to
delivery and confirms receipt; the escrow is released. (The customs round trip has its own tests.)"""

import json
import re
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from huey.contrib.djhuey import HUEY
from playwright.sync_api import expect

from borderless.orders.models import Order
from borderless.payments import signing
from borderless.payouts.models import Release
from factories import PASSWORD, owner_of

sys.path[:0] = [
    str(Path(__file__).resolve().parents[1] / "integration" / d) for d in ("payouts", "logistics")
]
from papers_support import decode_code128, modules_on, pages, text  # noqa: E402
from payouts_support import paid_order  # noqa: E402

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
TRACKING = "9400111899223197428490"


@pytest.fixture(autouse=True)
def immediate_queue(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    settings.CUSTOMS_SANDBOX_VERDICT_SECONDS = 1
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


def log_in(page, email: str) -> None:
    page.context.clear_cookies()
    page.goto("/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


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
    order = paid_order()
    seller = owner_of(order.seller)

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
    label = download(page, "paper-label")
    [label_page] = pages(label)
    assert decode_code128(modules_on(label_page)) == TRACKING and "收件人" in text(label)

    # The carrier's events arrive, signed; the order is delivered once, by the delivered scan.
    journey = [("GX", 0, "Wausau, WI"), ("03", 4, "Wausau, WI"), ("10", 20, "Chicago, IL"),
               ("A1", 40, "Beijing"), ("OF", 60, "Beijing"), ("01", 64, "Chaoyang, Beijing")]  # fmt: skip
    base = timezone.now() - timedelta(days=3)
    first = send_events(page, [carrier_event(*j, base) for j in journey[:3]])
    assert first["stored"] == 3 and first["delivered_orders"] == []
    done = send_events(page, [carrier_event(*j, base) for j in journey])
    assert done["duplicates"] == 3 and done["delivered_orders"] == [str(order.public_id)]
    order.refresh_from_db()
    assert order.status == "delivered"

    # The buyer follows the timeline in Chinese and confirms receipt; the escrow is released.
    log_in(page, order.buyer.email)
    page.goto("/orders/")
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
