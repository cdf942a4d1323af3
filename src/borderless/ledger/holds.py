"""Holds (escrow): a pending transfer reserves funds, then is posted (in full or part), voided or expires.

Each resolves at most once: the hold row is locked, its resolution is a one-to-one transaction, and a database
trigger refuses any change to a hold that is no longer pending.
"""

from datetime import datetime
from uuid import UUID

from django.utils import timezone

from borderless.ledger import chart
from borderless.ledger import posting as p
from borderless.ledger.amounts import from_minor, to_minor
from borderless.ledger.errors import HoldExpired, HoldNotPending, InvalidLeg
from borderless.ledger.legs import Line, credit, debit, fingerprint, to_line
from borderless.ledger.models import Entry, Hold, Transaction
from borderless.money import Money


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
    p.check_key(key)
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

    return p.idempotent(Hold, key, digest, write)


def _resolve_hold(
    hold, key: str, kind: str, posted_minor: int | None, memo: str, metadata: dict | None, now, wrote=None
):
    """Post (posted_minor > 0) or void (None) a pending hold, once; the same key again returns the same."""
    p.check_key(key)
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

    return p.idempotent(Transaction, key, digest, write)


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
