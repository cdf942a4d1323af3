"""Speed of listing translation: the offline translator's titles per second on one core, and what queueing the
translation adds to saving a listing.

    .venv/bin/python benchmarks/translation_speed.py [--seconds 1] [--repeats 5] [--saves 300]

1. Titles: the 219 English titles of tests/data/translation (tuning and held-out sets) translated by the
   built-in glossary translator (`GlossaryTranslator.translate`), pinned to one CPU, the vocabulary loaded
   before timing as a running process has it. Two ways: all titles in one call, and one title a call with
   the listing's brand as a kept term (what the background fill sends). No translation memory: this is the
   translator itself.
2. Saves: on PostgreSQL (the database `borderless_bench_translation`, made anew;
   BENCH_TRANSLATION_DATABASE_URL overrides it) and Redis for the task queue (REDIS_URL, default
   redis://127.0.0.1:6379/0, a queue of its own, emptied at the end), `catalog.services.create_product` in a
   transaction as a request makes it, for a listing with its Chinese written (nothing queued) and the same
   listing in English only (Chinese noted as missing, the translation task enqueued when the transaction
   commits). Interleaved, `--saves` each. The difference of the medians is what queueing adds to the
   request; the enqueue alone is timed too.
"""

import argparse
import csv
import os
import statistics
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

from benchdb import ensure_database, setup_django

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/borderless_bench_translation"
TITLES_TARGET = 1000.0  # titles per second on one core
SAVE_TARGET_MS = 5.0


def titles() -> list[str]:
    found = []
    for name in ("dev.csv", "heldout.csv"):
        with (ROOT / "tests/data/translation" / name).open(encoding="utf-8") as handle:
            found += [row["title_en"] for row in csv.DictReader(handle)]
    return found


def rate(fn, count: int, seconds: float, repeats: int) -> list[float]:
    """Items per second of `fn` (which handles `count` items), for each of `repeats` runs of ~`seconds`."""
    results = []
    for _ in range(repeats):
        done, started = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - started) < seconds:
            fn()
            done += count
        results.append(done / elapsed)
    return results


def measure_titles(seconds: float, repeats: int) -> None:
    from borderless.translation.glossary import GlossaryTranslator, vocabulary

    vocabulary()
    translator = GlossaryTranslator()
    texts = titles()
    brands = [{text.split()[0].lower(): text.split()[0]} for text in texts]  # a kept "brand" per title

    def batch():
        translator.translate(texts, "en", "zh", {})

    def one_by_one():
        for text, brand in zip(texts, brands, strict=True):
            translator.translate([text], "en", "zh", brand)

    print(f"{len(texts)} titles, mean {statistics.mean(len(t) for t in texts):.0f} characters")
    for label, fn in (("one call for all titles", batch), ("one title a call, brand kept", one_by_one)):
        runs = rate(fn, len(texts), seconds, repeats)
        best, median = max(runs), statistics.median(runs)
        verdict = "met" if median >= TITLES_TARGET else "NOT met"
        print(
            f"  {label}: best {best:,.0f} titles/s ({1e6 / best:.1f} µs), median {median:,.0f} /s: {verdict}"
        )


def _seller():
    from borderless.accounts import services as accounts
    from borderless.accounts.models import User

    operator = User.objects.create_superuser("ops@bench.example", "bench password 1234")
    details = {
        "legal_name": "Bench Farm LLC",
        "display_name": "Bench Farm",
        "state": "WI",
        "city": "Wausau",
        "business_type": "farm",
        "employee_band": "2-9",
        "revenue_band": "lt100k",
        "year_founded": 2001,
    }
    owner = accounts.sign_up_seller("seller@bench.example", "bench password 1234", "Bench Seller", details)
    accounts.verify_seller(operator, owner.membership.seller)
    return User.objects.select_related("membership__seller").get(pk=owner.pk)


def _ms(fn) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def measure_saves(saves: int) -> None:
    from django.core.management import call_command
    from django.db import transaction
    from huey.contrib.djhuey import HUEY

    from borderless.catalog import services as catalog
    from borderless.catalog.models import Product
    from borderless.translation import tasks

    call_command("migrate", verbosity=0)
    owner = _seller()
    texts = titles()
    written, english_only, enqueue = [], [], []

    def fields(index: int, chinese: bool) -> dict:
        return {
            "category": "honey",
            "brand_name": "Bench Farm",
            "hs_code": "040900",
            "title_en": f"{texts[index % len(texts)]} #{index}",
            "title_zh": f"威斯康星生蜂蜜 {index}" if chinese else "",
            "description_en": "Raw wildflower honey, only strained, never heated. Not for infants under one.",
            "description_zh": "未经加热的野花生蜂蜜，仅作过滤。一岁以下婴儿不宜食用。" if chinese else "",
            "net_content_value": Decimal("340"),
            "net_content_unit": "g",
            "unit_weight_g": Decimal("520"),
            "status": "draft",
        }

    def save(index: int, chinese: bool) -> None:
        with transaction.atomic():  # the request's transaction: the enqueue runs when it commits
            catalog.create_product(owner, fields(index, chinese), [{"code": f"B{index}", "price_usd": "9.99",
                                                                     "stock": 5}])  # fmt: skip

    for index in range(20):  # warm-up: connections, caches, the vocabulary
        save(100_000 + index, index % 2 == 0)
    for index in range(saves):
        written.append(_ms(lambda index=index: save(2 * index, True)))
        english_only.append(_ms(lambda index=index: save(2 * index + 1, False)))
    product_id = Product.objects.filter(title_zh="").values_list("pk", flat=True).first()
    for _ in range(saves):
        enqueue.append(_ms(lambda: tasks.translate_listing(product_id)))
    queued = HUEY.pending_count()
    HUEY.flush()

    def line(label, values):
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
        print(f"  {label}: median {statistics.median(values):.2f} ms, p95 {p95:.2f} ms")

    print(f"{saves} saves of each kind, {queued} tasks were waiting in the queue before it was emptied")
    line("save with the Chinese written (nothing queued)", written)
    line("save in English only (translation queued at commit)", english_only)
    line("enqueue of the translation task alone", enqueue)
    added = statistics.median(english_only) - statistics.median(written)
    verdict = "met" if added < SAVE_TARGET_MS else "NOT met"
    print(
        f"  added by queueing: {added:.2f} ms (median difference): {verdict} (target < {SAVE_TARGET_MS} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--saves", type=int, default=300)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    url = os.environ.get("BENCH_TRANSLATION_DATABASE_URL", DEFAULT_URL)
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
    os.environ["HUEY_NAME"] = f"bench-translation-{uuid.uuid4().hex[:8]}"
    os.environ.pop("HUEY_IMMEDIATE", None)
    ensure_database(url, regenerate=True)
    setup_django(url)
    print(f"{os.cpu_count()} CPUs (pinned to one), load average {os.getloadavg()[0]:.1f}, "
          f"Python {sys.version.split()[0]}")  # fmt: skip
    measure_titles(args.seconds, args.repeats)
    measure_saves(args.saves)


if __name__ == "__main__":
    main()
