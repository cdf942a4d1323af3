"""The glossary of synonyms across Chinese and English (data/glossary.txt), and query expansion with it."""

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from borderless.search.text import pinyin, query_words

GLOSSARY_FILE = "glossary.txt"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
MAX_QUERY_CHARS = 200
MAX_CONCEPTS = 20


def read_groups(text: str) -> list[list[str]]:
    """Synonym groups from the file's text: one group a line, terms separated by "/", "#" starts a comment;
    translation-only lines ("english => 中文") are skipped."""
    groups = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or "=>" in line:  # "english => 中文": for the translator only (borderless.translation)
            continue
        terms = [t.strip() for t in line.split("/") if t.strip()]
        if len(terms) >= 2:
            groups.append(terms)
    return groups


@cache
def _raw_groups() -> tuple[tuple[str, ...], ...]:
    text = resources.files("borderless.search").joinpath("data", GLOSSARY_FILE).read_text("utf-8")
    return tuple(tuple(group) for group in read_groups(text))


@cache
def chinese_terms() -> tuple[str, ...]:
    """Every glossary term written in Chinese: added to jieba's dictionary so each stays one word."""
    return tuple(t for group in _raw_groups() for t in group if _HAN.search(t) and " " not in t)


Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Glossary:
    groups: tuple[tuple[Phrase, ...], ...]
    by_phrase: dict[Phrase, frozenset[int]]
    by_pinyin: dict[str, frozenset[int]]
    longest: int


@cache
def glossary() -> Glossary:
    groups: list[tuple[Phrase, ...]] = []
    by_phrase: dict[Phrase, set[int]] = {}
    by_pinyin: dict[str, set[int]] = {}
    for terms in _raw_groups():
        phrases = []
        for term in terms:
            phrase = tuple(query_words(term))
            if phrase and phrase not in phrases:
                phrases.append(phrase)
        gid = len(groups)
        groups.append(tuple(phrases))
        for phrase in phrases:
            by_phrase.setdefault(phrase, set()).add(gid)
            if len(phrase) == 1 and _HAN.search(phrase[0]) and len(phrase[0]) >= 2:
                by_pinyin.setdefault(pinyin(phrase[0]), set()).add(gid)
    return Glossary(
        groups=tuple(groups),
        by_phrase={k: frozenset(v) for k, v in by_phrase.items()},
        by_pinyin={k: frozenset(v) for k, v in by_pinyin.items()},
        longest=max((len(p) for p in by_phrase), default=1),
    )


@dataclass(frozen=True)
class Concept:
    """One thing the buyer asked for: a document matches it when it holds any of the alternatives.

    Each alternative is a phrase (words in order); the first is what the buyer typed.
    """

    alternatives: tuple[Phrase, ...]


def parse_query(text: str) -> list[Concept]:
    """The buyer's words, each widened to its glossary group; multi-word terms ("maple syrup") match first."""
    words = query_words((text or "")[:MAX_QUERY_CHARS])
    table = glossary()
    concepts: list[Concept] = []
    i = 0
    while i < len(words) and len(concepts) < MAX_CONCEPTS:
        length, groups = 1, frozenset()
        for n in range(min(table.longest, len(words) - i), 0, -1):
            if found := table.by_phrase.get(tuple(words[i : i + n])):
                length, groups = n, found
                break
        typed = tuple(words[i : i + length])
        if length == 1:
            groups = groups | table.by_pinyin.get(typed[0], frozenset())
        alternatives = [typed]
        for gid in sorted(groups):
            alternatives.extend(p for p in table.groups[gid] if p not in alternatives)
        concept = Concept(tuple(alternatives))
        if concept not in concepts:
            concepts.append(concept)
        i += length
    return concepts


def expanded_terms(concepts: list[Concept]) -> list[str]:
    terms: list[str] = []
    for concept in concepts:
        for phrase in concept.alternatives:
            term = " ".join(phrase)
            if term not in terms:
                terms.append(term)
    return terms
