"""GET /api/v1/orders/{id}/customs: the seller and operators see the declaration, the buyer its status."""

import pytest
from customs_support import IDENTITY, later, paid_order, ship_order
from django.test import Client

from borderless.accounts.services import create_api_token
from borderless.payments.models import Payment
from factories import make_buyer, make_operator, make_seller, owner_of

pytestmark = pytest.mark.django_db


def _get(user, order_id, language="en"):
    headers = {}
    if user is not None:
        headers["Authorization"] = f"Bearer {create_api_token(user, 'test')[1]}"
    return Client().get(f"/api/v1/orders/{order_id}/customs", {"lang": language}, headers=headers)


def test_seller_and_operator_see_messages_and_receipts_never_the_id_number():
    order = ship_order(paid_order())
    for user in (owner_of(order.seller), make_operator()):
        response = _get(user, order.public_id)
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["status"] == "declared" and body["trade_mode"] == "9610"
        assert [m["kind"] for m in body["messages"]] == ["CEB311", "CEB411", "CEB511", "CEB621"]
        assert {m["status"] for m in body["messages"]} == {"accepted"}
        assert [r["kind"] for r in body["receipts"]] == ["accepted"] * 4  # the verdict comes later
        assert IDENTITY["id_number"] not in response.content.decode()


def test_buyer_sees_the_status_and_the_reason_in_chinese_only():
    order = paid_order(deliver=False)
    Payment.objects.filter(pk=order.payment_share.payment_id).update(payer_name="李四")
    later(0)
    response = _get(order.buyer, order.public_id, "zh-hans")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "rejected" and body["reason_code"] == "payer_not_orderer"
    assert body["reason"] == "支付人与订购人不一致。"
    assert body["messages"] is None and body["receipts"] is None
    english = _get(owner_of(order.seller), order.public_id).json()
    assert english["reason"] == "The payer is not the person who placed the order."


def test_others_get_404_and_anonymous_401():
    order = paid_order()
    assert _get(make_buyer(), order.public_id).status_code == 404
    assert _get(owner_of(make_seller()), order.public_id).status_code == 404
    assert _get(None, order.public_id).status_code == 401
    missing = _get(order.buyer, "00000000-0000-0000-0000-000000000000")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    assert _get(order.buyer, "not-a-uuid").status_code == 422
