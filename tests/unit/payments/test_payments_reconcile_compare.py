"""Comparing a settlement file with the ledger's movements, on plain rows."""

from decimal import Decimal

from borderless.payments.providers import SettlementRow
from borderless.payments.reconciliation import compare


def row(ref, amount, kind="payment"):
    return SettlementRow(kind, ref, "p", Decimal(amount), "CNY")


def test_every_kind_of_difference_is_reported_once():
    settled = [row("a", "10.00"), row("b", "5.00"), row("c", "1.00", "refund"), row("e", "2.00")]
    ledger = {
        "a": row("a", "10.00"),
        "b": row("b", "5.01"),
        "d": row("d", "7.00"),
        "e": row("e", "2.00", "refund"),
    }
    matched, differences = compare(settled, ledger)
    assert matched == 1
    assert {(d["problem"], d["reference"]) for d in differences} == {
        ("amount_differs", "b"),
        ("missing_in_ledger", "c"),
        ("missing_in_settlement", "d"),
        ("amount_differs", "e"),  # same amount, booked as the other kind
    }
    b = next(d for d in differences if d["reference"] == "b")
    assert (b["settlement"], b["ledger"]) == ("5.00 CNY", "5.01 CNY")


def test_an_empty_day_is_clean():
    assert compare([], {}) == (0, [])
