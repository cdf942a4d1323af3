"""The chart of accounts: account codes, their kind and whether they may go negative. Plain Python.

A code is `<prefix>:<parts...>`; the prefix decides the kind and the overdraft rule unless the caller says
otherwise. Customer money (escrow, seller payable, refunds owed, taxes collected for customs) may never go
negative: the ledger refuses at write time a transfer that would overdraw it, counting pending holds.
"""

from dataclasses import dataclass
from uuid import UUID

ASSET, LIABILITY, REVENUE, EXPENSE, EQUITY = "asset", "liability", "revenue", "expense", "equity"
KINDS = (ASSET, LIABILITY, REVENUE, EXPENSE, EQUITY)
DEBIT, CREDIT = "debit", "credit"


def normal_balance(kind: str) -> str:
    """Assets and expenses grow with debits; liabilities, revenue and equity with credits."""
    if kind not in KINDS:
        raise ValueError(f"Unknown account kind {kind!r} (one of {', '.join(KINDS)}).")
    return DEBIT if kind in (ASSET, EXPENSE) else CREDIT


@dataclass(frozen=True, slots=True)
class AccountType:
    prefix: str
    kind: str
    may_go_negative: bool
    meaning: str


ACCOUNT_TYPES: dict[str, AccountType] = {
    t.prefix: t
    for t in (
        AccountType(
            "payment_clearing", ASSET, True, "money captured by the payment provider, not yet settled"
        ),
        AccountType(
            "escrow", LIABILITY, False, "a buyer's payment held for one order until release or refund"
        ),
        AccountType("seller_payable", LIABILITY, False, "owed to one seller, in the seller's currency"),
        AccountType("platform_commission", REVENUE, True, "the platform's commission on orders"),
        AccountType("fx_margin", REVENUE, True, "the platform's margin on currency conversions"),
        AccountType(
            "customs_taxes_payable", LIABILITY, False, "import taxes collected, owed to China customs"
        ),
        AccountType("refunds", LIABILITY, False, "refunds owed to buyers, not yet paid back"),
        AccountType("fx_liquidity", EQUITY, True, "the platform's position in one currency (conversions)"),
        AccountType("payout_clearing", ASSET, True, "money sent to sellers' banks, not yet settled"),
        AccountType(
            "seller_receivable",
            ASSET,
            False,
            "owed by one seller: a return reversed more than the seller's payable held (paid out already)",
        ),
    )
}


def account_type(code: str) -> AccountType | None:
    return ACCOUNT_TYPES.get(code.split(":", 1)[0])


def payment_clearing(currency: str) -> str:
    return f"payment_clearing:{currency}"


def escrow(order_id: UUID | str) -> str:
    return f"escrow:order:{UUID(str(order_id))}"


def seller_payable(seller_id: UUID | str, currency: str) -> str:
    return f"seller_payable:{UUID(str(seller_id))}:{currency}"


def platform_commission(currency: str) -> str:
    return f"platform_commission:{currency}"


def fx_margin(currency: str) -> str:
    return f"fx_margin:{currency}"


def customs_taxes_payable(currency: str) -> str:
    return f"customs_taxes_payable:{currency}"


def refunds(currency: str) -> str:
    return f"refunds:{currency}"


def fx_liquidity(currency: str) -> str:
    return f"fx_liquidity:{currency}"


def payout_clearing(currency: str) -> str:
    return f"payout_clearing:{currency}"


def seller_receivable(seller_id: UUID | str, currency: str) -> str:
    return f"seller_receivable:{UUID(str(seller_id))}:{currency}"
