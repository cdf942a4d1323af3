"""The Export Impact Report over a million orders, from a Parquet export read with DuckDB.

Generates the facts synthetically, straight into the export format (DuckDB `COPY ... TO parquet`, seeded):
orders of 5,000 sellers in every state to 400,000 buyers over a year with the demo's seasons, 3 % of them
refunded. Then times each step of `borderless report impact --parquet DIR`: reading the export, computing
the figures of the period and of the one before, and rendering CSV, HTML and PDF (charts included).

    .venv/bin/python benchmarks/insights_bench.py --orders 1000000 --folder var/bench-facts
"""

import argparse
import os
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import duckdb

STATES = (
    "AL",
    "AK",
    "AZ",
    "AR",
    "CA",
    "CO",
    "CT",
    "DE",
    "DC",
    "FL",
    "GA",
    "HI",
    "ID",
    "IL",
    "IN",
    "IA",
    "KS",
    "KY",
    "LA",
    "ME",
    "MD",
    "MA",
    "MI",
    "MN",
    "MS",
    "MO",
    "MT",
    "NE",
    "NV",
    "NH",
    "NJ",
    "NM",
    "NY",
    "NC",
    "ND",
    "OH",
    "OK",
    "OR",
    "PA",
    "RI",
    "SC",
    "SD",
    "TN",
    "TX",
    "UT",
    "VT",
    "VA",
    "WA",
    "WV",
    "WI",
    "WY",
)
PROVINCES = (
    "北京市",
    "天津市",
    "河北省",
    "山西省",
    "内蒙古自治区",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "上海市",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "广西壮族自治区",
    "海南省",
    "重庆市",
    "四川省",
    "贵州省",
    "云南省",
    "西藏自治区",
    "陕西省",
    "甘肃省",
    "青海省",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
)
CATEGORIES = (
    "american-ginseng",
    "maple-syrup",
    "honey",
    "nuts-dried-fruit",
    "wine",
    "supplements",
    "skin-care",
    "infant-formula",
    "handbags",
    "outdoor-gear",
    "toys",
    "books",
)


def _sql_list(values) -> str:
    return "[" + ", ".join(f"'{v}'" for v in values) + "]"


