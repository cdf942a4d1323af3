"""Storefront search and product pages under concurrent load: 100,000 products on PostgreSQL.

    .venv/bin/python benchmarks/catalog_bench.py [--users 8,16] [--seconds 30] [--workers 2 --threads 4]

1. Creates the PostgreSQL database `borderless_bench` (only that one; BENCH_DATABASE_URL overrides it),
   migrates it and fills it with 100,000 products of 1,000 sellers, built from the demo catalogue's bilingual
   texts (bulk inserts, not the services: speed matters here, and the search index is rebuilt afterwards).
   Skipped when the database already holds that many products; `--regenerate` starts again from scratch.
2. Rebuilds the search index (`rebuild_index()`) and reports how long it took, when the index is incomplete.
3. Starts the real server (`borderless serve --no-prepare`, gunicorn) on loopback and waits for it.
4. Drives closed-loop load from a separate process (catalog_load.py) at each concurrency, and prints
   p50/p95/p99 and requests per second for each kind of request.
"""

import argparse
import json
import math
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from benchdb import ensure_database, setup_django, start_server

HERE = Path(__file__).resolve().parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/borderless_bench"
SEED = 2026
# Targets of the acceptance criterion, p95 in milliseconds.
TARGET_P95_MS = {"search": 50, "api_search": 50, "product": 30}

# Invented brands: an adjective and a noun, each in English and Chinese (40 x 30 = 1,200 brands).
ADJECTIVES = [
    ("Golden", "金"), ("Silver", "银"), ("Blue", "蓝"), ("Green", "绿"), ("Red", "红"), ("Old", "老"),
    ("Little", "小"), ("Great", "大"), ("North", "北"), ("South", "南"), ("East", "东"), ("West", "西"),
    ("Wild", "野"), ("Quiet", "静"), ("Sunny", "阳光"), ("Misty", "雾"), ("Cedar", "雪松"), ("Maple", "枫"),
    ("Oak", "橡树"), ("Pine", "松"), ("Willow", "柳"), ("Birch", "桦"), ("Stone", "石"), ("River", "河"),
    ("Lake", "湖"), ("Prairie", "草原"), ("Canyon", "峡谷"), ("Harbor", "港湾"), ("Meadow", "草甸"),
    ("Summit", "峰"), ("Hidden", "隐"), ("Bright", "明"), ("Honest", "诚"), ("Happy", "乐"),
    ("Evergreen", "常青"), ("Iron", "铁"), ("Copper", "铜"), ("Crystal", "水晶"), ("Amber", "琥珀"),
    ("Heritage", "传承"),
]  # fmt: skip
NOUNS = [
    ("Farm", "农场"), ("Valley", "谷"), ("Ridge", "岭"), ("Creek", "溪"), ("Hollow", "坳"),
    ("Orchard", "果园"), ("Grove", "林"), ("Acres", "田园"), ("Hill", "山"), ("Fields", "原野"),
    ("Springs", "泉"), ("Mill", "磨坊"), ("Workshop", "工坊"), ("Bee Co.", "蜂业"), ("Vineyards", "酒庄"),
    ("Sugarhouse", "糖屋"), ("Gardens", "花园"), ("Trading", "商行"), ("Pantry", "食品铺"),
    ("Provisions", "食品"), ("Naturals", "天然"), ("Labs", "实验室"),
    ("Outfitters", "户外"), ("Leatherworks", "皮具"), ("Toys", "玩具"), ("Press", "出版社"), ("Family", "家"),
    ("Ranch", "牧场"), ("Harvest", "丰收"), ("Homestead", "家园"),
]  # fmt: skip


def bench_database_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)


def _sizes(rng: random.Random, total: int, sellers: int) -> list[int]:
    """Listings per seller, a long tail (most list a few dozen, some several hundred), summing to total."""
    weights = [rng.paretovariate(1.6) for _ in range(sellers)]
    scale = total / sum(weights)
    sizes = [max(5, round(w * scale)) for w in weights]
    while sum(sizes) != total:
        i = rng.randrange(sellers)
        step = 1 if sum(sizes) < total else -1
        if sizes[i] + step >= 5:
            sizes[i] += step
    return sizes


