"""The database refuses to rewrite history, overdraw an account or mix currencies, whatever the code does."""

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from ledger_support import cny

from borderless.ledger import chart
from borderless.ledger.models import Account, Entry, Hold, Transaction
from borderless.ledger.services import create_hold, get_or_create_account, post_hold, transfer

pytestmark = pytest.mark.django_db


@pytest.fixture
def posted(clearing, escrow):
    return transfer("paid", clearing, escrow, cny("100.00"))


def _sql(statement: str, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE ledger_entry SET amount_minor = amount_minor + 1",
        "UPDATE ledger_entry SET side = 'debit'",
        "DELETE FROM ledger_entry",
        "UPDATE ledger_transaction SET memo = 'rewritten'",
        "DELETE FROM ledger_transaction",
    ],
)
def test_entries_and_transactions_cannot_be_updated_or_deleted(posted, statement):
    with pytest.raises(DatabaseError, match="append-only"):
        _sql(statement)
    assert sorted(Entry.objects.values_list("amount_minor", flat=True)) == [10000, 10000]
    assert Transaction.objects.get().memo == ""


def test_the_orm_cannot_delete_them_either(posted):
    with pytest.raises(DatabaseError), transaction.atomic():
        Entry.objects.all().delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        Entry.objects.filter(transaction=posted).update(amount_minor=1)
    assert Entry.objects.count() == 2


def test_an_entry_in_another_currency_than_its_account_is_refused(posted, escrow):
    with pytest.raises(DatabaseError, match="currency"):
        _sql(
            "INSERT INTO ledger_entry (transaction_id, account_id, side, amount_minor, currency) "
            "VALUES (%s, %s, 'credit', 5, 'USD')",
            [posted.pk, escrow.pk],
        )


def test_an_entry_amount_must_be_positive(posted, escrow):
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.create(
            transaction=posted, account=escrow, side="credit", amount_minor=0, currency="CNY"
        )


def test_the_cached_balance_cannot_show_an_overdraft(posted, escrow, clearing):
    # Backstop of the write-time check: even a raw update may not take escrow below zero.
    with pytest.raises(IntegrityError), transaction.atomic():
        Account.objects.filter(pk=escrow.pk).update(posted_debits=10001)
    with pytest.raises(IntegrityError), transaction.atomic():
        Account.objects.filter(pk=escrow.pk).update(pending_debits=10001)
    Account.objects.filter(pk=clearing.pk).update(posted_credits=10**9)  # may go negative: allowed


def test_a_resolved_hold_cannot_be_rewritten(posted, escrow, refunds):
    hold = create_hold("h", escrow, refunds, cny("10.00"))
    post_hold(hold, key="h-post")
    with pytest.raises(DatabaseError, match="hold"):
        _sql("UPDATE ledger_hold SET state = 'voided', posted_minor = NULL")
    with pytest.raises(DatabaseError, match="hold"):
        _sql("DELETE FROM ledger_hold")
    assert Hold.objects.get().state == "posted"


def test_a_pending_hold_cannot_change_its_amount(posted, escrow, refunds):
    create_hold("h", escrow, refunds, cny("10.00"))
    with pytest.raises(DatabaseError, match="hold"):
        _sql("UPDATE ledger_hold SET amount_minor = 1")


def test_kind_and_normal_balance_agree(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Account.objects.create(code="odd:CNY", currency="CNY", kind="asset", normal_balance="credit")
    assert get_or_create_account(chart.refunds("CNY"), "CNY").normal_balance == "credit"
