"""What returns reverse of a release: in proportion, never more than is left, and all of it in the end."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borderless.money import Money
from borderless.payouts.rules import (
    FIELDS,
    Parts,
    RecordedRate,
    ReleaseRuleError,
    split_release,
    split_return,
)

FX = RecordedRate("USD", "CNY", Decimal("7.2"), Decimal("7.128"), "2026-11-24", "ECB")


def release_of(gross: Decimal, taxes: Decimal, rate: Decimal) -> Parts:
    s = split_release(Money(gross, "CNY"), Money(taxes, "CNY"), FX, rate)
    return Parts(s.gross.amount, s.taxes.amount, s.converted.amount, s.fx_margin.amount, s.amount.amount,
                 s.commission.amount, s.net.amount)  # fmt: skip


WORKED = release_of(Decimal("991.00"), Decimal("91.00"), Decimal("0.10"))


def test_the_worked_example_returned_in_full_reverses_it_exactly():
    assert split_return(Decimal("991.00"), WORKED, Parts()) == WORKED


def test_half_of_the_worked_example():
    half = split_return(Decimal("495.50"), WORKED, Parts())
    assert (half.taxes, half.fx_margin, half.converted) == (
        Decimal("45.50"),
        Decimal("4.50"),
        Decimal("445.50"),
    )
    assert (half.amount, half.commission, half.net) == (Decimal("62.50"), Decimal("6.25"), Decimal("56.25"))


def test_more_than_is_left_or_nothing_is_refused():
    with pytest.raises(ReleaseRuleError):
        split_return(Decimal("991.01"), WORKED, Parts())
    with pytest.raises(ReleaseRuleError):
        split_return(Decimal("0"), WORKED, Parts())
    done = split_return(Decimal("500.00"), WORKED, Parts())
    with pytest.raises(ReleaseRuleError):
        split_return(Decimal("491.01"), WORKED, done)


cents = st.integers(1, 10_000_000)


@settings(max_examples=300)
@given(
    gross=cents,
    taxes=st.integers(0, 3_000_000),
    rate=st.sampled_from([Decimal(0), Decimal("0.05"), Decimal("0.08"), Decimal("0.123457")]),
    cuts=st.lists(st.integers(1, 1000), min_size=1, max_size=6),
)
def test_returns_in_any_parts_add_up_to_the_release_and_stay_within_it(gross, taxes, rate, cuts):
    release = release_of(Decimal(gross) / 100, Decimal(min(taxes, gross)) / 100, rate)
    done = Parts()
    total_weight = sum(cuts)
    left_cents = gross
    for i, w in enumerate(cuts):
        last = i == len(cuts) - 1
        if left_cents == 0:
            break
        step = left_cents if last else max(1, min(left_cents, gross * w // total_weight))
        part = split_return(Decimal(step) / 100, release, done)
        for f in FIELDS:
            assert getattr(part, f) >= 0, f
            assert getattr(done, f) + getattr(part, f) <= getattr(release, f), f
        assert part.taxes + part.converted + part.fx_margin == part.gross == Decimal(step) / 100
        assert part.commission + part.net == part.amount
        done = done + part
        left_cents -= step
    assert done == release
