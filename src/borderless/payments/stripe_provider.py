"""The Stripe payment provider (PAYMENT_PROVIDER=stripe): one PaymentIntent per checkout, in CNY.

Everything Stripe-specific lives here (docs/adr/0502): the client, amounts in minor units, the mapping of
Stripe's errors to the payments domain's, the buyer's next step for Alipay (a redirect) and WeChat Pay (a QR
code), refunds, webhooks verified by `Stripe-Signature` and translated into the platform's events, and the
daily settlement read from Stripe's balance transactions.

Capture is automatic: Alipay and WeChat Pay have no separate authorization, so the money is captured when
the payer authorizes it; escrow is the platform's posted liability per order (ADR 0501), held in the
platform's Stripe balance until payouts release it.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime

import stripe
from django.conf import settings

from borderless.ledger.amounts import from_minor, to_minor
from borderless.money import Money
from borderless.payments.errors import (
    InvalidEvent,
    InvalidSignature,
    PaymentDeclined,
    PaymentNotPayable,
    ProviderError,
    ProviderUnavailable,
    StaleSignature,
)
from borderless.payments.models import Payment
from borderless.payments.providers import ProviderPayment, SettlementRow

NAME = "stripe"
SIGNATURE_HEADER = "Stripe-Signature"
METADATA_PAYMENT = "borderless_payment"
METADATA_CHECKOUT = "borderless_checkout"
ORDER_KEY = "order_"  # + the order's public id (hex): its share, e.g. "123.45"
MAX_ORDERS = 45  # Stripe allows 50 metadata keys; a few are ours
METHODS = ("card", "alipay", "wechat_pay")
RETRY_MESSAGE = "The payment service did not answer. Nothing was charged; try again in a minute."


def client() -> stripe.StripeClient:
    if not settings.STRIPE_SECRET_KEY:
        raise ProviderUnavailable("Stripe is not configured (STRIPE_SECRET_KEY).")
    base = settings.STRIPE_API_BASE.rstrip("/")
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses={"api": base, "connect": base, "files": base},
        max_network_retries=settings.STRIPE_MAX_NETWORK_RETRIES,
        http_client=stripe.RequestsClient(timeout=settings.STRIPE_TIMEOUT_SECONDS),
    )


def minor(amount: Money) -> int:
    """Stripe's integer minor units, exactly (12.34 CNY → 1234); anything finer than a fen is refused."""
    return to_minor(amount)


def major(amount_minor: int, currency: str) -> Money:
    return from_minor(int(amount_minor), currency.upper())


def call(fn, *args, **kwargs):
    """One Stripe request; its errors become the payments domain's (nothing Stripe-typed leaves here)."""
    try:
        return fn(*args, **kwargs)
    except stripe.CardError as exc:
        raise PaymentDeclined(
            f"The payment was declined: {exc.user_message or exc.code or 'declined'}.",
            {"code": exc.code or "", "decline_code": getattr(exc, "decline_code", None) or ""},
        ) from None
    except (stripe.APIConnectionError, stripe.RateLimitError) as exc:
        raise ProviderUnavailable(RETRY_MESSAGE, {"stripe": type(exc).__name__}) from None
    except stripe.StripeError as exc:
        status = exc.http_status or 0
        if status >= 500 or (exc.code or "") in ("idempotency_key_in_use", "lock_timeout"):
            raise ProviderUnavailable(RETRY_MESSAGE, {"stripe": exc.code or str(status)}) from None
        raise ProviderError(
            f"Stripe refused the request: {exc.user_message or str(exc)}", {"code": exc.code or ""}
        ) from None


@dataclass(frozen=True, slots=True)
class NextAction:
    """What the buyer's browser does next: go to `redirect_url`, or show a QR code to scan."""

    kind: str  # "redirect", "qr_code", "done"
    redirect_url: str = ""
    qr_image: str = ""  # a data: URL
    qr_data: str = ""
    status: str = ""


