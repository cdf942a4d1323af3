"""Posting balanced transfers: what is written, what is refused, and that a refusal writes nothing."""

from decimal import Decimal

import pytest
from ledger_support import cny, usd

from borderless.ledger import chart
from borderless.ledger.errors import (
    AccountConflict,
    IdempotencyConflict,
    InsufficientFunds,
    InvalidLeg,
    Unbalanced,
    UnknownAccount,
    UnroundedAmount,
)
from borderless.ledger.models import Account, Entry, Transaction
from borderless.ledger.services import (
    balance,
    credit,
    debit,
    get_or_create_account,
    post_transfer,
    transfer,
    trial_balance,
    verify_ledger,
)
from borderless.money import Money

pytestmark = pytest.mark.django_db


def test_a_transfer_writes_two_entries_and_moves_both_balances(clearing, escrow):
    txn = transfer("pay-1", clearing, escrow, cny("1288.50"), memo="order paid", metadata={"order": "A1"})
    entries = list(txn.entries.order_by("side"))
    assert [(e.account_id, e.side, e.amount_minor, e.currency) for e in entries] == [
        (escrow.pk, "credit", 128850, "CNY"),
        (clearing.pk, "debit", 128850, "CNY"),
    ]
    assert txn.metadata == {"order": "A1"} and txn.kind == "transfer"
    assert balance(escrow).posted == cny("1288.50")  # a liability grows with credits
    assert balance(clearing).posted == cny("1288.50")  # an asset grows with debits
    assert balance(escrow).available == cny("1288.50")
    assert verify_ledger() == []


def test_accounts_take_kind_and_overdraft_rule_from_the_chart(clearing, escrow):
    assert (escrow.kind, escrow.normal_balance, escrow.may_go_negative) == ("liability", "credit", False)
    assert (clearing.kind, clearing.normal_balance, clearing.may_go_negative) == ("asset", "debit", True)
    assert get_or_create_account(escrow.code, "CNY").pk == escrow.pk
    with pytest.raises(AccountConflict):
        get_or_create_account(escrow.code, "USD")
    with pytest.raises(AccountConflict):
        get_or_create_account(escrow.code, "CNY", may_go_negative=True)
    with pytest.raises(UnknownAccount):
        get_or_create_account("petty_cash:CNY", "CNY")
    custom = get_or_create_account("petty_cash:CNY", "CNY", kind="asset")
    assert (custom.normal_balance, custom.may_go_negative) == ("debit", False)


def test_the_same_key_and_legs_return_the_first_transaction(clearing, escrow):
    first = transfer("pay-2", clearing, escrow, cny("10.00"))
    again = post_transfer("pay-2", [credit(escrow.code, cny("10.00")), debit(clearing.code, cny("10.00"))])
    assert again.pk == first.pk
    assert Entry.objects.count() == 2
    assert balance(escrow).posted == cny("10.00")


def test_the_same_key_with_other_legs_is_refused(clearing, escrow):
    transfer("pay-3", clearing, escrow, cny("10.00"))
    with pytest.raises(IdempotencyConflict, match="pay-3"):
        transfer("pay-3", clearing, escrow, cny("10.01"))
    assert balance(escrow).posted == cny("10.00")


@pytest.mark.parametrize(
    ("legs", "error"),
    [
        (lambda c, e: [debit(c, cny("10.00")), credit(e, cny("9.99"))], Unbalanced),
        (lambda c, e: [debit(c, cny("10.00"))], Unbalanced),
        (lambda c, e: [debit(c, cny("10.005")), credit(e, cny("10.005"))], UnroundedAmount),
        (lambda c, e: [debit(c, cny("0")), credit(e, cny("0"))], InvalidLeg),
        (lambda c, e: [debit(c, cny("-5.00")), credit(e, cny("-5.00"))], InvalidLeg),
        (lambda c, e: [debit(c, usd("5.00")), credit(e, usd("5.00"))], InvalidLeg),
        (lambda c, e: [debit(c, cny("5.00")), credit("escrow:order:nobody", cny("5.00"))], UnknownAccount),
    ],
)
def test_bad_transfers_are_refused_and_write_nothing(clearing, escrow, legs, error):
    with pytest.raises(error):
        post_transfer("bad", legs(clearing, escrow))
    assert not Transaction.objects.exists() and not Entry.objects.exists()
    assert Account.objects.get(pk=escrow.pk).posted_credits == 0


