"""The built-in offline translator: English listing text to Chinese from the trade glossary.

The vocabulary is the search glossary (`search/data/glossary.txt`): each English term of a synonym group
translates to the group's first Chinese term, and lines `english => 中文` (translation only, search skips
them) say what a phrase becomes where the group's first term would not read right. Quantities and units
("12 oz", "500 ml", "pack of 6"), grades and stages are patterns. A title keeps the English word order,
which is the Chinese order for the modifier-noun phrases of product titles ("Organic Wildflower Honey" →
"有机野花蜂蜜"); function words ("and", "with", "for") are dropped, commas become spaces. Words it does not
know (brands, names) stay as they are, and are reported.
"""

import hashlib
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from borderless.search.glossary import GLOSSARY_FILE
from borderless.translation.providers import Translation

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SCRIPT = re.compile(r"<(script|style)\b.*?(</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]{0,500}>")
_LATIN = "A-Za-z\u00c0-\u024f"
_TOKEN = re.compile(
    rf"\d+(?:[.,]\d+)*%?|[{_LATIN}][{_LATIN}\d'’]*|[\u3400-\u9fff\uf900-\ufaff]+|[^\s{_LATIN}\d]"
)
_WORD = re.compile(rf"[{_LATIN}]")
# what may follow a hyphen inside a phrase: "wild-simulated", "omega-3"
_JOINED = re.compile(rf"[{_LATIN}\d]")
SUFFIXES = {"dried": "干", "sun-dried": "干"}  # "Dried Tart Cherries" → "酸樱桃干": after the noun phrase
_SENTENCE = re.compile(r"(?<=[.!?])\s+")

STOPWORDS = frozenset(
    ("a", "an", "and", "the", "of", "with", "for", "in", "on", "by", "to", "from", "our", "your", "its", "it")
    + ("is", "are", "this", "that", "at", "as", "or")
)
UNITS = {
    "oz": "盎司",
    "ounce": "盎司",
    "ounces": "盎司",
    "fl oz": "液量盎司",
    "floz": "液量盎司",
    "lb": "磅",
    "lbs": "磅",
    "pound": "磅",
    "pounds": "磅",
    "g": "克",
    "gram": "克",
    "grams": "克",
    "kg": "千克",
    "ml": "毫升",
    "l": "升",
    "liter": "升",
    "litre": "升",
    "liters": "升",
    "litres": "升",
    "ct": "粒",
    "count": "粒",
    "capsule": "粒胶囊",
    "capsules": "粒胶囊",
    "softgel": "粒软胶囊",
    "softgels": "粒软胶囊",
    "tablet": "片",
    "tablets": "片",
    "gummy": "粒软糖",
    "gummies": "粒软糖",
    "bag": "袋",
    "bags": "袋",
    "piece": "件",
    "pieces": "件",
    "pcs": "件",
    "pc": "件",
    "in": "英寸",
    "inch": "英寸",
    "inches": "英寸",
    "ft": "英尺",
    "cm": "厘米",
    "mm": "毫米",
    "sheets": "张",
    "books": "本",
    "months": "个月",
    "month": "个月",
    "years": "年",
    "year": "年",
    "mg": "毫克",
    "mcg": "微克",
    "iu": "IU",
    "quart": "夸脱",
    "quarts": "夸脱",
    "gallon": "加仑",
    "gallons": "加仑",
    "person": "人",
    "people": "人",
    "players": "人",
    "pages": "页",
    "arches": "片",
    "tea bags": "包",
}
# "pack of 6", "set of 10", "case of 12", "box of 20" → "6件装"
GROUPINGS = {"pack": "件装", "set": "本套装", "case": "瓶装", "box": "盒装", "bundle": "件装", "lot": "件装"}
ORDINALS = {"stage": "段", "level": "级", "size": "号", "step": "步"}


@dataclass(frozen=True)
class Vocabulary:
    phrases: dict[tuple[str, ...], str]
    longest: int
    version: str


def read_translations(text: str) -> dict[str, str]:
    """English term → Chinese, from the glossary's text: a group's first Chinese term for each of its English
    terms (the first group naming a term wins), then the `english => 中文` lines over them."""
    found: dict[str, str] = {}
    explicit: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if "=>" in line:
            english, _, chinese = line.partition("=>")
            for term in english.split("|"):
                if term.strip() and chinese.strip():
                    explicit[term.strip().lower()] = chinese.strip()
            continue
        terms = [t.strip() for t in line.split("/") if t.strip()]
        chinese = next((t for t in terms if _HAN.search(t)), None)
        if chinese is None:
            continue
        for term in terms:
            if not _HAN.search(term):
                found.setdefault(term.lower(), chinese)
    found.update(explicit)
    return found


