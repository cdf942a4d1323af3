"""Checkouts per second over HTTP on PostgreSQL, with the machine's pgbench TPC-B figure beside it.

    .venv/bin/python benchmarks/checkout_bench.py [--users 8,16,32] [--seconds 30] [--workers 2 --threads 4]

1. Creates the PostgreSQL database `borderless_bench_checkout` (only that one; BENCH_CHECKOUT_DATABASE_URL
   overrides it), migrates it and fills it once: 50 verified sellers with 20 published products each (one
   SKU, ample stock), 2,000 buyers each with an API token. Every run starts with the buyers' annual CBEC
   quotas and carts emptied, so that reruns measure the same thing.
2. Starts the real server (`borderless serve --no-prepare --no-worker`, gunicorn) on loopback.
3. Drives closed-loop load from a separate process (this file with `--client`): N users, each one buyer
   after another doing `POST /api/v1/cart/items` (a random SKU of a random seller, 1 or 2 of them, 1 to 2
   units) then `POST /api/v1/checkout` with a fresh Idempotency-Key, through one keep-alive connection per
   user, no think time. A checkout counts when it answers 201; every other answer is counted as an error.
4. Runs `pgbench -i -s 10` and `pgbench -c 8 -j 2 -T 20` (TPC-B like) on its own database
   `borderless_bench_pgbench`, for the figure of the same machine.
"""

import argparse
import contextlib
import http.client
import json
import math
import os
import platform
import random
import subprocess
import sys
import threading
import time
import uuid
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from benchdb import ensure_database, setup_django, start_server
from fleet_front import free_port, nginx_front, pgbouncer_front

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/borderless_bench_checkout"
PGBENCH_DB = "borderless_bench_pgbench"
TARGET_PER_SECOND = 150
SEED = 2026
BODY = {
    "address": {
        "name": "张三",
        "phone": "13800138000",
        "province": "北京市",
        "city": "北京市",
        "district": "朝阳区",
        "street": "建国路 88 号 1 单元 101",
    },
    "identity": {"name": "张三", "id_number": "11010519491231002X"},
}


def bench_database_url() -> str:
    return os.environ.get("BENCH_CHECKOUT_DATABASE_URL", DEFAULT_URL)


