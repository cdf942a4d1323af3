"""Where a listing names a brand: plainly, misspelt, spaced out, in look-alike letters or digits, in pinyin,
in part, or in Chinese characters that sound the same; and whether it says it is a copy of it."""

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from borderless.trust.rules.registry import BrandRegistry, NameKey, compact, strip_suffixes
from borderless.trust.rules.text import Word, char_sound, han_runs, han_text, latin_words, skeleton

MAX_WORDS = 6  # a name is at most four words (The North Face), or split into a few more pieces (Lu-mo-ra)
MIN_NEAR = 4  # a word shorter than this is never read as a misspelt name
COMMON_WORD = 3.0  # Zipf frequency: a word this common (couch, colombia) is itself, not a misspelt brand
_COMPATIBILITY = frozenset(
    {"fits", "fit", "compatible", "compatibility", "replacement", "for", "适配", "适用", "兼容", "用于"}
)
# What an accessory is: a listing that names a brand as what it fits must say it is one of these.
_ACCESSORY_WORDS = (
    "case cases cover covers strap straps band bands lid lids straw straws charger chargers "
    "cable cables adapter adapters replacement refill refills filter filters protector "
    "protectors holder holders mount sleeve sleeves skin skins stand dock battery batteries "
    "part parts pad pads tip tips insert inserts insole insoles laces lace hook hooks "
    "organizer organiser bumper boot gasket seal cartridge cartridges accessory accessories "
    "spare handle handles wrap decal decals sticker stickers pouch pouches kit "
)
_ACCESSORIES = frozenset(_ACCESSORY_WORDS.split())
_ACCESSORY_WORDS_ZH = (
    "壳 保护套 套 充电器 充电线 数据线 表带 配件 替换 滤芯 贴膜 盖 支架 "
    "刷头 鞋垫 鞋带 电池 收纳 挂钩 吸管 手柄 贴纸"
)
_ACCESSORIES_ZH = tuple(_ACCESSORY_WORDS_ZH.split())
# Words beside a name that say the listing is a copy of it ("Lumora-style", "inspired by Lumora", 露摩拉同款).
_COPY_AFTER_WORDS = (
    "style styled inspired type like alike lookalike look-alike alternative alternatives dupe "
    "dupes version copy replica similar equivalent "
)
_COPY_AFTER = frozenset(_COPY_AFTER_WORDS.split())
_COPY_BEFORE_WORDS = "inspired like similar alternative dupe not non fake imitation imitating "
_COPY_BEFORE = frozenset(_COPY_BEFORE_WORDS.split())
_COPY_AFTER_ZH = ("同款", "平替", "风格", "替代", "类似", "仿", "款式", "代替", "风")
_COPY_BEFORE_ZH = ("仿", "类似", "媲美", "平替", "非", "不是", "替代", "高仿", "代替")
_COMPATIBLE_WORDS = frozenset({"compatible", "compatibility", "兼容", "适配", "适用"})


@dataclass(frozen=True)
class NameMatch:
    key: NameKey
    place: str  # "brand" (the listing's brand field is the name), "title", "description"
    written: str  # as the listing wrote it
    disguise: str  # "" or how it was disguised
    compatibility: bool = False  # "fits YETI Rambler": naming a brand to say what an accessory fits
    copy_words: str = ""  # "" or the words beside the name that call the listing a copy ("-style")