@cache
def _glossary_text() -> str:
    return resources.files("borderless.search").joinpath("data", GLOSSARY_FILE).read_text("utf-8")


@cache
def trade_glossary() -> dict[str, str]:
    """The trade's vocabulary as English → Chinese pairs (what an external provider's glossary gets)."""
    return read_translations(_glossary_text())


def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[\s\-]+", text.lower().replace("’", "'")) if w)


@cache
def vocabulary() -> Vocabulary:
    phrases: dict[tuple[str, ...], str] = {}
    for english, chinese in trade_glossary().items():
        if words := _words(english):
            phrases[words] = chinese
    version = hashlib.sha256(_glossary_text().encode()).hexdigest()[:12]
    return Vocabulary(phrases, max((len(p) for p in phrases), default=1), version)


def with_terms(table: Vocabulary, glossary: Mapping[str, str]) -> Vocabulary:
    """The vocabulary with the caller's own terms over it (a listing's brand name kept as it is written);
    the trade glossary's own entries change nothing."""
    extra = {}
    for english, chinese in glossary.items():
        words = _words(english)
        if words and table.phrases.get(words) != chinese:
            extra[words] = chinese
    if not extra:
        return table
    longest = max(table.longest, *(len(w) for w in extra))
    return Vocabulary({**table.phrases, **extra}, longest, table.version)