def generate(folder: Path, orders: int, year: int) -> None:
    from borderless.demo.history import season

    folder.mkdir(parents=True, exist_ok=True)
    start = date(year, 1, 1)
    days = [(start + timedelta(days=i)) for i in range((date(year + 1, 1, 1) - start).days)]
    weights = [season(d) for d in days]
    total = sum(weights)
    cumulative, running = [], 0.0
    for w in weights:
        running += w / total
        cumulative.append(running)
    con = duckdb.connect()
    con.execute("SELECT setseed(0.2026)")
    con.execute("CREATE TABLE day_cdf AS SELECT unnest($c) AS upto, unnest(range(0, $n)) AS day_index",
                {"c": cumulative, "n": len(cumulative)})  # fmt: skip
    con.execute(
        f"""
        CREATE TABLE sellers AS SELECT
            i AS seller_id,
            {_sql_list(STATES)}[1 + (hash(i * 7) % {len(STATES)})::INT] AS seller_state,
            CASE WHEN random() < 0.25 THEN 'farm' WHEN random() < 0.45 THEN 'manufacturer'
                 WHEN random() < 0.7 THEN 'brand' ELSE 'retailer' END AS business_type,
            ['1', '2-9', '2-9', '10-49', '10-49', '50-249', '250-499'][1 + (hash(i * 13) % 7)::INT]
                AS employee_band,
            ['lt100k', '100k-1m', '100k-1m', '1m-10m', '10m-50m'][1 + (hash(i * 17) % 5)::INT]
                AS revenue_band,
            {_sql_list(CATEGORIES)}[1 + (hash(i * 19) % {len(CATEGORIES)})::INT] AS category
        FROM range(1, 5001) t(i)
        """
    )  # fmt: skip
    started = time.perf_counter()
    con.execute(
        f"""
        COPY (
            WITH o AS (
                SELECT i, 1 + floor(5000 * pow(random(), 2))::BIGINT AS seller_id,
                       1 + floor(random() * 400000)::BIGINT AS buyer_id, random() AS u, random() AS secs,
                       (80 + floor(exp(random() * 3.5) * 60 + random() * 100))::BIGINT AS cents_base
                FROM range({orders}) t(i)
            ), placed AS (
                SELECT o.*, (SELECT min(day_index) FROM day_cdf WHERE upto >= o.u) AS day_index FROM o
            )
            SELECT uuid()::VARCHAR AS order_id, p.seller_id, s.seller_state, s.business_type, s.employee_band,
                   s.revenue_band, p.buyer_id, 'CN' AS destination,
                   {_sql_list(PROVINCES)}[1 + (hash(p.buyer_id) % {len(PROVINCES)})::INT] AS province,
                   s.category,
                   (DATE '{start}' + p.day_index::INT + to_seconds((p.secs * 86399)::BIGINT))::TIMESTAMP
                       AS paid_at,
                   (p.cents_base * 100 / 100.0)::DECIMAL(14, 2) AS paid_cny,
                   (p.cents_base / 7.2)::DECIMAL(14, 2) AS paid_usd,
                   (p.cents_base / 7.2 * 0.8)::DECIMAL(14, 2) AS goods_usd,
                   7.2000000000::DECIMAL(20, 10) AS rate,
                   paid_at + INTERVAL 7 DAY AS delivered_at,
                   paid_at + INTERVAL 12 DAY AS released_at,
                   paid_at + INTERVAL 12 DAY + INTERVAL 9 HOUR AS payout_paid_at
            FROM placed p JOIN sellers s USING (seller_id)
        ) TO '{folder / "orders.parquet"}' (FORMAT parquet)
        """
    )  # fmt: skip
    con.execute(
        f"""
        COPY (
            SELECT order_id, paid_at + INTERVAL 2 DAY AS at, paid_cny AS amount_cny, paid_usd AS amount_usd
            FROM read_parquet('{folder / "orders.parquet"}') WHERE hash(order_id) % 100 < 3
        ) TO '{folder / "refunds.parquet"}' (FORMAT parquet)
        """
    )  # fmt: skip
    print(f"generated {orders:,} orders in {time.perf_counter() - started:.1f} s into {folder}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--folder", default="var/bench-facts")
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args()
    # The brand-protection figures read the database: an empty, migrated one of the benchmark's own.
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(args.folder).resolve() / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "borderless.settings")
    Path(args.folder).mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from borderless.insights import facts, impact, render_csv, render_html, render_pdf
    from borderless.insights.period import Period

    folder = Path(args.folder)
    if args.regenerate or not (folder / "orders.parquet").exists():
        generate(folder, args.orders, args.year)
    period = Period(date(args.year, 1, 1), date(args.year, 12, 31))
    timings = {}
    began = time.perf_counter()
    t = time.perf_counter()
    loaded = facts.read_parquet(folder)
    timings["check the Parquet export's columns"] = time.perf_counter() - t
    t = time.perf_counter()
    report = impact.build(period, facts=loaded)
    timings["read the export and compute the figures (period and the one before)"] = time.perf_counter() - t
    for name, renderer in (
        ("CSV", render_csv.render),
        ("HTML", render_html.render),
        ("PDF", render_pdf.render),
    ):
        t = time.perf_counter()
        content = renderer(report)
        timings[f"render {name} ({len(content):,} bytes)"] = time.perf_counter() - t
    total = time.perf_counter() - began
    print(f"export value {report.current.export_value_usd:,.2f} USD, {report.current.orders:,} orders, "
          f"{report.current.sellers:,} sellers")  # fmt: skip
    for step, seconds in timings.items():
        print(f"  {step}: {seconds:.2f} s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  total: {total:.2f} s (peak memory {peak:.0f} MB); load average {os.getloadavg()[0]:.1f}")
    sys.exit(0 if total < 30 else 1)


if __name__ == "__main__":
    main()
