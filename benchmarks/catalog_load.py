"""Closed-loop HTTP load on the storefront and the catalog API: N users, each one request after another.

    .venv/bin/python benchmarks/catalog_load.py --base http://127.0.0.1:8123 --targets targets.json \
        --users 8 --seconds 30 --max-requests 20000

Run by catalog_bench.py in its own process, so that the clients do not share an interpreter with the server.
Plain `http.client` with one keep-alive connection per user; no Django. Prints one JSON object: every
request's kind, label, status and latency in milliseconds, and the wall time of the measured run.
"""

import argparse
import http.client
import json
import random
import threading
import time
from urllib.parse import urlencode, urlsplit

# What buyers type: Chinese and English, a synonym pair (wine / 葡萄酒), two-word queries, pinyin.
QUERIES = [
    "西洋参",
    "枫糖浆",
    "蜂蜜",
    "almonds",
    "wine",
    "maple syrup",
    "葡萄酒",
    "野花蜂蜜",
    "ginseng",
    "xiyangshen",
]
# Filters a buyer adds on the search page (category, origin state, a price band in CNY, a second page).
FILTERED = [
    {"q": "蜂蜜", "category": "honey"},
    {"q": "wine", "state": "CA"},
    {"q": "西洋参", "state": "WI"},
    {"q": "枫糖浆", "min_price": "50", "max_price": "300"},
    {"q": "almonds", "category": "nuts-dried-fruit", "page": "2"},
    {"category": "maple-syrup"},  # browse a category, newest first
    {"category": "honey", "state": "VT", "max_price": "400"},
    {"state": "NY"},
    {"min_price": "100", "max_price": "200"},
]
# Share of each kind of request in the mix.
MIX = [("search", 0.35), ("search_filtered", 0.15), ("product", 0.35), ("api_search", 0.15)]
# Searches are a popular head and a long tail: this share of them is a tail query (a shop or brand name,
# in English or Chinese, from the targets file), sometimes on a later page; likewise this share of product
# pages is any of the targets' products, the rest one of the POPULAR most viewed.
TAIL_SHARE = 0.4
PRODUCT_TAIL_SHARE = 0.5
POPULAR = 200


def pick_request(rng: random.Random, targets: dict, mix=MIX) -> tuple[str, str, str]:
    """(kind, label, path) of the next request."""
    product_ids, tail = targets["product_ids"], targets.get("tail_queries") or QUERIES
    kind = rng.choices([k for k, _ in mix], weights=[w for _, w in mix])[0]
    if kind == "search":
        if rng.random() < TAIL_SHARE:
            params = {"q": rng.choice(tail)}
            if rng.random() < 0.3:
                params["page"] = str(rng.randint(2, 3))
            return "search", "(tail)", "/search/?" + urlencode(params)
        query = rng.choice(QUERIES)
        return "search", query, "/search/?" + urlencode({"q": query})
    if kind == "search_filtered":
        params = rng.choice(FILTERED)
        label = urlencode(params)
        return "search", label, "/search/?" + label
    if kind == "api_search":
        query = rng.choice(tail) if rng.random() < TAIL_SHARE else rng.choice(QUERIES)
        params = {"q": query, "lang": rng.choice(["zh-hans", "en"])}
        if rng.random() < 0.3:
            params["category"] = rng.choice(["honey", "wine", "american-ginseng", "maple-syrup"])
        label = urlencode(params)
        return "api_search", label, "/api/v1/products?" + label
    popular = product_ids[:POPULAR]
    chosen = rng.choice(product_ids if rng.random() < PRODUCT_TAIL_SHARE else popular)
    return "product", "product", f"/p/{chosen}/"


class Budget:
    """Stops every user at the deadline or when the request budget is spent, whichever comes first."""

    def __init__(self, max_requests: int, seconds: float):
        self.left = max_requests
        self.deadline = time.monotonic() + seconds
        self.lock = threading.Lock()

    def take(self) -> bool:
        if time.monotonic() >= self.deadline:
            return False
        with self.lock:
            if self.left <= 0:
                return False
            self.left -= 1
            return True


def user(base, targets: dict, seed: int, budget: Budget, records: list, lang: str, mix, seen: set) -> None:
    rng = random.Random(seed)
    host, port = base.hostname, base.port
    connection = http.client.HTTPConnection(host, port, timeout=30)
    # The storefront reads the language from its cookie (Chinese by default); the API from ?lang=.
    headers = {"Cookie": f"borderless_language={lang}", "User-Agent": "borderless-catalog-bench"}
    while budget.take():
        kind, label, path = pick_request(rng, targets, mix)
        # Asked for before in this process (warm-up included), in this language: a cache could answer it.
        repeat = (lang, path) in seen
        seen.add((lang, path))
        start = time.perf_counter()
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
        except (OSError, http.client.HTTPException):
            status = 0
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=30)
        records.append((kind, label, status, (time.perf_counter() - start) * 1000, repeat))
    connection.close()


def run(
    base_url, targets: dict, users: int, seconds: float, max_requests: int, seed: int, mix=MIX, seen=None
):
    base = urlsplit(base_url)
    if base.hostname not in {"127.0.0.1", "localhost", "::1"}:
        raise SystemExit("The load generator only talks to a server on this machine (loopback).")
    budget = Budget(max_requests, seconds)
    records: list = []
    seen = set() if seen is None else seen
    threads = [
        threading.Thread(
            target=user,
            args=(base, targets, seed * 1000 + i, budget, records, "zh-hans" if i % 3 else "en", mix, seen),
            daemon=True,
        )
        for i in range(users)
    ]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 60)
    return records, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument(
        "--targets",
        required=True,
        help="JSON file: {product_ids: [...], tail_queries: [...]} or a list of ids",
    )
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--max-requests", type=int, default=20_000)
    parser.add_argument("--warmup", type=int, default=200, help="requests sent and discarded first")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", help="send only these kinds, comma-separated (e.g. product)")
    args = parser.parse_args()
    mix = [(k, w) for k, w in MIX if not args.only or k in args.only.split(",")]
    with open(args.targets) as handle:
        targets = json.load(handle)
    if isinstance(targets, list):
        targets = {"product_ids": targets}
    seen: set = set()
    if args.warmup:
        run(args.base, targets, args.users, 60, args.warmup, args.seed + 100, mix, seen)
    records, elapsed = run(
        args.base, targets, args.users, args.seconds, args.max_requests, args.seed, mix, seen
    )
    print(json.dumps({"users": args.users, "only": args.only, "elapsed": elapsed, "records": records}))


if __name__ == "__main__":
    main()
