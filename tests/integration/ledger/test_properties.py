"""Random sequences of transfers, holds, posts, voids, batches, exchanges and retries, checked against a
model of what each step should do: the ledger always balances, no account that may not go negative does, and
the money that came in equals the money that went out plus what the accounts hold."""

from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borderless.ledger import chart
from borderless.ledger.errors import HoldNotPending, InsufficientFunds
from borderless.ledger.models import Account, Entry
from borderless.ledger.services import (
    TransferRequest,
    create_hold,
    credit,
    debit,
    exchange,
    get_or_create_account,
    post_batch,
    post_hold,
    post_transfer,
    trial_balance,
    verify_ledger,
    void_hold,
)
from borderless.money import Money

pytestmark = pytest.mark.django_db

SELLER = "0b6f7f8e-51a5-4d3c-9f3a-1ad9f7f0c001"
# Index 0 is where money enters and leaves (the payment provider); the rest hold it meanwhile.
CNY_CODES = [
    chart.payment_clearing("CNY"),
    chart.escrow("6f1c3d0e-8a4b-4f57-9a43-0c7e2d1b5a99"),
    chart.escrow("6f1c3d0e-8a4b-4f57-9a43-0c7e2d1b5a98"),
    chart.refunds("CNY"),
    chart.customs_taxes_payable("CNY"),
    chart.platform_commission("CNY"),
]
PAYABLE = chart.seller_payable(SELLER, "USD")

amounts = st.integers(min_value=1, max_value=50_000)  # minor units
account_index = st.integers(min_value=0, max_value=len(CNY_CODES) - 1)
transfer_op = st.tuples(st.just("transfer"), account_index, account_index, amounts)
operations = st.lists(
    st.one_of(
        transfer_op,
        st.tuples(st.just("hold"), account_index, account_index, amounts),
        st.tuples(st.just("post"), st.integers(0, 20), st.integers(0, 100)),  # which hold, percent posted
        st.tuples(st.just("void"), st.integers(0, 20)),
        st.tuples(st.just("retry"), st.integers(0, 40)),
        st.tuples(st.just("batch"), st.lists(transfer_op, min_size=1, max_size=5)),
        st.tuples(st.just("exchange"), account_index, amounts),
    ),
    min_size=1,
    max_size=30,
)


@dataclass
class Model:
    """What the cached balances should be, computed without the ledger's code."""

    balances: dict = field(default_factory=dict)  # code -> [posted_d, posted_c, pending_d, pending_c]
    may_go_negative: dict = field(default_factory=dict)
    currency: dict = field(default_factory=dict)
    normal: dict = field(default_factory=dict)
    holds: list = field(default_factory=list)  # [hold, debit code, credit code, minor, resolved]
    done: list = field(default_factory=list)  # (call, expected transaction pk)

    def available(self, code: str, b=None) -> int:
        pd, pc, pend_d, pend_c = b or self.balances[code]
        return pc - pd - pend_d if self.normal[code] == "credit" else pd - pc - pend_c

    def fits(self, changes: dict) -> bool:
        for code, delta in changes.items():
            after = [x + d for x, d in zip(self.balances[code], delta, strict=True)]
            if not self.may_go_negative[code] and self.available(code, after) < 0:
                return False
        return True

    def apply(self, changes: dict) -> None:
        for code, delta in changes.items():
            self.balances[code] = [x + d for x, d in zip(self.balances[code], delta, strict=True)]


def _move(changes: dict, debit_code: str, credit_code: str, minor: int, pending: bool = False) -> None:
    d = changes.setdefault(debit_code, [0, 0, 0, 0])
    c = changes.setdefault(credit_code, [0, 0, 0, 0])
    d[2 if pending else 0] += minor
    c[3 if pending else 1] += minor


def _exact(minor: int, currency: str = "CNY") -> Money:
    return Money(Decimal(minor).scaleb(-2), currency)


