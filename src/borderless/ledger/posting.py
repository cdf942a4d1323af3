"""Writing to the ledger: lock accounts in id order, check overdrafts, write entries, move cached balances.

Internal to the ledger; callers use services.py. Every function here runs inside the caller's atomic block.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction

from borderless.ledger import chart
from borderless.ledger.errors import IdempotencyConflict, InsufficientFunds, InvalidLeg, UnknownAccount
from borderless.ledger.legs import Line
from borderless.ledger.models import Account, Entry, Transaction

BALANCE_FIELDS = ("posted_debits", "posted_credits", "pending_debits", "pending_credits")


@dataclass(slots=True)
class Delta:
    posted_debits: int = 0
    posted_credits: int = 0
    pending_debits: int = 0
    pending_credits: int = 0

    def add_line(self, line: Line) -> None:
        if line.side == chart.DEBIT:
            self.posted_debits += line.amount_minor
        else:
            self.posted_credits += line.amount_minor

    def merge(self, other: "Delta") -> None:
        for name in BALANCE_FIELDS:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def account_code(ref) -> str:
    if isinstance(ref, Account):
        return ref.code
    if isinstance(ref, str):
        return ref
    raise TypeError(f"An account is an Account or its code, not {type(ref).__name__}.")


def resolve_accounts(refs: Iterable) -> dict[str, Account]:
    """Accounts by code, from instances as given and codes in one query; unknown codes are refused."""
    found: dict[str, Account] = {}
    codes: set[str] = set()
    for ref in refs:
        if isinstance(ref, Account):
            if ref.pk is None:
                raise UnknownAccount(f"Account {ref.code} is not saved; use get_or_create_account.")
            found[ref.code] = ref
        else:
            codes.add(account_code(ref))
    missing = codes - found.keys()
    if missing:
        found.update((a.code, a) for a in Account.objects.filter(code__in=missing))
        if unknown := missing - found.keys():
            raise UnknownAccount(f"No ledger account {', '.join(sorted(unknown))}; create it first.")
    return found


def lock_accounts(ids: Iterable[int]) -> dict[int, Account]:
    """Lock rows in ascending id order, the same order everywhere, so two writers never deadlock."""
    return {a.pk: a for a in Account.objects.select_for_update().filter(pk__in=set(ids)).order_by("pk")}


def available(account: Account) -> int:
    """Posted balance on the account's normal side, less what pending holds take out of it."""
    if account.normal_balance == chart.CREDIT:
        return account.posted_credits - account.posted_debits - account.pending_debits
    return account.posted_debits - account.posted_credits - account.pending_credits


def apply_in_memory(locked: dict[int, Account], deltas: dict[int, Delta]) -> None:
    """Move the locked accounts' balances; refuse if one that may not go negative would."""
    for pk, delta in deltas.items():
        account = locked[pk]
        before = available(account)
        for name in BALANCE_FIELDS:
            setattr(account, name, getattr(account, name) + getattr(delta, name))
        after = available(account)
        if after < 0 and not account.may_go_negative:
            raise InsufficientFunds(account.code, before, before - after, account.currency)


def save_balances(deltas: dict[int, Delta]) -> None:
    """One UPDATE statement for all the accounts, each moved by its delta (the rows are locked).

    `WITH v AS (VALUES ...) UPDATE ... FROM v` is understood by PostgreSQL and SQLite (3.33+) alike; a batch
    touching a thousand accounts makes one round trip instead of a thousand.
    """
    rows = [(pk, *(getattr(d, name) for name in BALANCE_FIELDS)) for pk, d in deltas.items() if any_change(d)]
    table = Account._meta.db_table
    for start in range(0, len(rows), 500):  # 500 x 5 parameters stays under SQLite's variable limit
        chunk = rows[start : start + 500]
        values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(chunk))
        assignments = ", ".join(f"{name} = {table}.{name} + v.{name}" for name in BALANCE_FIELDS)
        # Only our own table and column names are formatted in; every value is a parameter.
        columns = ", ".join(BALANCE_FIELDS)
        sql = f"WITH v (id, {columns}) AS (VALUES {values}) UPDATE {table} SET {assignments} FROM v "  # noqa: S608
        sql += f"WHERE {table}.id = v.id"
        with connection.cursor() as cursor:
            cursor.execute(sql, [x for row in chunk for x in row])


def any_change(delta: Delta) -> bool:
    return any(getattr(delta, name) for name in BALANCE_FIELDS)


def deltas_for(lines: Iterable[Line]) -> dict[int, Delta]:
    deltas: dict[int, Delta] = {}
    for line in lines:
        deltas.setdefault(line.account_id, Delta()).add_line(line)
    return deltas


def entries_for(txn: Transaction, lines: Iterable[Line]) -> list[Entry]:
    return [
        Entry(
            transaction=txn,
            account_id=ln.account_id,
            side=ln.side,
            amount_minor=ln.amount_minor,
            currency=ln.currency,
        )
        for ln in lines
    ]


def find_existing(model, key: str, fingerprint: str):
    """The row already written under this key if its content matches; a clear error if it does not."""
    row = model.objects.filter(idempotency_key=key).first()
    if row is None:
        return None
    if row.fingerprint != fingerprint:
        what = getattr(row, "kind", "hold")
        raise IdempotencyConflict(
            f"Idempotency key {key!r} was already used for a different {what}; "
            "a retry must repeat the same request, a new request needs a new key."
        )
    return row


def check_key(key: str) -> None:
    if not isinstance(key, str) or not key.strip() or len(key) > 200:
        raise InvalidLeg("An idempotency key is a non-empty string of at most 200 characters.")


def idempotent(model, key: str, digest: str, write):
    """Write now, or return what was written under `key` before; a concurrent twin ends the same way.

    No look-up first: `write` inserts the keyed row before anything else, so a retry fails on the unique
    index at once (one round trip less on the common path), and a twin running at the same moment waits on
    that index until the first commits.
    """
    try:
        with transaction.atomic():
            return write()
    except IntegrityError:
        if (found := find_existing(model, key, digest)) is None:
            raise
        return found
