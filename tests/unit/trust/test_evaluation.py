"""Precision and recall of screening (`review` + `blocked`) on the hand-labelled evaluation set."""

from collections import Counter

from evaluation_set import listing_facts, load_listings, registry

from borderless.trust.rules import screen

TARGET_PRECISION = 0.9
TARGET_RECALL = 0.9


def _confusion():
    brands = registry()
    counts = Counter()
    misses = []
    for row in load_listings():
        result = screen(listing_facts(row), brands)
        flagged = result.verdict != "clear"
        wanted = row["label"] == "flag"
        counts[(wanted, flagged)] += 1
        if flagged != wanted:
            misses.append((row["id"], row["kind"], result.score, row["title_en"]))
    return counts, misses


def test_the_set_is_large_and_mixed_enough():
    rows = load_listings()
    kinds = Counter(row["kind"] for row in rows)
    assert len(rows) >= 200
    assert {row["label"] for row in rows} == {"flag", "clear"}
    for evasive in (
        "misspelling",
        "spacing",
        "pinyin",
        "homoglyph",
        "homophone_zh",
        "fakeword_zh",
        "cheap",
        "image",
    ):
        assert kinds[evasive] >= 5, evasive
    assert kinds["innocent"] >= 50


def test_screening_meets_precision_and_recall_targets():
    counts, misses = _confusion()
    true_positive = counts[(True, True)]
    precision = true_positive / (true_positive + counts[(False, True)])
    recall = true_positive / (true_positive + counts[(True, False)])
    print(f"\nprecision {precision:.3f} recall {recall:.3f} counts {dict(counts)} misses {misses}")
    assert recall >= TARGET_RECALL, misses
    assert precision >= TARGET_PRECISION, misses
