"""The Export Impact Report reconciles with the ledger and the orders, and its three formats agree."""

import csv
import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.utils import timezone
from insights_support import busy_market
from pypdf import PdfReader

from borderless.insights import facts, impact, render_csv, render_html, render_pdf
from borderless.insights.period import Period
from borderless.ledger.models import Entry
from borderless.orders.models import Order
from borderless.payments.models import Payment

pytestmark = pytest.mark.django_db


def today_period(days_back=30) -> Period:
    today = timezone.now().date()
    return Period(today - timedelta(days=days_back), today)


def ledger_escrow_movement(kind: str, side: str, period: Period) -> Decimal:
    total = Entry.objects.filter(
        transaction__kind=kind, side=side, account__code__startswith="escrow:",
        transaction__created_at__gte=period.starts_at, transaction__created_at__lt=period.ends_before,
    ).aggregate(s=Sum("amount_minor"))["s"]  # fmt: skip
    return Decimal(total or 0) / 100


@pytest.fixture
def market(django_capture_on_commit_callbacks):
    return busy_market(django_capture_on_commit_callbacks)


def test_export_value_is_captured_payments_less_refunds_as_the_ledger_records_them(market):
    period = today_period()
    report = impact.build(period)
    captured = ledger_escrow_movement("payment_capture", "credit", period)
    refunded = ledger_escrow_movement("refund_owed", "debit", period)
    undone = ledger_escrow_movement("refund_undone", "credit", period)
    assert refunded == Decimal("50.00")
    assert report.current.export_value_cny == captured - refunded + undone
    # ... and with the payment provider's side of the books.
    payments = Payment.objects.aggregate(paid=Sum("amount"), refunded=Sum("refunded_amount"))
    assert report.current.export_value_cny == payments["paid"] - payments["refunded"]
    assert report.current.refunds_cny == Decimal("50.00")


def test_seller_counts_and_buyers_match_the_orders(market):
    period = today_period()
    f = impact.build(period).current
    paid = Order.objects.filter(paid_at__gte=period.starts_at, paid_at__lt=period.ends_before)
    assert f.orders == paid.count() == 4
    assert f.sellers == paid.values("seller").distinct().count() == 2
    assert f.farms == paid.filter(seller__business_type="farm").values("seller").distinct().count() == 1
    assert f.first_time_exporters == 2  # the newcomer sold nothing and is not counted
    assert f.small_businesses == 2
    assert f.buyers == paid.values("buyer").distinct().count() == 3
    assert f.provinces == 3
    assert f.payouts_measured == 1 and f.payout_hours_median is not None
    states = {row[0]: row for row in f.breakdowns["state"].rows}
    assert set(states) == {"WI", "VT"}
    assert states["WI"][4] == 1 and states["WI"][3] == 3  # one seller, three orders
    assert sum(row[1] for row in f.breakdowns["category"].rows) == f.export_value_cny
    assert sum(row[2] for row in f.breakdowns["state"].rows) == f.export_value_usd


def test_the_period_before_and_growth(market):
    period = today_period(days_back=6)
    report = impact.build(period)
    assert report.previous == Period(period.start - timedelta(days=7), period.start - timedelta(days=1))
    value_row = report.growth.rows[0]
    now, before, change = value_row[2]
    assert now.value == report.current.export_value_usd and before.value == Decimal("0.00")
    assert change.value is None  # nothing to compare with
    later = Period(period.end + timedelta(days=1), period.end + timedelta(days=7))
    after = impact.build(later)
    assert after.current.orders == 0 and after.growth.rows[1][2][2].value == Decimal("-100.0")


def pdf_text(content: bytes) -> list[str]:
    """Each page's text. fpdf2 encodes the CFF font's codes through an embedded CMap that pypdf reads as
    two bytes a character (a NUL before each); the ToUnicode map itself is right, so the NULs are dropped."""
    return [page.extract_text().replace("\x00", "") for page in PdfReader(io.BytesIO(content)).pages]


def _numbers(text: str) -> list[str]:
    """Dates and numbers as they stand (thousands separators dropped); a number inside a label (the 500
    of "under 500 employees") is part of the label's text, which the CSV holds too."""
    return [n.replace(",", "") for n in re.findall(r"\d{4}-\d{2}-\d{2}|-?\d[\d,]*(?:\.\d+)?", text)]