def generate(products_total: int, sellers_total: int) -> None:
    """1,000 sellers in varied states and categories; their listings from the demo catalogue's texts."""
    from django.db import transaction
    from django.utils import timezone

    from borderless.accounts.models import BusinessType, EmployeeBand, RevenueBand, Seller, Verification
    from borderless.accounts.regions import US_STATES
    from borderless.catalog.models import Category, Product, ProductImage, ProductStatus, Sku
    from borderless.demo.content import CONTENT
    from borderless.demo.content.base import SellerBrand, compose_products

    rng = random.Random(SEED)
    now = timezone.now()
    states = sorted(US_STATES)
    categories = {c.slug: c.pk for c in Category.objects.all()}
    slugs = [slug for slug in CONTENT if slug in categories]
    brands = brand_names()
    rng.shuffle(brands)
    sellers = []
    for i in range(sellers_total):
        brand_en, brand_zh = brands[i % len(brands)]
        verified = rng.random() < 0.92
        sellers.append(
            Seller(
                legal_name=f"{brand_en} LLC",
                display_name=brand_en,
                display_name_zh=brand_zh,
                state=rng.choice(states),
                city="Springfield",
                business_type=BusinessType.values[i % len(BusinessType.values)],
                employee_band=EmployeeBand.values[0],
                revenue_band=RevenueBand.values[0],
                year_founded=rng.randint(1950, 2024),
                verification_status=Verification.VERIFIED if verified else Verification.PENDING,
                verified_at=now if verified else None,
            )
        )
    with transaction.atomic():
        sellers = Seller.objects.bulk_create(sellers, batch_size=1000)
    sizes = _sizes(rng, products_total, sellers_total)
    created = 0
    started = time.perf_counter()
    for index, (seller, size) in enumerate(zip(sellers, sizes, strict=True)):
        brand_en, brand_zh = seller.display_name, seller.display_name_zh
        brand = SellerBrand(f"S{index:04d}", brand_en, brand_zh, seller.state, seller.city, "斯普林菲尔德")
        # A main category and up to three more; listings repeat lines in other sizes and options.
        own = rng.sample(slugs, rng.randint(1, 4))
        drafts = []
        while len(drafts) < size:
            for slug in own:
                want = min(size - len(drafts), max(1, size // len(own)))
                drafts += compose_products(CONTENT[slug], brand, want, rng, lambda: "")
                if len(drafts) >= size:
                    break
        rows, sku_rows = [], []
        for draft in drafts[:size]:
            fields = dict(draft.fields)
            category = fields.pop("category")
            roll = rng.random()
            status = (
                ProductStatus.PUBLISHED
                if roll < 0.9
                else ProductStatus.DRAFT
                if roll < 0.97
                else ProductStatus.SUSPENDED
            )
            created_at = now - timedelta(days=rng.uniform(0, 720))
            published_at = created_at + timedelta(hours=rng.uniform(0, 48))
            rows.append(
                Product(
                    seller_id=seller.pk,
                    category_id=categories[category],
                    status=status,
                    created_at=created_at,
                    updated_at=published_at,
                    published_at=published_at if status != ProductStatus.DRAFT else None,
                    **fields,
                )
            )
            sku_rows.append(draft.skus)
        with transaction.atomic():
            rows = Product.objects.bulk_create(rows, batch_size=1000)
            skus = [
                Sku(product_id=product.pk, **{**sku, "price_usd": Decimal(sku["price_usd"])})
                for product, product_skus in zip(rows, sku_rows, strict=True)
                for sku in product_skus
            ]
            Sku.objects.bulk_create(skus, batch_size=2000)
            # Two products in five have a picture; all of them share a few image files.
            images = [
                ProductImage(product_id=p.pk, image=f"products/bench/{p.category_id}.jpg", alt_en=p.title_en)
                for p in rows
                if rng.random() < 0.4
            ]
            ProductImage.objects.bulk_create(images, batch_size=2000)
        created += len(rows)
        if index % 100 == 99:
            rate = created / (time.perf_counter() - started)
            print(f"  {created:,} products ({rate:,.0f}/s)", flush=True)


def prepare(args) -> dict:
    """The bench database with its products and a complete index; returns facts for the report."""
    from django.core.management import call_command
    from django.db import connection

    from borderless.catalog.models import Product, ProductChange, Sku
    from borderless.search.backends import TABLE

    if not args.no_migrate:
        call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    facts = {}
    count = Product.objects.count()
    if count != args.products:
        if count:
            raise SystemExit(
                f"The bench database holds {count:,} products, not {args.products:,}: --regenerate."
            )
        started = time.perf_counter()
        print(f"Generating {args.products:,} products of {args.sellers:,} sellers ...", flush=True)
        generate(args.products, args.sellers)
        facts["generate_seconds"] = time.perf_counter() - started
        print(f"Generated in {facts['generate_seconds']:.1f} s.")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {TABLE}")  # noqa: S608 (constant table name)
        indexed = cursor.fetchone()[0]
    if indexed != args.products or args.reindex:
        from borderless.search.services import rebuild_index

        print("Rebuilding the search index ...", flush=True)
        started = time.perf_counter()
        rebuild_index()
        facts["index_seconds"] = time.perf_counter() - started
        print(f"Indexed {args.products:,} products in {facts['index_seconds']:.1f} s.")
    ProductChange.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    visible = Product.objects.visible_to_buyers()
    facts.update(
        products=Product.objects.count(),
        visible=visible.count(),
        skus=Sku.objects.count(),
        sellers=Product.objects.values("seller").distinct().count(),
    )
    ids = list(visible.values_list("public_id", flat=True).order_by("?")[: args.product_pages])
    facts["product_ids"] = [str(i) for i in ids]
    return facts


def brand_names() -> list[tuple[str, str]]:
    """The invented shop and brand names, in English and Chinese: also the long tail of buyers' searches."""
    return [(a[0] + " " + n[0], a[1] + n[1]) for a in ADJECTIVES for n in NOUNS]


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    return sorted_values[max(0, math.ceil(p / 100 * len(sorted_values)) - 1)]


def summarise(result: dict) -> dict:
    by_kind, by_label, errors = defaultdict(list), defaultdict(list), defaultdict(int)
    repeats = defaultdict(int)
    for kind, label, status, ms, *repeat in result["records"]:
        repeats[kind] += bool(repeat and repeat[0])
        if status != 200:
            errors[kind] += 1
            continue
        by_kind[kind].append(ms)
        by_label[(kind, label)].append(ms)
    elapsed = result["elapsed"]
    rows = {}
    for kind in ("search", "product", "api_search"):
        values = sorted(by_kind.get(kind, []))
        if not values:
            if errors[kind]:
                raise SystemExit(f"Every {kind} request failed ({errors[kind]}): is the server still up?")
            continue
        rows[kind] = {
            "n": len(values),
            "errors": errors[kind],
            "rps": len(values) / elapsed,
            "p50": percentile(values, 50),
            "p95": percentile(values, 95),
            "p99": percentile(values, 99),
            "repeat": repeats[kind] / (len(values) + errors[kind]),
        }
    slowest = sorted(
        (
            (percentile(sorted(v), 95), kind, label, len(v))
            for (kind, label), v in by_label.items()
            if kind != "product"
        ),
        reverse=True,
    )
    total = sum(len(v) for v in by_kind.values())
    return {
        "users": result["users"],
        "only": result.get("only"),
        "elapsed": elapsed,
        "rps": total / elapsed,
        "kinds": rows,
        "slowest": slowest,
    }


def print_summary(summary: dict) -> None:
    print(
        f"\n{summary['users']} users{' (only ' + summary['only'] + ')' if summary['only'] else ''}, "
        f"{summary['elapsed']:.1f} s, {summary['rps']:.1f} requests/s in all"
        f"\n{'kind':<12}{'requests':>10}{'errors':>8}{'req/s':>9}"
        f"{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'repeat':>8}  target"
    )
    for kind, row in summary["kinds"].items():
        target = TARGET_P95_MS[kind]
        verdict = "met" if row["p95"] < target else "MISSED"
        print(
            f"{kind:<12}{row['n']:>10,}{row['errors']:>8}{row['rps']:>9.1f}{row['p50']:>9.1f}{row['p95']:>9.1f}"
            f"{row['p99']:>9.1f}{row['repeat']:>8.0%}  p95 < {target} ms: {verdict}"
        )
    print("slowest search requests by p95 (ms):")
    for p95, kind, label, n in summary["slowest"][:6]:
        print(f"  {p95:8.1f}  {kind:<11} {label}  (n={n})")


def machine() -> str:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(x.split()[1]) for x in Path("/proc/meminfo").read_text().splitlines() if "MemTotal" in x
        )
    except (OSError, StopIteration, ValueError):
        mem_kb = 0
    memory = f"{mem_kb / 1024 / 1024:.0f} GiB RAM"
    return f"{os.cpu_count()} CPUs ({model}), {memory}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--sellers", type=int, default=1_000)
    parser.add_argument("--regenerate", action="store_true", help="drop and rebuild the bench database")
    parser.add_argument("--reindex", action="store_true", help="rebuild the search index even if complete")
    parser.add_argument("--users", default="8,16", help="concurrency levels, comma-separated")
    parser.add_argument("--seconds", type=float, default=30, help="measured time per concurrency level")
    parser.add_argument("--max-requests", type=int, default=20_000, help="request budget per level")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")
    parser.add_argument("--port", type=int, default=8123)
    parser.add_argument("--product-pages", type=int, default=5_000, help="distinct product pages requested")
    parser.add_argument("--only", help="one more run per level with only these kinds (e.g. product)")
    parser.add_argument("--no-migrate", action="store_true", help="the bench database is migrated already")
    parser.add_argument("--prepare-only", action="store_true", help="build the database and index, then stop")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()

    url = bench_database_url()
    ensure_database(url, regenerate=args.regenerate)
    setup_django(url)
    facts = prepare(args)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    connection.close()
    print(
        f"Machine: {machine()}; PostgreSQL {postgres}\n"
        f"Data: {facts['products']:,} products ({facts['visible']:,} visible to buyers), "
        f"{facts['skus']:,} SKUs, {facts['sellers']:,} sellers"
    )
    if args.prepare_only:
        return
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        targets = Path(scratch) / "targets.json"
        tail = [name for pair in brand_names() for name in pair]
        targets.write_text(json.dumps({"product_ids": facts.pop("product_ids"), "tail_queries": tail}))
        if os.environ.get("REDIS_URL"):
            import redis

            # The servers' shared cache (search results, ADR 203) starts empty: the run warms it itself.
            redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
        server = start_server(url, args.port, args.workers, args.threads, ready_path="/search/?q=honey")
        print(
            f"Server: gunicorn, {args.workers} workers x {args.threads} threads (gthread), port {args.port}"
        )
        try:
            runs = [(int(u), None) for u in args.users.split(",")]
            runs += [(int(u), args.only) for u in args.users.split(",") if args.only]
            for users, only in runs:
                if server.poll() is not None:
                    raise SystemExit(
                        f"The server exited with status {server.returncode} before {users} users."
                    )
                output = subprocess.run(
                    [
                        sys.executable,
                        str(HERE / "catalog_load.py"),
                        "--base",
                        f"http://127.0.0.1:{args.port}",
                        "--targets",
                        str(targets),
                        "--users",
                        str(users),
                        "--seconds",
                        str(args.seconds),
                        "--max-requests",
                        str(args.max_requests),
                        *(["--only", only] if only else []),
                    ],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
                summary = summarise(json.loads(output))
                print_summary(summary)
                results.append(summary)
        finally:
            server.terminate()
            server.wait(30)
    if args.json:
        Path(args.json).write_text(json.dumps({"facts": facts, "results": results}, indent=1, default=str))


if __name__ == "__main__":
    main()
