"""Balances, the daily payout run (idempotent per seller per day, two-phase in the ledger) and statements."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from payouts_support import T0, account_balance, paid_order
from pypdf import PdfReader

from borderless.ledger import chart
from borderless.ledger import services as ledger
from borderless.ledger.models import Hold
from borderless.money import Money
from borderless.payouts import services
from borderless.payouts.models import Payout, PayoutStatus, Release
from borderless.payouts.providers import PayoutRefused, SandboxBankRail
from factories import make_seller, owner_of, tracking_number

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def ten_percent_on_ginseng(settings):
    settings.PLATFORM_COMMISSION_RATES = {"american-ginseng": "0.10"}


def released(order, at):
    user = owner_of(order.seller)
    services.ship(user, order.public_id, "USPS", tracking_number(), now=at - timedelta(days=3))
    services.deliver(user, order.public_id, now=at - timedelta(days=1))
    services.confirm_receipt(order.buyer, order.public_id, now=at)
    return Release.objects.get(order=order)


def usd(s):
    return Money(Decimal(s), "USD")


def test_balance_shows_escrow_as_pending_and_releases_as_available():
    seller = make_seller()
    first, second = paid_order(seller), paid_order(seller)
    balance = services.seller_balance(seller)
    assert balance.pending == usd("225.00") and balance.available == usd("0.00")
    released(first, T0)
    balance = services.seller_balance(seller)
    assert balance.pending == usd("112.50") and balance.available == usd("112.50")
    assert second.status == "paid"


def test_the_balance_reads_any_number_of_orders_in_escrow_in_the_same_queries():
    seller = make_seller()
    paid_order(seller)
    with CaptureQueriesContext(connection) as one:
        assert services.seller_balance(seller).pending == usd("112.50")
    paid_order(seller), paid_order(seller)
    with CaptureQueriesContext(connection) as three:
        assert services.seller_balance(seller).pending == usd("337.50")
    assert len(three.captured_queries) == len(one.captured_queries)  # not one more per escrow account


def test_daily_payout_pays_available_dollars_once_per_day():
    seller = make_seller()
    one, two = paid_order(seller), paid_order(seller)
    released(one, T0)
    released(two, T0 + timedelta(hours=2))
    run_at = T0 + timedelta(hours=5)
    paid = services.run_payouts(now=run_at)
    assert len(paid) == 1
    payout = paid[0]
    assert payout.status == PayoutStatus.PAID and payout.amount == Decimal("225.00")
    assert payout.paid_at == run_at and payout.reference.startswith("SBX-ACH-")
    assert set(payout.releases.values_list("order_id", flat=True)) == {one.pk, two.pk}
    assert account_balance(chart.seller_payable(seller.public_id, "USD")) == Decimal("0.00")
    assert account_balance(chart.payout_clearing("USD")) == Decimal("-225.00")
    assert services.seller_balance(seller).available == usd("0.00")

    # Later the same day: nothing again, even with a new release (it goes tomorrow).
    three = paid_order(seller)
    released(three, run_at + timedelta(hours=1))
    assert services.run_payouts(now=run_at + timedelta(hours=2)) == []
    assert Payout.objects.filter(seller=seller).count() == 1
    tomorrow = services.run_payouts(now=run_at + timedelta(days=1))
    assert [p.amount for p in tomorrow] == [Decimal("112.50")]
    assert len(SandboxBankRail.sent) == 2
    assert ledger.trial_balance()["balanced"] is True and ledger.verify_ledger() == []


def test_payouts_are_per_seller():
    a, b = make_seller(), make_seller()
    released(paid_order(a), T0)
    released(paid_order(b), T0)
    paid = services.run_payouts(now=T0 + timedelta(hours=1))
    assert sorted(p.seller_id for p in paid) == sorted([a.pk, b.pk])


class RefusingRail:
    name = "refusing"

    def send(self, payout):
        raise PayoutRefused("account closed")


def test_a_refused_payout_gives_the_balance_back_and_retries_next_run():
    order = paid_order()
    released(order, T0)
    failed = services.run_payouts(now=T0 + timedelta(hours=1), provider=RefusingRail())
    assert failed[0].status == PayoutStatus.FAILED
    assert Hold.objects.get().state == Hold.VOIDED
    assert services.available_balance(order.seller) == usd("112.50")
    assert Release.objects.get(order=order).payout is None
    retried = services.run_payouts(now=T0 + timedelta(hours=2))
    assert retried[0].status == PayoutStatus.PAID and retried[0].amount == Decimal("112.50")


class CrashingRail:
    name = "sandbox_bank"

    def send(self, payout):
        raise ConnectionError("the rail did not answer")


def test_a_payout_the_rail_did_not_answer_stays_pending_and_is_sent_again_once():
    order = paid_order()
    released(order, T0)
    other = paid_order()
    released(other, T0)
    handled = services.run_payouts(now=T0 + timedelta(hours=1), provider=CrashingRail())
    assert [p.status for p in handled] == [PayoutStatus.PENDING, PayoutStatus.PENDING]  # both tried
    pending = Payout.objects.get(seller=order.seller)
    assert pending.status == PayoutStatus.PENDING
    assert services.available_balance(order.seller) == usd("0.00")  # reserved by the hold
    done = services.run_payouts(now=T0 + timedelta(hours=2))
    assert pending.pk in [p.pk for p in done] and {p.status for p in done} == {PayoutStatus.PAID}
    assert Payout.objects.count() == 2  # sent again, not opened again
    assert account_balance(chart.payout_clearing("USD")) == Decimal("-225.00")


def test_statement_csv_and_pdf_show_the_figures_and_the_hours():
    seller = make_seller()
    one, two = paid_order(seller), paid_order(seller)
    released(one, T0)
    released(two, T0 + timedelta(hours=12))
    services.run_payouts(now=T0 + timedelta(hours=20))
    statement = services.build_statement(seller)
    assert [ln.hours for ln in statement.lines] == [20.0, 8.0]
    assert statement.median_hours == 14.0 and statement.p95_hours == 20.0

    text = services.statement_csv(statement)
    rows = [line.split(",") for line in text.splitlines()]
    header, first = rows[0], rows[1]
    record = dict(zip(header, first, strict=True))
    assert record["order"] == str(one.public_id)
    assert record["gross_paid_cny"] == "991.00" and record["customs_taxes_cny"] == "91.00"
    assert record["fx_rate_cny_per_usd"] == "7.2" and record["fx_rate_date"] == "2026-11-24"
    assert record["commission_usd"] == "12.50" and record["net_usd"] == "112.50"
    assert record["hours_release_to_payout"] == "20.00"
    assert ["median_hours_release_to_payout", "14.00"] in rows
    assert ["p95_hours_release_to_payout", "20.00"] in rows

    pdf = services.statement_pdf(statement)
    assert pdf.startswith(b"%PDF-")
    page_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    for figure in (str(one.public_id), str(two.public_id), "991.00", "91.00", "7.2", "2026-11-24",
                   "12.50", "112.50", "225.00", "median 14.00", "95th percentile 20.00"):  # fmt: skip
        assert figure in page_text, figure