def test_every_figure_in_the_pdf_is_in_the_csv(market):
    report = impact.build(today_period())
    pages = pdf_text(render_pdf.render(report))
    methods_at = next(i for i, text in enumerate(pages) if "Methods" in text)
    figures_text = "\n".join(pages[:methods_at])
    data = list(csv.DictReader(io.StringIO(render_csv.render(report).decode())))
    values = {row["value"] for row in data} | {n for row in data for n in _numbers(row["label"])}
    assert _numbers(figures_text), "the PDF shows figures"
    missing = [n for n in _numbers(figures_text) if n not in values]
    assert missing == []
    # the headline figures are there, as figures
    export = next(r for r in data if r["key"] == "export_value_cny" and r["section"] == "headline")
    assert Decimal(export["value"]) == report.current.export_value_cny
    assert f"{report.current.export_value_cny:,.2f}" in figures_text
    stopped = next(r for r in data if r["key"] == "counterfeits_stopped" and r["section"] == "headline")
    assert stopped["value"] == "0"  # nothing held or taken down in this market


def test_the_chinese_edition_is_set_in_chinese_glyphs(market):
    report = impact.build(today_period(), lang="zh-hans")
    text = "".join(pdf_text(render_pdf.render(report)))
    text = re.sub(r"\s+", "", text)
    assert "出口影响报告" in text
    assert "威斯康星" in text  # a state's name, in Chinese
    assert len(re.findall(r"[\u4e00-\u9fff]", text)) > 200


def test_html_has_the_figures_charts_and_methods(market):
    report = impact.build(today_period())
    html = render_html.render(report).decode()
    assert "<script" not in html
    assert html.count('<img src="data:image/svg+xml;base64,') >= 3
    assert f"{report.current.export_value_usd:,.2f} USD" in html
    assert 'id="methods"' in html and "First-time exporters" in html


def test_a_parquet_export_gives_the_same_figures(market, tmp_path):
    period = today_period()
    folder = facts.export_parquet(facts.load_facts(until=period.ends_before), tmp_path / "facts")
    from_db = render_csv.render(impact.build(period))
    from_parquet = render_csv.render(impact.build(period, facts=facts.read_parquet(folder)))
    assert from_db == from_parquet


def test_the_facts_take_a_fixed_number_of_queries_whatever_the_orders(market, django_assert_max_num_queries):
    from insights_support import sell

    with django_assert_max_num_queries(4):
        few = facts.load_facts()
    for i in range(3):
        sell(market, i % 3, ("honey", 1), ("bag", 1))
    with django_assert_max_num_queries(4):
        more = facts.load_facts()
    assert more.orders.num_rows == few.orders.num_rows + 6


def test_counterfeits_stopped_counts_takedowns_on_notices(market):
    from borderless.trust import takedowns
    from casework_support import STATEMENT, make_brand, pdf, png

    brand = make_brand()
    product = market.skus["bag"].product
    takedowns.file_notice(brand.owner, brand.public_id, [product.public_id], "counterfeit", STATEMENT,
                          [png(), pdf()])  # fmt: skip
    headline = {f.key: f.value for f in impact.build(today_period()).headline}
    assert headline["takedowns"] == 1
    assert headline["counterfeits_stopped"] == headline["listings_stopped"] + 1


def test_takedowns_reconcile_with_the_cases_of_the_period_at_its_edges(market):
    """The report's figures are the cases whose listing went down inside the period (half-open, UTC days),
    counted once per listing; a period without any is 0, never "not yet available"."""
    from borderless.insights import brand_protection
    from borderless.trust import takedowns
    from borderless.trust.casework_models import Case
    from casework_support import STATEMENT, make_brand, png
    from factories import make_operator

    period = today_period(days_back=10)
    assert brand_protection.takedowns(period) == 0 and brand_protection.counterfeits_stopped(period) == 0
    brand, other = make_brand(), make_brand()
    bag, honey = market.skus["bag"].product, market.skus["honey"].product
    edges = {
        "before": period.starts_at - timedelta(microseconds=1),
        "first": period.starts_at,
        "last": period.ends_before - timedelta(microseconds=1),
        "after": period.ends_before,
    }
    operator = make_operator()
    for moment in edges.values():  # one listing, a notice at each edge, each rejected before the next
        notice = takedowns.file_notice(
            brand.owner, brand.public_id, [bag.public_id], "counterfeit", STATEMENT, [png()], now=moment
        )
        takedowns.precheck_notice(operator, notice.public_id, False, now=moment)
    takedowns.file_notice(
        other.owner, other.public_id, [honey.public_id], "trademark", STATEMENT, [png()], now=edges["last"]
    )

    in_period = Case.objects.filter(taken_down_at__gte=period.starts_at, taken_down_at__lt=period.ends_before)
    assert in_period.count() == 3  # the bag twice (first and last moment) and the honey
    headline = {f.key: f.value for f in impact.build(period).headline}
    assert headline["takedowns"] == in_period.values("product").distinct().count() == 2
    assert headline["counterfeits_stopped"] == headline["listings_stopped"] + 2
