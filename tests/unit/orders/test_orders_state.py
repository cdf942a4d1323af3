"""The order state machine's table: every legal move passes, every other one raises."""

import itertools

import pytest

from borderless.orders.errors import IllegalTransition
from borderless.orders.state import FINAL, TRANSITIONS, OrderStatus, check_transition

S = OrderStatus
LEGAL = {(a, b) for a, targets in TRANSITIONS.items() for b in targets}


def test_the_happy_path_is_legal():
    path = [S.PENDING_PAYMENT, S.PAID, S.SHIPPED, S.DELIVERED, S.COMPLETED]
    for a, b in itertools.pairwise(path):
        assert check_transition(a, b) == b


@pytest.mark.parametrize(("source", "target"), sorted(LEGAL))
def test_legal_moves(source, target):
    assert check_transition(source.value, target.value) is target


@pytest.mark.parametrize(("source", "target"), sorted(set(itertools.product(S, S)) - LEGAL))
def test_illegal_moves_raise(source, target):
    with pytest.raises(IllegalTransition) as caught:
        check_transition(source, target)
    assert caught.value.code == "illegal_transition"
    assert caught.value.details == {"from": source.value, "to": target.value}


def test_unknown_statuses_raise():
    with pytest.raises(IllegalTransition):
        check_transition("pending_payment", "teleported")
    with pytest.raises(IllegalTransition):
        check_transition("lost", "paid")


def test_final_statuses():
    assert set(FINAL) == {S.CANCELLED, S.REFUNDED}


def test_a_completed_order_can_only_be_returned_in_full():
    assert check_transition(S.COMPLETED, S.REFUNDED) == S.REFUNDED  # a return within 30 days (CN-C6)
    for target in (S.SHIPPED, S.DELIVERED, S.REFUND_REQUESTED, S.DISPUTED, S.CANCELLED):
        with pytest.raises(IllegalTransition):
            check_transition(S.COMPLETED, target)


def test_an_unpaid_order_cannot_ship_or_be_refunded():
    for target in (S.SHIPPED, S.DELIVERED, S.REFUNDED, S.REFUND_REQUESTED):
        with pytest.raises(IllegalTransition):
            check_transition(S.PENDING_PAYMENT, target)
