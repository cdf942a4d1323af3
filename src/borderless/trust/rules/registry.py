"""The verified brands prepared for screening: every name in every disguise-proof form, looked up by key."""

from collections import defaultdict
from dataclasses import dataclass

from borderless.trust.rules.facts import BrandFacts, ReferenceProduct
from borderless.trust.rules.text import han_bigrams, han_runs, latin_words, sound, toneless_pinyin

# Words of reference product names that say nothing about which product it is.
_PLAIN_WORDS = frozenset(
    ("a", "an", "and", "the", "of", "for", "with", "in", "on", "by", "new", "plus", "set", "size")
    + ("oz", "fl", "ml", "lb", "lbs", "g", "kg", "mg", "mm", "cm", "pack", "count", "ct", "pcs")
)
SHORT_KEY = 3  # names of three letters or fewer (MK, TNF) match only exactly and count for less


@dataclass(frozen=True)
class NameKey:
    brand_id: int
    name: str  # as the brand registered it, for the reason's text
    kind: str  # "name" | "alias" | "pinyin"

    @property
    def short(self) -> bool:
        return self.kind != "pinyin" and not han_runs(self.name) and len(compact(self.name)) <= SHORT_KEY


def compact(text: str) -> str:
    return "".join(word.text for word in latin_words(text))


def _pinyin_of(name_zh: str, given: str) -> str:
    if given:
        return compact(given)
    syllables = toneless_pinyin(name_zh)
    return "".join(syllables) if len(syllables) >= 2 else ""


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
        self.han: list[tuple[str, NameKey]] = []
        self.sounds: dict[str, list[tuple[tuple[str, ...], str, NameKey]]] = defaultdict(list)
        self.gtins: dict[str, tuple[int, ReferenceProduct]] = {}
        self.images: list[tuple[int, int, ReferenceProduct]] = []
        self.context: dict[int, list[tuple[ReferenceProduct, frozenset[str]]]] = {}
        for brand in brands:
            self._add(brand)

    def _add(self, brand: BrandFacts) -> None:
        latin_names = [(brand.name_en, "name")] + [(a, "alias") for a in brand.aliases if not han_runs(a)]
        han_names = [n for n in (brand.name_zh, *(a for a in brand.aliases if han_runs(a))) if n]
        for name, kind in latin_names:
            self._add_latin(compact(name), NameKey(brand.id, name, kind))
        for name in han_names:
            key = NameKey(brand.id, name, "name" if name == brand.name_zh else "alias")
            self.han.append((name, key))
            sounds = tuple(sound(s) for s in toneless_pinyin(name))
            if len(sounds) >= 2:
                self.sounds[sounds[0]].append((sounds, name, key))
            pinyin = _pinyin_of(name, brand.name_pinyin if name == brand.name_zh else "")
            if len(pinyin) >= 5:
                self.latin[pinyin].append(NameKey(brand.id, pinyin, "pinyin"))
        for product in brand.products:
            for gtin in product.gtins:
                self.gtins[gtin] = (brand.id, product)
            for image_hash in product.image_hashes:
                self.images.append((image_hash, brand.id, product))
        self.context[brand.id] = [(p, context_words(p, brand)) for p in brand.products]

    def _add_latin(self, key: str, name_key: NameKey) -> None:
        if not key:
            return
        self.latin[key].append(name_key)
        if len(key) > SHORT_KEY:
            self.latin_near[key[0]].append((key, name_key))
