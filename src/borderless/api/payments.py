"""Payments: open a checkout's payment, the sandbox's pay/fail, the provider's signed webhooks, refunds."""

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from functools import wraps
from typing import Literal
from uuid import UUID

from django.http import HttpRequest
from ninja import Header, Router, Schema, Status

from borderless.api.auth import AUTH
from borderless.api.errors import READ_ERRORS, WRITE_ERRORS, ApiError, Error
from borderless.api.fields import MoneyAmount, Text
from borderless.api.links import read_links
from borderless.orders.errors import OrderError
from borderless.payments import services
from borderless.payments.errors import PaymentError
from borderless.payments.models import Payment, Refund
from borderless.payments.signing import HEADER as SIGNATURE_HEADER

router = Router(tags=["payments"], auth=AUTH)


def domain_errors(view: Callable) -> Callable:
    """The payment and order domains' typed errors become the API's one error shape."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except (PaymentError, OrderError) as exc:
            raise ApiError(exc.status, exc.message, exc.code, exc.details) from None

    return wrapper


# --- schemas ---


class PaymentIn(Schema):
    checkout: UUID


class ShareOut(Schema):
    order: UUID
    amount: Decimal
    refunded: Decimal


class PaymentOut(Schema):
    id: UUID
    checkout: UUID
    status: str
    amount: Decimal
    currency: str
    refunded_amount: Decimal
    provider: str
    provider_reference: str
    payer_name: str
    payer_id_masked: str
    redirect_url: str | None = None
    shares: list[ShareOut]
    created_at: datetime
    succeeded_at: datetime | None


class CompleteIn(Schema):
    outcome: Literal["succeeded", "failed"]


class CompleteOut(Schema):
    payment: UUID
    outcome: str
    event: str


class WebhookOut(Schema):
    received: bool
    event: str
    duplicate: bool
    outcome: str


class RefundIn(Schema):
    amount: MoneyAmount
    reason: Text(500, 1)


class RefundOut(Schema):
    id: UUID
    order: UUID
    payment: UUID
    amount: Decimal
    currency: str
    reason: str
    status: str
    provider_reference: str
    created_at: datetime
    completed_at: datetime | None


def _payment(payment: Payment, redirect_url: str | None = None) -> PaymentOut:
    return PaymentOut(
        id=payment.public_id,
        checkout=payment.checkout.public_id,
        status=payment.status,
        amount=payment.amount,
        currency=payment.currency,
        refunded_amount=payment.refunded_amount,
        provider=payment.provider,
        provider_reference=payment.provider_reference,
        payer_name=payment.payer_name,
        payer_id_masked=payment.payer_id_masked,
        redirect_url=redirect_url,
        shares=[
            ShareOut(order=s.order.public_id, amount=s.amount, refunded=s.refunded)
            for s in payment.shares.select_related("order")
        ],
        created_at=payment.created_at,
        succeeded_at=payment.succeeded_at,
    )


def _refund(refund: Refund) -> RefundOut:
    return RefundOut(
        id=refund.public_id,
        order=refund.order.public_id,
        payment=refund.payment.public_id,
        amount=refund.amount,
        currency=refund.currency,
        reason=refund.reason,
        status=refund.status,
        provider_reference=refund.provider_reference,
        created_at=refund.created_at,
        completed_at=refund.completed_at,
    )


# --- endpoints ---


@router.post(
    "/payments",
    response={200: PaymentOut, 201: PaymentOut, frozenset({402, 409, 502, 503, *WRITE_ERRORS}): Error},
    openapi_extra=read_links(201, "payments", get_payment={"payment_id": "$response.body#/id"}),
)
@domain_errors
def start_payment(request: HttpRequest, payload: PaymentIn):
    """Open the payment of one of your checkouts (or get it again): the buyer pays at `redirect_url`."""
    existed = Payment.objects.filter(checkout__public_id=payload.checkout, buyer=request.auth).exists()
    payment, opened = services.start_payment(request.auth, payload.checkout)
    return Status(200 if existed else 201, _payment(payment, opened.redirect_url))


@router.get("/payments/{payment_id}", response={200: PaymentOut, READ_ERRORS: Error})
def get_payment(request: HttpRequest, payment_id: UUID):
    return _payment(services.get_payment(request.auth, payment_id))


@router.post(
    "/payments/{payment_id}/sandbox/complete",
    response={202: CompleteOut, frozenset({409, *WRITE_ERRORS}): Error},
)
@domain_errors
def sandbox_complete(request: HttpRequest, payment_id: UUID, payload: CompleteIn):
    """The sandbox provider's payment page: pay or fail. The signed webhook follows through the task queue.

    Only when the sandbox is the configured provider (404 otherwise)."""
    event = services.sandbox_complete(request.auth, payment_id, payload.outcome)
    return Status(202, CompleteOut(payment=payment_id, outcome=payload.outcome, event=event["id"]))


@router.post(
    "/payments/webhooks/sandbox",
    response={200: WebhookOut, frozenset({400, 404, 422}): Error},
    auth=None,
    openapi_extra={
        "parameters": [
            {
                "in": "header",
                "name": SIGNATURE_HEADER,
                "required": True,
                "schema": {"type": "string"},
                "description": "t=<unix time>,v1=<hex HMAC-SHA256 of '<t>.<body>'>",
            }
        ]
    },
)
@domain_errors
def sandbox_webhook(request: HttpRequest):
    """The sandbox provider's events, verified by signature only (5-minute replay window); a delivery of an
    event already received answers 200 with `duplicate: true` and changes nothing."""
    services.require_sandbox()
    result = services.receive_webhook("sandbox", request.body, request.headers.get(SIGNATURE_HEADER, ""))
    return WebhookOut(
        received=True, event=result.event_id, duplicate=result.duplicate, outcome=result.outcome
    )


@router.post(
    "/payments/webhooks/stripe",
    response={200: WebhookOut, frozenset({400, 413, 422}): Error},
    auth=None,
    openapi_extra={
        "parameters": [
            {
                "in": "header",
                "name": "Stripe-Signature",
                "required": True,
                "schema": {"type": "string"},
                "description": "t=<unix time>,v1=<hex HMAC-SHA256 of '<t>.<body>'> (a v1 per secret)",
            }
        ]
    },
)
@domain_errors
def stripe_webhook(request: HttpRequest):
    """Stripe's events (PAYMENT_PROVIDER=stripe), verified with every secret in STRIPE_WEBHOOK_SECRETS and a
    five-minute tolerance; each event id is applied once (a repeat answers 200 with `duplicate: true`), and
    event types the platform does not use are acknowledged with 200 and recorded as ignored."""
    result = services.receive_stripe_webhook(request.body, request.headers.get("Stripe-Signature", ""))
    return WebhookOut(
        received=True, event=result.event_id, duplicate=result.duplicate, outcome=result.outcome
    )


@router.post(
    "/orders/{order_id}/refunds",
    response={200: RefundOut, 201: RefundOut, frozenset({409, 502, *WRITE_ERRORS}): Error},
)
@domain_errors
def create_refund(
    request: HttpRequest,
    order_id: UUID,
    payload: RefundIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key"),
):
    """Refund all or part of what was paid for an order (its buyer, its seller or an operator).

    Never more than was paid for the order (422 `refund_exceeds_payment`); a retry with the same
    Idempotency-Key and body returns the first refund (200)."""
    if payload.amount <= 0:
        raise ApiError(422, "amount: more than zero.", "invalid_refund")
    result = services.request_refund(request.auth, order_id, payload.amount, payload.reason, idempotency_key)
    return Status(200 if result.replayed else 201, _refund(result.refund))
