"""Legs of a transfer and the plain checks on them: positive, rounded, balanced per currency. No database."""

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from borderless.ledger import chart
from borderless.ledger.amounts import to_minor
from borderless.ledger.errors import InvalidLeg, Unbalanced
from borderless.money import Money


@dataclass(frozen=True, slots=True)
class Leg:
    """One side of a transfer: an account (model instance or code), debit or credit, a positive amount."""

    account: Any  # Account or its code
    side: str
    amount: Money


def debit(account, amount: Money) -> Leg:
    return Leg(account, chart.DEBIT, amount)


def credit(account, amount: Money) -> Leg:
    return Leg(account, chart.CREDIT, amount)


@dataclass(frozen=True, slots=True)
class Line:
    """A leg resolved to integers: what an Entry row holds."""

    account_id: int
    side: str
    amount_minor: int
    currency: str


@dataclass(slots=True)
class TransferRequest:
    """One transfer of a batch (see services.post_batch)."""

    key: str
    legs: list[Leg]
    kind: str = "transfer"
    memo: str = ""
    metadata: dict = field(default_factory=dict)


def to_line(leg: Leg, account_id: int, account_currency: str, account_code: str) -> Line:
    if leg.side not in (chart.DEBIT, chart.CREDIT):
        raise InvalidLeg(f"A leg is a debit or a credit, not {leg.side!r}.")
    minor = to_minor(leg.amount)
    if minor <= 0:
        raise InvalidLeg(f"Leg amounts are positive; {leg.amount} on {account_code} is not.")
    if leg.amount.currency != account_currency:
        raise InvalidLeg(
            f"{leg.amount} cannot go to {account_code}, which holds {account_currency}: "
            "convert through exchange() instead."
        )
    return Line(account_id, leg.side, minor, account_currency)


def check_balanced(lines: list[Line]) -> None:
    """Debits equal credits in every currency on its own; at least one debit and one credit."""
    if len(lines) < 2:
        raise Unbalanced("A transaction needs at least one debit and one credit.")
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for line in lines:
        totals[line.currency][0 if line.side == chart.DEBIT else 1] += line.amount_minor
    off = {currency: dc for currency, dc in totals.items() if dc[0] != dc[1]}
    if off:
        detail = ", ".join(
            f"{c} debits {d} and credits {cr} minor units" for c, (d, cr) in sorted(off.items())
        )
        raise Unbalanced(f"Transaction does not balance per currency: {detail}.")


def fingerprint(kind: str, content: Any) -> str:
    """A stable digest of what an operation does, to tell a retry from a reused key."""
    text = json.dumps([kind, content], sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def lines_fingerprint(kind: str, lines: list[Line]) -> str:
    return fingerprint(kind, sorted((ln.account_id, ln.side, ln.amount_minor, ln.currency) for ln in lines))
