"""Landed-cost quotes per second on one core: single-line and 50-line China quotes.

    .venv/bin/python benchmarks/quote_bench.py [--seconds 1] [--repeats 5]

Requests are parsed once; the loop measures `quote(request)` (and, separately, the whole
parse → quote → as_dict path of the CLI and API). Rates and tariff data are loaded before timing.
"""

import argparse
import json
import os
import platform
import statistics
import time
from datetime import date
from decimal import Decimal

from borderless.trade import QuoteRequest, landed_price_for_listing, preload, quote

SINGLE = {
    "destination": "CN", "date": "2026-11-25", "currency": "CNY", "freight": "50.00",
    "buyer": {"annual_total": "1200.00"},
    "items": [{"hs_code": "1702.20", "unit_price": "300.00", "quantity": 1,
               "net_content": {"value": "250", "unit": "ml"}}],
}  # fmt: skip
CODES = ["170220", "040900", "330499", "080212", "210690", "490199", "950300", "420221", "121120", "081340"]
FIFTY = {
    "destination": "CN", "date": "2026-11-25", "currency": "USD", "freight": "40.00",
    "items": [{"hs_code": CODES[i % len(CODES)], "unit_price": f"{1 + i % 7}.{i % 100:02d}", "quantity": 1,
               "net_content": {"value": "100", "unit": "ml"}} for i in range(50)],
}  # fmt: skip


def rate(label: str, fn, seconds: float, repeats: int) -> tuple[float, float]:
    """Best and median rate over `repeats` timed runs of about `seconds` each (best: least disturbed)."""
    fn()
    rates = []
    for _ in range(repeats):
        n, start = 0, time.perf_counter()
        while True:
            for _ in range(100):
                fn()
            n += 100
            elapsed = time.perf_counter() - start
            if elapsed >= seconds:
                break
        rates.append(n / elapsed)
    best, median = max(rates), statistics.median(rates)
    print(f"{label:<52} best {best:>9,.0f} /s ({1e6 / best:,.1f} µs)   median {median:>9,.0f} /s")
    return best, median


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=1.0, help="length of one timed run")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    preload()
    single = QuoteRequest.from_dict(SINGLE)
    fifty = QuoteRequest.from_dict(FIFTY)
    single_text, fifty_text = json.dumps(SINGLE), json.dumps(FIFTY)
    assert quote(single).allowed and quote(fifty).allowed
    print(
        f"Python {platform.python_version()}, {platform.machine()}, one core, load {os.getloadavg()[0]:.2f}"
    )
    rate("single-line CN quote: quote(request)", lambda: quote(single), args.seconds, args.repeats)
    rate(
        "single-line CN: json → from_dict → quote → as_dict",
        lambda: quote(QuoteRequest.from_dict(json.loads(single_text))).as_dict(),
        args.seconds,
        args.repeats,
    )
    card = ("CN", "3304.99", Decimal("45.00"), (Decimal(30), "ml"), Decimal(250), date(2026, 11, 25))
    rate(
        "listing card: landed_price_for_listing (USD → CNY)",
        lambda: landed_price_for_listing(*card),
        args.seconds,
        args.repeats,
    )
    rate("50-line CN quote (USD prices): quote(request)", lambda: quote(fifty), args.seconds, args.repeats)
    rate(
        "50-line CN: json → from_dict → quote → as_dict",
        lambda: quote(QuoteRequest.from_dict(json.loads(fifty_text))).as_dict(),
        args.seconds,
        args.repeats,
    )


if __name__ == "__main__":
    main()
