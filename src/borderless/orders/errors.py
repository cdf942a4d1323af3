"""Typed errors of the order domain, each with the stable code and HTTP status the API answers with."""

from __future__ import annotations


class OrderError(Exception):
    code = "order_error"
    status = 400

    def __init__(self, message: str, details: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}


class InvalidIdentity(OrderError):
    """The buyer's real name or PRC resident ID number is not acceptable (CN-C9)."""

    code = "invalid_identity"
    status = 422


class InvalidAddress(OrderError):
    code = "invalid_address"
    status = 422


class InvalidCart(OrderError):
    """An unknown or unavailable SKU, or a quantity out of range."""

    code = "invalid_cart"
    status = 422


class EmptyCart(OrderError):
    code = "empty_cart"
    status = 422


class IdempotencyConflict(OrderError):
    """The idempotency key was used before with a different request body."""

    code = "idempotency_conflict"
    status = 409


class OutOfStock(OrderError):
    code = "out_of_stock"
    status = 409

    def __init__(self, sku_public_id, sku_code: str, requested: int) -> None:
        super().__init__(
            f"Not enough stock for SKU {sku_code}: {requested} requested.",
            {"sku": str(sku_public_id), "requested": requested},
        )
        self.sku_public_id = sku_public_id


class CustomsLimit(OrderError):
    """China's CBEC channel refuses an order (CN-C2..C5, C8, C15); `reasons` cite the rules."""

    code = "customs_limit"
    status = 422

    def __init__(self, seller_public_id, reasons: list[dict]) -> None:
        text = "; ".join(f"{r['rule']}: {r['message']}" for r in reasons) or "refused by the CBEC channel"
        super().__init__(
            f"The order cannot enter China as cross-border e-commerce: {text}",
            {"seller": str(seller_public_id) if seller_public_id else None, "reasons": reasons},
        )
        self.seller_public_id = seller_public_id
        self.reasons = reasons


class CannotQuote(OrderError):
    """The landed-cost engine cannot price an order (e.g. a tariff line it does not know)."""

    code = "cannot_quote"
    status = 422


class IllegalTransition(OrderError):
    code = "illegal_transition"
    status = 409

    def __init__(self, from_status, to_status) -> None:
        super().__init__(
            f"An order cannot go from {from_status!s} to {to_status!s}.",
            {"from": str(from_status), "to": str(to_status)},
        )
        self.from_status = str(from_status)
        self.to_status = str(to_status)
