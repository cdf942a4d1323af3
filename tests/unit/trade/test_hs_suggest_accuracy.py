"""HS suggestion quality on the held-out labelled set (tests/data/hs/heldout.csv, never used for tuning).

Figures in benchmarks/README.md; `-s` prints them and the misses.
"""

from hs_sets import accuracy, load

from borderless.trade import tariff

TOP1_TARGET = 0.85
TOP3_TARGET = 0.95


def test_the_sets_are_large_and_cover_the_tariff_data():
    tuning, heldout = load("tuning.csv"), load("heldout.csv")
    assert len(tuning) + len(heldout) >= 200
    assert len(heldout) >= 100
    lines = {hs[:6] for hs in tariff.cn_tariff()}
    assert {item.hs for item in heldout} <= lines  # every label is a line the engine can price
    assert len({item.hs for item in heldout}) >= 30
    assert not {item.title for item in tuning} & {item.title for item in heldout}


def test_heldout_top1_and_top3_accuracy():
    top1, top3, misses = accuracy(load("heldout.csv"))
    print(f"\nheld-out: top-1 {top1:.3f}, top-3 {top3:.3f}")
    for item, found in misses:
        print(f"  line {item.line}: {item.title!r} is {item.hs}; suggested {[s.hs_code for s in found]}")
    assert top1 >= TOP1_TARGET
    assert top3 >= TOP3_TARGET


def test_tuning_set_accuracy_is_reported_apart():
    top1, top3, _ = accuracy(load("tuning.csv"))
    print(f"\ntuning: top-1 {top1:.3f}, top-3 {top3:.3f}")
    assert top3 >= TOP3_TARGET
