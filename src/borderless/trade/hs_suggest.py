"""HS code suggestion: from a listing's English title, description and category to the tariff lines it is
most likely declared under, with a confidence, the words that decided it, and what would stop or slow it.

Only lines the engine has rates for are suggested (`cn_tariff.csv`), plus the headings China refuses by
parcel (`cn_banned_by_parcel.csv`), so every suggestion can be priced or refused with a reason. The words
are data (`hs_vocabulary.csv`); scoring is a weighted count of whole-word matches, title words counting
three times, with a small nudge towards the category's usual heading.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache

from borderless.trade import tariff

TITLE_WEIGHT = 3
DESCRIPTION_WEIGHT = 1
CATEGORY_HEADING_BONUS = 2.0
CATEGORY_CHAPTER_BONUS = 1.0
# A title word of weight 2 (score 6) is what a clear match looks like; below it the suggestion is unsure.
CLEAR_SCORE = 6.0
LOW_CONFIDENCE = 0.5
# Goods China customs inspects on arrival in 9610 parcels: medicines (30) and cosmetics (33).
INSPECTION_CHAPTERS = {"30": "medicines", "33": "cosmetics and skin care"}
MAX_PHRASE = 3
MAX_TEXT = 20_000  # longer descriptions are cut: the words that matter come first


@dataclass(frozen=True, slots=True)
class HsFlag:
    code: str  # "low-confidence", "not-in-data", "CN-C8", "CN-C15", "inspection"
    message: str


@dataclass(frozen=True, slots=True)
class HsSuggestion:
    hs_code: str  # the HS subheading, 6 digits; "" for a heading refused by parcel (no line to declare)
    cn_line: str  # China's 10-digit commodity code as declared (gcode): the tariff line, zero-padded
    heading: str  # 4 digits
    description: str
    confidence: float  # 0 to 1
    reasons: tuple[str, ...]
    flags: tuple[HsFlag, ...]

    @property
    def low_confidence(self) -> bool:
        return self.confidence < LOW_CONFIDENCE

    @property
    def restricted(self) -> bool:
        return any(f.code in ("CN-C8", "CN-C15", "inspection", "not-in-data") for f in self.flags)

    def as_dict(self) -> dict:
        return {
            "hs_code": self.hs_code,
            "cn_line": self.cn_line,
            "heading": self.heading,
            "description": self.description,
            "confidence": self.confidence,
            "low_confidence": self.low_confidence,
            "restricted": self.restricted,
            "reasons": list(self.reasons),
            "flags": [{"code": f.code, "message": f.message} for f in self.flags],
        }


_APOSTROPHES = re.compile(r"['’`]")
_WORD = re.compile(r"[a-z0-9]+")


def _singular(word: str) -> str:
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Lower-case, accent-free, singular whole words: 'Rosé Cherries' → rose, cherry."""
    plain = unicodedata.normalize("NFKD", str(text or "")[:MAX_TEXT]).encode("ascii", "ignore").decode()
    plain = _APOSTROPHES.sub("", plain.lower())
    return [_singular(w) for w in _WORD.findall(plain)]


@dataclass(frozen=True, slots=True)
class _Term:
    hs: str
    phrase: str
    weight: float


@cache
def vocabulary() -> dict[tuple[str, ...], tuple[_Term, ...]]:
    index: dict[tuple[str, ...], list[_Term]] = {}
    for row in tariff._read_csv("hs_vocabulary.csv"):
        key = tuple(words(row["term"]))
        if not key or len(key) > MAX_PHRASE:
            raise ValueError(f"hs_vocabulary.csv: the term {row['term']!r} must have 1 to {MAX_PHRASE} words")
        index.setdefault(key, []).append(_Term(row["hs"], " ".join(key), float(row["weight"])))
    return {k: tuple(v) for k, v in index.items()}


def _matches(tokens: list[str]):
    vocab = vocabulary()
    for n in range(1, MAX_PHRASE + 1):
        for i in range(len(tokens) - n + 1):
            yield from vocab.get(tuple(tokens[i : i + n]), ())


def _line_for(hs: str, on: date) -> tariff.TariffLine | None:
    for line in tariff.cn_tariff().get(hs, ()):
        if line.in_force(on):
            return line
    return None


