"""Typed errors of the payments domain, each with the stable code and HTTP status the API answers with."""

from __future__ import annotations


class PaymentError(Exception):
    code = "payment_error"
    status = 400

    def __init__(self, message: str, details: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}


class InvalidSignature(PaymentError):
    """The webhook's signature is missing, malformed or made with another secret."""

    code = "invalid_signature"


class StaleSignature(PaymentError):
    """The signature is valid but its timestamp is outside the replay window."""

    code = "stale_signature"


class InvalidEvent(PaymentError):
    """A signed body that is not an event we understand (shape, type, amount)."""

    code = "invalid_event"
    status = 422


class PaymentNotPayable(PaymentError):
    """The checkout cannot be paid (any more): expired, cancelled, already paid, or not the buyer's."""

    code = "not_payable"
    status = 409


class AlreadyCompleted(PaymentError):
    """The sandbox provider already recorded an outcome for this payment."""

    code = "already_completed"
    status = 409


class InvalidRefund(PaymentError):
    code = "invalid_refund"
    status = 422


class RefundNotAllowed(PaymentError):
    """The order's state does not allow a refund (unpaid, cancelled, completed, refunded)."""

    code = "refund_not_allowed"
    status = 409


class RefundExceedsPayment(PaymentError):
    code = "refund_exceeds_payment"
    status = 422


class IdempotencyConflict(PaymentError):
    code = "idempotency_conflict"
    status = 409


class ProviderError(PaymentError):
    """The payment provider refused or failed; nothing changed on our side."""

    code = "provider_error"
    status = 502


class ProviderUnavailable(ProviderError):
    """The payment provider did not answer (timeout, connection, rate limit, its own error): nothing was
    charged or changed; the same request may be sent again."""

    code = "provider_unavailable"
    status = 503


class PaymentDeclined(PaymentError):
    """The payer's bank or wallet declined; another attempt (or another method) may succeed."""

    code = "payment_declined"
    status = 402
