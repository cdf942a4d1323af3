"""What the seller dashboard and the operations dashboard show: figures, and charts with the rows behind
them (each chart's rows are its CSV download). Read only; a seller's dashboard reads that seller's facts only.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache

from borderless.csv_cells import SafeWriter
from borderless.insights import brand_protection, labels
from borderless.insights.facts import CENT, load_facts, reports_database, to_usd
from borderless.insights.figures import PeriodFigures, compute, connect
from borderless.insights.period import Period


@dataclass
class Chart:
    key: str
    title: str
    headers: list[str]
    rows: list[list]  # first column the label, then numbers
    value_column: int = 1  # which column the bars draw
    horizontal: bool = True

    def csv(self) -> bytes:
        out = io.StringIO()
        writer = SafeWriter(out, lineterminator="\n")
        writer.writerow(self.headers)
        writer.writerows(self.rows)
        return out.getvalue().encode("utf-8")


@dataclass
class Dashboard:
    period: Period
    figures: PeriodFigures
    charts: dict[str, Chart] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)


def _chart_from_breakdown(figures: PeriodFigures, name: str, title: str, lang: str = "en") -> Chart:
    name_of = labels.FOR_DIMENSION[name]
    rows = [[name_of(key, lang), usd, cny, orders, sellers]
            for key, cny, usd, orders, sellers in figures.breakdowns[name].rows]  # fmt: skip
    return Chart(name, title, ["", "export_value_usd", "export_value_cny", "orders", "sellers"], rows,
                 horizontal=name != "month")  # fmt: skip


def seller_dashboard(seller, period: Period) -> Dashboard:
    facts = load_facts(until=period.ends_before, seller_id=seller.pk)
    figures = compute(connect(facts), period, breakdowns=("month", "destination", "province", "category"))
    board = Dashboard(period, figures)
    board.charts["month"] = _chart_from_breakdown(figures, "month", "Sales by month (USD)")
    orders_chart = _chart_from_breakdown(figures, "month", "Orders by month")
    orders_chart.key, orders_chart.value_column = "orders", 3
    board.charts["orders"] = orders_chart
    board.charts["destination"] = _chart_from_breakdown(
        figures, "destination", "Sales by destination country"
    )
    board.charts["province"] = _chart_from_breakdown(figures, "province", "Sales by Chinese province")
    board.charts["products"] = _top_products(seller, period)
    board.charts["landed"] = _landed_against_own_price(seller, period)
    return board


def _paid_lines(seller, period: Period):
    from borderless.orders.models import OrderLine

    return (
        OrderLine.objects.using(reports_database())
        .filter(order__seller=seller, order__paid_at__gte=period.starts_at)
        .filter(order__paid_at__lt=period.ends_before)
        .values_list("product_public_id", "title_en", "unit_price", "quantity", "order_id",
                     "order__goods_total", "order__landed_total", "order__fx")
    )  # fmt: skip


def _top_products(seller, period: Period, limit: int = 10) -> Chart:
    units: dict = defaultdict(int)
    sales: dict = defaultdict(lambda: Decimal("0.00"))
    titles: dict = {}
    for product, title, unit_price, quantity, *_rest in _paid_lines(seller, period):
        units[product] += quantity
        sales[product] += unit_price * quantity
        titles[product] = title
    top = sorted(sales, key=lambda p: (-sales[p], titles[p]))[:limit]
    rows = [[titles[p], sales[p].quantize(CENT), units[p]] for p in top]
    return Chart("products", "Top products (goods value, USD)", ["product", "goods_value_usd", "units"], rows)


def _landed_against_own_price(seller, period: Period, limit: int = 10) -> Chart:
    """Per product: the seller's own unit price (USD) and what a unit cost the buyer landed (goods, freight,
    taxes), in USD at the order's recorded rate: the line's share of the order's landed total."""
    own: dict = defaultdict(lambda: Decimal("0.00"))
    landed: dict = defaultdict(lambda: Decimal("0.00"))
    units: dict = defaultdict(int)
    titles: dict = {}
    for product, title, unit_price, quantity, _order, goods_total, landed_total, fx in _paid_lines(
        seller, period
    ):
        line_goods = unit_price * quantity
        share = landed_total * line_goods / goods_total if goods_total else Decimal(0)
        rate = Decimal(str(fx["rate"])) if fx and fx.get("rate") else None
        landed[product] += to_usd(share, rate)
        own[product] += line_goods
        units[product] += quantity
        titles[product] = title
    top = sorted(units, key=lambda p: (-units[p], titles[p]))[:limit]
    rows = [[titles[p], (own[p] / units[p]).quantize(CENT), (landed[p] / units[p]).quantize(CENT), units[p]]
            for p in top]  # fmt: skip
    headers = ["product", "your_price_usd", "landed_price_usd", "units"]
    return Chart("landed", "Average landed price against your price (USD per unit)", headers, rows, 2)


def ops_dashboard(period: Period) -> Dashboard:
    """Cached under the ledger's high-water mark: the same books give the same figures. Brand protection
    moves without the ledger (a notice books nothing), so its figures are counted afresh each time."""
    from borderless.insights.services import ledger_mark

    key = f"insights:ops:{period.start}:{period.end}:{ledger_mark()}"
    board = cache.get(key)
    if board is None:
        board = _ops_dashboard(period)
        cache.set(key, board, 600)
    board.extra["brand_protection"] = brand_protection.figures(period)
    return board


def _ops_dashboard(period: Period) -> Dashboard:
    facts = load_facts(until=period.ends_before)
    figures = compute(connect(facts), period)
    board = Dashboard(period, figures)
    board.charts["month"] = _chart_from_breakdown(figures, "month", "Export value by month (USD)")
    board.charts["state"] = _chart_from_breakdown(figures, "state", "Export value by US state")
    board.charts["category"] = _chart_from_breakdown(figures, "category", "Export value by category")
    board.charts["business_type"] = _chart_from_breakdown(figures, "business_type", "By type of business")
    board.charts["destination"] = _chart_from_breakdown(figures, "destination", "By destination country")
    return board


def chart_image(chart: Chart, lang: str = "en") -> str:
    """The chart as an SVG image (a data URI for an <img>)."""
    from borderless.insights import charts

    labels_ = [str(row[0]) for row in chart.rows]
    values = [row[chart.value_column] for row in chart.rows]
    figure = charts.bars(chart.title, labels_, values, lang=lang, horizontal=chart.horizontal)
    return charts.data_uri(charts.svg(figure))