def test_balance_is_checked_per_currency_not_in_total(clearing, escrow):
    fx_usd = get_or_create_account(chart.fx_liquidity("USD"), "USD")
    # 10 CNY debited against 10 USD credited: the same number, two unbalanced currencies.
    with pytest.raises(Unbalanced, match="CNY"):
        post_transfer("mixed", [debit(clearing, cny("10.00")), credit(fx_usd, usd("10.00"))])


def test_an_account_that_may_not_go_negative_refuses_an_overdraft(clearing, escrow, refunds):
    transfer("in", clearing, escrow, cny("100.00"))
    with pytest.raises(InsufficientFunds) as refused:
        transfer("out", escrow, refunds, cny("100.01"))
    assert (refused.value.available_minor, refused.value.requested_minor) == (10000, 10001)
    assert not Transaction.objects.filter(idempotency_key="out").exists()
    transfer("out-exact", escrow, refunds, cny("100.00"))
    assert balance(escrow).posted == cny("0.00")


def test_an_account_that_may_go_negative_does(clearing, escrow):
    commission = get_or_create_account(chart.platform_commission("CNY"), "CNY")
    transfer("reverse-commission", commission, clearing, cny("5.00"))
    assert balance(commission).posted == cny("-5.00")


def test_trial_balance_shape_and_figures(clearing, escrow):
    assert trial_balance() == {"balanced": True, "currencies": {"CNY": {"debits": "0.00", "credits": "0.00"}}}
    transfer("t1", clearing, escrow, cny("1288.50"))
    payable = get_or_create_account(
        chart.seller_payable("0b6f7f8e-51a5-4d3c-9f3a-1ad9f7f0c001", "USD"), "USD"
    )
    fx_usd = get_or_create_account(chart.fx_liquidity("USD"), "USD")
    transfer("t2", fx_usd, payable, usd("170.25"))
    assert trial_balance() == {
        "balanced": True,
        "currencies": {
            "CNY": {"debits": "1288.50", "credits": "1288.50"},
            "USD": {"debits": "170.25", "credits": "170.25"},
        },
    }


def test_trial_balance_reports_a_broken_cache(clearing, escrow):
    transfer("t1", clearing, escrow, cny("1.00"))
    Account.objects.filter(pk=clearing.pk).update(posted_debits=99)  # as a bug elsewhere might
    report = trial_balance()
    assert report["balanced"] is False
    assert report["currencies"]["CNY"] == {"debits": "0.99", "credits": "1.00"}
    assert verify_ledger() == [f"{clearing.code}: cached posted_debits 99, journal says 100"]


def test_a_multi_leg_transfer_posts_all_legs_or_none(clearing, escrow, refunds):
    taxes = get_or_create_account(chart.customs_taxes_payable("CNY"), "CNY")
    transfer("pay", clearing, escrow, cny("100.00"))
    with pytest.raises(InsufficientFunds):
        post_transfer(
            "split",
            [
                debit(escrow, cny("60.00")),
                credit(taxes, cny("60.00")),
                debit(escrow, cny("50.00")),
                credit(refunds, cny("50.00")),
            ],
        )
    assert balance(taxes).posted == cny("0.00") and balance(escrow).posted == cny("100.00")
    assert Money(Decimal("100.00"), "CNY") == balance(escrow).available


def test_a_retry_after_the_money_moved_returns_the_first_outcome_not_an_overdraft(clearing, escrow, refunds):
    transfer("in", clearing, escrow, cny("50.00"))
    first = transfer("drain", escrow, refunds, cny("50.00"))
    assert transfer("drain", escrow, refunds, cny("50.00")).pk == first.pk
    assert balance(escrow).posted == cny("0.00")


def test_a_retry_inside_the_callers_transaction_leaves_it_usable(clearing, escrow):
    from django.db import transaction

    first = transfer("in", clearing, escrow, cny("50.00"))
    with transaction.atomic():
        assert transfer("in", clearing, escrow, cny("50.00")).pk == first.pk
        transfer("more", clearing, escrow, cny("1.00"))  # the caller's transaction goes on
    assert balance(escrow).posted == cny("51.00")
