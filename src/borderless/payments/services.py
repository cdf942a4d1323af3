"""The payment domain's use cases, in one place for callers (API, web, tasks, CLI)."""

from borderless.payments.charges import SYSTEM_PAYMENTS, get_payment, open_new_payment, start_payment
from borderless.payments.outbox import deliver_due as deliver_outbox
from borderless.payments.providers import get_provider, require_sandbox, sandbox_enabled
from borderless.payments.reconciliation import import_settlement, reconcile
from borderless.payments.refunds import RefundResult, complete_refund, may_refund, request_refund
from borderless.payments.webhooks import WebhookResult, receive_webhook


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
    "may_refund",
    "receive_webhook",
    "reconcile",
    "request_refund",
    "require_sandbox",
    "sandbox_complete",
    "sandbox_enabled",
    "start_payment",
]
