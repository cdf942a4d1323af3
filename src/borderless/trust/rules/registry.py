"""The verified brands prepared for screening: every name in every disguise-proof form, looked up by key."""

from collections import defaultdict
from dataclasses import dataclass

from borderless.trust.rules.facts import BrandFacts, ReferenceProduct
from borderless.trust.rules.text import (
    han_bigrams,
    han_runs,
    latin_words,
    phrase_pinyin,
    skeleton,
    sound,
    toneless_pinyin,
)

# Words of reference product names that say nothing about which product it is.
_PLAIN_WORDS = frozenset(
    ("a", "an", "and", "the", "of", "for", "with", "in", "on", "by", "new", "plus", "set", "size")
    + ("oz", "fl", "ml", "lb", "lbs", "g", "kg", "mg", "mm", "cm", "pack", "count", "ct", "pcs")
)
SHORT_KEY = 3  # names of three letters or fewer (MK, TNF) match only exactly and count for less
PINYIN_KEY = 4  # pinyin shorter than this (an, li) is an everyday syllable, not a brand
PART_KEY = 5  # a word of a longer name counts on its own (Patagonia of Patagonia Outdoor Co.) from 5 letters
# Words that say what kind of company it is, not which one: stripped from the end of a brand's name.
_SUFFIX_WORDS = (
    "co company corp corporation inc incorporated llc ltd limited plc gmbh ag sa srl bv pty "
    "group holdings brands international intl "
)
CORPORATE_SUFFIXES = frozenset(_SUFFIX_WORDS.split())
HAN_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团", "公司", "品牌", "旗舰店")


@dataclass(frozen=True)
class NameKey:
    brand_id: int
    name: str  # as the brand registered it, for the reason's text
    kind: str  # "name" | "alias" | "pinyin" | "part" (a distinctive word or characters of a longer name)
    words: int = 1  # how many words the name is written in, to tell a name split apart (Lu-mora) from it

    @property
    def short(self) -> bool:
        return self.kind != "pinyin" and not han_runs(self.name) and len(compact(self.name)) <= SHORT_KEY


def compact(text: str) -> str:
    return "".join(word.text for word in latin_words(text))


def strip_suffixes(name: str) -> str:
    """The name without what kind of company it is: "Marlow Goods Co." → "Marlow Goods", 青禾公司 → 青禾."""
    words = name.replace("&", " ").split()
    while len(words) > 1 and compact(words[-1]) in CORPORATE_SUFFIXES:
        words.pop()
    stripped = " ".join(words)
    for suffix in HAN_SUFFIXES:
        if stripped.endswith(suffix) and len(stripped) > len(suffix) + 1:
            return stripped[: -len(suffix)]
    return stripped


def _pinyin_of(name_zh: str, given: str) -> set[str]:
    """The toneless pinyin of a Chinese name, joined: as the brand gave it, and as read character by
    character and as a phrase (pypinyin reads 长乐 as chang le; one by one it may read zhang yue)."""
    found = {compact(given)} if given else set()
    for syllables in (toneless_pinyin(name_zh), phrase_pinyin(name_zh)):
        if len(syllables) >= 2:
            found.add("".join(syllables))
    return {p for p in found if len(p) >= PINYIN_KEY}


def context_words(product: ReferenceProduct, brand: BrandFacts) -> frozenset[str]:
    """The words that say which product it is: English words and Chinese character pairs of its names,
    without the brand's own names, units and numbers."""
    brand_words = {w.text for name in (brand.name_en, *brand.aliases) for w in latin_words(name)}
    brand_pairs = set().union(*(han_bigrams(n) for n in (brand.name_zh, *brand.aliases)))
    words = {
        w.text
        for w in latin_words(product.name_en)
        if w.text not in brand_words and w.text not in _PLAIN_WORDS and not w.text.isdigit()
    }
    return frozenset(words | (han_bigrams(product.name_zh) - brand_pairs))


