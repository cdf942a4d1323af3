"""The payment provider interface: what the platform asks of any hosted payment service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from django.conf import settings
from django.http import Http404

from borderless.money import Money

if TYPE_CHECKING:
    from borderless.payments.models import Payment


@dataclass(frozen=True, slots=True)
class ProviderPayment:
    reference: str  # the provider's id for the payment
    redirect_url: str  # where the buyer goes to pay


@dataclass(frozen=True, slots=True)
class SettlementRow:
    """One line of a provider's daily settlement file."""

    kind: str  # "payment" or "refund"
    reference: str
    payment: str  # our payment's public id, as the provider knows it
    amount: Decimal
    currency: str


class PaymentProvider(Protocol):
    name: str

    def create_payment(self, payment: Payment) -> ProviderPayment:
        """Open a payment at the provider; the buyer is sent to `redirect_url`."""

    def refund(self, payment: Payment, amount: Money, *, idempotency_key: str) -> str:
        """Give `amount` back to the payer; the provider's refund reference. Safe to retry with the key."""

    def settlement_file(self, day: date) -> list[SettlementRow]:
        """What the provider settled on `day` (UTC): captured payments and refunds."""


def get_provider(name: str | None = None) -> PaymentProvider:
    name = name or settings.PAYMENT_PROVIDER
    if name == "sandbox":
        from borderless.payments.sandbox import SandboxProvider

        return SandboxProvider()
    if name == "stripe":
        from borderless.payments.stripe_provider import StripeProvider

        return StripeProvider()
    raise ValueError(f"No payment provider {name!r} is built in (PAYMENT_PROVIDER).")


def sandbox_enabled() -> bool:
    return settings.PAYMENT_PROVIDER == "sandbox"


def require_sandbox() -> None:
    """The sandbox's own endpoints exist only when it is the configured provider."""
    if not sandbox_enabled():
        raise Http404("The sandbox payment provider is not enabled.")
