"""Ledger postings per second on PostgreSQL: one transfer per database transaction, and in batches.

    .venv/bin/python benchmarks/ledger_bench.py [--transfers 1500] [--batched 20000] [--repeats 3]

Drops and creates the PostgreSQL database `borderless_bench_ledger` (only that one; BENCH_LEDGER_DATABASE_URL
overrides it), migrates it, and times through the public services (`borderless.ledger.services`):
  - single: `post_transfer` of a two-leg transfer, each in its own database transaction (commit included);
  - hold + post: `create_hold` then `post_hold`, two transactions per escrow movement;
  - batched: `post_batch` of 100 and of 1,000 transfers, one database transaction per batch;
  - threads: single transfers from several threads at once, first all crediting one hot clearing account,
    then each thread on its own clearing sub-account.
  - reference: a bare one-row INSERT and COMMIT, the floor under any single transfer on this disk.
Every transfer moves 1.00 CNY from payment clearing into one of 1,000 escrow accounts. After the run the
ledger is checked (`verify_ledger()` empty, trial balance balanced). Figures: best and median of the repeats.
"""

import argparse
import os
import platform
import statistics
import sys
import threading
import time
import uuid
from decimal import Decimal
from pathlib import Path

from benchdb import ensure_database

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/borderless_bench_ledger"
ESCROWS = 1_000


def setup(url: str) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "borderless.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--transfers", type=int, default=1_500, help="transfers per single-transfer run")
    parser.add_argument("--batched", type=int, default=20_000, help="transfers per batched run")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    url = os.environ.get("BENCH_LEDGER_DATABASE_URL", DEFAULT_URL)
    ensure_database(url, regenerate=True)
    setup(url)

    from django.db import connection

    from borderless.ledger import chart
    from borderless.ledger.services import (
        TransferRequest,
        create_hold,
        credit,
        debit,
        get_or_create_account,
        post_batch,
        post_hold,
        post_transfer,
        trial_balance,
        verify_ledger,
    )
    from borderless.money import Money

    one = Money(Decimal("1.00"), "CNY")
    clearing = get_or_create_account(chart.payment_clearing("CNY"), "CNY")
    escrows = [get_or_create_account(chart.escrow(uuid.uuid4()), "CNY") for _ in range(ESCROWS)]
    run_id = iter(range(10**9))

    def legs(source, n):
        return [debit(source, one), credit(escrows[n % ESCROWS], one)]

    def single(count):
        prefix = f"s{next(run_id)}"
        for n in range(count):
            post_transfer(f"{prefix}-{n}", legs(clearing, n))
        return count

    def hold_and_post(count):
        prefix = f"h{next(run_id)}"
        for n in range(count):
            hold = create_hold(f"{prefix}-{n}", clearing, escrows[n % ESCROWS], one)
            post_hold(hold, key=f"{prefix}-{n}-post")
        return count

    def batched(size):
        def run(count):
            prefix = f"b{next(run_id)}"
            for start in range(0, count, size):
                post_batch(
                    [TransferRequest(f"{prefix}-{n}", legs(clearing, n)) for n in range(start, start + size)]
                )
            return count - count % size

        return run

    subaccounts = [
        get_or_create_account(f"payment_clearing:CNY:{i}", "CNY", kind="asset", may_go_negative=True)
        for i in range(args.threads)
    ]

    def threaded(spread):
        def run(count):
            prefix = f"t{next(run_id)}"
            per_thread = count // args.threads

            def work(i):
                source = subaccounts[i] if spread else clearing
                try:
                    for n in range(per_thread):
                        post_transfer(f"{prefix}-{i}-{n}", legs(source, i * per_thread + n))
                finally:
                    connection.close()

            threads = [threading.Thread(target=work, args=(i,)) for i in range(args.threads)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            return per_thread * args.threads

        return run

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_commit (n integer)")

    def bare_commit(count):
        # The floor under any single transfer: what one committed row costs on this machine's disk.
        with connection.cursor() as cursor:
            for n in range(count):
                cursor.execute("INSERT INTO bench_commit VALUES (%s)", [n])
        return count

    cases = [
        ("reference: one-row INSERT + COMMIT, no ledger", bare_commit, args.transfers),
        ("single transfer, one transaction each", single, args.transfers),
        ("hold + post (two transactions)", hold_and_post, args.transfers // 2),
        ("batched, 100 per batch", batched(100), args.batched),
        ("batched, 1,000 per batch", batched(1_000), args.batched),
        (f"single, {args.threads} threads, one hot clearing account", threaded(False), args.transfers),
        (f"single, {args.threads} threads, a clearing sub-account each", threaded(True), args.transfers),
    ]
    machine = f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs"
    print(f"Python {platform.python_version()}, {machine}")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        print(f"PostgreSQL {cursor.fetchone()[0]}")
    print("| case | best | median |\n|---|---:|---:|")
    for name, run, count in cases:
        rates = []
        for _ in range(args.repeats):
            started = time.perf_counter()
            done = run(count)
            rates.append(done / (time.perf_counter() - started))
        print(f"| {name} | {max(rates):,.0f} /s | {statistics.median(rates):,.0f} /s |", flush=True)
    problems = verify_ledger()
    report = trial_balance()
    print(f"verify_ledger: {len(problems)} problems; trial balance balanced: {report['balanced']}")
    if problems or not report["balanced"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
