"""The payouts API: who may ship, deliver and confirm; balances, payouts and the trial balance."""

import sys
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from payouts_support import paid_order

from borderless.orders.models import Order
from borderless.payouts import services
from factories import make_buyer, make_operator, make_seller, owner_of

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
from api_support import ApiClient, token_for  # noqa: E402

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def ten_percent_on_ginseng(settings):
    settings.PLATFORM_COMMISSION_RATES = {"american-ginseng": "0.10"}


def client(user):
    return ApiClient(token_for(user))


def error_code(response):
    return response.json()["error"]["code"]


def test_ship_deliver_confirm_through_the_api_then_balance_and_payouts():
    order = paid_order()
    seller_api, buyer_api = client(owner_of(order.seller)), client(order.buyer)
    path = f"/orders/{order.public_id}"

    r = seller_api.post(f"{path}/ship", {"carrier": "USPS", "tracking_number": "9400111899223197428490"})
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "shipped"
    assert seller_api.post(f"{path}/ship", {"carrier": "USPS", "tracking_number": "1"}).status_code == 409
    r = seller_api.post(f"{path}/deliver")
    assert r.status_code == 200 and r.json()["status"] == "delivered"

    r = buyer_api.post(f"{path}/confirm-receipt")
    assert r.status_code == 200 and r.json()["status"] == "completed"
    assert buyer_api.post(f"{path}/confirm-receipt").status_code == 200  # a retry changes nothing

    r = seller_api.get("/seller/balance")
    assert r.status_code == 200
    assert r.json() == {
        "pending": {"amount": "0.00", "currency": "USD"},
        "available": {"amount": "112.50", "currency": "USD"},
        "owed": {"amount": "0.00", "currency": "USD"},
        "currency": "USD",
    }
    order.refresh_from_db()
    services.run_payouts(now=order.completed_at + timedelta(hours=3))
    body = seller_api.get("/seller/payouts").json()
    [payout] = body["payouts"]
    assert payout["amount"] == {"amount": "112.50", "currency": "USD"} and payout["status"] == "paid"
    assert payout["orders"][0]["order"] == str(order.public_id)
    assert payout["orders"][0]["gross"] == {"amount": "991.00", "currency": "CNY"}
    assert payout["orders"][0]["hours_to_payout"] == 3.0 and payout["hours_from_release"] == 3.0
    assert body["median_hours"] == 3.0 and body["p95_hours"] == 3.0
    assert seller_api.get("/seller/balance").json()["available"]["amount"] == "0.00"

    csv = seller_api.get("/seller/payouts/statement")
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    assert str(order.public_id) in csv.content.decode() and "112.50" in csv.content.decode()
    pdf = seller_api.get("/seller/payouts/statement", {"format": "pdf"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")

    trial = client(make_operator()).get("/ops/ledger/trial-balance")
    assert trial.status_code == 200
    assert trial.json() == {
        "balanced": True,
        "currencies": {
            "CNY": {"debits": "1982.00", "credits": "1982.00"},
            "USD": {"debits": "250.00", "credits": "250.00"},
        },
    }


def test_confirm_receipt_is_the_buyers_alone():
    order = paid_order()
    path = f"/orders/{order.public_id}/confirm-receipt"
    for stranger in (make_buyer(), owner_of(order.seller), owner_of(make_seller())):
        r = client(stranger).post(path)
        assert r.status_code == 404 and error_code(r) == "not_found"
    r = client(order.buyer).post(path)  # paid, not shipped
    assert r.status_code == 409 and error_code(r) == "release_not_allowed"
    assert ApiClient().post(path).status_code == 401
    assert client(order.buyer).post("/orders/not-a-uuid/confirm-receipt").status_code == 422


def test_only_the_orders_seller_ships_and_seller_or_operator_delivers():
    order = paid_order()
    path = f"/orders/{order.public_id}"
    body = {"carrier": "UPS", "tracking_number": "1Z999AA10123456784"}
    for stranger in (order.buyer, owner_of(make_seller()), make_operator()):
        assert client(stranger).post(f"{path}/ship", body).status_code == 404
    assert client(owner_of(order.seller)).post(f"{path}/ship", {"carrier": ""}).status_code == 422
    assert client(owner_of(order.seller)).post(f"{path}/ship", body).status_code == 200
    assert client(order.buyer).post(f"{path}/deliver").status_code == 404
    assert client(owner_of(make_seller())).post(f"{path}/deliver").status_code == 404
    assert client(make_operator()).post(f"{path}/deliver").status_code == 200
    assert Order.objects.get(pk=order.pk).status == "delivered"


def test_balance_and_payouts_are_for_sellers_and_trial_balance_for_operators():
    buyer_api = client(make_buyer())
    assert buyer_api.get("/seller/balance").status_code == 403
    assert buyer_api.get("/seller/payouts").status_code == 403
    assert buyer_api.get("/ops/ledger/trial-balance").status_code == 403
    seller_api = client(owner_of(make_seller()))
    assert seller_api.get("/ops/ledger/trial-balance").status_code == 403
    assert ApiClient().get("/ops/ledger/trial-balance").status_code == 401
    r = seller_api.get("/seller/balance")
    assert r.status_code == 200 and r.json()["pending"] == {"amount": "0.00", "currency": "USD"}
    assert seller_api.get("/seller/payouts").json() == {
        "payouts": [],
        "median_hours": None,
        "p95_hours": None,
    }


def test_a_sellers_balance_never_shows_another_sellers_money():
    order = paid_order()
    other_api = client(owner_of(make_seller()))
    assert other_api.get("/seller/balance").json()["pending"]["amount"] == "0.00"
    assert client(owner_of(order.seller)).get("/seller/balance").json()["pending"] == {
        "amount": str(Decimal("112.50")),
        "currency": "USD",
    }
