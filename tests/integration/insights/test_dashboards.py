"""The seller's dashboard shows only that seller's figures; the operations dashboard and the report are
for operators only."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from insights_support import busy_market

from borderless.insights import dashboards
from borderless.insights.models import ReportSnapshot
from borderless.insights.period import Period
from factories import make_buyer, make_operator, owner_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(django_capture_on_commit_callbacks):
    return busy_market(django_capture_on_commit_callbacks)


def rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def period():
    today = timezone.now().date()
    return Period(today - timedelta(days=364), today)


def test_a_seller_sees_only_its_own_figures(client, market):
    farm_board = dashboards.seller_dashboard(market.farm, period())
    maker_board = dashboards.seller_dashboard(market.maker, period())
    assert farm_board.figures.orders == 3 and maker_board.figures.orders == 1
    assert farm_board.figures.sellers == 1
    client.force_login(owner_of(market.maker))
    page = client.get("/seller/insights/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f"${maker_board.figures.export_value_usd:,.2f}" in html
    assert f"${farm_board.figures.export_value_usd:,.2f}" not in html
    products = rows(client.get("/seller/insights/products.csv"))
    assert [r["product"] for r in products] == ["Wisconsin American ginseng roots, 4 oz"]  # the maker's bag
    assert Decimal(products[0]["goods_value_usd"]) == Decimal("120.00")
    months = rows(client.get("/seller/insights/month.csv"))
    assert sum(Decimal(r["export_value_usd"]) for r in months) == maker_board.figures.export_value_usd
    assert int(sum(int(r["orders"]) for r in months)) == 1


def test_seller_dashboard_landed_price_and_payouts(client, market):
    client.force_login(owner_of(market.farm))
    landed = rows(client.get("/seller/insights/landed.csv"))
    assert landed, "the farm sold products"
    for r in landed:
        assert Decimal(r["landed_price_usd"]) > Decimal(r["your_price_usd"])  # freight and taxes on top
    html = client.get("/seller/insights/").content.decode()
    assert 'id="kpi-payout-hours"' in html and html.count('<img src="data:image/svg+xml;base64,') == 6


def test_a_bad_period_is_a_form_error_and_changes_nothing(client, market):
    client.force_login(owner_of(market.farm))
    response = client.get("/seller/insights/?from=2026-12-31&to=2026-01-01")
    assert response.status_code == 400
    assert "starts (2026-12-31) after it ends (2026-01-01)" in response.content.decode()
    assert client.get("/seller/insights/?from=2026-12-31&to=2026-01-01").status_code == 400
    assert client.get("/seller/insights/nope.csv").status_code == 404


def test_non_sellers_have_no_seller_dashboard(client):
    client.force_login(make_buyer())
    assert client.get("/seller/insights/").status_code == 403


def test_operations_dashboard_is_for_operators_only(client, market):
    assert client.get("/ops/insights/").status_code == 302  # to the login page
    for user in (owner_of(market.farm), market.buyers[0]):
        client.force_login(user)
        assert client.get("/ops/insights/").status_code == 403
        assert client.get("/ops/insights/state.csv").status_code == 403
        assert client.get("/ops/reports/impact/?from=2026-01-01&to=2026-12-31&format=csv").status_code == 403
    assert ReportSnapshot.objects.count() == 0


def test_operations_dashboard_figures_and_state_grid(client, market):
    client.force_login(make_operator())
    html = client.get("/ops/insights/").content.decode()
    board = dashboards.ops_dashboard(period())
    assert f"${board.figures.export_value_usd:,.2f}" in html
    assert 'id="kpi-sellers">2<' in html
    states = rows(client.get("/ops/insights/state.csv"))
    assert {r[""] for r in states} == {"Wisconsin", "Vermont"}
    types = rows(client.get("/ops/insights/business_type.csv"))
    assert {r[""] for r in types} == {"Farm or ranch", "Manufacturer"}


def test_operators_get_the_report_prepared_in_the_background(
    client, market, django_capture_on_commit_callbacks
):
    client.force_login(make_operator())
    today = timezone.now().date().isoformat()
    url = f"/ops/reports/impact/?from=2026-01-01&to={today}&format=csv"
    with django_capture_on_commit_callbacks(execute=False) as queued:
        first = client.get(url)
    assert first.status_code == 202 and "being prepared" in first.content.decode()
    for callback in queued:
        callback()  # the task queue runs it
    ready = client.get(url)
    assert ready.status_code == 200 and ready["Content-Type"].startswith("text/csv")
    assert b"export_value_usd" in ready.content
    bad = client.get("/ops/reports/impact/?from=2026-12-31&to=2026-01-01&format=csv")
    assert bad.status_code == 400 and "after it ends" in bad.content.decode()
    assert client.get(f"/ops/reports/impact/?from=2026-01-01&to={today}&format=docx").status_code == 400


def test_seller_dashboard_queries_do_not_grow_with_orders(market, django_assert_max_num_queries):
    from insights_support import sell

    with django_assert_max_num_queries(6):
        dashboards.seller_dashboard(market.farm, period())
    for i in range(4):
        sell(market, i % 3, ("ginseng", 1))
    with django_assert_max_num_queries(6):
        board = dashboards.seller_dashboard(market.farm, period())
    assert board.figures.orders == 7


def test_brand_protection_figures_follow_notices_the_ledger_does_not_see(client, market):
    """The board is cached under the ledger's mark, and a notice books nothing: its figures stay fresh."""
    from borderless.trust import takedowns
    from casework_support import STATEMENT, make_brand, png

    client.force_login(make_operator())
    assert 'id="kpi-takedowns">0<' in client.get("/ops/insights/").content.decode()
    brand = make_brand()
    product = market.skus["bag"].product
    takedowns.file_notice(
        brand.owner, brand.public_id, [product.public_id], "counterfeit", STATEMENT, [png()]
    )

    assert 'id="kpi-takedowns">1<' in client.get("/ops/insights/").content.decode()
    assert dashboards.ops_dashboard(period()).extra["brand_protection"]["takedowns"] == 1
