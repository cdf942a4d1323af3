"""The report's figures, computed by DuckDB over the facts (Arrow tables in memory, or Parquet).

One query per breakdown. Every money figure is a SUM of exact decimals; hours are the only floats.
A period's value is what buyers paid for orders paid in it, less the refunds made in it (whatever the
order's date), as the ledger's escrow accounts record them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import duckdb

from borderless.insights.facts import Facts, naive_utc
from borderless.insights.period import Period

ZERO = Decimal("0.00")
# Every band the model knows is under 500 employees: the SBA size standard for most manufacturers and
# wholesalers. The bands are shown as they are, so a reader can draw the line elsewhere.
SMALL_BUSINESS_BANDS = ("1", "2-9", "10-49", "50-249", "250-499")
# Midpoints of the revenue bands, USD a year, for the estimated international share of revenue.
REVENUE_MIDPOINTS = {
    "lt100k": 50_000,
    "100k-1m": 550_000,
    "1m-10m": 5_500_000,
    "10m-50m": 30_000_000,
    "gt50m": 75_000_000,
}

# Sales and refunds of the period as signed movements, with the attributes the breakdowns need; taken once
# per period into a temporary table that every figure of the period reads.
_MOVEMENTS = """
    CREATE OR REPLACE TEMP TABLE movements AS
    SELECT true AS is_sale, o.paid_at AS moment, o.seller_id, o.buyer_id, o.seller_state, o.business_type,
           o.employee_band, o.revenue_band, o.destination, o.province, o.category,
           o.paid_cny AS cny, o.paid_usd AS usd
    FROM orders o WHERE o.paid_at >= $start AND o.paid_at < $end
    UNION ALL
    SELECT false, r.at, o.seller_id, o.buyer_id, o.seller_state, o.business_type,
           o.employee_band, o.revenue_band, o.destination, o.province, o.category,
           -r.amount_cny, -r.amount_usd
    FROM refunds r JOIN orders o USING (order_id) WHERE r.at >= $start AND r.at < $end
