"""The payouts domain's use cases, in one place for callers (API, web, tasks, CLI).

Shipping moved to logistics (parcels, export filing); `ship` is re-exported here for the callers of old.
"""

from borderless.logistics.services import ship
from borderless.payouts.release import (
    SYSTEM_AUTO_CONFIRM,
    InvalidShipment,
    ReleaseNotAllowed,
    auto_confirm,
    auto_confirm_days,
    confirm_receipt,
    deliver,
    escrow_balance,
    release_escrow,
)
from borderless.payouts.returns import (
    RETURN_WINDOW_DAYS,
    ReturnNotAllowed,
    can_return,
    request_return,
    return_deadline,
    returns_of,
)
from borderless.payouts.runs import (
    SellerBalance,
    available_balance,
    owed_by_seller,
    payouts_of,
    run_payouts,
    seller_balance,
)
from borderless.payouts.statements import build_statement, statement_csv, statement_pdf

__all__ = [
    "RETURN_WINDOW_DAYS",
    "SYSTEM_AUTO_CONFIRM",
    "InvalidShipment",
    "ReleaseNotAllowed",
    "ReturnNotAllowed",
    "SellerBalance",
    "auto_confirm",
    "auto_confirm_days",
    "available_balance",
    "build_statement",
    "can_return",
    "confirm_receipt",
    "deliver",
    "escrow_balance",
    "owed_by_seller",
    "payouts_of",
    "release_escrow",
    "request_return",
    "return_deadline",
    "returns_of",
    "run_payouts",
    "seller_balance",
    "ship",
    "statement_csv",
    "statement_pdf",
]
