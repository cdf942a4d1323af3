"""HS code suggestion: accuracy on the labelled sets and suggestions per second on one core.

    .venv/bin/python benchmarks/hs_suggest_bench.py

Accuracy counts a product right at top-1 when the first suggestion is its labelled subheading (or, for goods
refused by parcel, its heading), at top-3 when any of the first three is. Only the held-out figure measures
quality: the vocabulary was written looking at the tuning set.
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests" / "unit" / "trade")]

from hs_sets import accuracy, load, suggest  # noqa: E402


def main() -> None:
    for name in ("tuning.csv", "heldout.csv"):
        items = load(name)
        top1, top3, misses = accuracy(items)
        print(f"{name}: {len(items)} products, top-1 {top1:.3f}, top-3 {top3:.3f}, misses {len(misses)}")
        for item, found in misses:
            print(f"  line {item.line}: {item.title!r} is {item.hs}; suggested {[s.hs_code for s in found]}")
    items = load("tuning.csv") + load("heldout.csv")
    rounds = 20
    started = time.perf_counter()
    for _ in range(rounds):
        for item in items:
            suggest(item)
    elapsed = time.perf_counter() - started
    print(f"speed: {rounds * len(items) / elapsed:,.0f} suggestions/s on one core")


if __name__ == "__main__":
    main()
