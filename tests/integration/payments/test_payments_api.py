"""The payments API: open, pay on the sandbox, signed webhooks over HTTP, refunds with Idempotency-Key."""

import json
import time
from decimal import Decimal

import pytest
from django.test import Client
from payments_support import balance, checkout_for, event, open_payment, signed

from borderless.accounts.services import create_api_token
from borderless.ledger import chart
from borderless.orders.models import Order
from borderless.payments.models import PaymentEvent, PaymentStatus, Refund
from factories import make_buyer

pytestmark = pytest.mark.django_db
API = "/api/v1"


def call(user, method, path, body=None, headers=None):
    headers = dict(headers or {})
    if user is not None:
        headers["Authorization"] = f"Bearer {create_api_token(user, 'test')[1]}"
    client = Client()
    if body is None:
        return getattr(client, method)(API + path, headers=headers)
    data = body if isinstance(body, bytes) else json.dumps(body)
    return getattr(client, method)(API + path, data=data, content_type="application/json", headers=headers)


def error_of(response, status, code):
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["code"] == code and error["message"]
    return error


def test_buyer_opens_pays_on_the_sandbox_and_the_webhook_pays_the_orders(
    secret, django_capture_on_commit_callbacks
):
    buyer, result, _ = checkout_for(sellers=2)
    opened = call(buyer, "post", "/payments", {"checkout": str(result.checkout.public_id)})
    assert opened.status_code == 201, opened.content
    body = opened.json()
    assert body["status"] == "requires_payment" and body["redirect_url"].startswith("/pay/sandbox/")
    assert Decimal(body["amount"]) == sum(Decimal(s["amount"]) for s in body["shares"])
    again = call(buyer, "post", "/payments", {"checkout": str(result.checkout.public_id)})
    assert again.status_code == 200 and again.json()["id"] == body["id"]

    with django_capture_on_commit_callbacks(execute=True):
        paid = call(buyer, "post", f"/payments/{body['id']}/sandbox/complete", {"outcome": "succeeded"})
    assert paid.status_code == 202, paid.content
    # Immediate queue: the webhook went through the outbox at commit.
    assert call(buyer, "get", f"/payments/{body['id']}").json()["status"] == "succeeded"
    assert set(Order.objects.filter(checkout=result.checkout).values_list("status", flat=True)) == {"paid"}
    error_of(
        call(buyer, "post", f"/payments/{body['id']}/sandbox/complete", {"outcome": "failed"}),
        409,
        "already_completed",
    )


def test_someone_elses_checkout_or_payment_is_not_found(secret):
    _, payment, _ = open_payment()
    stranger = make_buyer()
    error_of(
        call(stranger, "post", "/payments", {"checkout": str(payment.checkout.public_id)}), 404, "not_found"
    )
    error_of(call(stranger, "get", f"/payments/{payment.public_id}"), 404, "not_found")
    error_of(
        call(stranger, "post", f"/payments/{payment.public_id}/sandbox/complete", {"outcome": "succeeded"}),
        404,
        "not_found",
    )


def test_the_sandbox_is_404_unless_it_is_the_provider(secret, settings):
    buyer, payment, _ = open_payment()
    settings.PAYMENT_PROVIDER = "another"
    error_of(
        call(buyer, "post", f"/payments/{payment.public_id}/sandbox/complete", {"outcome": "succeeded"}),
        404,
        "not_found",
    )
    body, header = signed(event("payment.succeeded", payment), secret)
    response = call(None, "post", "/payments/webhooks/sandbox", body, {"Borderless-Signature": header})
    error_of(response, 404, "not_found")


def test_webhook_endpoint_verifies_and_deduplicates(secret):
    _, payment, _ = open_payment()
    e = event("payment.succeeded", payment)
    body, header = signed(e, secret)
    first = call(None, "post", "/payments/webhooks/sandbox", body, {"Borderless-Signature": header})
    assert first.status_code == 200 and first.json()["duplicate"] is False
    second = call(None, "post", "/payments/webhooks/sandbox", body, {"Borderless-Signature": header})
    assert second.status_code == 200 and second.json()["duplicate"] is True
    assert PaymentEvent.objects.count() == 1


def test_forged_and_stale_webhooks_are_400_and_change_nothing(secret):
    _, payment, _ = open_payment()
    e = event("payment.succeeded", payment)
    body, header = signed(e, "not-the-secret")
    forged = call(None, "post", "/payments/webhooks/sandbox", body, {"Borderless-Signature": header})
    error_of(forged, 400, "invalid_signature")
    error_of(call(None, "post", "/payments/webhooks/sandbox", body), 400, "invalid_signature")
    body, header = signed(e, secret, timestamp=int(time.time()) - 600)
    stale = call(None, "post", "/payments/webhooks/sandbox", body, {"Borderless-Signature": header})
    error_of(stale, 400, "stale_signature")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REQUIRES_PAYMENT and not PaymentEvent.objects.exists()


def test_refunds_over_the_api(secret, django_capture_on_commit_callbacks):
    buyer, payment, _ = open_payment()
    with django_capture_on_commit_callbacks(execute=True):
        call(buyer, "post", f"/payments/{payment.public_id}/sandbox/complete", {"outcome": "succeeded"})
    share = payment.shares.select_related("order").get()
    path = f"/orders/{share.order.public_id}/refunds"
    too_much = call(
        buyer, "post", path, {"amount": str(share.amount + 1), "reason": "x"}, {"Idempotency-Key": "a"}
    )
    error = error_of(too_much, 422, "refund_exceeds_payment")
    assert error["details"]["paid"] == str(share.amount)
    assert not Refund.objects.exists() and balance(chart.escrow(share.order.public_id)) == share.amount

    error_of(call(buyer, "post", path, {"amount": "1.00", "reason": "x"}), 422, "invalid")  # no key
    first = call(buyer, "post", path, {"amount": "1.50", "reason": "dented"}, {"Idempotency-Key": "k"})
    assert first.status_code == 201, first.content
    assert first.json()["status"] == "succeeded"
    replay = call(buyer, "post", path, {"amount": "1.50", "reason": "dented"}, {"Idempotency-Key": "k"})
    assert replay.status_code == 200 and replay.json()["id"] == first.json()["id"]
    conflict = call(buyer, "post", path, {"amount": "2.00", "reason": "dented"}, {"Idempotency-Key": "k"})
    error_of(conflict, 409, "idempotency_conflict")
    stranger = call(make_buyer(), "post", path, {"amount": "1.00", "reason": "x"}, {"Idempotency-Key": "z"})
    error_of(stranger, 404, "not_found")
    error_of(call(buyer, "post", path, {"amount": "0", "reason": "x"}, {"Idempotency-Key": "0"}), 422,
             "invalid_refund")  # fmt: skip
    assert Refund.objects.count() == 1
