"""Screening rules on their own (no database): accuracy on the unseen generated split, the registry's build
time, the time per listing, and bad input.

    .venv/bin/python benchmarks/screening_rules_bench.py [--brands 12,500,2000]

1. Accuracy: `tests/unit/trust/lookalikes.py` generates the test split (TEST_BRANDS, TEST_SEED: brands and a
   seed the rules were never developed against) and the dev split; prints the confusion matrix of "review or
   blocked" against the labels and, per technique, how many listings were screened wrongly, with each miss.
2. Registry build: the evaluation set's twelve brands, then synthetic brands (English and Chinese names,
   two reference products each) up to each `--brands` figure; the first build in the process (which loads
   jieba's, pypinyin's, wordfreq's and the confusables tables) and the median of five more.
3. Time per listing at the largest registry but one (500 by default): the unseen split's listings.
4. Bad input against that registry plus brands named "Q", "LG" (one and two letters), "Apple" and "Summit"
   (everyday words): emoji and control characters, and 5,000 characters of words, single letters, Chinese
   characters, digits and a mix as the English title, the Chinese title and the description at once (the
   rules read 1,000 characters of each title and 6,000 of each description); the worst time of each kind
   must stay under BAD_INPUT_BOUND_MS.
"""

import argparse
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "unit" / "trust"))

_BAD_WORDS = "the best quality 1:1 lumora Q LG apple summit bag for you l-u-m-o-r-a 露摩拉 高仿"
BAD_INPUT_BOUND_MS = 500.0  # per listing with 5,000 characters of junk in each title and the description
LISTING_TARGET_MS = 10.0


def _synthetic_brands(count: int, first_id: int):
    from borderless.trust.rules import BrandFacts, ReferenceProduct

    rng = random.Random(count)
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    brands = []
    for number in range(first_id, first_id + count):
        name = "".join(
            rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(rng.choice((2, 3, 4)))
        )
        name_zh = "".join(rng.choice(han) for _ in range(rng.choice((2, 3, 4))))
        products = tuple(
            ReferenceProduct(f"{number}-{i}", f"{name.title()} product {i}", f"{name_zh}产品", Decimal("49"))
            for i in range(2)
        )
        brands.append(BrandFacts(number, f"{name.title()} {number}", name_zh, products=products))
    return brands


