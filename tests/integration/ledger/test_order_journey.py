"""One order's money from the buyer's yuan to the seller's dollars, and a refunded order, through the chart.

The buyer pays 991.00 CNY: 900.00 for goods and freight, 91.00 of import taxes. The order recorded the
seller's price, 125.00 USD, at a reference rate of 7.1280 CNY per USD; the buyer's 900.00 CNY buy 891.00 CNY
worth of dollars, and the 9.00 CNY left is the platform's FX margin. The platform keeps 10 % commission.
"""

import uuid

import pytest
from ledger_support import cny, usd

from borderless.ledger import chart
from borderless.ledger.errors import InsufficientFunds
from borderless.ledger.services import (
    balance,
    create_hold,
    exchange,
    get_or_create_account,
    post_hold,
    transfer,
    trial_balance,
    verify_ledger,
    void_hold,
)

pytestmark = pytest.mark.django_db

SELLER = uuid.UUID("0b6f7f8e-51a5-4d3c-9f3a-1ad9f7f0c001")


def _accounts(order):
    return {
        "clearing": get_or_create_account(chart.payment_clearing("CNY"), "CNY"),
        "escrow": get_or_create_account(chart.escrow(order), "CNY"),
        "taxes": get_or_create_account(chart.customs_taxes_payable("CNY"), "CNY"),
        "refunds": get_or_create_account(chart.refunds("CNY"), "CNY"),
        "payable": get_or_create_account(chart.seller_payable(SELLER, "USD"), "USD"),
        "commission": get_or_create_account(chart.platform_commission("USD"), "USD"),
        "payouts": get_or_create_account(chart.payout_clearing("USD"), "USD"),
    }


def test_a_delivered_order_pays_the_seller_in_dollars():
    order = uuid.uuid4()
    a = _accounts(order)
    transfer(f"capture:{order}", a["clearing"], a["escrow"], cny("991.00"), kind="payment_capture")
    transfer(f"customs:{order}", a["escrow"], a["taxes"], cny("91.00"), kind="customs_taxes")
    # Receipt confirmed: the escrow is released, converted at the order's rate, commission taken.
    exchange(
        f"release:{order}",
        a["escrow"],
        a["payable"],
        cny("900.00"),
        usd("125.00"),
        margin=cny("9.00"),
        metadata={"order": str(order), "rate": "7.1280", "rate_date": "2026-11-24", "rate_source": "ECB"},
    )
    transfer(f"commission:{order}", a["payable"], a["commission"], usd("12.50"), kind="commission")
    # A payout reserves the seller's balance until the bank confirms it.
    payout = create_hold("payout:1", a["payable"], a["payouts"], usd("112.50"))
    assert balance(a["payable"]).available == usd("0.00")
    with pytest.raises(InsufficientFunds):
        transfer("second-payout", a["payable"], a["payouts"], usd("0.01"))
    post_hold(payout, key="payout:1:paid")

    assert balance(a["escrow"]).posted == cny("0.00")
    assert balance(a["taxes"]).posted == cny("91.00")
    assert balance(chart.fx_margin("CNY")).posted == cny("9.00")
    assert balance(a["commission"]).posted == usd("12.50")
    assert balance(a["payable"]).posted == usd("0.00")
    assert balance(a["payouts"]).posted == usd("-112.50")  # an asset: money that left for the bank
    assert trial_balance() == {
        "balanced": True,
        "currencies": {
            "CNY": {"debits": "1982.00", "credits": "1982.00"},
            "USD": {"debits": "250.00", "credits": "250.00"},
        },
    }
    assert verify_ledger() == []


def test_a_refund_holds_the_escrow_and_blocks_release_until_decided():
    order = uuid.uuid4()
    a = _accounts(order)
    transfer(f"capture:{order}", a["clearing"], a["escrow"], cny("500.00"))
    dispute = create_hold(f"refund-request:{order}", a["escrow"], a["refunds"], cny("500.00"))
    with pytest.raises(InsufficientFunds):  # auto-confirmation cannot release money under dispute
        exchange(f"release:{order}", a["escrow"], a["payable"], cny("500.00"), usd("70.00"))
    post_hold(dispute, cny("200.00"), key=f"refund-approved:{order}")  # a partial refund
    transfer(f"refund-paid:{order}", a["refunds"], a["clearing"], cny("200.00"), kind="refund_paid")
    assert balance(a["escrow"]).available == cny("300.00")
    assert balance(a["refunds"]).posted == cny("0.00")
    # Money in (500.00 captured) = money out (200.00 refunded) + what is still held (300.00 in escrow).
    assert balance(a["clearing"]).posted == cny("300.00")


def test_a_refund_request_withdrawn_releases_the_escrow():
    order = uuid.uuid4()
    a = _accounts(order)
    transfer(f"capture:{order}", a["clearing"], a["escrow"], cny("72.00"))
    dispute = create_hold(f"refund-request:{order}", a["escrow"], a["refunds"], cny("72.00"))
    void_hold(dispute, key=f"refund-withdrawn:{order}")
    exchange(f"release:{order}", a["escrow"], a["payable"], cny("72.00"), usd("10.00"))
    assert balance(a["payable"]).posted == usd("10.00")
    assert verify_ledger() == []
