"""Ledger use cases. Each is one database transaction (a savepoint inside the caller's), idempotent by key.

Amounts come in as `Money` rounded to the currency's minor unit and are stored as integer minor units. This
module is the ledger's whole public interface: holds and balances live beside it and are re-exported here.
"""

from collections import defaultdict
from decimal import Decimal

from django.db import IntegrityError, transaction

from borderless.ledger import chart
from borderless.ledger import posting as p
from borderless.ledger.amounts import from_minor
from borderless.ledger.balances import Balance, balance, balance_of, trial_balance, verify_ledger
from borderless.ledger.errors import AccountConflict, IdempotencyConflict, InvalidLeg, UnknownAccount
from borderless.ledger.holds import create_hold, expire_holds, post_hold, void_hold
from borderless.ledger.legs import (
    Leg,
    Line,
    TransferRequest,
    check_balanced,
    credit,
    debit,
    lines_fingerprint,
    to_line,
)
from borderless.ledger.models import Account, Entry, Transaction
from borderless.money import Money, minor_unit

RATE_PLACES = Decimal("1e-10")

__all__ = [
    "Balance",
    "Leg",
    "TransferRequest",
    "balance",
    "balance_of",
    "create_hold",
    "credit",
    "debit",
    "exchange",
    "expire_holds",
    "get_or_create_account",
    "post_batch",
    "post_hold",
    "post_transfer",
    "reverse",
    "transfer",
    "trial_balance",
    "verify_ledger",
    "void_hold",
]


# Accounts ------------------------------------------------------------------------------------------------


def get_or_create_account(
    code: str, currency: str, *, kind: str | None = None, may_go_negative: bool | None = None, name: str = ""
) -> Account:
    """The account with this code, created on first use; kind and overdraft rule default from the chart."""
    minor_unit(currency)  # refuses unknown currencies
    account_type = chart.account_type(code)
    if kind is None and account_type is None:
        raise UnknownAccount(f"{code!r} has no known prefix ({', '.join(chart.ACCOUNT_TYPES)}); pass kind=.")
    wanted_kind = kind or account_type.kind
    wanted_negative = (
        may_go_negative
        if may_go_negative is not None
        else bool(account_type and account_type.may_go_negative)
    )
    account, _ = Account.objects.get_or_create(
        code=code,
        defaults={
            "currency": currency,
            "kind": wanted_kind,
            "normal_balance": chart.normal_balance(wanted_kind),
            "may_go_negative": wanted_negative,
            "name": name or (account_type.meaning if account_type else ""),
        },
    )
    if (
        account.currency != currency
        or (kind is not None and account.kind != kind)
        or (may_go_negative is not None and account.may_go_negative != may_go_negative)
    ):
        raise AccountConflict(
            f"Account {code} exists as {account.kind} in {account.currency} "
            f"(may go negative: {account.may_go_negative}), not as asked."
        )
    return account


# Transfers -----------------------------------------------------------------------------------------------


def _lines(legs: list[Leg], accounts: dict[str, Account]) -> list[Line]:
    lines = []
    for leg in legs:
        account = accounts[p.account_code(leg.account)]
        lines.append(to_line(leg, account.pk, account.currency, account.code))
    check_balanced(lines)
    return lines


def post_transfer(
    key: str, legs: list[Leg], *, kind: str = "transfer", memo: str = "", metadata: dict | None = None
) -> Transaction:
    """Post a balanced set of legs at once. The same key with the same legs returns the first transaction."""
    p.check_key(key)
    lines = _lines(legs, p.resolve_accounts(leg.account for leg in legs))
    digest = lines_fingerprint(kind, lines)

    def write() -> Transaction:
        # The row goes first: a twin with the same key waits on the unique index, not on the accounts.
        txn = Transaction.objects.create(
            idempotency_key=key, kind=kind, memo=memo, metadata=metadata or {}, fingerprint=digest
        )
        deltas = p.deltas_for(lines)
        p.apply_in_memory(p.lock_accounts(deltas), deltas)
        Entry.objects.bulk_create(p.entries_for(txn, lines))
        p.save_balances(deltas)
        return txn

    return p.idempotent(Transaction, key, digest, write)


def transfer(key: str, debit_account, credit_account, amount: Money, **options) -> Transaction:
    """A two-leg transfer: debit one account, credit the other, by the same amount."""
    return post_transfer(key, [debit(debit_account, amount), credit(credit_account, amount)], **options)


