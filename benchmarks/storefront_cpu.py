"""What a storefront page costs when the cache cannot answer it, in process: product pages, searches and
API searches (`/api/v1/products?q=`).

Runs the real request path (URL routing, the whole middleware stack, the view, the templates, PostgreSQL)
through Django's test client inside one process, on the storefront bench database
(`benchmarks/catalog_bench.py --prepare-only` creates it); it only reads. Every request is a miss: each
product is asked for once per round and the cache is emptied before every request. Chinese and English
requests alternate, as the load's buyers do. Reports the median wall time, the median process CPU time
(`time.process_time`, so waiting on PostgreSQL is not counted) and the SQL statements and SQL time per
request; `--profile` prints where the time goes (cProfile, cumulative).

    .venv/bin/python benchmarks/storefront_cpu.py --products 200 --rounds 3
    .venv/bin/python benchmarks/storefront_cpu.py --only product --profile
    .venv/bin/python benchmarks/storefront_cpu.py --only api --rounds 5

`--dump FILE` writes every API search answer of the first round (its exact text, one request per line), so
the output of two versions of the code can be compared.
"""

import argparse
import cProfile
import json
import os
import pstats
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchdb import setup_django  # noqa: E402
from catalog_bench import bench_database_url, brand_names  # noqa: E402
from catalog_load import QUERIES  # noqa: E402

LANGUAGES = ("zh-hans", "en")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--products", type=int, default=200, help="distinct product pages per round")
    parser.add_argument("--searches", type=int, default=60, help="search pages per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", choices=["product", "search", "api"])
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--dump", help="write the API answers of the first round to this file")
    args = parser.parse_args()
    os.environ.setdefault("DEBUG", "0")
    os.environ.pop("REDIS_URL", None)  # the per-process cache, emptied before every request
    setup_django(bench_database_url())

    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from borderless.catalog.models import Product
    from borderless.trade import preload

    call_command("collectstatic", interactive=False, verbosity=0)  # the manifest the templates read
    preload()
    rng = random.Random(2026)
    ids = list(Product.objects.visible_to_buyers().order_by("id").values_list("public_id", flat=True)[:20000])
    products = [f"/p/{i}/" for i in rng.sample(ids, args.products)]
    words = list(QUERIES) + [name for pair in brand_names() for name in pair]
    searches = ["/search/?" + urlencode({"q": rng.choice(words)}) for _ in range(args.searches)]
    apis = [
        "/api/v1/products?" + urlencode({"q": rng.choice(words), "lang": LANGUAGES[n % 2]})
        for n in range(args.searches)
    ]
    kinds = {"product": products, "search": searches, "api": apis}
    if args.only:
        kinds = {args.only: kinds[args.only]}
    clients = {lang: Client(HTTP_HOST="127.0.0.1") for lang in LANGUAGES}
    for lang, client in clients.items():
        client.cookies["borderless_language"] = lang
        client.get(products[0])  # warm: templates compiled, translations and rates loaded
        client.get(searches[0])
        client.get(apis[0])

    figures: dict[tuple[str, str], dict[str, list[float]]] = {}
    profiler = cProfile.Profile() if args.profile else None
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None  # noqa: SIM115
    for round_ in range(args.rounds):
        for kind, paths in kinds.items():
            for n, path in enumerate(paths):
                lang = LANGUAGES[n % 2]
                cache.clear()
                with CaptureQueriesContext(connection) as queries:
                    wall, cpu = time.perf_counter(), time.process_time()
                    if profiler:
                        profiler.enable()
                    response = clients[lang].get(path)
                    if profiler:
                        profiler.disable()
                    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                if response.status_code != 200:
                    raise SystemExit(f"{path} answered {response.status_code}")
                if dump and kind == "api" and round_ == 0:
                    answer = {"path": path, "body": response.content.decode()}
                    dump.write(json.dumps(answer, ensure_ascii=False) + "\n")
                row = figures.setdefault((kind, lang), {"wall": [], "cpu": [], "queries": [], "sql": []})
                row["wall"].append(wall * 1000)
                row["cpu"].append(cpu * 1000)
                row["queries"].append(len(queries))
                row["sql"].append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)

    if dump:
        dump.close()
    print(f"load average {os.getloadavg()[0]:.2f}; {args.rounds} rounds; medians per request (a cache miss)")
    print("| page | language | requests | wall ms | CPU ms | queries | SQL ms |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for (kind, lang), row in figures.items():
        med = {k: statistics.median(v) for k, v in row.items()}
        print(
            f"| {kind} | {lang} | {len(row['wall'])} | {med['wall']:.1f} | {med['cpu']:.1f} "
            f"| {med['queries']:.0f} | {med['sql']:.1f} |"
        )
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


if __name__ == "__main__":
    main()
