"""The payment domain's use cases, in one place for callers (API, web, tasks, CLI)."""

from borderless.events.outbox import deliver_due as deliver_outbox
from borderless.payments.charges import SYSTEM_PAYMENTS, get_payment, open_new_payment, start_payment
from borderless.payments.providers import get_provider, require_sandbox, sandbox_enabled
from borderless.payments.reconciliation import import_settlement, reconcile
from borderless.payments.refunds import RefundResult, complete_refund, may_refund, request_refund
from borderless.payments.webhooks import WebhookResult, receive_webhook


def payment_step(user, payment_public_id, method: str, return_url: str):
    """The buyer's next step for `method` at the payment's provider (a redirect, a QR code, or done).

    Payment.DoesNotExist unless it is the buyer's; PaymentNotPayable unless it awaits payment at a provider
    with such steps; ProviderUnavailable, PaymentDeclined from the provider."""
    from borderless.payments.errors import PaymentNotPayable
    from borderless.payments.models import PaymentStatus

    payment = get_payment(user, payment_public_id)
    provider = get_provider(payment.provider)
    if not hasattr(provider, "next_action"):
        raise PaymentNotPayable("This payment is not paid through steps at its provider.")
    if payment.status != PaymentStatus.REQUIRES_PAYMENT:
        raise PaymentNotPayable(f"This payment is {payment.status}.")
    return provider.next_action(payment, method, return_url)


def receive_stripe_webhook(body: bytes, signature_header: str):
    """A delivery to the Stripe webhook endpoint: verified against every configured secret, applied once."""
    from borderless.payments import stripe_provider

    return stripe_provider.receive_webhook(body, signature_header)


def sandbox_complete(user, payment_public_id, outcome: str) -> dict:
    """The payer's choice on the sandbox's payment page: "succeeded" or "failed". The signed webhook
    follows through the task queue. Http404 unless the sandbox is the configured provider."""
    require_sandbox()
    from borderless.payments.sandbox import SandboxProvider

    payment = get_payment(user, payment_public_id)
    if payment.buyer_id != user.pk:  # operators may read a payment; only its payer pays or fails it
        raise type(payment).DoesNotExist
    return SandboxProvider().complete(payment, outcome)


__all__ = [
    "SYSTEM_PAYMENTS",
    "RefundResult",
    "WebhookResult",
    "complete_refund",
    "deliver_outbox",
    "get_payment",
    "get_provider",
    "import_settlement",
    "open_new_payment",
    "payment_step",
    "may_refund",
    "receive_stripe_webhook",
    "receive_webhook",
    "reconcile",
    "request_refund",
    "require_sandbox",
    "sandbox_complete",
    "sandbox_enabled",
    "start_payment",
]
