"""Batches (all or nothing, idempotent per transfer) and currency exchange through the FX accounts."""

from decimal import Decimal

import pytest
from ledger_support import cny, usd

from borderless.ledger import chart
from borderless.ledger.errors import IdempotencyConflict, InsufficientFunds, InvalidLeg, Unbalanced
from borderless.ledger.models import Entry, Transaction
from borderless.ledger.services import (
    TransferRequest,
    balance,
    credit,
    debit,
    exchange,
    get_or_create_account,
    post_batch,
    transfer,
    trial_balance,
    verify_ledger,
)

pytestmark = pytest.mark.django_db


def _pay(key, clearing, escrow, amount):
    return TransferRequest(key, [debit(clearing, cny(amount)), credit(escrow, cny(amount))])


def test_a_batch_posts_every_transfer_and_updates_each_balance_once(clearing, escrow, refunds):
    batch = [_pay(f"b{n}", clearing, escrow, "1.00") for n in range(50)]
    batch.append(
        TransferRequest("r", [debit(escrow, cny("20.00")), credit(refunds, cny("20.00"))], kind="refund")
    )
    txns = post_batch(batch)
    assert [t.idempotency_key for t in txns] == [r.key for r in batch]
    assert txns[-1].kind == "refund"
    assert Entry.objects.count() == 102
    assert balance(escrow).posted == cny("30.00") and balance(refunds).posted == cny("20.00")
    assert verify_ledger() == []


def test_a_batch_checks_overdrafts_in_order_and_fails_whole(clearing, escrow, refunds):
    # The refund comes before the payment that would fund it: the batch is refused and writes nothing.
    batch = [
        TransferRequest("r", [debit(escrow, cny("5.00")), credit(refunds, cny("5.00"))]),
        _pay("p", clearing, escrow, "10.00"),
    ]
    with pytest.raises(InsufficientFunds):
        post_batch(batch)
    assert not Transaction.objects.exists()
    post_batch(batch[::-1])
    assert balance(escrow).posted == cny("5.00")


def test_a_batch_is_idempotent_per_transfer(clearing, escrow):
    first = post_batch([_pay("p1", clearing, escrow, "1.00")])
    again = post_batch([_pay("p1", clearing, escrow, "1.00"), _pay("p2", clearing, escrow, "2.00")])
    assert again[0].pk == first[0].pk
    assert balance(escrow).posted == cny("3.00")
    with pytest.raises(IdempotencyConflict):
        post_batch([_pay("p2", clearing, escrow, "2.50")])
    with pytest.raises(IdempotencyConflict):
        post_batch([_pay("p3", clearing, escrow, "1.00"), _pay("p3", clearing, escrow, "9.00")])
    with pytest.raises(Unbalanced):
        post_batch([TransferRequest("p4", [debit(clearing, cny("1.00")), credit(escrow, cny("2.00"))])])
    assert balance(escrow).posted == cny("3.00")


def test_exchange_balances_each_currency_through_the_fx_accounts(clearing, escrow):
    payable = get_or_create_account(
        chart.seller_payable("0b6f7f8e-51a5-4d3c-9f3a-1ad9f7f0c001", "USD"), "USD"
    )
    transfer("paid", clearing, escrow, cny("727.00"))
    txn = exchange(
        "fx-1",
        escrow,
        payable,
        cny("727.00"),
        usd("100.00"),
        margin=cny("7.00"),
        metadata={"rate": "7.2000", "rate_date": "2026-11-24", "rate_source": "ECB"},
    )
    assert txn.kind == "exchange"
    assert txn.metadata["rate_source"] == "ECB" and txn.metadata["effective_rate"] == "0.1388888889"
    assert balance(escrow).posted == cny("0.00")
    assert balance(payable).posted == usd("100.00")
    assert balance(chart.fx_margin("CNY")).posted == cny("7.00")
    assert balance(chart.fx_liquidity("CNY")).posted == cny("720.00")  # the platform now holds these yuan
    assert balance(chart.fx_liquidity("USD")).posted == usd("-100.00")  # and owes these dollars
    report = trial_balance()
    assert report["balanced"] is True
    assert report["currencies"]["USD"] == {"debits": "100.00", "credits": "100.00"}
    assert verify_ledger() == []


def test_exchange_refuses_one_currency_and_a_margin_that_is_not_part_of_the_sale(clearing, escrow):
    with pytest.raises(InvalidLeg):
        exchange("fx", escrow, clearing, cny("1.00"), cny("1.00"))
    payable = get_or_create_account(
        chart.seller_payable("0b6f7f8e-51a5-4d3c-9f3a-1ad9f7f0c001", "USD"), "USD"
    )
    with pytest.raises(InvalidLeg):
        exchange("fx", escrow, payable, cny("10.00"), usd("1.00"), margin=cny("10.00"))
    with pytest.raises(InsufficientFunds):
        exchange("fx", escrow, payable, cny("10.00"), usd("1.38"))  # escrow holds nothing yet
    assert Decimal(0) == balance(payable).posted.amount
