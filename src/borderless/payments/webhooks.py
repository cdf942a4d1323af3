"""Receiving provider webhooks: verify the signature, record the event once, apply it once.

The event row and its effects are one transaction. The event's (provider, id) is unique: of ten
deliveries of one event at once, one inserts and applies it; the others wait on the unique index, then find
it and answer "already applied". Events that arrive out of order are recorded and change nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from borderless.payments import charges, signing
from borderless.payments.errors import InvalidEvent
from borderless.payments.models import Payment, PaymentEvent

APPLIERS = {"payment.succeeded": charges.apply_succeeded, "payment.failed": charges.apply_failed}
MAX_BODY_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class WebhookResult:
    event_id: str
    duplicate: bool
    outcome: str


def secret_for(provider: str) -> str:
    if provider == "sandbox":
        return settings.SANDBOX_WEBHOOK_SECRET
    raise InvalidEvent(f"No webhook secret for provider {provider!r}.")


def _parse(body: bytes) -> dict:
    try:
        event = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise InvalidEvent("The webhook body is not JSON.") from None
    if not isinstance(event, dict) or not isinstance(event.get("data"), dict):
        raise InvalidEvent("An event is an object with id, type and data.")
    event_id, event_type = event.get("id"), event.get("type")
    if not isinstance(event_id, str) or not 1 <= len(event_id) <= 100:
        raise InvalidEvent("id: the provider's event id, 1 to 100 characters.")
    if event_type not in APPLIERS:
        raise InvalidEvent(f"type: one of {', '.join(APPLIERS)}.", {"type": str(event_type)[:60]})
    return event


def receive_webhook(
    provider: str, body: bytes, signature_header: str, *, now: float | None = None
) -> WebhookResult:
    """Verify and apply one delivery. InvalidSignature or StaleSignature (nothing recorded), InvalidEvent."""
    if len(body) > MAX_BODY_BYTES:
        raise InvalidEvent("The webhook body is too large.")
    signing.verify(signature_header, body, secret_for(provider), now=now)
    return apply_event(provider, _parse(body))


def apply_event(provider: str, event: dict) -> WebhookResult:
    """Record a verified event once (by provider and id) and apply it once, in one transaction.

    `event` is {"id", "type", "data"} in the platform's terms (payment.succeeded, payment.failed, with our
    payment's id); a provider adapter that translates its own events may instead set "ignored" to the
    reason an event changes nothing (an unknown type, a step we do not act on), and "raw" to what it got.
    """
    event_id = event["id"]
    if (found := PaymentEvent.objects.filter(provider=provider, event_id=event_id).first()) is not None:
        return WebhookResult(event_id, True, found.outcome)
    try:
        with transaction.atomic():
            return _record_and_apply(provider, event)
    except IntegrityError:
        # A twin delivery inserted the event first (we waited on the unique index): it is applied.
        found = PaymentEvent.objects.filter(provider=provider, event_id=event_id).first()
        if found is None:
            raise
        return WebhookResult(event_id, True, found.outcome)


def _record_and_apply(provider: str, event: dict) -> WebhookResult:
    now = timezone.now()
    # The event row first: a concurrent twin blocks here, before touching the payment or the ledger.
    record = PaymentEvent.objects.create(
        provider=provider,
        event_id=event["id"],
        type=str(event["type"])[:60],
        payload=event.get("raw", event),
        received_at=now,
    )
    if event.get("ignored"):
        record.payment = Payment.objects.filter(provider=provider, public_id=event.get("payment")).first()
        record.applied_at = now
        record.outcome = f"ignored: {event['ignored']}"[:200]
        record.save(update_fields=["payment", "applied_at", "outcome"])
        return WebhookResult(event["id"], False, record.outcome)
    payment = (
        Payment.objects.select_for_update().filter(public_id=_payment_id(event), provider=provider).first()
    )
    if payment is None:
        raise InvalidEvent(
            "The event names no payment of ours.", {"payment": str(event["data"].get("payment"))}
        )
    outcome = APPLIERS[event["type"]](payment, event["data"], now)
    record.payment = payment
    record.applied_at = now
    record.outcome = outcome[:200]
    record.save(update_fields=["payment", "applied_at", "outcome"])
    return WebhookResult(event["id"], False, record.outcome)


def _payment_id(event: dict) -> str:
    value = event["data"].get("payment")
    try:
        from uuid import UUID

        return str(UUID(str(value)))
    except ValueError:
        raise InvalidEvent("data.payment: our payment id.") from None
