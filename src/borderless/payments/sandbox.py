"""The built-in sandbox provider: behaves like a hosted payment service, inside the platform.

The buyer "pays" or "fails" on its page (POST /api/v1/payments/{id}/sandbox/complete); the sandbox records
the outcome in its own books and sends a signed webhook to the platform through the outbox and the task
queue, as a real provider would: late, possibly twice. Refunds are answered at once. Its daily settlement
file is a CSV under var/settlements/sandbox/.
"""

from __future__ import annotations

import csv
import io
import json
import urllib.request
import uuid
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from borderless.events import outbox
from borderless.money import Money
from borderless.payments import signing
from borderless.payments.errors import AlreadyCompleted, InvalidEvent, PaymentNotPayable
from borderless.payments.models import Payment, SandboxRecord
from borderless.payments.providers import ProviderPayment, SettlementRow

NAME = "sandbox"
WEBHOOK_TOPIC = "sandbox.webhook"
OUTCOMES = ("succeeded", "failed")
CSV_FIELDS = ("kind", "reference", "payment", "amount", "currency", "occurred_at")


def payment_reference(payment: Payment) -> str:
    return f"sbx_pay_{payment.public_id.hex}"


def settlement_dir() -> Path:
    return Path(settings.VAR_DIR) / "settlements" / NAME


def event_body(event: dict) -> bytes:
    return json.dumps(event, sort_keys=True, separators=(",", ":")).encode()


def make_event(event_type: str, payment: Payment, *, created: datetime | None = None) -> dict:
    return {
        "id": f"evt_{uuid.uuid4().hex}",
        "type": event_type,
        "created": int((created or timezone.now()).timestamp()),
        "data": {
            "payment": str(payment.public_id),
            "reference": payment_reference(payment),
            "amount": str(payment.amount),
            "currency": payment.currency,
        },
    }


class SandboxProvider:
    name = NAME

    def create_payment(self, payment: Payment) -> ProviderPayment:
        return ProviderPayment(payment_reference(payment), f"/pay/sandbox/{payment.public_id}/")

    def complete(self, payment: Payment, outcome: str, *, delay: timedelta | None = None) -> dict:
        """The payer paid (or the payment failed) on the sandbox page: record it, send the webhook.

        The record and the outbox message are one transaction; the webhook leaves after the commit.
        """
        if outcome not in OUTCOMES:
            raise InvalidEvent(f"outcome: one of {', '.join(OUTCOMES)}.")
        if payment.provider != NAME:
            raise PaymentNotPayable("This payment is not with the sandbox provider.")
        event = make_event(f"payment.{outcome}", payment)
        try:
            with transaction.atomic():
                SandboxRecord.objects.create(
                    reference=payment_reference(payment),
                    kind=SandboxRecord.PAYMENT,
                    payment=payment,
                    amount=payment.amount,
                    currency=payment.currency,
                    status=outcome,
                )
                outbox.enqueue(WEBHOOK_TOPIC, {"event": event}, delay=delay)
        except IntegrityError:
            raise AlreadyCompleted(
                "The sandbox already recorded an outcome for this payment.",
                {"payment": str(payment.public_id)},
            ) from None
        return event

    def refund(self, payment: Payment, amount: Money, *, idempotency_key: str) -> str:
        reference = f"sbx_re_{uuid.uuid5(uuid.NAMESPACE_URL, idempotency_key).hex}"
        record, _ = SandboxRecord.objects.get_or_create(
            reference=reference,
            defaults={
                "kind": SandboxRecord.REFUND,
                "payment": payment,
                "amount": amount.amount,
                "currency": amount.currency,
                "status": "succeeded",
            },
        )
        return record.reference

    def settlement_file(self, day: date) -> list[SettlementRow]:
        """The day's settlement file, written once from the sandbox's books, then read back as given."""
        path = settlement_dir() / f"{day.isoformat()}.csv"
        if not path.exists():
            write_settlement_csv(day, path)
        return read_settlement_csv(path.read_text(encoding="utf-8"))


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=UTC)
    return start, start + timedelta(days=1)


def write_settlement_csv(day: date, path: Path) -> Path:
    start, end = _day_bounds(day)
    records = SandboxRecord.objects.filter(
        status="succeeded", occurred_at__gte=start, occurred_at__lt=end
    ).select_related("payment")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_FIELDS)
    for r in records.order_by("occurred_at", "id"):
        writer.writerow(
            [r.kind, r.reference, r.payment.public_id, r.amount, r.currency, r.occurred_at.isoformat()]
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(buffer.getvalue(), encoding="utf-8")
    tmp.replace(path)
    return path


def read_settlement_csv(text: str) -> list[SettlementRow]:
    return [
        SettlementRow(row["kind"], row["reference"], row["payment"], Decimal(row["amount"]), row["currency"])
        for row in csv.DictReader(io.StringIO(text))
    ]


@outbox.handler(WEBHOOK_TOPIC)
def deliver_webhook(message: dict) -> None:
    """Sign the event now (as a provider signs at sending time) and deliver it to the platform.

    With SANDBOX_WEBHOOK_URL set it is an HTTP POST; otherwise it goes, still signed, straight to the same
    function the webhook endpoint calls. Any failure raises, and the outbox retries.
    """
    body = event_body(message["event"])
    header = signing.sign(body, settings.SANDBOX_WEBHOOK_SECRET)
    if settings.SANDBOX_WEBHOOK_URL:
        request = urllib.request.Request(  # noqa: S310  (an http(s) URL from our own settings)
            settings.SANDBOX_WEBHOOK_URL,
            data=body,
            headers={"Content-Type": "application/json", signing.HEADER: header},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            if response.status != 200:
                raise RuntimeError(f"webhook endpoint answered {response.status}")
        return
    from borderless.payments.webhooks import receive_webhook

    receive_webhook(NAME, body, header)
