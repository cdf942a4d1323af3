"""Whether a review may be published at once or waits for an operator: plain rules over its text.

A review is held when it offers or mentions an incentive for reviewing (rebates, coupons, 好评返现: reviews
may not be bought) or when the listing screening's fake-signal words score HOLD_POINTS or more in it
(replicas, 高仿, 一比一 …; the same word list and folding as trust's listing screening).
"""

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from borderless.trust.rules.signals import fake_signal_words
from borderless.trust.rules.text import han_text

INCENTIVE_FILE = Path(__file__).resolve().parent / "data" / "incentive_terms.txt"
HOLD_POINTS = 20  # "replica" alone is 20, 高仿 40; "同款" 25 holds too: an operator reads it, buyers wait


@lru_cache(maxsize=1)
def incentive_terms() -> tuple[tuple[re.Pattern, str], ...]:
    terms = []
    for line in INCENTIVE_FILE.read_text(encoding="utf-8").splitlines():
        term = line.strip().lower()
        if not term or term.startswith("#"):
            continue
        pattern = re.escape(term)
        if term.isascii():
            pattern = rf"(?<![a-z0-9]){pattern}(?![a-z0-9])"
        terms.append((re.compile(pattern), term))
    return tuple(terms)


def held_reasons(text: str) -> list[str]:
    """Why a review's text must wait for an operator; empty when it may be published at once."""
    joined, _ = han_text(unicodedata.normalize("NFKC", text).lower())
    reasons = [f"incentive: “{term}”" for pattern, term in incentive_terms() if pattern.search(joined)]
    signals = fake_signal_words(text)
    if sum(r.points for r in signals) >= HOLD_POINTS:
        reasons += [f"counterfeit signal: {r.detail.removeprefix('The listing says ')}" for r in signals]
    return reasons
