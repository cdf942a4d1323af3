"""Payout rails: how dollars reach a seller's bank. One interface; a sandbox bank rail first.

A rail's `send` must be idempotent by the payout's public id: a payout sent again after a crash (the
money was reserved, the answer never recorded) must not pay twice.
"""

from __future__ import annotations

import hashlib
import threading
from typing import Protocol

from django.conf import settings

from borderless.money import Money


class PayoutRefused(Exception):
    """The rail refused the payout (closed account, limits...); nothing was paid."""


class PayoutProvider(Protocol):
    name: str

    def send(self, payout) -> str:
        """Pay `payout.amount` in `payout.currency` to the payout's seller; the rail's reference."""
        ...


class SandboxBankRail:
    """Accepts every payout and records it, as a bank's ACH file would: same payout, same reference."""

    name = "sandbox_bank"
    _lock = threading.Lock()
    sent: dict[str, tuple[str, Money]] = {}  # payout id -> (reference, amount), for tests and the console

    def send(self, payout) -> str:
        key = str(payout.public_id)
        with self._lock:
            if key not in self.sent:
                digest = hashlib.sha256(key.encode()).hexdigest()[:16].upper()
                self.sent[key] = (f"SBX-ACH-{digest}", Money(payout.amount, payout.currency))
            return self.sent[key][0]


_PROVIDERS: dict[str, type] = {SandboxBankRail.name: SandboxBankRail}


def get_payout_provider(name: str | None = None) -> PayoutProvider:
    """The configured rail (settings.PAYOUT_PROVIDER, the sandbox bank rail by default)."""
    wanted = name or getattr(settings, "PAYOUT_PROVIDER", SandboxBankRail.name)
    if wanted == "stripe_connect":
        from borderless.payouts.stripe_connect import StripeConnectRail

        return StripeConnectRail()
    try:
        return _PROVIDERS[wanted]()
    except KeyError:
        raise ValueError(f"Unknown payout provider {wanted!r} (known: {', '.join(_PROVIDERS)}).") from None
