"""Ledger use cases. Each is one database transaction (a savepoint inside the caller's), idempotent by key.

Amounts come in as `Money` rounded to the currency's minor unit and are stored as integer minor units.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import Case, F, IntegerField, Sum, When
from django.utils import timezone

from borderless.ledger import chart
from borderless.ledger import posting as p
from borderless.ledger.amounts import from_minor, minor_to_str, to_minor
from borderless.ledger.errors import (
    AccountConflict,
    HoldExpired,
    HoldNotPending,
    IdempotencyConflict,
    InvalidLeg,
    UnknownAccount,
)
from borderless.ledger.legs import (
    Leg,
    Line,
    TransferRequest,
    check_balanced,
    credit,
    debit,
    fingerprint,
    lines_fingerprint,
    to_line,
)
from borderless.ledger.models import Account, Entry, Hold, Transaction
from borderless.money import Money, minor_unit

RATE_PLACES = Decimal("1e-10")

__all__ = [
    "Balance",
    "Leg",
    "TransferRequest",
    "balance",
    "create_hold",
    "credit",
    "debit",
    "exchange",
    "expire_holds",
    "get_or_create_account",
    "post_batch",
    "post_hold",
    "post_transfer",
    "transfer",
    "trial_balance",
    "verify_ledger",
    "void_hold",
]


def _check_key(key: str) -> None:
    if not isinstance(key, str) or not key.strip() or len(key) > 200:
        raise InvalidLeg("An idempotency key is a non-empty string of at most 200 characters.")


def _idempotent(model, key: str, digest: str, write):
    """Return what was written under `key` before, or write it now; a concurrent twin ends the same way."""
    if (found := p.find_existing(model, key, digest)) is not None:
        return found
    try:
        with transaction.atomic():
            return write()
    except IntegrityError:
        # The key's unique index made us wait for a twin that committed first: its outcome is ours.
        if (found := p.find_existing(model, key, digest)) is None:
            raise
        return found


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
    _check_key(key)
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

    return _idempotent(Transaction, key, digest, write)


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
        _check_key(request.key)
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


# Holds (escrow) ------------------------------------------------------------------------------------------


def _hold(hold: Hold | UUID | str) -> Hold:
    if isinstance(hold, Hold):
        return hold
    return Hold.objects.get(public_id=hold)


def create_hold(
    key: str,
    debit_account,
    credit_account,
    amount: Money,
    *,
    expires_at: datetime | None = None,
    memo: str = "",
    metadata: dict | None = None,
) -> Hold:
    """Reserve `amount`: pending on both accounts, counted against the debit account's available balance."""
    _check_key(key)
    accounts = p.resolve_accounts([debit_account, credit_account])
    d, c = accounts[p.account_code(debit_account)], accounts[p.account_code(credit_account)]
    if d.pk == c.pk:
        raise InvalidLeg("A hold moves money between two different accounts.")
    lines = [
        to_line(debit(d, amount), d.pk, d.currency, d.code),
        to_line(credit(c, amount), c.pk, c.currency, c.code),
    ]
    minor = lines[0].amount_minor
    digest = fingerprint(
        "hold", [d.pk, c.pk, minor, amount.currency, expires_at.isoformat() if expires_at else None]
    )

    def write() -> Hold:
        hold = Hold.objects.create(
            idempotency_key=key,
            debit_account=d,
            credit_account=c,
            currency=amount.currency,
            amount_minor=minor,
            expires_at=expires_at,
            memo=memo,
            metadata=metadata or {},
            fingerprint=digest,
        )
        deltas = {d.pk: p.Delta(pending_debits=minor), c.pk: p.Delta(pending_credits=minor)}
        p.apply_in_memory(p.lock_accounts(deltas), deltas)
        p.save_balances(deltas)
        return hold

    return _idempotent(Hold, key, digest, write)


