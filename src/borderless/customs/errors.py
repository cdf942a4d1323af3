"""Errors of the customs domain. The API maps `code` and `status` onto its one error shape."""

from __future__ import annotations


class CustomsError(Exception):
    code = "customs_error"
    status = 400

    def __init__(self, message: str, details: dict | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or {}


class CustomsDataError(CustomsError):
    """The order lacks something a message needs: the message cannot be built (an operator looks)."""

    code = "customs_data_missing"
    status = 422


class InvalidMessage(CustomsError):
    """A message does not validate against the project's XSD: it is never sent."""

    code = "customs_message_invalid"
    status = 422


class GatewayUnavailable(CustomsError):
    """The gateway did not take the message now; the outbox tries again later."""

    code = "customs_gateway_unavailable"
    status = 503


class InvalidReceipt(CustomsError):
    code = "customs_receipt_invalid"
    status = 400