"""


@dataclass
class Breakdown:
    """Value, orders and sellers per value of one dimension (state, category, ...), largest first."""

    dimension: str
    rows: list[tuple[str, Decimal, Decimal, int, int]] = field(
        default_factory=list
    )  # key, cny, usd, orders, sellers


@dataclass
class PeriodFigures:
    period: Period
    export_value_cny: Decimal = ZERO
    export_value_usd: Decimal = ZERO
    gmv_cny: Decimal = ZERO  # paid, before refunds
    refunds_cny: Decimal = ZERO
    orders: int = 0
    buyers: int = 0
    provinces: int = 0
    sellers: int = 0
    small_businesses: int = 0
    first_time_exporters: int = 0
    farms: int = 0
    farm_value_usd: Decimal = ZERO
    international_share: Decimal | None = None  # percent, estimated
    payout_hours_median: float | None = None
    payout_hours_p95: float | None = None
    release_to_payout_hours_median: float | None = None
    payouts_measured: int = 0
    delivery_days_median: float | None = None
    deliveries_measured: int = 0
    breakdowns: dict[str, Breakdown] = field(default_factory=dict)


BREAKDOWNS = {
    "state": "seller_state",
    "category": "category",
    "business_type": "business_type",
    "employee_band": "employee_band",
    "destination": "destination",
    "province": "province",
    "month": "strftime(moment, '%Y-%m')",  # the month of the sale or of the refund
}


def connect(facts: Facts) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    if facts.folder is not None:  # a Parquet export: DuckDB reads it itself, once, into its own tables
        for name in ("orders", "refunds"):
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet($path)",
                        {"path": str(facts.folder / f"{name}.parquet")})  # fmt: skip
    else:
        con.register("orders", facts.orders)
        con.register("refunds", facts.refunds)
    return con


def compute(con: duckdb.DuckDBPyConnection, period: Period, breakdowns=tuple(BREAKDOWNS)) -> PeriodFigures:
    bounds = {"start": naive_utc(period.starts_at), "end": naive_utc(period.ends_before)}
    figures = PeriodFigures(period)
    con.execute(_MOVEMENTS, bounds)
    row = con.execute(
        """
        SELECT coalesce(sum(cny), 0), coalesce(sum(usd), 0),
               coalesce(sum(cny) FILTER (WHERE is_sale), 0),
               coalesce(-sum(cny) FILTER (WHERE NOT is_sale), 0),
               count(*) FILTER (WHERE is_sale),
               count(DISTINCT buyer_id) FILTER (WHERE is_sale),
               count(DISTINCT province) FILTER (WHERE is_sale AND province <> ''),
               count(DISTINCT seller_id) FILTER (WHERE is_sale),
               count(DISTINCT seller_id) FILTER (WHERE is_sale AND employee_band IN $small),
               count(DISTINCT seller_id) FILTER (WHERE is_sale AND business_type = 'farm'),
               coalesce(sum(usd) FILTER (WHERE business_type = 'farm'), 0)
        FROM movements
        """,
        {"small": list(SMALL_BUSINESS_BANDS)},
    ).fetchone()
    (cny, usd, gmv, refunds, figures.orders, figures.buyers, figures.provinces, figures.sellers,
     figures.small_businesses, figures.farms, farm_usd) = row  # fmt: skip
    figures.export_value_cny, figures.export_value_usd = _money(cny), _money(usd)
    figures.gmv_cny, figures.refunds_cny, figures.farm_value_usd = (
        _money(gmv),
        _money(refunds),
        _money(farm_usd),
    )
    figures.first_time_exporters = con.execute(
        """
        SELECT count(*) FROM (SELECT seller_id, min(paid_at) AS first_paid FROM orders GROUP BY seller_id)
        WHERE first_paid >= $start AND first_paid < $end
        """,
        bounds,
    ).fetchone()[0]
    figures.international_share = _international_share(con, period)
    (figures.payout_hours_median, figures.payout_hours_p95, figures.release_to_payout_hours_median,
     figures.payouts_measured) = con.execute(
        """
        SELECT quantile_cont(h, 0.5), quantile_cont(h, 0.95), quantile_cont(rh, 0.5), count(*) FROM (
            SELECT date_diff('second', coalesce(delivered_at, released_at), payout_paid_at) / 3600.0 AS h,
                   date_diff('second', released_at, payout_paid_at) / 3600.0 AS rh
            FROM orders WHERE payout_paid_at >= $start AND payout_paid_at < $end)
        """,
        bounds,
    ).fetchone()  # fmt: skip
    figures.delivery_days_median, figures.deliveries_measured = con.execute(
        """
        SELECT quantile_cont(date_diff('second', paid_at, delivered_at) / 86400.0, 0.5), count(*)
        FROM orders WHERE delivered_at >= $start AND delivered_at < $end
        """,
        bounds,
    ).fetchone()
    for name in breakdowns:
        figures.breakdowns[name] = breakdown(con, name)
    return figures


def breakdown(con, name: str) -> Breakdown:
    """One breakdown of the period's movements (`compute` has taken them)."""
    expression = BREAKDOWNS[name]
    rows = con.execute(
        f"""
        SELECT {expression} AS key, sum(cny), sum(usd), count(*) FILTER (WHERE is_sale),
               count(DISTINCT seller_id) FILTER (WHERE is_sale)
        FROM movements GROUP BY key ORDER BY {"key" if name == "month" else "sum(usd) DESC, key"}
        """
    ).fetchall()
    return Breakdown(name, [(str(k), _money(c), _money(u), n, s) for k, c, u, n, s in rows])


def _international_share(con, period: Period) -> Decimal | None:
    """Export value of the period over the exporting sellers' revenue for the same length of time,
    estimated from the midpoints of their revenue bands (percent, one decimal)."""
    rows = con.execute(
        """
        SELECT seller_id, any_value(revenue_band), sum(usd) FROM movements GROUP BY seller_id
        HAVING count(*) FILTER (WHERE is_sale) > 0
        """
    ).fetchall()
    revenue = sum(Decimal(REVENUE_MIDPOINTS.get(band, 0)) for _s, band, _u in rows)
    if not revenue:
        return None
    exported = sum((_money(u) for _s, _b, u in rows), ZERO)
    share = exported / (revenue * Decimal(period.days) / Decimal(365)) * 100
    return share.quantize(Decimal("0.1"))


def _money(value) -> Decimal:
    return Decimal(value if value is not None else 0).quantize(Decimal("0.01"))


def growth(now: Decimal | int, before: Decimal | int) -> Decimal | None:
    """Percent change against the previous period; none when there was nothing before."""
    if not before:
        return None
    return ((Decimal(now) - Decimal(before)) / Decimal(before) * 100).quantize(Decimal("0.1"))