def prepare(args) -> dict:
    """Sellers, products and buyers with tokens (once); quotas, carts and tokens reset on every run."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from borderless.accounts import services as accounts
    from borderless.accounts.models import ApiToken, Seller, User
    from borderless.catalog import services as catalog
    from borderless.catalog.models import Sku
    from borderless.orders.models import AnnualQuota, CartItem

    if not args.no_migrate:
        call_command("migrate", interactive=False, verbosity=0)
    rng = random.Random(SEED)
    if not Seller.objects.exists():
        started = time.perf_counter()
        operator = User.objects.create_superuser("bench-operator@example.com", uuid.uuid4().hex)
        for s in range(args.sellers):
            owner = accounts.sign_up_seller(
                f"bench-seller-{s}@example.com",
                uuid.uuid4().hex,
                "Bench Owner",
                {
                    "legal_name": f"Bench Farm {s} LLC",
                    "display_name": f"Bench Farm {s}",
                    "state": "WI",
                    "city": "Wausau",
                    "business_type": "farm",
                    "employee_band": "2-9",
                    "revenue_band": "lt100k",
                    "year_founded": 1990,
                },
            )
            accounts.verify_seller(operator, owner.membership.seller)
            owner = User.objects.get(pk=owner.pk)  # its membership now sees the verified seller
            for p in range(args.products):
                catalog.create_product(
                    owner,
                    {
                        "category": "american-ginseng",
                        "brand_name": f"Bench Farm {s}",
                        "hs_code": "121120",
                        "title_en": f"Wisconsin American ginseng, lot {s}-{p}",
                        "title_zh": f"威斯康星花旗参 批次 {s}-{p}",
                        "description_en": "Hand-dug, air-dried roots.",
                        "description_zh": "手工采挖、自然风干的参根。",
                        "net_content_value": Decimal("28"),
                        "net_content_unit": "g",
                        "unit_weight_g": Decimal("60"),
                        "status": "published",
                    },
                    [{"code": f"B{s}-{p}", "price_usd": Decimal(rng.choice(["6.50", "9.00", "12.00"])),
                      "stock": 10_000_000}],
                )  # fmt: skip
        for b in range(args.buyers):
            accounts.sign_up_buyer(f"bench-buyer-{b}@example.com", uuid.uuid4().hex)
        made = f"{args.sellers} sellers, {args.sellers * args.products} products and {args.buyers} buyers"
        print(f"Created {made} in {time.perf_counter() - started:.0f} s.")
    with transaction.atomic():
        AnnualQuota.objects.all().delete()  # each buyer may spend RMB 26,000 a year: start every run afresh
        CartItem.objects.all().delete()
        Sku.objects.update(stock=10_000_000)
        ApiToken.objects.filter(name="bench").delete()
        buyers = list(User.objects.filter(email__startswith="bench-buyer-").order_by("id"))
        tokens = [accounts.create_api_token(buyer, "bench")[1] for buyer in buyers]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT count(*) FROM orders_order")
        orders_before = cursor.fetchone()[0]
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    skus = [str(s) for s in Sku.objects.values_list("public_id", flat=True)]
    return {"tokens": tokens, "skus": skus, "orders_before": orders_before, "postgres": postgres}


# --- CPU time: what a checkout costs, whatever else the machine is doing ---

TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _proc_stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds in user + system) of a process, from /proc; None if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS


def server_cpu(root: int) -> float:
    """CPU seconds of the server: gunicorn's master and every process below it."""
    stats = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _proc_stat(int(entry.name))) is not None:
            stats[int(entry.name)] = stat
    tree, total, todo = {root}, 0.0, [root]
    while todo:
        pid = todo.pop()
        total += stats.get(pid, (0, 0.0))[1]
        children = [p for p, (ppid, _) in stats.items() if ppid == pid and p not in tree]
        tree.update(children)
        todo += children
    return total


class DatabaseCpu:
    """CPU seconds of the PostgreSQL backends serving the bench database during a level (PostgreSQL on this
    machine). Sampled every 0.2 s, because backends come and go (Django reconnects after CONN_MAX_AGE): a
    backend that ends loses at most its last 0.2 s."""

    def __init__(self, url: str) -> None:
        self.marker = f" {urlsplit(url).path.lstrip('/')} "
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _backends(self) -> dict[int, float]:
        found = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if not command.startswith("postgres:") or self.marker not in command + " ":
                continue
            if (stat := _proc_stat(int(entry.name))) is not None:
                found[int(entry.name)] = stat[1]
        return found

    def _run(self) -> None:
        while True:
            for pid, seconds in self._backends().items():
                self.first.setdefault(pid, seconds)
                self.last[pid] = seconds
            if self.done.wait(0.2):
                return

    def __enter__(self) -> "DatabaseCpu":
        self.first = dict(self._backends())  # backends alive now count from now; new ones from zero
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.done.set()
        self.thread.join()

    @property
    def seconds(self) -> float:
        return sum(t - self.first.get(pid, 0.0) for pid, t in self.last.items())


# --- the load client (its own process) ---


