"""Reading the ledger: balances, the trial balance, and a rebuild of every figure from the journal."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, Sum, When

from borderless.ledger import chart
from borderless.ledger import posting as p
from borderless.ledger.amounts import from_minor, minor_to_str
from borderless.ledger.models import Account, Entry, Hold
from borderless.money import Money


@dataclass(frozen=True, slots=True)
class Balance:
    """Balances on the account's normal side (a credit balance for liabilities, a debit one for assets)."""

    posted: Money
    available: Money  # posted less pending holds taking money out
    pending_debits: Money
    pending_credits: Money


def balance(account) -> Balance:
    return balance_of(Account.objects.get(code=p.account_code(account)))


def balance_of(row: Account) -> Balance:
    """The balance of an account row already read (no query): for reading many accounts at once."""
    cur = row.currency
    posted = row.posted_credits - row.posted_debits
    if row.normal_balance == chart.DEBIT:
        posted = -posted
    return Balance(
        posted=from_minor(posted, cur),
        available=from_minor(p.available(row), cur),
        pending_debits=from_minor(row.pending_debits, cur),
        pending_credits=from_minor(row.pending_credits, cur),
    )


def trial_balance() -> dict:
    """Posted debits and credits per currency over all accounts: {"balanced": bool, "currencies": {...}}."""
    totals = (
        Account.objects.values("currency")
        .annotate(debits=Sum("posted_debits"), credits=Sum("posted_credits"))
        .order_by("currency")
    )
    currencies = {
        t["currency"]: {
            "debits": minor_to_str(t["debits"] or 0, t["currency"]),
            "credits": minor_to_str(t["credits"] or 0, t["currency"]),
        }
        for t in totals
    }
    balanced = all((t["debits"] or 0) == (t["credits"] or 0) for t in totals)
    return {"balanced": balanced, "currencies": currencies}


def verify_ledger() -> list[str]:
    """Rebuild every figure from the journal and holds; an empty list means the cached balances are right."""
    problems = []
    signed = Case(
        When(side=chart.DEBIT, then=F("amount_minor")),
        default=-F("amount_minor"),
        output_field=IntegerField(),
    )
    unbalanced = Entry.objects.values("transaction_id", "currency").annotate(net=Sum(signed)).exclude(net=0)
    problems += [
        f"transaction {u['transaction_id']} is off by {u['net']} {u['currency']}" for u in unbalanced
    ]
    journal: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in Entry.objects.values("account_id", "side").annotate(total=Sum("amount_minor")):
        journal[row["account_id"]][f"posted_{row['side']}s"] = row["total"]
    for row in (
        Hold.objects.filter(state=Hold.PENDING).values("debit_account_id").annotate(t=Sum("amount_minor"))
    ):
        journal[row["debit_account_id"]]["pending_debits"] = row["t"]
    for row in (
        Hold.objects.filter(state=Hold.PENDING).values("credit_account_id").annotate(t=Sum("amount_minor"))
    ):
        journal[row["credit_account_id"]]["pending_credits"] = row["t"]
    for account in Account.objects.all():
        for name in p.BALANCE_FIELDS:
            cached, rebuilt = getattr(account, name), journal[account.pk][name]
            if cached != rebuilt:
                problems.append(f"{account.code}: cached {name} {cached}, journal says {rebuilt}")
        if not account.may_go_negative and p.available(account) < 0:
            problems.append(f"{account.code} is overdrawn")
    return problems