class StripeProvider:
    name = NAME

    def __init__(self, stripe_client: stripe.StripeClient | None = None) -> None:
        self._client = stripe_client

    @property
    def client(self) -> stripe.StripeClient:
        if self._client is None:
            self._client = client()
        return self._client

    # --- the provider interface ---

    def create_payment(self, payment: Payment) -> ProviderPayment:
        """The checkout's PaymentIntent (created once: the Idempotency-Key is our payment's id); the buyer
        then chooses Alipay, WeChat Pay or a card on our page. ProviderUnavailable if Stripe does not answer.
        """
        page = f"/pay/stripe/{payment.public_id}/"
        if payment.provider_reference:
            return ProviderPayment(payment.provider_reference, page)
        from borderless.orders.models import Order

        shares = list(
            Order.objects.filter(checkout_id=payment.checkout_id)
            .order_by("id")
            .values_list("public_id", "landed_total")
        )
        if len(shares) > MAX_ORDERS:
            raise PaymentNotPayable(f"A checkout paid through Stripe holds at most {MAX_ORDERS} orders.")
        metadata = {
            METADATA_PAYMENT: str(payment.public_id),
            METADATA_CHECKOUT: str(payment.checkout.public_id),
        }
        metadata |= {f"{ORDER_KEY}{order.hex}": str(amount) for order, amount in shares}
        intent = call(
            self.client.v1.payment_intents.create,
            params={
                "amount": minor(Money(payment.amount, payment.currency)),
                "currency": payment.currency.lower(),
                "payment_method_types": list(settings.STRIPE_PAYMENT_METHOD_TYPES),
                "capture_method": "automatic",
                "description": f"Borderless checkout {payment.checkout.public_id}",
                "metadata": metadata,
            },
            options={"idempotency_key": f"payment:{payment.public_id}:intent"},
        )
        if intent.amount != minor(Money(payment.amount, payment.currency)):
            raise ProviderError("Stripe's PaymentIntent has another amount than the payment.")
        return ProviderPayment(intent.id, page)

    def refund(self, payment: Payment, amount: Money, *, idempotency_key: str) -> str:
        refund = call(
            self.client.v1.refunds.create,
            params={
                "payment_intent": payment.provider_reference,
                "amount": minor(amount),
                "metadata": {METADATA_PAYMENT: str(payment.public_id), "key": idempotency_key[:500]},
            },
            options={"idempotency_key": idempotency_key},
        )
        if refund.status in ("failed", "canceled"):
            raise ProviderError(f"Stripe did not refund: {refund.status}.")
        return refund.id

    def settlement_file(self, day: date) -> list[SettlementRow]:
        """The day's (UTC) balance transactions of charges and refunds, in the charge's own currency."""
        start = datetime.combine(day, dtime.min, tzinfo=UTC)
        params = {
            "created": {"gte": int(start.timestamp()), "lt": int((start + timedelta(days=1)).timestamp())},
            "limit": 100,
            "expand": ["data.source"],
        }
        rows: list[SettlementRow] = []
        while True:
            page = call(self.client.v1.balance_transactions.list, params=params)
            for txn in page.data:
                row = _settlement_row(txn)
                if row is not None:
                    rows.append(row)
            if not page.has_more or not page.data:
                return rows
            params = {**params, "starting_after": page.data[-1].id}

    # --- the buyer's next step ---

    def next_action(self, payment: Payment, method: str, return_url: str) -> NextAction:
        """Confirm the PaymentIntent with the buyer's method: Alipay redirects, WeChat Pay shows a QR code.

        PaymentNotPayable for a method we do not offer; PaymentDeclined, ProviderUnavailable from Stripe.
        """
        if method not in METHODS or method not in settings.STRIPE_PAYMENT_METHOD_TYPES or method == "card":
            raise PaymentNotPayable(f"method: one of {', '.join(m for m in METHODS if m != 'card')}.")
        intent = call(self.client.v1.payment_intents.retrieve, payment.provider_reference)
        if intent.status == "succeeded":
            return NextAction("done", status=intent.status)
        if intent.status == "canceled":
            raise PaymentNotPayable("This payment was cancelled at Stripe.")
        current = intent.next_action
        if intent.status == "requires_action" and current and _method_of(current) == method:
            return _next(current)  # the buyer came back to the same step: show it again, no new attempt
        params: dict = {"payment_method_data": {"type": method}, "return_url": return_url}
        if method == "wechat_pay":
            params["payment_method_options"] = {"wechat_pay": {"client": "web"}}
        confirmed = call(self.client.v1.payment_intents.confirm, payment.provider_reference, params=params)
        if confirmed.status == "succeeded":
            return NextAction("done", status=confirmed.status)
        if confirmed.next_action is None:
            raise ProviderError(f"Stripe answered {confirmed.status} without a next step.")
        return _next(confirmed.next_action)

    def pay_with_card(self, payment: Payment, payment_method: str) -> str:
        """Confirm with a card PaymentMethod made by Stripe's card form (test cards: pm_card_visa, ...)."""
        intent = call(
            self.client.v1.payment_intents.confirm,
            payment.provider_reference,
            params={"payment_method": payment_method},
        )
        return intent.status

    def cancel(self, payment: Payment) -> None:
        call(self.client.v1.payment_intents.cancel, payment.provider_reference)


def _method_of(next_action) -> str:
    return {"alipay_handle_redirect": "alipay", "wechat_pay_display_qr_code": "wechat_pay"}.get(
        next_action.type, ""
    )


def _next(next_action) -> NextAction:
    if next_action.type == "alipay_handle_redirect":
        return NextAction("redirect", redirect_url=next_action.alipay_handle_redirect.url)
    if next_action.type == "wechat_pay_display_qr_code":
        qr = next_action.wechat_pay_display_qr_code
        return NextAction("qr_code", qr_image=qr.image_data_url, qr_data=qr.data)
    if next_action.type == "redirect_to_url":
        return NextAction("redirect", redirect_url=next_action.redirect_to_url.url)
    raise ProviderError(f"Stripe asked for a step this platform does not offer ({next_action.type}).")


