"""What payments write to the ledger. Escrow is a posted balance per order (ADR 0501), not a hold.

capture:       debit payment_clearing:CNY (the provider holds our money), credit escrow:order:<id> per share
refund owed:   debit escrow:order:<id>, credit refunds:CNY (owed to the buyer)
refund paid:   debit refunds:CNY, credit payment_clearing:CNY (the provider paid it back)
refund undone: the mirror of refund owed (the provider refused the refund)
Keys derive from our ids, so a retry posts nothing twice.
"""

from __future__ import annotations

from borderless.ledger import chart
from borderless.ledger import services as ledger
from borderless.money import Money

CAPTURE, REFUND_OWED, REFUND_PAID, REFUND_UNDONE = (
    "payment_capture",
    "refund_owed",
    "refund_paid",
    "refund_undone",
)


def _account(code: str, currency: str):
    return ledger.get_or_create_account(code, currency)


def capture(payment, shares) -> None:
    currency = payment.currency
    legs = [
        ledger.debit(_account(chart.payment_clearing(currency), currency), Money(payment.amount, currency))
    ]
    for share in shares:
        if share.amount > 0:
            escrow = _account(chart.escrow(share.order.public_id), currency)
            legs.append(ledger.credit(escrow, Money(share.amount, currency)))
    ledger.post_transfer(
        f"payment:{payment.public_id}:capture",
        legs,
        kind=CAPTURE,
        memo=f"payment {payment.public_id} captured",
        metadata={
            "provider": payment.provider,
            "provider_reference": payment.provider_reference,
            "payment": str(payment.public_id),
        },
    )


def _refund_meta(refund) -> dict:
    return {
        "provider": refund.payment.provider,
        "provider_reference": refund.provider_reference,
        "payment": str(refund.payment.public_id),
        "order": str(refund.order.public_id),
        "refund": str(refund.public_id),
    }


def refund_owed(refund) -> None:
    amount = Money(refund.amount, refund.currency)
    ledger.transfer(
        f"refund:{refund.public_id}:owed",
        _account(chart.escrow(refund.order.public_id), refund.currency),
        _account(chart.refunds(refund.currency), refund.currency),
        amount,
        kind=REFUND_OWED,
        memo=f"refund {refund.public_id} owed",
        metadata=_refund_meta(refund),
    )


def refund_paid(refund) -> None:
    amount = Money(refund.amount, refund.currency)
    ledger.transfer(
        f"refund:{refund.public_id}:paid",
        _account(chart.refunds(refund.currency), refund.currency),
        _account(chart.payment_clearing(refund.currency), refund.currency),
        amount,
        kind=REFUND_PAID,
        memo=f"refund {refund.public_id} paid by the provider",
        metadata=_refund_meta(refund),
    )


def refund_undone(refund) -> None:
    """The provider refused: the mirror of what the refund owed (its escrow, or a return's correcting
    entries) is posted, a new transaction."""
    ledger.reverse(
        f"refund:{refund.public_id}:undone",
        f"refund:{refund.public_id}:owed",
        kind=REFUND_UNDONE,
        memo=f"refund {refund.public_id} refused by the provider",
        metadata=_refund_meta(refund),
    )
