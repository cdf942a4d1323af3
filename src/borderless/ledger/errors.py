"""What the ledger refuses, each with a message that says why."""


class LedgerError(ValueError):
    """Base of every refusal by the ledger; nothing was written when one is raised."""


class UnroundedAmount(LedgerError):
    """An amount finer than its currency's minor unit (e.g. 1.005 CNY)."""


class InvalidLeg(LedgerError):
    """A leg that is not a positive amount, or whose currency is not its account's."""


class Unbalanced(LedgerError):
    """Debits and credits of a transaction differ in some currency."""


class UnknownAccount(LedgerError):
    """An account code that the chart does not hold (create it first with get_or_create_account)."""


class AccountConflict(LedgerError):
    """get_or_create_account found the code with another currency, kind or overdraft flag."""


class InsufficientFunds(LedgerError):
    """The transfer would take an account that may not go negative below zero (pending debits counted)."""

    def __init__(self, account_code: str, available_minor: int, requested_minor: int, currency: str):
        self.account_code = account_code
        self.available_minor = available_minor
        self.requested_minor = requested_minor
        self.currency = currency
        super().__init__(
            f"Account {account_code} may not go negative: {requested_minor} minor units of {currency} "
            f"requested, {available_minor} available."
        )


class IdempotencyConflict(LedgerError):
    """An idempotency key reused for different content."""


class HoldNotPending(LedgerError):
    """The hold was already posted or voided; a hold resolves at most once."""


class HoldExpired(LedgerError):
    """The hold's expiry has passed: it can only be voided (expire_holds does that)."""