def hs_code_flags(hs_code: str, on: date | None = None) -> tuple[HsFlag, ...]:
    """What stops or slows goods of this code to China: banned by parcel, off the positive list, not in our
    data, inspected on arrival. Empty for a code that clears as CBEC without a hold."""
    on = on or date.today()
    digits = re.sub(r"\D", "", hs_code or "")
    flags = []
    banned = tariff.banned_cn(digits, on) if len(digits) >= 2 else None
    if banned is not None:
        flags.append(
            HsFlag(
                "CN-C15", f"{banned.description}: may not be sent to China by mail, express or CBEC (CN-C15)."
            )
        )
    elif len(digits) >= 6:
        line = tariff.lookup_cn(digits, on)
        if line is None:
            flags.append(
                HsFlag(
                    "not-in-data",
                    f"HS {digits} is not in our China tariff data: no landed price until it is added.",
                )
            )
        elif not line.cbec_list:
            flags.append(
                HsFlag("CN-C8", f"HS {line.hs} is not on the CBEC retail import positive list (CN-C8).")
            )
    kind = INSPECTION_CHAPTERS.get(digits[:2])
    if kind:
        flags.append(
            HsFlag(
                "inspection",
                f"China customs inspects {kind} (HS chapter {digits[:2]}) on arrival: parcels may be held.",
            )
        )
    return tuple(flags)


def cn_line(hs: str) -> str:
    """The 10-digit commodity code a CEB621 declares for a tariff line: its digits, zero-padded."""
    return (hs + "0" * 10)[:10] if len(hs) >= 6 else ""


def suggest_hs_codes(
    title: str,
    description: str = "",
    category_name: str = "",
    category_hs: str = "",
    on: date | None = None,
    limit: int = 3,
) -> list[HsSuggestion]:
    """The `limit` most likely subheadings, best first, each with its confidence and reasons.

    `category_name` is read like the title's words at description weight; `category_hs` (the category's
    usual code) nudges lines of its heading and chapter. An empty list means no word pointed anywhere.
    """
    on = on or date.today()
    scores: dict[str, float] = {}
    evidence: dict[str, dict[str, str]] = {}
    fields = (("title", title, TITLE_WEIGHT), ("description", description, DESCRIPTION_WEIGHT))
    fields += (("category", category_name, DESCRIPTION_WEIGHT),)
    for field, text, factor in fields:
        for term in _matches(words(text)):
            scores[term.hs] = scores.get(term.hs, 0.0) + term.weight * factor
            evidence.setdefault(term.hs, {}).setdefault(term.phrase, field)
    category_digits = re.sub(r"\D", "", category_hs or "")
    if category_digits:
        for hs in scores:
            if hs[:4] == category_digits[:4]:
                scores[hs] += CATEGORY_HEADING_BONUS
            elif hs[:2] == category_digits[:2]:
                scores[hs] += CATEGORY_CHAPTER_BONUS

    # One entry per subheading (an 8-digit line competes with its siblings under the same HS6).
    best: dict[str, tuple[float, str]] = {}
    for hs, score in scores.items():
        key = hs[:6] if len(hs) >= 6 else hs
        if key not in best or score > best[key][0]:
            best[key] = (score, hs)
    ranked = sorted(best.values(), key=lambda item: (-item[0], item[1]))
    if not ranked:
        return []
    top = ranked[0][0]
    runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
    suggestions = []
    for score, hs in ranked[:limit]:
        share = score / (top + runner_up) if score == top else score / (top + score)
        confidence = round(min(1.0, score / CLEAR_SCORE) * share, 2)
        suggestions.append(_suggestion(hs, confidence, evidence[hs], category_digits, on))
    return suggestions


def _suggestion(hs: str, confidence: float, found: dict[str, str], category: str, on: date) -> HsSuggestion:
    reasons = [f"“{phrase}” in the {field}" for phrase, field in found.items()]
    if category and hs[:4] == category[:4]:
        reasons.append(f"the category's usual heading {category[:4]}")
    if len(hs) >= 6:
        line = _line_for(hs, on)
        description = line.description if line else ""
        hs6, line_code = hs[:6], cn_line(hs)
    else:
        banned = tariff.banned_cn(hs, on)
        description = banned.description if banned else ""
        hs6, line_code = "", ""
    flags = list(hs_code_flags(hs, on))
    if confidence < LOW_CONFIDENCE:
        flags.insert(0, HsFlag("low-confidence", "Unsure: check the code or pick another before publishing."))
    return HsSuggestion(hs6, line_code, hs[:4], description, confidence, tuple(reasons), tuple(flags))
