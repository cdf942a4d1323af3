"""Drivers that make the sandbox and the Stripe provider do the same things, for one contract test on both.

A driver pays (or fails) a payment the way its provider's payer would, and delivers the provider's webhooks
to the platform's HTTP endpoint, signed as that provider signs them.
"""

from __future__ import annotations

import itertools
import json
from decimal import Decimal

from django.test import Client

from borderless.events.models import OutboxMessage
from borderless.ledger import services as ledger
from borderless.ledger.models import Account
from borderless.orders import services as orders
from borderless.payments import sandbox, signing
from borderless.payments.models import Payment, SandboxRecord
from borderless.payments.services import sandbox_complete, start_payment
from borderless.payments.stripe_provider import StripeProvider
from factories import ADDRESS, IDENTITY, make_buyer, make_product, make_seller

_codes = itertools.count(1)


def checkout_for(buyer=None, sellers=1, price=Decimal("39.00")):
    buyer = buyer or make_buyer()
    for _ in range(sellers):
        seller = make_seller()
        product = make_product(seller, skus=[{"code": f"S{next(_codes)}", "price_usd": price, "stock": 10}])
        orders.add_to_cart(buyer, product.skus.get().public_id, 1)
    return buyer, orders.checkout(buyer, f"stripe-co-{next(_codes)}", ADDRESS, IDENTITY)


def open_payment(sellers=1, buyer=None):
    buyer, result = checkout_for(buyer, sellers)
    payment, opened = start_payment(buyer, result.checkout.public_id)
    return buyer, payment, opened


def balance(code: str) -> Decimal:
    account = Account.objects.filter(code=code).first()
    return Decimal("0.00") if account is None else ledger.balance(account).posted.amount


class SandboxDriver:
    name = "sandbox"
    endpoint = "/api/v1/payments/webhooks/sandbox"

    def __init__(self, settings) -> None:
        self.settings = settings
        self.http = Client()
        self.sent: set[str] = set()
        self.responses: list = []

    def pay(self, buyer, payment: Payment, method: str = "alipay") -> None:
        sandbox_complete(buyer, payment.public_id, "succeeded")  # the queue delivers the webhook
        self._deliver_outbox()

    def fail(self, buyer, payment: Payment) -> None:
        sandbox_complete(buyer, payment.public_id, "failed")
        self._deliver_outbox()

    def _deliver_outbox(self) -> None:
        # Each event the sandbox sent, once, over HTTP to the endpoint (the test's stand-in for the worker).
        for message in OutboxMessage.objects.filter(topic=sandbox.WEBHOOK_TOPIC).order_by("id"):
            event = message.payload["event"]
            if event["id"] not in self.sent:
                self.sent.add(event["id"])
                self.responses.append(self.post(event))

    def success_event(self, payment: Payment) -> dict:
        for message in OutboxMessage.objects.filter(topic=sandbox.WEBHOOK_TOPIC):
            event = message.payload["event"]
            if event["type"] == "payment.succeeded" and event["data"]["payment"] == str(payment.public_id):
                return event
        raise AssertionError("no success event")

    def sign(self, body: bytes, timestamp: int | None = None, secret: str | None = None) -> dict:
        header = signing.sign(body, secret or self.settings.SANDBOX_WEBHOOK_SECRET, timestamp)
        return {"HTTP_BORDERLESS_SIGNATURE": header}

    def body(self, event: dict) -> bytes:
        return sandbox.event_body(event)

    def post(self, event: dict, **sign_kwargs):
        body = self.body(event)
        return self.http.post(
            self.endpoint, body, content_type="application/json", **self.sign(body, **sign_kwargs)
        )

    def refunded_at_provider(self, payment: Payment) -> Decimal:
        rows = SandboxRecord.objects.filter(payment=payment, kind=SandboxRecord.REFUND, status="succeeded")
        return sum((r.amount for r in rows), Decimal("0.00"))


class StripeDriver:
    name = "stripe"
    endpoint = "/api/v1/payments/webhooks/stripe"

    def __init__(self, settings, server) -> None:
        self.settings = settings
        self.server = server
        self.http = Client()
        self.sent: set[str] = set()
        self.responses: list = []

    def pay(self, buyer, payment: Payment, method: str = "alipay") -> None:
        payment.refresh_from_db()
        action = StripeProvider().next_action(payment, method, "http://testserver/pay/return/")
        assert action.kind == ("redirect" if method == "alipay" else "qr_code"), action
        self.server.authorize(payment.provider_reference, "succeeded")
        self.deliver_new()

    def fail(self, buyer, payment: Payment) -> None:
        payment.refresh_from_db()
        StripeProvider().cancel(payment)  # Stripe's terminal failure: the PaymentIntent is cancelled
        self.deliver_new()

    def deliver_new(self) -> None:
        """Every event not yet sent, in the order Stripe made them, over HTTP to the endpoint."""
        for event in list(self.server.state.events):
            if event["id"] not in self.sent:
                self.sent.add(event["id"])
                self.responses.append(self.post(event))

    def success_event(self, payment: Payment) -> dict:
        for event in self.server.events_of("payment_intent.succeeded"):
            if event["data"]["object"]["id"] == payment.provider_reference:
                return event
        raise AssertionError("no success event")

    def sign(self, body: bytes, timestamp: int | None = None, secret: str | None = None) -> dict:
        return {"HTTP_STRIPE_SIGNATURE": self.server.sign(body, timestamp, [secret] if secret else None)}

    def body(self, event: dict) -> bytes:
        return self.server.event_body(event)

    def post(self, event: dict, **sign_kwargs):
        body = self.body(event)
        return self.http.post(
            self.endpoint, body, content_type="application/json", **self.sign(body, **sign_kwargs)
        )

    def refunded_at_provider(self, payment: Payment) -> Decimal:
        refunds = [
            r for r in self.server.state.refunds.values() if r["payment_intent"] == payment.provider_reference
        ]
        return sum((Decimal(r["amount"]) / 100 for r in refunds), Decimal("0.00")).quantize(Decimal("0.01"))


def as_json(response) -> dict:
    return json.loads(response.content)
