"""Where a listing names a brand: plainly, misspelt, spaced out, in look-alike letters, in pinyin, or in
Chinese characters that sound the same."""

from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz.distance import OSA

from borderless.trust.rules.registry import BrandRegistry, NameKey, compact
from borderless.trust.rules.text import Word, han_runs, han_text, latin_words, sound, syllable

MAX_WORDS = 4  # a brand name is at most four words long (The North Face, Michael Michael Kors)
COMMON_WORD = 3.0  # Zipf frequency: a word this common (couch, colombia) is itself, not a misspelt brand
_COMPATIBILITY = frozenset(
    {"fits", "fit", "compatible", "compatibility", "replacement", "适配", "适用", "兼容"}
)


@dataclass(frozen=True)
class NameMatch:
    key: NameKey
    place: str  # "brand" (the listing's brand field is the name), "title", "description"
    written: str  # as the listing wrote it
    disguise: str  # "" or how it was disguised
    compatibility: bool = False  # "fits YETI Rambler": naming a brand to say what an accessory fits


@lru_cache(maxsize=50000)
def is_common_word(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= COMMON_WORD


@lru_cache(maxsize=1)
def _ordinary_chinese_words() -> dict:
    import jieba

    jieba.setLogLevel(60)
    jieba.dt.check_initialized()
    return jieba.dt.FREQ


def _near_key(gram: str, words: list[Word], registry: BrandRegistry) -> tuple[str, NameKey] | None:
    if len(gram) < 4 or all(is_common_word(w.text) for w in words):
        return None
    for key, name_key in registry.latin_near.get(gram[0], ()):
        if name_key.kind == "pinyin":
            continue
        allowed = 1 if len(key) <= 7 else 2
        if abs(len(key) - len(gram)) <= allowed and OSA.distance(gram, key, score_cutoff=allowed) <= allowed:
            return key, name_key
    return None


def _latin_matches(text: str, place: str, registry: BrandRegistry) -> list[NameMatch]:
    words = latin_words(text)
    matches = []
    for start in range(len(words)):
        for size in range(1, min(MAX_WORDS, len(words) - start) + 1):
            chunk = words[start : start + size]
            gram = "".join(w.text for w in chunk)
            disguise = next((w.disguise for w in chunk if w.disguise), "")
            keys = registry.latin.get(gram)
            if keys:
                found = [(k, disguise or ("pinyin" if k.kind == "pinyin" else "")) for k in keys]
            else:
                near = _near_key(gram, chunk, registry)
                found = [(near[1], disguise or "misspelt")] if near else []
            before = {w.text for w in words[max(0, start - 3) : start]}
            whole = place == "brand" and size == len(words)
            for key, how in found:
                matches.append(
                    NameMatch(
                        key,
                        "brand" if whole else ("title" if place == "brand" else place),
                        text.strip() if whole else " ".join(w.text for w in chunk),
                        how,
                        compatibility=bool(before & _COMPATIBILITY),
                    )
                )
    return matches


def _han_matches(text: str, place: str, registry: BrandRegistry) -> list[NameMatch]:
    joined, gaps_removed = han_text(text)
    if not han_runs(joined):
        return []
    matches = []
    for name, key in registry.han:
        at = joined.find(name)
        if at >= 0:
            spaced = gaps_removed and name not in text
            whole = place == "brand" and joined.strip() == name
            compat = any(word in joined[max(0, at - 4) : at] for word in _COMPATIBILITY)
            where = "brand" if whole else ("title" if place == "brand" else place)
            matches.append(NameMatch(key, where, name, "spaced characters" if spaced else "", compat))
    for run in han_runs(joined):
        sounds = [sound(syllable(c)) for c in run]
        for i, first in enumerate(sounds):
            for wanted, name, key in registry.sounds.get(first, ()):
                window = run[i : i + len(wanted)]
                if tuple(sounds[i : i + len(wanted)]) != wanted or window == name:
                    continue
                if window in _ordinary_chinese_words():
                    continue  # 背面 sounds like 北面 but is an everyday word
                where = "title" if place == "brand" else place
                matches.append(NameMatch(key, where, window, "homophone characters"))
    return matches


def find_names(places: dict[str, str], registry: BrandRegistry) -> list[NameMatch]:
    """Every brand name found in the listing's brand field, title and description. A brand named as what an
    accessory fits anywhere in a place (title, say, in either language) is named so throughout that place."""
    matches = []
    for place, text in places.items():
        if not text:
            continue
        found = _latin_matches(text, place, registry) + _han_matches(text, place, registry)
        fitted = {m.key.brand_id for m in found if m.compatibility}
        matches += [replace(m, compatibility=True) if m.key.brand_id in fitted else m for m in found]
    return matches


__all__ = ["NameMatch", "compact", "find_names"]
