"""Real concurrency on PostgreSQL: threads with their own connections race for the same keys and funds."""

import threading

import pytest
from django.db import connection
from ledger_support import cny

from borderless.ledger import chart
from borderless.ledger.errors import HoldNotPending, InsufficientFunds
from borderless.ledger.models import Account, Entry, Hold, Transaction
from borderless.ledger.services import (
    TransferRequest,
    balance,
    create_hold,
    credit,
    debit,
    get_or_create_account,
    post_batch,
    post_hold,
    post_transfer,
    transfer,
    verify_ledger,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _race(n: int, work) -> tuple[list, list]:
    """Run work(i) in n threads released at once; return (results, errors), each in thread order."""
    start = threading.Barrier(n)
    results: list = [None] * n
    errors: list = [None] * n

    def run(i):
        try:
            start.wait(10)
            results[i] = work(i)
        except Exception as exc:  # reported to the test
            errors[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
        assert not thread.is_alive()
    return results, errors


@pytest.fixture
def accounts(on_postgres):
    clearing = get_or_create_account(chart.payment_clearing("CNY"), "CNY")
    escrow = get_or_create_account(chart.escrow("6f1c3d0e-8a4b-4f57-9a43-0c7e2d1b5a99"), "CNY")
    refunds = get_or_create_account(chart.refunds("CNY"), "CNY")
    return clearing, escrow, refunds


def test_one_transfer_posted_ten_times_at_once_applies_once(accounts):
    clearing, escrow, _ = accounts
    results, errors = _race(10, lambda i: transfer("pay-once", clearing, escrow, cny("88.00")).pk)
    assert errors == [None] * 10
    assert len(set(results)) == 1
    assert Transaction.objects.count() == 1 and Entry.objects.count() == 2
    assert balance(escrow).posted == cny("88.00")
    assert verify_ledger() == []


def test_transfers_racing_to_drain_one_account_succeed_only_as_far_as_it_goes(accounts):
    clearing, escrow, refunds = accounts
    transfer("fund", clearing, escrow, cny("100.00"))
    results, errors = _race(10, lambda i: transfer(f"drain-{i}", escrow, refunds, cny("30.00")))
    succeeded = [r for r in results if r is not None]
    assert len(succeeded) == 3
    assert all(isinstance(e, InsufficientFunds) for e in errors if e is not None)
    assert sum(e is not None for e in errors) == 7
    assert balance(escrow).posted == cny("10.00") and balance(refunds).posted == cny("90.00")
    assert verify_ledger() == []


def test_two_transfers_racing_for_the_same_funds_one_wins(accounts):
    clearing, escrow, refunds = accounts
    transfer("fund", clearing, escrow, cny("100.00"))
    for round_ in range(5):
        results, errors = _race(2, lambda i, r=round_: transfer(f"r{r}-{i}", escrow, refunds, cny("60.00")))
        assert sum(r is not None for r in results) == 1
        assert sum(isinstance(e, InsufficientFunds) for e in errors) == 1
        transfer(f"refill-{round_}", refunds, escrow, cny("60.00"))
    assert balance(escrow).posted == cny("100.00")


def test_holds_and_transfers_racing_never_overdraw(accounts):
    clearing, escrow, refunds = accounts
    transfer("fund", clearing, escrow, cny("100.00"))

    def work(i):
        if i % 2:
            return create_hold(f"hold-{i}", escrow, refunds, cny("25.00"))
        return transfer(f"move-{i}", escrow, refunds, cny("25.00"))

    results, errors = _race(10, work)
    assert sum(r is not None for r in results) == 4
    assert all(isinstance(e, InsufficientFunds) for e in errors if e is not None)
    assert balance(escrow).available == cny("0.00")
    assert verify_ledger() == []


def test_a_hold_posted_by_many_at_once_resolves_once(accounts):
    clearing, escrow, refunds = accounts
    transfer("fund", clearing, escrow, cny("100.00"))
    hold = create_hold("hold", escrow, refunds, cny("40.00"))
    # Five retries of one request and five other requests: the retries agree, the others are refused.
    results, errors = _race(10, lambda i: post_hold(hold, key="post" if i < 5 else f"post-{i}").pk)
    winners = {r for r in results if r is not None}
    assert len(winners) == 1
    assert all(isinstance(e, HoldNotPending) for e in errors if e is not None)
    if Transaction.objects.get(pk=winners.pop()).idempotency_key == "post":
        assert errors[:5] == [None] * 5
    assert Hold.objects.get().state == "posted"
    assert balance(refunds).posted == cny("40.00") and balance(escrow).posted == cny("60.00")
    assert verify_ledger() == []


def test_transfers_in_opposite_directions_do_not_deadlock(accounts):
    clearing, escrow, refunds = accounts
    transfer("fund-escrow", clearing, escrow, cny("1000.00"))
    transfer("fund-refunds", clearing, refunds, cny("1000.00"))

    def work(i):
        for n in range(10):
            legs = [debit(escrow, cny("1.00")), credit(refunds, cny("1.00"))]
            if i % 2:
                legs = [debit(refunds, cny("1.00")), credit(escrow, cny("1.00"))]
            # Three accounts per transaction, listed in different orders by different threads.
            legs = [*legs, debit(clearing, cny("0.01")), credit(escrow if i % 2 else refunds, cny("0.01"))]
            post_transfer(f"t{i}-{n}", legs[::-1] if i % 3 else legs)

    results, errors = _race(8, work)
    assert errors == [None] * 8
    assert Transaction.objects.count() == 2 + 80
    assert verify_ledger() == []


def test_overlapping_batches_post_each_transfer_once(accounts):
    clearing, escrow, _ = accounts

    def work(i):
        requests = [
            TransferRequest(f"b-{k}", [debit(clearing, cny("1.00")), credit(escrow, cny("1.00"))])
            for k in range(i * 10, i * 10 + 30)  # each batch shares 20 keys with its neighbours
        ]
        return [t.pk for t in post_batch(requests)]

    results, errors = _race(4, work)
    assert errors == [None] * 4
    assert Transaction.objects.count() == 60
    assert balance(escrow).posted == cny("60.00")
    assert verify_ledger() == []


def test_accounts_created_at_once_are_created_once(on_postgres):
    code = chart.seller_payable("0b6f7f8e-51a5-4d3c-9f3a-1ad9f7f0c001", "USD")
    results, errors = _race(8, lambda i: get_or_create_account(code, "USD").pk)
    assert errors == [None] * 8
    assert len(set(results)) == 1 and Account.objects.filter(code=code).count() == 1