def post_batch(requests: list[TransferRequest]) -> list[Transaction]:
    """Many transfers in one database transaction: all are posted or none is.

    Accounts are locked once, entries inserted in bulk, each account's balance updated once. Transfers whose
    key exists already with the same content are returned as they were; overdrafts are checked after each
    transfer in the order given.
    """
    if not requests:
        return []
    accounts = p.resolve_accounts(leg.account for r in requests for leg in r.legs)
    prepared: dict[str, tuple[TransferRequest, list[Line], str]] = {}
    for request in requests:
        p.check_key(request.key)
        lines = _lines(request.legs, accounts)
        digest = lines_fingerprint(request.kind, lines)
        if request.key in prepared and prepared[request.key][2] != digest:
            raise IdempotencyConflict(
                f"Idempotency key {request.key!r} appears twice in the batch, differently."
            )
        prepared[request.key] = (request, lines, digest)

    def write() -> dict[str, Transaction]:
        done = {t.idempotency_key: t for t in Transaction.objects.filter(idempotency_key__in=prepared)}
        for key in done:
            p.find_existing(Transaction, key, prepared[key][2])  # refuses a key reused for other legs
        new = [key for key in prepared if key not in done]  # in the order given: overdrafts depend on it
        # Rows go in by sorted key: batches sharing keys wait on each other in one order, never in a cycle.
        rows = Transaction.objects.bulk_create(
            Transaction(
                idempotency_key=key,
                kind=prepared[key][0].kind,
                memo=prepared[key][0].memo,
                metadata=prepared[key][0].metadata,
                fingerprint=prepared[key][2],
            )
            for key in sorted(new)
        )
        created = {row.idempotency_key: row for row in rows}
        locked = p.lock_accounts(ln.account_id for key in new for ln in prepared[key][1])
        total: dict[int, p.Delta] = defaultdict(p.Delta)
        entries = []
        for key in new:
            deltas = p.deltas_for(prepared[key][1])
            p.apply_in_memory(locked, deltas)
            for pk, delta in deltas.items():
                total[pk].merge(delta)
            entries.extend(p.entries_for(created[key], prepared[key][1]))
            done[key] = created[key]
        Entry.objects.bulk_create(entries, batch_size=5000)
        p.save_balances(total)
        return done

    for attempt in range(3):
        try:
            with transaction.atomic():
                done = write()
            break
        except IntegrityError:
            # Another writer committed some of these keys meanwhile; the next attempt returns theirs.
            if attempt == 2:
                raise
    return [done[r.key] for r in requests]


def exchange(
    key: str,
    source,
    destination,
    from_money: Money,
    to_money: Money,
    *,
    margin: Money | None = None,
    memo: str = "",
    metadata: dict | None = None,
) -> Transaction:
    """Convert: `from_money` leaves `source`, `to_money` reaches `destination`, through fx_liquidity accounts.

    Two transfers that succeed together, each balanced in its own currency: source -> fx_liquidity:<from>
    (and fx_margin:<from> for the platform's `margin`, part of `from_money`), then fx_liquidity:<to> ->
    destination.
    The rate, its date and source belong in `metadata`.
    """
    if from_money.currency == to_money.currency:
        raise InvalidLeg("An exchange converts between two currencies; use post_transfer within one.")
    sold, bought = from_money.currency, to_money.currency
    legs = [debit(source, from_money)]
    converted = from_money
    if margin is not None and margin.amount:
        if margin.currency != sold or not (Money.zero(sold) < margin < from_money):
            raise InvalidLeg(f"The FX margin {margin} must be part of {from_money}.")
        converted = from_money - margin
        legs.append(credit(get_or_create_account(chart.fx_margin(sold), sold), margin))
    legs += [
        credit(get_or_create_account(chart.fx_liquidity(sold), sold), converted),
        debit(get_or_create_account(chart.fx_liquidity(bought), bought), to_money),
        credit(destination, to_money),
    ]
    details = {
        "sold": str(from_money),
        "bought": str(to_money),
        "margin": str(margin) if margin is not None else None,
        "effective_rate": str((to_money.amount / converted.amount).quantize(RATE_PLACES)),
        **(metadata or {}),
    }
    return post_transfer(key, legs, kind="exchange", memo=memo, metadata=details)


def reverse(
    key: str, original_key: str, *, kind: str = "reversal", memo: str = "", metadata: dict | None = None
) -> Transaction:
    """Post the mirror of the transaction keyed `original_key`: every debit becomes a credit of the same
    amount on the same account and the other way round. A correction is a new transaction; nothing is edited.
    UnknownAccount if there is no such transaction; the overdraft rules apply as to any transfer."""
    original = Transaction.objects.filter(idempotency_key=original_key).first()
    if original is None:
        raise UnknownAccount(f"No ledger transaction {original_key!r} to reverse.")
    opposite = {chart.DEBIT: credit, chart.CREDIT: debit}
    legs = [
        opposite[e.side](e.account, from_minor(e.amount_minor, e.currency))
        for e in original.entries.select_related("account").order_by("id")
    ]
    details = {"reverses": original_key, **(metadata or {})}
    return post_transfer(key, legs, kind=kind, memo=memo or f"reversal of {original_key}", metadata=details)