def _registry_of(count: int):
    from evaluation_set import load_brands

    from borderless.trust.rules import BrandRegistry

    evaluation = load_brands()[0]
    brands = evaluation[:count] + _synthetic_brands(max(0, count - len(evaluation)), 1000)
    return brands, BrandRegistry


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def _p(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def accuracy() -> None:
    from lookalikes import DEV_BRANDS, DEV_SEED, TEST_BRANDS, TEST_SEED, evaluate, generate

    for label, brands, seed in (("test (unseen)", TEST_BRANDS, TEST_SEED), ("dev", DEV_BRANDS, DEV_SEED)):
        registry, listings = generate(brands, seed)
        figures, by_technique, wrong = evaluate(registry, listings)
        print(f"\n{label} split: {len(brands)} brands, seed {seed}, {len(listings)} listings")
        print(f"  precision {figures.precision:.3f}, recall {figures.recall:.3f}")
        print("  | | held (review or blocked) | clear |")
        print(f"  | labelled flag | {figures.flagged_right} | {figures.missed} |")
        print(f"  | labelled clear | {figures.flagged_wrong} | {figures.cleared_right} |")
        for technique, (total, errors) in sorted(by_technique.items()):
            print(f"  {technique}: {errors} wrong of {total}")
        for item, result in wrong:
            facts = item.facts
            print(
                f"  wrong: {item.label} / {item.technique} / {item.brand}: "
                f"brand field {facts.brand_field!r}, title {facts.title_en!r} {facts.title_zh!r}, "
                f"score {result.score}"
            )


def build_times(counts: list[int]) -> None:
    print("\nregistry build")
    for count in counts:
        brands, registry_class = _registry_of(count)
        start = time.perf_counter()
        registry_class(brands)
        first = _ms(start)
        again = []
        for _ in range(5):
            start = time.perf_counter()
            registry_class(brands)
            again.append(_ms(start))
        print(f"  {len(brands)} brands: first {first:.0f} ms, then median {statistics.median(again):.0f} ms")


def listing_times(count: int):
    from lookalikes import TEST_BRANDS, TEST_SEED, brand_facts, generate

    from borderless.trust.rules import BrandFacts, BrandRegistry, ListingFacts, screen

    brands, _ = _registry_of(count - len(TEST_BRANDS))
    brands = brands + brand_facts(TEST_BRANDS, first_id=5000)
    registry = BrandRegistry(brands)
    listings = generate(TEST_BRANDS, TEST_SEED)[1]
    times = []
    for item in listings:
        start = time.perf_counter()
        screen(item.facts, registry)
        times.append(_ms(start))
    print(
        f"\nscreening one listing, {len(brands)} brands, {len(times)} listings (the unseen split): "
        f"median {statistics.median(times):.2f} ms, p95 {_p(times, 0.95):.2f} ms, max {max(times):.2f} ms "
        f"(target < {LISTING_TARGET_MS:.0f} ms)"
    )

    odd = [BrandFacts(9001, "Q", ""), BrandFacts(9002, "LG", ""), BrandFacts(9003, "Apple", "苹果")]
    odd.append(BrandFacts(9004, "Summit", "顶峰"))
    registry = BrandRegistry(brands + odd)
    rng = random.Random(7)
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 6000)]
    words = _BAD_WORDS.split()
    noise = ["😀", "\x00", "\u200b", "\u202e", "\x1b", "🇨🇳", "\ufe0f", "\u0301", "a", " ", "中"]
    kinds = {
        "emoji and control characters (200)": lambda: "".join(rng.choice(noise) for _ in range(200)),
        "5,000 characters of words": lambda: " ".join(rng.choice(words) for _ in range(1200))[:5000],
        "5,000 characters of single letters": lambda: " ".join(rng.choice("abcdeqlg") for _ in range(2500)),
        "5,000 Chinese characters": lambda: "".join(rng.choice(han) for _ in range(5000)),
        "5,000 emoji and control characters": lambda: "".join(rng.choice(noise) for _ in range(5000)),
        "5,000 digits": lambda: "".join(rng.choice("0123456789 ") for _ in range(5000)),
        "5,000 characters of a mix": lambda: "".join(rng.choice("a1b2 c3-d4.é😀中文") for _ in range(5000)),
    }
    print(
        f"\nbad input, {len(brands) + len(odd)} brands (with Q, LG, Apple, Summit), 20 listings of each kind"
    )
    worst_of_all = 0.0
    for kind, make in kinds.items():
        times = []
        for _ in range(20):
            title = make()
            facts = ListingFacts(
                seller_id=1,
                brand_field=title[:100],
                title_en=title,
                title_zh=title,
                description_en=title,
                prices_usd=(Decimal("9.99"),),
            )
            start = time.perf_counter()
            result = screen(facts, registry)
            times.append(_ms(start))
            assert result.verdict in ("clear", "review", "blocked")
        worst_of_all = max(worst_of_all, max(times))
        print(f"  {kind}: median {statistics.median(times):.1f} ms, max {max(times):.1f} ms")
    verdict = "within" if worst_of_all < BAD_INPUT_BOUND_MS else "OVER"
    print(f"  worst {worst_of_all:.1f} ms per listing: {verdict} the bound of {BAD_INPUT_BOUND_MS:.0f} ms")
    return worst_of_all < BAD_INPUT_BOUND_MS


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--brands", default="12,500,2000")
    args = parser.parse_args()
    counts = [int(c) for c in args.brands.split(",")]
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, Python {sys.version.split()[0]}")
    build_times(counts)
    accuracy()
    within = listing_times(sorted(counts)[-2] if len(counts) > 1 else counts[0])
    sys.exit(0 if within else 1)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "borderless.settings")
    main()