def _resolve_hold(
    hold, key: str, kind: str, posted_minor: int | None, memo: str, metadata: dict | None, now, wrote=None
):
    """Post (posted_minor > 0) or void (None) a pending hold, once; the same key again returns the same."""
    _check_key(key)
    stored = _hold(hold)
    digest = fingerprint(kind, [str(stored.public_id), posted_minor])

    def write() -> Transaction:
        locked_hold = Hold.objects.select_for_update().get(pk=stored.pk)
        if locked_hold.state != Hold.PENDING:
            # A twin with this key may have resolved it while we waited for the lock.
            found = p.find_existing(Transaction, key, digest)
            if found is not None and locked_hold.resolution_id == found.pk:
                return found
            raise HoldNotPending(f"Hold {locked_hold.public_id} is {locked_hold.state} already.")
        if kind == "hold_post" and locked_hold.expires_at is not None and locked_hold.expires_at <= now:
            raise HoldExpired(f"Hold {locked_hold.public_id} expired at {locked_hold.expires_at}.")
        txn = Transaction.objects.create(
            idempotency_key=key,
            kind=kind,
            memo=memo,
            metadata={"hold": str(locked_hold.public_id), **(metadata or {})},
            fingerprint=digest,
        )
        amount = locked_hold.amount_minor
        d, c = locked_hold.debit_account_id, locked_hold.credit_account_id
        deltas = {d: p.Delta(pending_debits=-amount), c: p.Delta(pending_credits=-amount)}
        if posted_minor:
            lines = [
                Line(d, chart.DEBIT, posted_minor, locked_hold.currency),
                Line(c, chart.CREDIT, posted_minor, locked_hold.currency),
            ]
            deltas[d].posted_debits = posted_minor
            deltas[c].posted_credits = posted_minor
        p.apply_in_memory(p.lock_accounts(deltas), deltas)
        if posted_minor:
            Entry.objects.bulk_create(p.entries_for(txn, lines))
        p.save_balances(deltas)
        locked_hold.state = Hold.POSTED if posted_minor else Hold.VOIDED
        locked_hold.posted_minor = posted_minor
        locked_hold.resolution = txn
        locked_hold.resolved_at = now
        locked_hold.save(update_fields=["state", "posted_minor", "resolution", "resolved_at"])
        if wrote is not None:
            wrote.append(txn)
        return txn

    return _idempotent(Transaction, key, digest, write)


def post_hold(
    hold: Hold | UUID | str,
    amount: Money | None = None,
    *,
    key: str,
    memo: str = "",
    metadata: dict | None = None,
) -> Transaction:
    """Post the hold, in full or `amount` of it; the rest is released. Refused once the hold has expired."""
    stored = _hold(hold)
    if amount is None:
        minor = stored.amount_minor
    else:
        if amount.currency != stored.currency:
            raise InvalidLeg(f"Hold {stored.public_id} is in {stored.currency}, not {amount.currency}.")
        minor = to_minor(amount)
        if not 0 < minor <= stored.amount_minor:
            raise InvalidLeg(
                f"A hold of {from_minor(stored.amount_minor, stored.currency)} posts more than zero and at "
                f"most its amount, not {amount}; void it to release everything."
            )
    return _resolve_hold(stored, key, "hold_post", minor, memo, metadata, timezone.now())


def void_hold(
    hold: Hold | UUID | str, *, key: str, memo: str = "", metadata: dict | None = None
) -> Transaction:
    """Release the hold's whole amount; nothing is posted."""
    return _resolve_hold(hold, key, "hold_void", None, memo, metadata, timezone.now())


def expire_holds(now: datetime | None = None) -> int:
    """Void every pending hold whose expiry has passed; returns how many this call voided."""
    now = now or timezone.now()
    due = Hold.objects.filter(state=Hold.PENDING, expires_at__lte=now).values_list("pk", "public_id")
    wrote: list[Transaction] = []
    for pk, public_id in list(due):
        key = f"hold-expiry:{public_id}"
        try:
            _resolve_hold(
                Hold(pk=pk, public_id=public_id), key, "hold_void", None, "expired", None, now, wrote
            )
        except HoldNotPending:
            continue  # posted or voided by someone else meanwhile
    return len(wrote)


# Reading -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Balance:
    """Balances on the account's normal side (a credit balance for liabilities, a debit one for assets)."""

    posted: Money
    available: Money  # posted less pending holds taking money out
    pending_debits: Money
    pending_credits: Money


def balance(account) -> Balance:
    row = Account.objects.get(code=p.account_code(account))
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
