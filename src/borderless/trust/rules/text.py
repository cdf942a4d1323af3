"""Text as screening sees it: folded to plain lower-case Latin, with the disguises it undid remembered."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Letters of other scripts that look like Latin ones (Cyrillic, Greek, Cherokee) and digits used as letters.
_LOOKALIKE_PAIRS = (
    "АA ВB СC ЕE НH ІI ЈJ КK МM ОO РP ЅS ТT ХX УY аa еe оo рp сc хx уy іi јj ѕs ԁd һh ӏl "
    "ΑA ΒB ΕE ΖZ ΗH ΙI ΚK ΜM ΝN ΟO ΡP ΤT ΥY ΧX αa εe ιi κk νv οo ρp τt υu χx "
    "ᎪA ᏴB ᏟC ᎬE ᎻH ᏆI ᎫJ ᏦK ᏞL ᎷM ᏢP ᏚS ᎢT ᏙV ᏔW ᏃZ"
)
_LOOKALIKES = str.maketrans({pair[0]: pair[1] for pair in _LOOKALIKE_PAIRS.split()})
_DIGIT_LETTERS = str.maketrans("01345@$", "oieasas")
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RUN = re.compile(f"[{_HAN}]+")
_HAN_GAP = re.compile(f"(?<=[{_HAN}])[\\s·・.\\-_*]+(?=[{_HAN}])")
_POSSESSIVE = re.compile(r"(?<=\w)['\u2019]s\b")
_TOKEN = re.compile(r"[a-z0-9@$]+")
_INNER_DIGIT = re.compile(r"(?<=[a-z])[0-9@$]+(?=[a-z])")
_SINGLE_LETTER_RUN = re.compile(r"(?<![a-z0-9])(?:[a-z][\s.\-_*/|·]+){1,}[a-z](?![a-z0-9])")


@dataclass(frozen=True)
class Word:
    """A word of the listing: its folded form and whether folding undid a disguise."""

    text: str
    disguise: str = ""  # "" | "look-alike letters" | "spaced letters"


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _fold(text: str) -> tuple[str, list[str]]:
    """Character by character: NFKC, accents off, look-alike letters to Latin, lower case; each folded
    character remembers the disguise it came in (so only the disguised word is marked, not the whole text)."""
    chars: list[str] = []
    disguises: list[str] = []
    # A possessive is the owner's name (Burt's Bees, Coach's whistle): "'s" goes, on both sides of a match.
    text = _POSSESSIVE.sub("", text)
    for char in text:
        if char in "'\u2019":
            continue
        plain = _strip_marks(unicodedata.normalize("NFKC", char))
        latin = plain.translate(_LOOKALIKES)
        disguise = ""
        if latin != plain:
            disguise = "look-alike letters"
        elif plain != char and unicodedata.east_asian_width(char) == "F":
            disguise = "full-width letters"
        for folded in latin.lower():
            chars.append(folded)
            disguises.append(disguise)
    return "".join(chars), disguises


def latin_words(text: str) -> list[Word]:
    """The Latin-script words of a text, folded: NFKC, look-alike letters and accents undone, lower case,
    possessives and apostrophes dropped (Burt's → burt), digits between letters read as letters (C0ACH,
    Cl1nique), runs of single letters joined (C O A C H, T.N.F → coach, tnf)."""
    folded, disguises = _fold(text)
    words: list[Word] = []
    position = 0
    for run in _SINGLE_LETTER_RUN.finditer(folded):
        words += _tokens(folded, disguises, position, run.start())
        words.append(Word(re.sub(r"[^a-z]", "", run.group()), "spaced letters"))
        position = run.end()
    words += _tokens(folded, disguises, position, len(folded))
    return words


def _tokens(folded: str, disguises: list[str], start: int, end: int) -> list[Word]:
    words = []
    for token in _TOKEN.finditer(folded, start, end):
        text = token.group()
        disguise = next((d for d in disguises[token.start() : token.end()] if d), "")
        letters = _INNER_DIGIT.sub(lambda m: m.group().translate(_DIGIT_LETTERS), text)
        if letters != text:
            disguise = disguise or "look-alike letters"
        words.append(Word(letters, disguise))
    return words


def han_text(text: str) -> tuple[str, bool]:
    """Chinese text without the gaps between characters (雅 诗 兰 黛 → 雅诗兰黛), and whether it had any."""
    text = unicodedata.normalize("NFKC", text)
    joined = _HAN_GAP.sub("", text)
    return joined, joined != text


def han_runs(text: str) -> list[str]:
    return _HAN_RUN.findall(text)


def han_bigrams(text: str) -> set[str]:
    bigrams = set()
    for run in han_runs(text):
        bigrams.update(run[i : i + 2] for i in range(len(run) - 1))
    return bigrams


# Initials and finals that Chinese speakers (and counterfeiters) swap: zh/z, ch/c, sh/s, -ng/-n, and the
# aspirated partner of an unaspirated initial (b/p, d/t, g/k, j/q, z/c).
_INITIAL_GROUPS = {"zh": "z", "ch": "z", "sh": "s", "c": "z", "p": "b", "t": "d", "k": "g", "q": "j"}


@lru_cache(maxsize=20000)
def syllable(char: str) -> str:
    """The toneless pinyin of one Chinese character (its most common reading), from pypinyin's table."""
    from pypinyin import Style, lazy_pinyin

    readings = lazy_pinyin(char, style=Style.NORMAL, errors="ignore") if char else []
    return readings[0] if readings else ""  # a rare character without a reading in pypinyin's table


def sound(pinyin_syllable: str) -> str:
    """A syllable reduced to how it is confused: 存 cun, 纯 chun → zun; 培 pei, 倍 bei → bei."""
    initial = pinyin_syllable[:2] if pinyin_syllable[:2] in ("zh", "ch", "sh") else pinyin_syllable[:1]
    rest = pinyin_syllable[len(initial) :]
    if rest.endswith("ng"):
        rest = rest[:-1]
    return _INITIAL_GROUPS.get(initial, initial) + rest


def toneless_pinyin(text: str) -> list[str]:
    return [syllable(c) for run in han_runs(text) for c in run]
