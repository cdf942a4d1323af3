"""The payouts domain's use cases, in one place for callers (API, web, tasks, CLI)."""

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
    ship,
)
from borderless.payouts.runs import SellerBalance, available_balance, payouts_of, run_payouts, seller_balance
from borderless.payouts.statements import build_statement, statement_csv, statement_pdf

__all__ = [
    "SYSTEM_AUTO_CONFIRM",
    "InvalidShipment",
    "ReleaseNotAllowed",
    "SellerBalance",
    "auto_confirm",
    "auto_confirm_days",
    "available_balance",
    "build_statement",
    "confirm_receipt",
    "deliver",
    "escrow_balance",
    "payouts_of",
    "release_escrow",
    "run_payouts",
    "seller_balance",
    "ship",
    "statement_csv",
    "statement_pdf",
]
