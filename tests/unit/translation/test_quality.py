"""Translation quality on the held-out labelled titles (tests/data/translation/heldout.csv): the key product
terms a buyer searches for are in the Chinese title. The glossary was not tuned on this file; the figure is
written in benchmarks/README.md (`python benchmarks/translation_quality.py` prints it)."""

import csv
from pathlib import Path

from borderless.translation.glossary import GlossaryTranslator

DATA = Path(__file__).resolve().parents[2] / "data" / "translation"
THRESHOLD = 0.95


def labelled(name: str) -> list[tuple[str, list[list[str]]]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return [
            (row["title_en"], [term.split("/") for term in row["key_terms"].split("|")])
            for row in csv.DictReader(handle)
        ]


def share_with_every_key_term(rows) -> tuple[float, list[str]]:
    translator = GlossaryTranslator()
    misses = []
    for english, terms in rows:
        chinese = translator.translate_text(english).text
        if not all(any(alternative in chinese for alternative in term) for term in terms):
            misses.append(f"{english} -> {chinese}")
    return 1 - len(misses) / len(rows), misses


def test_the_labelled_sets_are_large_enough_and_apart():
    heldout, dev = labelled("heldout.csv"), labelled("dev.csv")
    assert len(heldout) >= 150
    assert not {e for e, _ in heldout} & {e for e, _ in dev}


def test_key_terms_are_present_in_at_least_95_percent_of_held_out_titles():
    share, misses = share_with_every_key_term(labelled("heldout.csv"))
    assert share >= THRESHOLD, "\n".join(misses)
