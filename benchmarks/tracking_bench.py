"""Carrier tracking events ingested per second on PostgreSQL: batched CSV, and the signed webhook.

    .venv/bin/python benchmarks/tracking_bench.py [--orders 100] [--parcels-per-order 20] [--repeats 3]

Drops and creates the PostgreSQL database `borderless_bench_tracking` (only that one;
BENCH_TRACKING_DATABASE_URL overrides it), migrates it, places and pays `--orders` real orders through the
services, ships each in `--parcels-per-order` UPS parcels, then times, through the public entry points:
  - csv: `tracking.receive_csv(text)` of 6 scans per parcel (label created .. out for delivery), in files of
    5,000 rows: parse, check, resolve parcels, one bulk INSERT .. ON CONFLICT DO NOTHING per file;
  - webhook: signed POSTs to /api/v1/logistics/webhooks/carrier-events through Django's test client
    (signature check, JSON, the same ingestion), 500 events per request, and 1 event per request;
  - duplicates: the same CSV files again (every row already known: nothing inserted);
  - delivered: one "D" scan per parcel as CSV, so every order is delivered (the state change included).
Each repeat sends new scans (other times), so nothing is a duplicate except where said. Best and median.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from benchdb import ensure_database

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/borderless_bench_tracking"
CODES = ("M", "P", "I", "AR", "CR", "O")
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)
URL = "/api/v1/logistics/webhooks/carrier-events"


def setup(url: str) -> None:
    root = Path(__file__).resolve().parent.parent
    sys.path[:0] = [str(root / "src"), str(root / "tests")]
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "borderless.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def shipped_parcels(orders: int, per_order: int) -> list[tuple[str, str]]:
    from borderless.logistics.services import ParcelSpec
    from borderless.orders import services as order_services
    from borderless.payouts import services as payouts
    from factories import make_buyer, make_product, make_seller, owner_of

    address = {"name": "张三", "phone": "13800138000", "province": "北京市", "city": "北京市",
               "district": "朝阳区", "street": "建国路 88 号"}  # fmt: skip
    identity = {"name": "张三", "id_number": "11010519491231002X"}
    seller = make_seller()
    product = make_product(
        seller, skus=[{"code": "BENCH", "price_usd": Decimal("39.00"), "stock": orders + 1}]
    )
    sku = product.skus.get().public_id
    parcels, serial = [], 0
    for n in range(orders):
        buyer = make_buyer(f"bench-buyer-{n}@example.com")
        order_services.add_to_cart(buyer, sku, 1)
        order = order_services.checkout(buyer, f"bench-{n}", address, identity).orders[0]
        order_services.mark_checkout_paid(order.checkout, "system:bench")
        specs = []
        for _ in range(per_order):
            serial += 1
            specs.append(ParcelSpec("UPS", f"1Z{serial:016d}", Decimal(400)))
        payouts.ship(owner_of(seller), order.public_id, parcels=specs)
        parcels += [(s.carrier, s.tracking_number) for s in specs]
    return parcels


def csv_files(parcels, codes, start: datetime, rows_per_file: int = 5_000) -> list[str]:
    lines = [f"{c},{n},{code},{(start + timedelta(minutes=i)).isoformat()},Louisville KY,"
             for c, n in parcels for i, code in enumerate(codes)]  # fmt: skip
    head = "carrier,tracking_number,code,occurred_at,location,description\n"
    return [
        head + "\n".join(lines[i : i + rows_per_file]) + "\n" for i in range(0, len(lines), rows_per_file)
    ]


def webhook_bodies(parcels, codes, start: datetime, per_request: int) -> list[bytes]:
    events = [{"carrier": c, "tracking_number": n, "code": code, "location": "Beijing",
               "occurred_at": (start + timedelta(minutes=i)).isoformat()}
              for c, n in parcels for i, code in enumerate(codes)]  # fmt: skip
    return [
        json.dumps({"events": events[i : i + per_request]}).encode()
        for i in range(0, len(events), per_request)
    ]


def timed(fn) -> tuple[float, int]:
    started = time.perf_counter()
    count = fn()
    return time.perf_counter() - started, count


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--orders", type=int, default=100)
    parser.add_argument("--parcels-per-order", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    url = os.environ.get("BENCH_TRACKING_DATABASE_URL", DEFAULT_URL)
    ensure_database(url, regenerate=True)
    setup(url)
    from django.conf import settings
    from django.test import Client

    from borderless.logistics import tracking
    from borderless.logistics.models import TrackingEvent
    from borderless.orders.models import Order
    from borderless.payments import signing

    settings.HUEY = {**settings.HUEY, "immediate": True}
    print(f"Placing {args.orders} orders of {args.parcels_per_order} parcels ...", flush=True)
    parcels = shipped_parcels(args.orders, args.parcels_per_order)
    client = Client(HTTP_HOST="127.0.0.1")
    secret = settings.CARRIER_WEBHOOK_SECRET

    def send(bodies):
        def run():
            for body in bodies:
                headers = {signing.HEADER: signing.sign(body, secret)}
                r = client.post(URL, body, content_type="application/json", headers=headers)
                assert r.status_code == 200, r.content
            return sum(len(json.loads(b)["events"]) for b in bodies)

        return run

    def upload(files):
        return lambda: sum(tracking.receive_csv(f).received for f in files)

    send(webhook_bodies(parcels[:1], ("M",), T0 - DAY, 1))()  # warm-up: URL resolver, API schema, middleware
    results: dict[str, list[float]] = {}
    repeat_files = []
    for r in range(args.repeats):
        base = T0 + timedelta(days=30 * r)
        files = csv_files(parcels, CODES, base)
        repeat_files.append(files)
        cases = {
            "csv, 5,000 rows per file": upload(files),
            "webhook, 500 events per request": send(webhook_bodies(parcels, CODES, base + DAY * 10, 500)),
            "webhook, 1 event per request": send(webhook_bodies(parcels[:300], ("M",), base + DAY * 20, 1)),
        }  # fmt: skip
        for name, fn in cases.items():
            seconds, count = timed(fn)
            results.setdefault(name, []).append(count / seconds)
            print(f"  {name}: {count} events in {seconds:.2f} s = {count / seconds:,.0f} /s", flush=True)
        seconds, count = timed(upload(repeat_files[0]))
        results.setdefault("csv duplicates (all rows known)", []).append(count / seconds)
    delivered_files = csv_files(parcels, ("D",), T0 + timedelta(days=200))
    seconds, count = timed(upload(delivered_files))
    results["csv delivered scans (orders delivered)"] = [count / seconds]
    assert Order.objects.filter(status="delivered").count() == args.orders
    stored = TrackingEvent.objects.count()
    print()
    machine = f"{os.cpu_count()} CPUs, {platform.processor() or platform.machine()}"
    print(f"Machine: {machine}, Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}; "
          f"{stored:,} events stored")  # fmt: skip
    print("| case | best | median |")
    print("|---|---:|---:|")
    for name, rates in results.items():
        print(f"| {name} | {max(rates):,.0f} /s | {statistics.median(rates):,.0f} /s |")


if __name__ == "__main__":
    main()
