"""Paid orders for the logistics tests (the payout tests' builder, funded as payments' capture funds them)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "payouts"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))

from api_support import ApiClient, token_for  # noqa: E402
from payouts_support import T0, paid_order  # noqa: E402

__all__ = ["T0", "ApiClient", "paid_order", "token_for"]