def _settlement_row(txn) -> SettlementRow | None:
    if txn.source is None or isinstance(txn.source, str):
        return None
    source = txn.source.to_dict()
    metadata = source.get("metadata") or {}
    if txn.type in ("charge", "payment"):
        amount = major(source.get("amount_captured") or source["amount"], source["currency"])
        reference, kind = source.get("payment_intent") or source["id"], "payment"
    elif txn.type in ("refund", "payment_refund"):
        amount = major(source["amount"], source["currency"])
        reference, kind = source["id"], "refund"
    else:
        return None  # fees, payouts, transfers: not payment clearing
    return SettlementRow(kind, reference, metadata.get(METADATA_PAYMENT, ""), amount.amount, amount.currency)


# --- webhooks ---


def verify(body: bytes, header: str, *, now: float | None = None) -> None:
    """Stripe's scheme through the official library, against every configured secret (rotation).

    InvalidSignature unless one secret signed this body; StaleSignature if it did, outside the tolerance
    (either way: a timestamp far in the future is refused too).
    """
    secrets_ = settings.STRIPE_WEBHOOK_SECRETS
    if not secrets_:
        raise InvalidSignature("No Stripe webhook secret is configured (STRIPE_WEBHOOK_SECRETS).")
    tolerance = settings.STRIPE_WEBHOOK_TOLERANCE_SECONDS
    for secret in secrets_:
        try:
            stripe.WebhookSignature.verify_header(body, header, secret, tolerance=None)
        except stripe.SignatureVerificationError:
            continue
        timestamp = int(header.split("t=", 1)[1].split(",", 1)[0])
        now = time.time() if now is None else now
        if abs(now - timestamp) > tolerance:
            raise StaleSignature(
                f"The webhook was signed {int(now - timestamp)} seconds ago, outside the {tolerance}-second "
                "tolerance.",
                {"signed_at": timestamp},
            )
        return
    raise InvalidSignature(f"The {SIGNATURE_HEADER} header does not match the body for any webhook secret.")


def translate(event: dict) -> dict:
    """A Stripe event in the platform's terms (payments.webhooks.apply_event)."""
    event_id, event_type = event.get("id"), event.get("type")
    data = event.get("data")
    if not isinstance(event_id, str) or not 1 <= len(event_id) <= 100 or not isinstance(event_type, str):
        raise InvalidEvent("A Stripe event has an id and a type.")
    obj = data.get("object") if isinstance(data, dict) else None
    if not isinstance(obj, dict):
        raise InvalidEvent("A Stripe event carries data.object.")
    base = {"id": event_id, "type": event_type, "raw": event}
    metadata = obj.get("metadata") if isinstance(obj.get("metadata"), dict) else {}
    payment_id = _uuid(metadata.get(METADATA_PAYMENT))
    ours = (
        payment_id is not None
        and Payment.objects.filter(
            provider=NAME, public_id=payment_id, provider_reference=obj.get("id")
        ).exists()
    )
    if event_type.startswith("payment_intent.") and not ours:
        return {**base, "payment": payment_id, "ignored": "no payment of ours has this PaymentIntent"}
    if event_type in ("payment_intent.succeeded", "payment_intent.canceled"):
        try:
            amount = major(
                obj["amount_received" if event_type.endswith("succeeded") else "amount"], obj["currency"]
            )
        except (KeyError, TypeError, ValueError):
            raise InvalidEvent("The PaymentIntent has no amount in minor units and currency.") from None
        if event_type.endswith("succeeded") and obj.get("status") != "succeeded":
            raise InvalidEvent("payment_intent.succeeded with a PaymentIntent that is not succeeded.")
        return {
            **base,
            "type": "payment.succeeded" if event_type.endswith("succeeded") else "payment.failed",
            "data": {
                "payment": str(payment_id),
                "reference": obj["id"],
                "amount": str(amount.amount),
                "currency": amount.currency,
            },
        }
    if event_type == "payment_intent.payment_failed":
        error = obj.get("last_payment_error") or {}
        return {
            **base,
            "payment": payment_id,
            "ignored": f"attempt failed ({error.get('code') or 'unknown'}); the buyer may pay again",
        }
    if event_type.startswith(("payment_intent.", "charge.", "refund.")):
        return {**base, "payment": payment_id, "ignored": "noted; payments and refunds act on other events"}
    return {**base, "payment": payment_id, "ignored": "event type not used by this platform"}


def _uuid(value) -> str | None:
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return None


def receive_webhook(body: bytes, header: str, *, now: float | None = None):
    """Verify, translate and apply one delivery to the Stripe webhook endpoint (WebhookResult)."""
    from borderless.payments.webhooks import MAX_BODY_BYTES, apply_event

    if len(body) > MAX_BODY_BYTES:
        raise InvalidEvent("The webhook body is too large.")
    verify(body, header, now=now)
    try:
        event = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise InvalidEvent("The webhook body is not JSON.") from None
    if not isinstance(event, dict):
        raise InvalidEvent("A Stripe event is a JSON object.")
    return apply_event(NAME, translate(event))
