"""Holds (escrow): pending, then posted in full or in part, or voided, or expired; each resolves once."""

from datetime import timedelta

import pytest
from django.utils import timezone
from ledger_support import cny

from borderless.ledger.errors import (
    HoldExpired,
    HoldNotPending,
    IdempotencyConflict,
    InsufficientFunds,
    InvalidLeg,
)
from borderless.ledger.models import Hold, Transaction
from borderless.ledger.services import (
    balance,
    create_hold,
    expire_holds,
    post_hold,
    transfer,
    verify_ledger,
    void_hold,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def funded(clearing, escrow):
    transfer("paid", clearing, escrow, cny("100.00"))
    return escrow


def test_a_hold_reserves_funds_without_posting_them(funded, refunds):
    hold = create_hold("h1", funded, refunds, cny("30.00"))
    assert hold.state == Hold.PENDING
    assert balance(funded).posted == cny("100.00")
    assert balance(funded).available == cny("70.00")
    assert balance(refunds).pending_credits == cny("30.00")
    assert balance(refunds).posted == cny("0.00")
    with pytest.raises(InsufficientFunds):
        transfer("too-much", funded, refunds, cny("70.01"))  # pending debits count against the balance
    with pytest.raises(InsufficientFunds):
        create_hold("h2", funded, refunds, cny("70.01"))
    assert verify_ledger() == []


def test_posting_a_hold_moves_the_money_and_releases_the_reservation(funded, refunds):
    hold = create_hold("h1", funded, refunds, cny("30.00"))
    txn = post_hold(hold, key="h1-post")
    hold.refresh_from_db()
    assert (hold.state, hold.posted_minor, hold.resolution_id) == ("posted", 3000, txn.pk)
    assert balance(funded).posted == cny("70.00") and balance(funded).available == cny("70.00")
    assert balance(refunds).posted == cny("30.00") and balance(refunds).pending_credits == cny("0.00")
    assert verify_ledger() == []


def test_a_partial_post_releases_the_remainder(funded, refunds):
    hold = create_hold("h1", funded, refunds, cny("30.00"))
    post_hold(hold.public_id, cny("12.34"), key="h1-post")
    assert balance(funded).posted == cny("87.66") and balance(funded).available == cny("87.66")
    assert balance(refunds).posted == cny("12.34")
    assert verify_ledger() == []


@pytest.mark.parametrize("amount", ["0.00", "30.01", "1.001"])
def test_a_post_must_be_within_the_hold(funded, refunds, amount):
    hold = create_hold("h1", funded, refunds, cny("30.00"))
    with pytest.raises((InvalidLeg, ValueError)):
        post_hold(hold, cny(amount), key="h1-post")
    assert Hold.objects.get(pk=hold.pk).state == Hold.PENDING


def test_voiding_releases_everything(funded, refunds):
    hold = create_hold("h1", funded, refunds, cny("30.00"))
    txn = void_hold(hold, key="h1-void")
    assert not txn.entries.exists()
    assert Hold.objects.get(pk=hold.pk).state == Hold.VOIDED
    assert balance(funded).available == cny("100.00") and balance(refunds).pending_credits == cny("0.00")


def test_a_hold_resolves_at_most_once(funded, refunds):
    hold = create_hold("h1", funded, refunds, cny("30.00"))
    first = post_hold(hold, key="h1-post")
    assert post_hold(hold, key="h1-post").pk == first.pk  # a retry
    with pytest.raises(HoldNotPending):
        post_hold(hold, key="h1-post-again")
    with pytest.raises(HoldNotPending):
        void_hold(hold, key="h1-void")
    with pytest.raises(IdempotencyConflict):
        post_hold(hold, cny("1.00"), key="h1-post")  # same key, other amount
    assert balance(refunds).posted == cny("30.00")
    assert Transaction.objects.filter(kind__startswith="hold").count() == 1


def test_creating_a_hold_is_idempotent(funded, refunds):
    first = create_hold("h1", funded, refunds, cny("30.00"))
    assert create_hold("h1", funded.code, refunds.code, cny("30.00")).pk == first.pk
    with pytest.raises(IdempotencyConflict):
        create_hold("h1", funded, refunds, cny("31.00"))
    assert balance(funded).available == cny("70.00")


def test_expired_holds_are_voided_by_the_sweep_and_cannot_be_posted(funded, refunds):
    now = timezone.now()
    stale = create_hold("stale", funded, refunds, cny("10.00"), expires_at=now - timedelta(seconds=1))
    fresh = create_hold("fresh", funded, refunds, cny("20.00"), expires_at=now + timedelta(days=10))
    forever = create_hold("forever", funded, refunds, cny("5.00"))
    with pytest.raises(HoldExpired):
        post_hold(stale, key="stale-post")
    assert expire_holds(now) == 1
    assert expire_holds(now) == 0
    states = dict(Hold.objects.values_list("idempotency_key", "state"))
    assert states == {"stale": "voided", "fresh": "pending", "forever": "pending"}
    assert balance(funded).available == cny("75.00")
    assert expire_holds(now + timedelta(days=11)) == 1
    post_hold(forever, key="forever-post")
    assert balance(funded).posted == cny("95.00") and balance(funded).available == cny("95.00")
    assert Hold.objects.get(pk=fresh.pk).resolution.metadata["hold"] == str(fresh.public_id)
    assert verify_ledger() == []


def test_a_hold_between_one_account_is_refused(funded):
    with pytest.raises(InvalidLeg):
        create_hold("self", funded, funded, cny("1.00"))