def client(args) -> None:
    """N users in threads; each takes the next buyer, fills a cart and checks out. Prints JSON records."""
    targets = json.loads(Path(args.targets).read_text())
    tokens, skus = targets["tokens"], targets["skus"]
    host, port = urlsplit(args.base).hostname, urlsplit(args.base).port
    next_buyer = iter(range(10**9))
    lock = threading.Lock()
    records: list[tuple[str, int, float, str]] = []  # (kind, status, ms, error code)
    stop_at = [0.0]
    start = threading.Barrier(args.users + 1)

    def call(conn, method, path, token, body, headers=None):
        data = json.dumps(body).encode()
        hdrs = {"Authorization": f"Bearer {token}", "Content-Type": "application/json", **(headers or {})}
        began = time.perf_counter()
        conn.request(method, path, body=data, headers=hdrs)
        response = conn.getresponse()
        payload = response.read()
        ms = (time.perf_counter() - began) * 1000
        code = ""
        if response.status >= 400:
            try:
                code = json.loads(payload)["error"]["code"]
            except (ValueError, KeyError, TypeError):
                code = payload[:80].decode(errors="replace")
        return response.status, ms, code

    def user(seed: int) -> None:
        rng = random.Random(seed)
        conn = http.client.HTTPConnection(host, port, timeout=60)
        start.wait()
        while time.perf_counter() < stop_at[0]:
            with lock:
                token = tokens[next(next_buyer) % len(tokens)]
            local = []
            began = time.perf_counter()
            try:
                for sku in rng.sample(skus, rng.choice([1, 1, 2])):
                    local.append(("add", *call(conn, "POST", "/api/v1/cart/items", token,
                                               {"sku": sku, "quantity": rng.choice([1, 2])})))  # fmt: skip
                status, ms, code = call(conn, "POST", "/api/v1/checkout", token, BODY,
                                        {"Idempotency-Key": uuid.uuid4().hex})  # fmt: skip
                local.append(("checkout", status, ms, code))
                local.append(("journey", status, (time.perf_counter() - began) * 1000, code))
            except (OSError, http.client.HTTPException) as exc:
                local.append(("checkout", 599, 0.0, type(exc).__name__))
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=60)
            with lock:
                records.extend(local)
        conn.close()

    threads = [threading.Thread(target=user, args=(SEED + i,), daemon=True) for i in range(args.users)]
    for thread in threads:
        thread.start()
    stop_at[0] = time.perf_counter() + args.seconds
    began = time.perf_counter()
    start.wait()
    for thread in threads:
        thread.join(args.seconds + 120)
    elapsed = time.perf_counter() - began
    cpu = time.process_time()  # the whole client process, for the share of the cores the load itself took
    print(json.dumps({"users": args.users, "elapsed": elapsed, "records": records, "client_cpu_s": cpu}))


