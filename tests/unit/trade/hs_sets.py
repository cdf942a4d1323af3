"""The labelled HS sets of tests/data/hs and how a suggestion is scored against one label."""

import csv
from dataclasses import dataclass
from pathlib import Path

from borderless.catalog.categories import CATEGORIES
from borderless.trade.hs_suggest import HsSuggestion, suggest_hs_codes

DATA = Path(__file__).resolve().parents[2] / "data" / "hs"
_CATEGORIES = {c.slug: c for c in CATEGORIES}


@dataclass(frozen=True)
class Labelled:
    line: int
    title: str
    description: str
    category: str
    hs: str  # 6 digits, or 4 for a heading refused by parcel


def load(name: str) -> list[Labelled]:
    with (DATA / name).open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return [
            Labelled(reader.line_num, r["title"], r["description"], r["category"], r["hs6"]) for r in reader
        ]


def suggest(item: Labelled) -> list[HsSuggestion]:
    category = _CATEGORIES.get(item.category)
    return suggest_hs_codes(
        item.title,
        item.description,
        category.name_en if category else "",
        category.typical_hs_code if category else "",
    )


def hits(item: Labelled, suggestion: HsSuggestion) -> bool:
    if len(item.hs) == 4:
        return suggestion.hs_code == "" and suggestion.heading == item.hs
    return suggestion.hs_code == item.hs


def accuracy(items: list[Labelled]) -> tuple[float, float, list[tuple[Labelled, list[HsSuggestion]]]]:
    top1 = top3 = 0
    misses = []
    for item in items:
        found = suggest(item)
        top1 += bool(found) and hits(item, found[0])
        top3 += any(hits(item, s) for s in found[:3])
        if not (found and hits(item, found[0])):
            misses.append((item, found))
    return top1 / len(items), top3 / len(items), misses
