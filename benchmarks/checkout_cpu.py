"""CPU per checkout, in process: the figure that does not depend on what else the machine is doing.

Runs the real request path (URL routing, the whole middleware stack, bearer-token auth, django-ninja, the
services, PostgreSQL) through Django's test client inside one process, on the checkout bench database
(`benchmarks/checkout_bench.py` creates it). For each of N buyers: `POST /api/v1/cart/items` (three SKUs of
one seller, or one SKU of each of several sellers) then `POST /api/v1/checkout`. Reports the process CPU
time (`time.process_time`, so waiting on PostgreSQL is not counted) and the SQL statements per request;
`--profile` prints where the checkout's CPU goes (cProfile, cumulative).

    .venv/bin/python benchmarks/checkout_cpu.py --checkouts 200
    .venv/bin/python benchmarks/checkout_cpu.py --checkouts 50 --profile
"""

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchdb import setup_django  # noqa: E402
from checkout_bench import BODY, bench_database_url  # noqa: E402


def _cpu_seconds(stat: Path) -> float:
    """User + system CPU of a process on this machine, or NaN when it cannot be read (remote PostgreSQL)."""
    try:
        fields = stat.read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--checkouts", type=int, default=200)
    parser.add_argument("--sellers", type=int, default=1, help="sellers per checkout (1: three lines of one)")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DEBUG", "0")
    setup_django(bench_database_url())

    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from borderless.accounts import services as accounts
    from borderless.accounts.models import ApiToken, User
    from borderless.catalog.models import Sku
    from borderless.orders.models import AnnualQuota, CartItem
    from borderless.trade import preload

    preload()
    buyers = list(User.objects.filter(email__startswith="bench-buyer-").order_by("id")[: args.checkouts])
    if not buyers:
        raise SystemExit("No bench buyers: run benchmarks/checkout_bench.py once to create the database.")
    with transaction.atomic():
        AnnualQuota.objects.filter(buyer__in=buyers).delete()
        CartItem.objects.filter(cart__buyer__in=buyers).delete()
        ApiToken.objects.filter(name="cpu-bench").delete()
        tokens = [accounts.create_api_token(b, "cpu-bench")[1] for b in buyers]
    by_seller: dict[int, list[str]] = {}
    for seller_id, sku in Sku.objects.values_list("product__seller_id", "public_id").order_by("id"):
        by_seller.setdefault(seller_id, []).append(str(sku))
    groups = list(by_seller.values())
    client = Client(HTTP_HOST="127.0.0.1")
    body = json.dumps(BODY)
    cart_cpu, checkout_cpu, cart_queries, checkout_queries = [], [], [], []
    profiler = cProfile.Profile() if args.profile else None
    with connection.cursor() as cursor:  # PostgreSQL on this machine: its backend's CPU is read from /proc
        cursor.execute("SELECT pg_backend_pid()")
        backend = Path(f"/proc/{cursor.fetchone()[0]}/stat")
    database_before = _cpu_seconds(backend)
    for n in range(args.checkouts):
        token = tokens[n % len(tokens)]
        headers = {"Authorization": f"Bearer {token}"}
        if args.sellers == 1:
            lines = groups[n % len(groups)][:3]
        else:
            lines = [groups[(n + s) % len(groups)][0] for s in range(args.sellers)]
        started = time.process_time()
        with CaptureQueriesContext(connection) as q:
            for sku in lines:
                r = client.post("/api/v1/cart/items", json.dumps({"sku": sku, "quantity": 1}),
                                content_type="application/json", headers=headers)  # fmt: skip
                assert r.status_code in (200, 201), r.content
        cart_cpu.append((time.process_time() - started) * 1000 / len(lines))
        cart_queries.append(len(q.captured_queries) / len(lines))
        checkout_headers = {**headers, "Idempotency-Key": uuid.uuid4().hex}
        if profiler:
            profiler.enable()
        started = time.process_time()
        with CaptureQueriesContext(connection) as q:
            r = client.post(
                "/api/v1/checkout", body, content_type="application/json", headers=checkout_headers
            )
        checkout_cpu.append((time.process_time() - started) * 1000)
        if profiler:
            profiler.disable()
        assert r.status_code == 201, r.content
        checkout_queries.append(len(q.captured_queries))
    database_ms = (_cpu_seconds(backend) - database_before) * 1000 / args.checkouts
    skip = min(10, len(checkout_cpu) // 5)  # warm-up: first requests fill caches
    what = "3 lines of one seller" if args.sellers == 1 else f"{args.sellers} sellers"
    print(f"{args.checkouts} checkouts of {what}")
    print(
        f"checkout:    CPU median {statistics.median(checkout_cpu[skip:]):.2f} ms, "
        f"mean {statistics.mean(checkout_cpu[skip:]):.2f} ms; {max(checkout_queries)} SQL statements"
    )
    print(f"add-to-cart: CPU median {statistics.median(cart_cpu[skip:]):.2f} ms per line; "
          f"{max(cart_queries):.0f} SQL statements per line")  # fmt: skip
    if database_ms == database_ms:
        print(f"PostgreSQL:  CPU mean {database_ms:.2f} ms per checkout with its add-to-cart (its backend)")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)


if __name__ == "__main__":
    main()
