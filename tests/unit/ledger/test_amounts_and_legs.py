"""Plain ledger logic: minor units, leg checks, per-currency balance, fingerprints, the chart. No database."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderless.ledger import chart
from borderless.ledger.amounts import from_minor, minor_to_str, to_minor
from borderless.ledger.errors import InvalidLeg, Unbalanced, UnroundedAmount
from borderless.ledger.legs import Leg, Line, check_balanced, credit, debit, lines_fingerprint, to_line
from borderless.money import Money, UnknownCurrency


@pytest.mark.parametrize(
    ("money", "minor"),
    [
        (Money(Decimal("12.34"), "CNY"), 1234),
        (Money(Decimal("0.01"), "USD"), 1),
        (Money(Decimal("1500"), "JPY"), 1500),
        (Money(Decimal("-3.50"), "CNY"), -350),
        (Money(Decimal("7.1"), "CNY"), 710),
    ],
)
def test_to_minor(money, minor):
    assert to_minor(money) == minor


def test_unrounded_amounts_are_refused_not_rounded():
    with pytest.raises(UnroundedAmount, match="0.01"):
        to_minor(Money(Decimal("1.005"), "CNY"))
    with pytest.raises(UnroundedAmount):
        to_minor(Money(Decimal("0.5"), "JPY"))
    with pytest.raises(TypeError):
        to_minor(Decimal("1.00"))


def test_from_minor_writes_the_minor_unit():
    assert str(from_minor(0, "CNY").amount) == "0.00"
    assert from_minor(128850, "CNY") == Money(Decimal("1288.50"), "CNY")
    assert minor_to_str(-5, "USD") == "-0.05"
    assert minor_to_str(1500, "JPY") == "1500"
    with pytest.raises(UnknownCurrency):
        from_minor(1, "XXX")


@given(st.integers(min_value=-(10**15), max_value=10**15), st.sampled_from(["CNY", "USD", "JPY"]))
def test_minor_units_round_trip(minor, currency):
    assert to_minor(from_minor(minor, currency)) == minor


def _line(side, minor, currency="CNY", account=1):
    return Line(account, side, minor, currency)


def test_balanced_per_currency():
    check_balanced([_line("debit", 100), _line("credit", 60, account=2), _line("credit", 40, account=3)])
    check_balanced(
        [
            _line("debit", 100),
            _line("credit", 100, account=2),
            _line("debit", 7, "USD"),
            _line("credit", 7, "USD"),
        ]
    )
    with pytest.raises(Unbalanced, match="CNY debits 100 and credits 99"):
        check_balanced([_line("debit", 100), _line("credit", 99, account=2)])
    with pytest.raises(Unbalanced, match="USD"):
        # Totals agree across currencies (107 = 107) but neither currency balances on its own.
        check_balanced(
            [_line("debit", 100), _line("credit", 7), _line("debit", 7, "USD"), _line("credit", 100, "USD")]
        )
    with pytest.raises(Unbalanced):
        check_balanced([_line("debit", 100)])


def test_to_line_checks_sign_side_and_currency():
    ok = to_line(debit("a", Money(Decimal("1.00"), "CNY")), 7, "CNY", "a")
    assert ok == Line(7, "debit", 100, "CNY")
    with pytest.raises(InvalidLeg):
        to_line(credit("a", Money(Decimal("0.00"), "CNY")), 7, "CNY", "a")
    with pytest.raises(InvalidLeg, match="holds CNY"):
        to_line(credit("a", Money(Decimal("1.00"), "USD")), 7, "CNY", "a")
    with pytest.raises(InvalidLeg):
        to_line(Leg("a", "sideways", Money(Decimal("1.00"), "CNY")), 7, "CNY", "a")


def test_fingerprint_ignores_leg_order_but_not_content():
    legs = [_line("debit", 100), _line("credit", 100, account=2)]
    assert lines_fingerprint("transfer", legs) == lines_fingerprint("transfer", legs[::-1])
    assert lines_fingerprint("transfer", legs) != lines_fingerprint("refund", legs)
    assert lines_fingerprint("transfer", legs) != lines_fingerprint(
        "transfer", [_line("debit", 101), _line("credit", 101, account=2)]
    )


def test_chart_codes_and_rules():
    order = "6f1c3d0e-8a4b-4f57-9a43-0c7e2d1b5a99"
    assert chart.escrow(order) == f"escrow:order:{order}"
    assert chart.seller_payable(order.upper(), "USD") == f"seller_payable:{order}:USD"
    with pytest.raises(ValueError):
        chart.escrow("not-a-uuid")
    rules = {code: chart.account_type(code) for code in (chart.escrow(order), chart.payment_clearing("CNY"))}
    assert [(t.kind, t.may_go_negative) for t in rules.values()] == [("liability", False), ("asset", True)]
    assert chart.account_type("petty_cash:CNY") is None
    assert chart.normal_balance("asset") == "debit" and chart.normal_balance("revenue") == "credit"
    for prefix in ("escrow", "seller_payable", "customs_taxes_payable", "refunds"):
        assert chart.ACCOUNT_TYPES[prefix].may_go_negative is False  # customer money