def run_locust(args, base: str, targets: Path, users: int, scratch: str) -> dict:
    """The same buyers driven by locust (benchmarks/locustfile.py, FastHttpUser), headless, in a process of
    its own; its CSV statistics summarised as the built-in client's are."""
    import csv
    import resource

    prefix = Path(scratch) / f"locust-{users}"
    locust, scenario = Path(sys.executable).with_name("locust"), Path(__file__).with_name("locustfile.py")
    command = [
        *(str(locust), "-f", str(scenario), "--headless", "-u", str(users), "-r", str(users)),
        *("-t", f"{int(args.seconds)}s", "-H", base, "--csv", str(prefix), "--only-summary"),
        *("--loglevel", "WARNING", "--stop-timeout", "10"),
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    environment = {**os.environ, "CHECKOUT_BENCH_TARGETS": str(targets)}
    subprocess.run(command, check=False, capture_output=True, env=environment)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    with Path(f"{prefix}_stats.csv").open() as stats_file:
        stats = {row["Name"]: row for row in csv.DictReader(stats_file)}
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    out = {"users": users, "elapsed": args.seconds, "client": "locust", "client_cpu_s": cpu}
    for kind, name in (("add", "add-to-cart"), ("checkout", "checkout")):
        row = stats.get(name, {})
        count, failures = int(row.get("Request Count", 0)), int(row.get("Failure Count", 0))
        ok = count - failures
        rate = float(row.get("Requests/s", 0)) * (ok / count if count else 0)
        out[kind] = {"n": ok, "per_second": rate, "p50": float(row.get("50%", "nan")),
                     "p95": float(row.get("95%", "nan")), "p99": float(row.get("99%", "nan"))}  # fmt: skip
    errors: dict[str, int] = {}
    failures_csv = Path(f"{prefix}_failures.csv")
    if failures_csv.exists():
        with failures_csv.open() as failures_file:
            for row in csv.DictReader(failures_file):
                key = f"{row['Name']} {row['Error'][:80]}"
                errors[key] = errors.get(key, 0) + int(row["Occurrences"])
    out["errors"] = errors
    return out


def percentile(values: list[float], p: float) -> float:
    return values[max(0, math.ceil(p / 100 * len(values)) - 1)] if values else float("nan")


def summarise(result: dict) -> dict:
    elapsed = result["elapsed"]
    out = {"users": result["users"], "elapsed": elapsed, "client_cpu_s": result.get("client_cpu_s")}
    errors: dict[str, int] = {}
    for kind in ("add", "checkout", "journey"):
        ok = sorted(ms for k, status, ms, _ in result["records"] if k == kind and status in (200, 201))
        out[kind] = {"n": len(ok), "per_second": len(ok) / elapsed, "p50": percentile(ok, 50),
                     "p95": percentile(ok, 95), "p99": percentile(ok, 99)}  # fmt: skip
    for kind, status, _, code in result["records"]:
        if kind in ("add", "checkout") and status not in (200, 201):
            key = f"{kind} {status} {code}"
            errors[key] = errors.get(key, 0) + 1
    out["errors"] = errors
    return out


def print_summary(s: dict) -> None:
    c, a, j = s["checkout"], s["add"], s.get("journey")
    verdict = "met" if c["per_second"] >= TARGET_PER_SECOND else "MISSED"
    print(
        f"\n{s['users']} users, {s['elapsed']:.1f} s: {c['per_second']:.1f} checkouts/s "
        f"(target >= {TARGET_PER_SECOND}: {verdict}), {c['n']:,} checkouts, {a['n']:,} add-to-cart\n"
        f"  checkout     p50 {c['p50']:7.1f} ms  p95 {c['p95']:7.1f} ms  p99 {c['p99']:7.1f} ms\n"
        f"  add-to-cart  p50 {a['p50']:7.1f} ms  p95 {a['p95']:7.1f} ms  p99 {a['p99']:7.1f} ms"
        + (
            f"\n  whole buyer  p50 {j['p50']:7.1f} ms  p95 {j['p95']:7.1f} ms  p99 {j['p99']:7.1f} ms"
            if j
            else ""
        )
    )
    if c["n"] and "server_cpu_s" in s:
        server_ms, db_ms = 1000 * s["server_cpu_s"] / c["n"], 1000 * s["database_cpu_s"] / c["n"]
        client_ms = 1000 * (s.get("client_cpu_s") or 0) / c["n"]
        print(
            f"  CPU per checkout and its add-to-cart: server {server_ms:.1f} ms, PostgreSQL {db_ms:.1f} ms, "
            f"load client {client_ms:.1f} ms; two idle cores would allow about "
            f"{2000 / (server_ms + db_ms):.0f} checkouts/s without the client"
        )
    if s["errors"]:
        print("  errors: " + ", ".join(f"{k} × {n}" for k, n in sorted(s["errors"].items())))


def pgbench(url: str, clients: int, seconds: int, scale: int) -> str:
    """TPC-B like figure of this machine's PostgreSQL, on a database of its own."""
    ensure_database(url, PGBENCH_DB)
    parts = urlsplit(url)
    conn = [
        "-h",
        parts.hostname or "127.0.0.1",
        "-p",
        str(parts.port or 5432),
        "-U",
        parts.username or "postgres",
    ]
    subprocess.run(["pgbench", *conn, "-i", "-q", "-s", str(scale), PGBENCH_DB], check=True,
                   capture_output=True)  # fmt: skip
    out = subprocess.run(["pgbench", *conn, "-c", str(clients), "-j", "2", "-T", str(seconds), PGBENCH_DB],
                         check=True, capture_output=True, text=True).stdout  # fmt: skip
    return "\n".join(
        line
        for line in out.splitlines()
        if line.startswith(("tps", "latency average", "number of transactions"))
    )


def machine() -> str:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}, load average {load:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", default="8,16,32", help="concurrency levels, comma-separated")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")
    parser.add_argument("--port", type=int, default=8124)
    parser.add_argument(
        "--load", choices=["locust", "http.client"], default="locust",
        help="the load client: locust (benchmarks/locustfile.py) or plain http.client threads",
    )  # fmt: skip
    parser.add_argument("--sellers", type=int, default=50)
    parser.add_argument("--products", type=int, default=20, help="products per seller")
    parser.add_argument("--buyers", type=int, default=2_000)
    parser.add_argument("--regenerate", action="store_true", help="drop and rebuild the bench database")
    parser.add_argument("--no-migrate", action="store_true")
    parser.add_argument("--no-pgbench", action="store_true")
    parser.add_argument("--pgbench-seconds", type=int, default=20)
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument(
        "--nodes", type=int, default=1,
        help="web nodes (each --workers x --threads); more than one, or --nginx: deploy/nginx.conf in front",
    )  # fmt: skip
    parser.add_argument("--nginx", action="store_true", help="deploy/nginx.conf in front of one node too")
    parser.add_argument(
        "--pgbouncer", action="store_true",
        help="the nodes reach PostgreSQL through deploy/pgbouncer.ini (transaction mode, no prepared plans)",
    )  # fmt: skip
    parser.add_argument(
        "--no-prepared", action="store_true", help="prepared statements off, without PgBouncer"
    )
    # The load client's own options (run in a separate process).
    parser.add_argument("--client", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--base", help=argparse.SUPPRESS)
    parser.add_argument("--targets", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:
        args.users = int(args.users)
        client(args)
        return

    url = bench_database_url()
    ensure_database(url, urlsplit(url).path.lstrip("/"), args.regenerate)
    setup_django(url)
    facts = prepare(args)
    from django.db import connection

    connection.close()
    print(f"Machine: {machine()}; PostgreSQL {facts['postgres']}")
    results = []
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        targets = Path(scratch) / "targets.json"
        targets.write_text(json.dumps({"tokens": facts["tokens"], "skus": facts["skus"]}))
        stack = contextlib.ExitStack()
        server_url, env = url, {}
        if args.pgbouncer:
            server_url = stack.enter_context(pgbouncer_front(url))
        if args.pgbouncer or args.no_prepared:
            env["DATABASE_PREPARED_STATEMENTS"] = "0"
        fronted = args.nodes > 1 or args.nginx
        ports = [free_port() for _ in range(args.nodes)] if fronted else [args.port]
        nodes = [
            start_server(
                server_url, port, args.workers, args.threads, ready_path="/api/v1/categories", env=env
            )
            for port in ports
        ]
        front = args.port
        if fronted:
            front = stack.enter_context(nginx_front(ports))
        print(
            f"Server: {len(nodes)} node(s) of gunicorn, {args.workers} workers x {args.threads} threads"
            f"{', behind nginx (deploy/nginx.conf)' if front != args.port else ''}"
            f"{', through PgBouncer (deploy/pgbouncer.ini)' if args.pgbouncer else ''}"
            f"{', prepared statements off' if 'DATABASE_PREPARED_STATEMENTS' in env else ''}; "
            f"load: {'locust (FastHttpUser)' if args.load == 'locust' else 'http.client threads'}"
        )
        try:
            for users in [int(u) for u in args.users.split(",")]:
                cpu_before, database = sum(server_cpu(n.pid) for n in nodes), DatabaseCpu(url)
                with database:
                    if args.load == "locust":
                        summary = run_locust(args, f"http://127.0.0.1:{front}", targets, users, scratch)
                    else:
                        command = [
                            sys.executable,
                            __file__,
                            "--client",
                            "--base",
                            f"http://127.0.0.1:{front}",
                            "--targets",
                            str(targets),
                            "--users",
                            str(users),
                            "--seconds",
                            str(args.seconds),
                        ]
                        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
                        summary = summarise(json.loads(output))
                summary["server_cpu_s"] = sum(server_cpu(n.pid) for n in nodes) - cpu_before
                summary["database_cpu_s"] = database.seconds
                print_summary(summary)
                results.append(summary)
        finally:
            for node in nodes:
                node.terminate()
                node.wait(30)
            stack.close()
    pg = None
    if not args.no_pgbench:
        pg = pgbench(url, 8, args.pgbench_seconds, 10)
        what = f"scale 10, 8 clients, 2 threads, {args.pgbench_seconds} s"
        print(f"\npgbench TPC-B ({what}) on {PGBENCH_DB}:\n{pg}")
    if args.json:
        Path(args.json).write_text(json.dumps({"results": results, "pgbench": pg}, indent=1))


if __name__ == "__main__":
    main()