def _run(ops) -> Model:
    model = Model()
    for code in [
        *CNY_CODES,
        PAYABLE,
        chart.fx_liquidity("CNY"),
        chart.fx_liquidity("USD"),
        chart.fx_margin("CNY"),
    ]:
        account = get_or_create_account(code, "USD" if code.endswith("USD") else "CNY")
        model.balances[code] = [0, 0, 0, 0]
        model.may_go_negative[code] = account.may_go_negative
        model.normal[code] = account.normal_balance
        model.currency[code] = account.currency

    def attempt(changes: dict, call):
        """Run the call; it must succeed exactly when the model says the money fits."""
        expected = model.fits(changes)
        try:
            result = call()
        except InsufficientFunds:
            assert not expected, f"refused although it fits: {changes}"
            return None
        assert expected, f"accepted although it overdraws: {changes}"
        model.apply(changes)
        return result

    for n, op in enumerate(ops):
        key = f"op-{n}"
        kind = op[0]
        if kind == "transfer":
            _, i, j, minor = op
            if i == j:
                continue
            changes: dict = {}
            _move(changes, CNY_CODES[i], CNY_CODES[j], minor)
            legs = [debit(CNY_CODES[i], _exact(minor)), credit(CNY_CODES[j], _exact(minor))]
            txn = attempt(changes, lambda legs=legs, key=key: post_transfer(key, legs))
            if txn is not None:
                model.done.append((lambda legs=legs, key=key: post_transfer(key, legs), txn.pk))
        elif kind == "hold":
            _, i, j, minor = op
            if i == j:
                continue
            changes = {}
            _move(changes, CNY_CODES[i], CNY_CODES[j], minor, pending=True)
            hold = attempt(changes, lambda: create_hold(key, CNY_CODES[i], CNY_CODES[j], _exact(minor)))
            if hold is not None:
                model.holds.append([hold, CNY_CODES[i], CNY_CODES[j], minor, False])
        elif kind in ("post", "void"):
            if not model.holds:
                continue
            entry = model.holds[op[1] % len(model.holds)]
            hold, d, c, minor, resolved = entry
            posted = max(1, minor * op[2] // 100) if kind == "post" else 0
            changes = {}
            _move(changes, d, c, -minor, pending=True)
            if posted:
                _move(changes, d, c, posted)
            if kind == "post":
                call = lambda: post_hold(hold, _exact(posted), key=key)  # noqa: E731
            else:
                call = lambda: void_hold(hold, key=key)  # noqa: E731
            if resolved:
                with pytest.raises(HoldNotPending):
                    call()
                continue
            assert attempt(changes, call) is not None  # releasing a hold never overdraws
            entry[4] = True
        elif kind == "retry":
            if model.done:
                call, pk = model.done[op[1] % len(model.done)]
                before = Entry.objects.count()
                assert call().pk == pk
                assert Entry.objects.count() == before
        elif kind == "batch":
            changes = {}
            requests = []
            for m, (_, i, j, minor) in enumerate(op[1]):
                if i != j:
                    _move(changes, CNY_CODES[i], CNY_CODES[j], minor)
                    legs = [debit(CNY_CODES[i], _exact(minor)), credit(CNY_CODES[j], _exact(minor))]
                    requests.append(TransferRequest(f"{key}-{m}", legs))
            # The ledger checks after each transfer of the batch, so every prefix must fit.
            if not requests:
                continue
            if _every_prefix_fits(model, op[1]):
                attempt(changes, lambda requests=requests: post_batch(requests))
            else:
                with pytest.raises(InsufficientFunds):
                    post_batch(requests)
        elif kind == "exchange":
            _, i, minor = op
            margin = minor // 100
            usd_minor = max(1, (minor - margin) // 7)
            changes = {}
            _move(changes, CNY_CODES[i], chart.fx_liquidity("CNY"), minor - margin)
            if margin:
                _move(changes, CNY_CODES[i], chart.fx_margin("CNY"), margin)
            _move(changes, chart.fx_liquidity("USD"), PAYABLE, usd_minor)
            usd = _exact(usd_minor, "USD")
            attempt(
                changes,
                lambda: exchange(
                    key, CNY_CODES[i], PAYABLE, _exact(minor), usd, margin=_exact(margin) if margin else None
                ),
            )
    return model


def _every_prefix_fits(model: Model, transfers) -> bool:
    changes: dict = {}
    for _, i, j, minor in transfers:
        if i == j:
            continue
        _move(changes, CNY_CODES[i], CNY_CODES[j], minor)
        if not model.fits(changes):
            return False
    return True


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations)
def test_random_sequences_keep_every_invariant(ops):
    with transaction.atomic():
        model = _run(ops)
        cached = {
            a.code: [a.posted_debits, a.posted_credits, a.pending_debits, a.pending_credits]
            for a in Account.objects.all()
        }
        assert cached == model.balances
        assert verify_ledger() == []  # cached balances = journal; every transaction balances per currency
        assert trial_balance()["balanced"] is True
        for code in cached:
            if not model.may_go_negative[code]:
                assert model.available(code) >= 0
        # Money in equals money out plus balances: what the provider's clearing account took in, net of
        # what it paid back, is exactly what the other CNY accounts hold (FX positions included).
        clearing = cached[chart.payment_clearing("CNY")]
        held = sum(
            c - d
            for code, (d, c, _, _) in cached.items()
            if model.currency[code] == "CNY" and code != chart.payment_clearing("CNY")
        )
        assert clearing[0] - clearing[1] == held
        transaction.set_rollback(True)