class BrandRegistry:
    """Built once from the verified brands; lookups by exact key, by first letter for near misses, and by
    the sound of the first syllable for Chinese homophones."""

    def __init__(self, brands: list[BrandFacts]):
        self.brands = {brand.id: brand for brand in brands}
        self.latin: dict[str, list[NameKey]] = defaultdict(list)
        self.latin_near: dict[str, list[tuple[str, NameKey]]] = defaultdict(list)
        self.skeletons: dict[str, list[NameKey]] = defaultdict(list)
        self.han_parts: list[tuple[str, NameKey]] = []
        self.han: list[tuple[str, NameKey]] = []
        self.sounds: dict[str, list[tuple[tuple[str, ...], str, NameKey]]] = defaultdict(list)
        self.gtins: dict[str, tuple[int, ReferenceProduct]] = {}
        self.images: list[tuple[int, int, ReferenceProduct]] = []
        self.context: dict[int, list[tuple[ReferenceProduct, frozenset[str]]]] = {}
        self.near_index: dict[str, list[NameKey]] = defaultdict(list)
        for brand in brands:
            self._add(brand)
        self.longest_key = max((len(k) for k in self.latin), default=0)
        self.han_by_first: dict[str, list[tuple[str, NameKey]]] = defaultdict(list)
        for name, key in self.han:
            self.han_by_first[name[0]].append((name, key))
        self.han_parts_by_first: dict[str, list[tuple[str, NameKey]]] = defaultdict(list)
        for part, key in self.han_parts:
            self.han_parts_by_first[part[0]].append((part, key))
        self._near_by_length: dict[tuple[str, int], list[str]] = defaultdict(list)
        for letter, keys in self.latin_near.items():
            for key in dict.fromkeys(k for k, _ in keys):
                self._near_by_length[(letter, len(key))].append(key)
        self._near_cache: dict[tuple[str, int], list[str]] = {}
        for keys in self.latin_near.values():
            for key, name_key in keys:
                if name_key not in self.near_index[key]:
                    self.near_index[key].append(name_key)

    def near_keys(self, letter: str, length: int) -> list[str]:
        """The names beginning or ending with the letter that are at most two letters longer or shorter."""
        found = self._near_cache.get((letter, length))
        if found is None:
            found = [
                k for n in range(length - 2, length + 3) for k in self._near_by_length.get((letter, n), ())
            ]
            self._near_cache[(letter, length)] = found
        return found

    def _add(self, brand: BrandFacts) -> None:
        latin_names = [(brand.name_en, "name")] + [(a, "alias") for a in brand.aliases if not han_runs(a)]
        han_names = [n for n in (brand.name_zh, *(a for a in brand.aliases if han_runs(a))) if n]
        if han_runs(brand.name_en) and brand.name_en not in han_names:
            han_names.append(brand.name_en)  # a Chinese-only mark registered under its characters
        for name, kind in latin_names:
            for form in {name, strip_suffixes(name)}:
                key = compact(form)
                self._add_latin(key, NameKey(brand.id, name, kind, len(latin_words(form))))
            self._add_parts(brand.id, name)
        for name in {strip_suffixes(n) for n in han_names} | set(han_names):
            key = NameKey(brand.id, name, "name" if name == brand.name_zh else "alias")
            self.han.append((name, key))
            sounds = tuple(sound(s) for s in toneless_pinyin(name))
            if len(sounds) >= 2:
                self.sounds[sounds[0]].append((sounds, name, key))
            given = brand.name_pinyin if name == brand.name_zh else ""
            for pinyin in _pinyin_of(name, given):
                if pinyin not in self.latin or all(k.brand_id != brand.id for k in self.latin[pinyin]):
                    self.latin[pinyin].append(NameKey(brand.id, pinyin, "pinyin"))
            self._add_han_parts(brand.id, name)
        for product in brand.products:
            for gtin in product.gtins:
                self.gtins[gtin] = (brand.id, product)
            for image_hash in product.image_hashes:
                self.images.append((image_hash, brand.id, product))
        self.context[brand.id] = [(p, context_words(p, brand)) for p in brand.products]

    def _add_latin(self, key: str, name_key: NameKey) -> None:
        if not key or any(k.brand_id == name_key.brand_id for k in self.latin.get(key, ())):
            return
        self.latin[key].append(name_key)
        self.skeletons[skeleton(key)].append(name_key)
        if len(key) > SHORT_KEY:
            # Indexed by first and by last letter: one or two edits rarely change both.
            self.latin_near[key[0]].append((key, name_key))
            if key[-1] != key[0]:
                self.latin_near[key[-1]].append((key, name_key))

    def _add_parts(self, brand_id: int, name: str) -> None:
        """The leading word of a name of several words stands for the brand when it is distinctive: Marlow
        of Marlow Goods Co., Pinecrest of Pinecrest Outfitters. The words after it say what the business
        sells (Goods, Outfitters, Ginseng), and an everyday leading word (Blue, Iron, North) is no name."""
        from borderless.trust.rules.names import is_common_word

        words = [w.text for w in latin_words(strip_suffixes(name)) if w.text != "the"]
        if len(words) < 2:
            return
        word = words[0]
        if len(word) >= PART_KEY and not is_common_word(word) and word not in self.latin:
            self._add_latin(word, NameKey(brand_id, name, "part"))

    def _add_han_parts(self, brand_id: int, name: str) -> None:
        """Two or more characters of a Chinese name of three or more (兰黛 of 雅诗兰黛), unless they are an
        everyday word."""
        from borderless.trust.rules.names import ordinary_chinese_words

        if len(name) < 3 or not han_runs(name) or len(han_runs(name)[0]) != len(name):
            return
        for size in range(2, len(name)):
            for start in range(len(name) - size + 1):
                part = name[start : start + size]
                if part not in ordinary_chinese_words():
                    self.han_parts.append((part, NameKey(brand_id, name, "part")))