def plain_text(text: str) -> str:
    """The text without HTML: scripts and styles dropped whole, tags removed, entities decoded."""
    text = _SCRIPT.sub(" ", text or "")
    text = _TAG.sub(" ", text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def _singular(word: str) -> list[str]:
    forms = []
    if word.endswith("ies") and len(word) > 4:
        forms.append(word[:-3] + "y")
    if word.endswith("es") and len(word) > 3:
        forms.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss") and len(word) > 2:
        forms.append(word[:-1])
    if word.endswith("'s"):
        forms.append(word[:-2])
    return forms


class _Title:
    """The pieces of the Chinese text being built: Chinese runs join directly, anything else with a space,
    and a comma or dash of the English forces a space."""

    def __init__(self) -> None:
        self.pieces: list[str] = []

    def add(self, piece: str) -> None:
        if piece and not (piece == " " and (not self.pieces or self.pieces[-1] == " ")):
            self.pieces.append(piece)

    def text(self) -> str:
        out = ""
        for piece in self.pieces:
            if piece == " ":
                out = out.rstrip() + " "
            elif out and not out.endswith(" ") and not (_HAN.match(piece) and _HAN.match(out[-1])):
                out += " " + piece
            else:
                out += piece
        return out.strip()


class GlossaryTranslator:
    """The embedded default provider: offline, deterministic, about 10 µs a title."""

    name = "glossary"

    @property
    def memory_key(self) -> str:
        return f"glossary:{vocabulary().version}"

    def translate(
        self, texts: Sequence[str], source: str, target: str, glossary: Mapping[str, str] | None = None
    ) -> list[Translation]:
        if not (source.lower().startswith("en") and target.lower().startswith("zh")):
            raise ValueError("The built-in translator translates English to Chinese only.")
        table = with_terms(vocabulary(), glossary or {})
        return [self.translate_text(text, table) for text in texts]

    def translate_text(self, text: str, table: Vocabulary | None = None) -> Translation:
        text = plain_text(text)
        if not text:
            return Translation("")
        sentences = [s for s in _SENTENCE.split(text) if s.strip()]
        if len(sentences) > 1 or len(text) > 200:
            return self._describe(sentences, table)
        return self.translate_title(text, table)

    def translate_title(self, text: str, table: Vocabulary | None = None) -> Translation:
        tokens = _TOKEN.findall(plain_text(text))
        table = table or vocabulary()
        out = _Title()
        unknown: list[str] = []
        suffix = ""  # written after the noun phrase it belongs to ends
        in_phrase = False
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if suffix and in_phrase and not self._phrase(tokens, i, table):
                if not out.pieces[-1].endswith(suffix):
                    out.pieces[-1] += suffix
                suffix, in_phrase = "", False
            low = token.lower().replace("’", "'")
            nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
            # a number and its unit: "12 oz", "500ml" (tokenised apart), "6-pack", "fl oz"
            if re.fullmatch(r"\d+(?:[.,]\d+)*%?", token):
                step, piece = self._quantity(tokens, i)
                out.add(piece)
                i += step
                continue
            if low in GROUPINGS and nxt == "of" and i + 2 < len(tokens) and tokens[i + 2].isdigit():
                out.add(f"{tokens[i + 2]}{GROUPINGS[low]}")
                i += 3
                continue
            if low == "ages" and nxt.isdigit():  # "ages 3-7" → "适合3-7岁", "ages 3+" → "适合3岁以上"
                step, piece = self._quantity(tokens, i + 1)
                plus = i + 1 + step < len(tokens) and tokens[i + 1 + step] == "+"
                out.add(f"适合{piece}岁{'以上' if plus else ''}" if piece[-1:].isdigit() else f"适合{piece}")
                i += 1 + step + plus
                continue
            if token in "-–" and nxt[:1].isdigit() and (i == 0 or tokens[i - 1] in "/,(;"):  # "-7 °C"
                step, piece = self._quantity(tokens, i + 1)
                out.add(f"-{piece}")
                i += 1 + step
                continue
            if low in ORDINALS and nxt.isdigit():
                out.add(f"{nxt}{ORDINALS[low]}")
                i += 2
                continue
            if _HAN.search(token):
                out.add(token)
                i += 1
                continue
            if not _WORD.match(token):
                if token in ",;:|/·•()[]" or token in "-–—":
                    out.add(" ")
                elif token in "&+":
                    out.add("和")
                i += 1
                continue
            if (
                low in SUFFIXES
                and i + 1 < len(tokens)
                and _WORD.match(tokens[i + 1])
                and (not (matched := self._phrase(tokens, i, table)) or matched[0] == 1)
            ):
                suffix, in_phrase = SUFFIXES[low], False
                i += 1
                continue
            matched = self._phrase(tokens, i, table)
            if matched:
                length, chinese = matched
                out.add(chinese)
                in_phrase = bool(suffix)
                i += length
                continue
            if low in STOPWORDS:
                i += 1
                continue
            out.add(token)
            if token not in unknown:
                unknown.append(token)
            i += 1
        if suffix and in_phrase and not out.pieces[-1].endswith(suffix):
            out.pieces[-1] += suffix
        return Translation(out.text(), tuple(unknown))

    def _phrase(self, tokens: list[str], i: int, table: Vocabulary) -> tuple[int, str] | None:
        """The longest glossary phrase starting at token i (hyphens inside it are skipped): tokens used and
        its Chinese."""
        words: list[str] = []
        ends: list[int] = []  # tokens consumed when the phrase is words[: k + 1]
        j = i
        while j < len(tokens) and len(words) < table.longest:
            token = tokens[j]
            if token == "-" and words and j + 1 < len(tokens) and _JOINED.match(tokens[j + 1]):
                j += 1
                continue
            if not _WORD.match(token) and not (tokens[j - 1] == "-" and token.isdigit()):
                break
            words.append(token.lower().replace("’", "'"))
            j += 1
            ends.append(j - i)
        for n in range(len(words), 0, -1):
            phrase = tuple(words[:n])
            found = table.phrases.get(phrase)
            if found is None:
                found = next(
                    (f for form in _singular(phrase[-1]) if (f := table.phrases.get((*phrase[:-1], form)))),
                    None,
                )
            if found is not None:
                return ends[n - 1], found
        return None

    def _quantity(self, tokens: list[str], i: int) -> tuple[int, str]:
        number = tokens[i]
        nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        after = tokens[i + 2].lower() if i + 2 < len(tokens) else ""
        if nxt == "-" and after in GROUPINGS:  # "6-pack"
            return 3, f"{number}{GROUPINGS[after]}"
        if nxt in GROUPINGS and nxt != "set":
            return 2, f"{number}{GROUPINGS[nxt]}"
        if nxt in ("fl", "fl.") and after == "oz":
            return 3, f"{number}{UNITS['fl oz']}"
        if nxt == "x" and after.isdigit():  # "2 x 500" keeps its shape
            return 1, number
        if nxt == "-" and after.isdigit():  # a range: "0-6 months", "ages 3-7"
            step, piece = self._quantity(tokens, i + 2)
            return 2 + step, f"{number}-{piece}"
        if nxt == "°" and after in ("f", "c"):
            return 3, f"{number}°{after.upper()}"
        if nxt in UNITS:
            return 2, f"{number}{UNITS[nxt]}"
        if nxt == "-" and after in UNITS:  # "8-inch"
            return 3, f"{number}{UNITS[after]}"
        return 1, number

    def _describe(self, sentences: list[str], table: Vocabulary | None) -> Translation:
        """A description: each sentence translated term by term when the glossary knows most of it, else
        kept in English; what it could not translate is reported as for a title."""
        parts: list[str] = []
        unknown: list[str] = []
        for sentence in sentences:
            result = self.translate_title(sentence.rstrip(".!?"), table)
            words = [t for t in _TOKEN.findall(sentence) if _WORD.match(t)]
            content = [w for w in words if w.lower() not in STOPWORDS]
            if content and len(result.untranslated) <= len(content) * 0.2:
                parts.append(result.text + "。")
            else:
                parts.append(sentence.strip() + " ")
            unknown += [w for w in result.untranslated if w not in unknown]
        return Translation("".join(parts).strip(), tuple(unknown))