@lru_cache(maxsize=50000)
def is_common_word(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= COMMON_WORD


class _ChineseWords:
    """The words of jieba's dictionary. Its table also holds every prefix of a word, with a count of 0:
    铁合 (of 铁合金) is no word."""

    def __init__(self, counts: dict):
        self._counts = counts

    def __contains__(self, word: str) -> bool:
        return self._counts.get(word, 0) > 0


@lru_cache(maxsize=1)
def ordinary_chinese_words() -> _ChineseWords:
    import jieba

    jieba.setLogLevel(60)
    jieba.dt.check_initialized()
    return _ChineseWords(jieba.dt.FREQ)


def _near_key(gram: str, registry: BrandRegistry) -> NameKey | None:
    """The registered name a word is one or two edits from: one for names up to eight letters, two from
    nine; the word's first or last letter is the name's."""
    if len(gram) < MIN_NEAR or len(gram) > registry.longest_key + 2:
        return None
    seen = set()
    for letter in {gram[0], gram[-1]}:
        bucket = registry.near_keys(letter, len(gram))
        if not bucket:
            continue
        for key, distance, _ in process.extract(gram, bucket, scorer=OSA.distance, score_cutoff=2, limit=8):
            if key in seen:
                continue
            seen.add(key)
            allowed = 1 if len(key) <= 8 else 2
            if distance <= allowed and abs(len(key) - len(gram)) <= allowed:
                name_key = next((k for k in registry.near_index[key] if k.kind != "pinyin"), None)
                if name_key:
                    return name_key
    return None


def _one_word_misspelt(chunk: list[Word], registry: BrandRegistry) -> NameKey | None:
    """Everyday words only (Iron Cane) are a misspelt name only if all but one are the name's own words and
    that one is a single edit from its word (Iron Crane); "iron frame" is no Iron Crane."""
    near = _near_key("".join(w.text for w in chunk), registry)
    if not near:
        return None
    own = [w.text for w in latin_words(strip_suffixes(near.name))]
    if len(own) != len(chunk):
        return None
    differing = [(w.text, o) for w, o in zip(chunk, own, strict=True) if w.text != o]
    if len(differing) == 1 and OSA.distance(*differing[0]) == 1:
        return near
    return None


def _lookup(
    chunk: list[Word], chunk_key: tuple[int, ...], registry: BrandRegistry, memo: dict
) -> list[tuple[NameKey, str]]:
    remembered = memo.get(chunk_key)
    if remembered is not None:
        return remembered
    gram = "".join(w.text for w in chunk)
    worded = next((w.disguise for w in chunk if w.disguise), "")
    common = all(is_common_word(w.text) for w in chunk)
    forms = [(gram, "")]
    for reading in range(max((len(w.readings) for w in chunk), default=0)):
        written = "".join(
            w.readings[min(reading, len(w.readings) - 1)] if w.readings else w.text for w in chunk
        )
        forms.append((written, "digits for letters" if reading == 0 else "pinyin with tone numbers"))
    # Exact names first in every reading, then look-alike skeletons, then near misses.
    for form, how in forms:
        keys = registry.latin.get(form)
        if keys:
            return _remember(memo, chunk_key, [(key, _how_named(key, chunk, worded, how)) for key in keys])
    for form, how in forms:
        keys = registry.skeletons.get(skeleton(form))
        if keys and (how or worded or not common):
            found = [(k, worded or how or "look-alike letters") for k in keys if k.kind != "pinyin"]
            if found:
                return _remember(memo, chunk_key, found)
    for form, how in reversed(forms):  # "tamberl1" is Tamberly in digits before it is misspelt
        if len(form) <= 3 or how == "pinyin with tone numbers":
            continue
        if common and not how:
            near = _one_word_misspelt(chunk, registry) if len(chunk) > 1 else None
        else:
            near = _near_key(form, registry)
        if near:
            return _remember(memo, chunk_key, [(near, worded or how or "misspelt")])
    return _remember(memo, chunk_key, [])


def _remember(memo: dict, chunk_key: tuple[int, ...], found: list) -> list:
    memo[chunk_key] = found
    return found


def _how_named(key: NameKey, chunk: list[Word], worded: str, how: str) -> str:
    if key.kind == "pinyin":
        return how if how.startswith("pinyin") else (worded or "pinyin")
    if key.kind == "part":
        return worded or how or "part of the name"
    split = len(chunk) > key.words and not worded
    return worded or how or ("split name" if split else "")


def _latin_matches(
    text: str, place: str, registry: BrandRegistry, accessory: bool, memo: dict
) -> list[NameMatch]:
    words = latin_words(text)
    # Each distinct word numbered once, so a run of words is remembered by its numbers.
    numbers = memo.setdefault("words", {})
    ids = [numbers.setdefault(w, len(numbers)) for w in words]
    matches = []
    for start in range(len(words)):
        letters = 0
        for size in range(1, min(MAX_WORDS, len(words) - start) + 1):
            word = words[start + size - 1]
            letters += min((len(r) for r in word.readings), default=len(word.text))
            if letters > registry.longest_key + 2:
                break
            chunk = words[start : start + size]
            found = _lookup(chunk, tuple(ids[start : start + size]), registry, memo)
            if not found:
                continue
            before = [w.text for w in words[max(0, start - 3) : start]]
            after = [w.text for w in words[start + size : start + size + 1]]
            fitted = bool(set(before) & _COMPATIBILITY)
            whole = place == "brand" and size == len(words)
            written = text.strip() if whole else " ".join(w.raw or w.text for w in chunk)
            copy = _copy_words_latin(before, written, after, fitted and not accessory)
            for key, how in found:
                matches.append(
                    NameMatch(
                        key,
                        "brand" if whole else ("title" if place == "brand" else place),
                        written,
                        how,
                        compatibility=fitted and accessory and not copy,
                        copy_words=copy,
                    )
                )
    return matches


def _copy_words_latin(
    before: list[str], written: str, after: list[str], compatible_not_accessory: bool
) -> str:
    """The words beside the name that call the listing a copy, with the name: "tamberly style",
    "inspired by tamberly", "compatible with tamberly" (on a listing that is no accessory); or ""."""
    if after and after[0] in _COPY_AFTER:
        return f"{written} {after[0]}"
    for at in range(len(before) - 1, max(-1, len(before) - 3), -1):
        if before[at] in _COPY_BEFORE:
            return " ".join([*before[at:], written])
    if compatible_not_accessory:
        at = next((i for i, w in enumerate(before) if w in _COMPATIBLE_WORDS), None)
        if at is not None:
            return " ".join([*before[at:], written])
    return ""


def _copy_words_han(joined: str, at: int, end: int, compatible_not_accessory: bool) -> str:
    after = joined[end : end + 2]
    before = joined[max(0, at - 2) : at]
    name = joined[at:end]
    for word in _COPY_AFTER_ZH:
        if after.startswith(word):
            return f"{name}{word}"
    for word in _COPY_BEFORE_ZH:
        if before.endswith(word):
            return f"{word}{name}"
    if compatible_not_accessory:
        said = next((w for w in _COMPATIBLE_WORDS if w in joined[max(0, at - 24) : at]), None)
        if said:
            return f"{said}…{name}"
    return ""


def _occurrences(text: str, by_first: dict, most: int = 5) -> list[tuple[int, str, NameKey]]:
    """Where the Chinese names (indexed by their first character) occur, each at most `most` times."""
    found, seen = [], {}
    for at, char in enumerate(text):
        for name, key in by_first.get(char, ()):
            if text.startswith(name, at) and seen.get((name, key), 0) < most:
                seen[(name, key)] = seen.get((name, key), 0) + 1
                found.append((at, name, key))
    return found


def _han_matches(text: str, place: str, registry: BrandRegistry, accessory: bool) -> list[NameMatch]:
    joined, gaps_removed = han_text(text)
    if not han_runs(joined):
        return []
    matches = []
    where = "title" if place == "brand" else place
    named = set()

    def add(key, at, end, written, how):
        before = joined[max(0, at - 24) : at]
        compat = any(word in before[-4:] for word in _COMPATIBILITY) or bool(
            set(_ACCESSORY_WORD.findall(before.lower())[-3:]) & _COMPATIBILITY
        )
        copy = _copy_words_han(joined, at, end, compat and not accessory)
        whole = place == "brand" and joined.strip() == written
        matches.append(
            NameMatch(key, "brand" if whole else where, written, how, compat and accessory and not copy, copy)
        )

    for at, name, key in _occurrences(joined, registry.han_by_first):
        named.add(key.brand_id)
        spaced = gaps_removed and name not in text
        add(key, at, at + len(name), name, "spaced characters" if spaced else "")
    parts_found = set()
    for at, part, key in _occurrences(joined, registry.han_parts_by_first):
        if key.brand_id not in named and key.brand_id not in parts_found:
            parts_found.add(key.brand_id)
            add(key, at, at + len(part), part, "part of the name")
    for run in han_runs(joined):
        sounds = [char_sound(c) for c in run]
        for i, first in enumerate(sounds):
            for wanted, name, key in registry.sounds.get(first, ()):
                window = run[i : i + len(wanted)]
                if tuple(sounds[i : i + len(wanted)]) != wanted or window == name:
                    continue
                if window in ordinary_chinese_words():
                    continue  # 背面 sounds like 北面 but is an everyday word
                at = joined.find(window)
                add(key, at, at + len(window), window, "homophone characters")
    return matches


_ACCESSORY_WORD = re.compile(r"[a-z]+")


def _names_an_accessory(text: str) -> bool:
    lowered = text.lower()
    if set(_ACCESSORY_WORD.findall(lowered)) & _ACCESSORIES:
        return True
    return any(word in text for word in _ACCESSORIES_ZH)


def find_names(places: dict[str, str], registry: BrandRegistry) -> list[NameMatch]:
    """Every brand name found in the listing's brand field, title and description. A brand named as what an
    accessory fits anywhere in a place (title, say, in either language) is named so throughout that place;
    "compatible with" a brand on a listing that is no accessory is a copy's disclaimer."""
    matches = []
    accessory = _names_an_accessory(places.get("title", "") + " " + places.get("brand", ""))
    memo: dict = {}  # what each run of words was found to name, for all places
    for place, text in places.items():
        if not text:
            continue
        found = _latin_matches(text, place, registry, accessory, memo) + _han_matches(
            text, place, registry, accessory
        )
        fitted = {m.key.brand_id for m in found if m.compatibility}
        matches += [
            replace(m, compatibility=True) if m.key.brand_id in fitted and not m.copy_words else m
            for m in found
        ]
    return matches


__all__ = ["NameMatch", "compact", "find_names"]
