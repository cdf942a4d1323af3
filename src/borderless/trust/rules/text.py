"""Text as screening sees it: folded to plain lower-case Latin, with the disguises it undid remembered."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Letters of other scripts that look like Latin ones (Cyrillic, Greek, Cherokee) and digits used as letters;
# the rest of Unicode's confusables table (the `confusable-homoglyphs` package ships it) is added below.
_LOOKALIKE_PAIRS = (
    "АA ВB СC ЕE НH ІI ЈJ КK МM ОO РP ЅS ТT ХX УY аa еe оo рp сc хx уy іi јj ѕs ԁd һh ӏl "
    "ΑA ΒB ΕE ΖZ ΗH ΙI ΚK ΜM ΝN ΟO ΡP ΤT ΥY ΧX αa εe ιi κk νv οo ρp τt υu χx "
    "ᎪA ᏴB ᏟC ᎬE ᎻH ᏆI ᎫJ ᏦK ᏞL ᎷM ᏢP ᏚS ᎢT ᏙV ᏔW ᏃZ"
)


def _confusable_letters() -> dict[str, str]:
    """Every character Unicode's confusables table says looks like one Latin letter, mapped to that letter;
    not Chinese, Japanese or full-width characters (NFKC already folds full-width ones)."""
    from confusable_homoglyphs.confusables import confusables_data

    table = {}
    for char, glyphs in confusables_data.items():
        if len(char) != 1 or char.isascii() or unicodedata.east_asian_width(char) in "WF":
            continue
        letters = [g["c"] for g in glyphs if len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalpha()]
        if letters:
            table[char] = letters[0]
    return table


_LOOKALIKES = str.maketrans(
    {**_confusable_letters(), **{pair[0]: pair[1] for pair in _LOOKALIKE_PAIRS.split()}}
)
_DIGIT_LETTERS = str.maketrans("01345@$", "oieasas")
# How a word with digits among its letters reads (Y3T1, 5UMM1T, L0M4): every digit as the letter it stands
# for; and pinyin written with tone numbers (bei3 mian4) read without them.
_DIGITS_AS_LETTERS = str.maketrans("0134578@$", "oieastbas")
_HAS_LETTER = re.compile(r"[a-z]")
_TONE_NUMBERS = re.compile(r"^(?:[a-z]{1,6}[1-5])+$")
# Letters one reads as the same at a glance, folded to one (Unicode's skeleton idea, for lower-case Latin).
_SKELETON = str.maketrans("1i|0", "lllo")
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RUN = re.compile(f"[{_HAN}]+")
_HAN_GAP = re.compile(f"(?<=[{_HAN}])[\\W_]{{1,3}}(?=[{_HAN}])")
_POSSESSIVE = re.compile(r"(?<=\w)['\u2019]s\b")
_TOKEN = re.compile(r"[a-z0-9@$]+")
_INNER_DIGIT = re.compile(r"(?<=[a-z])[0-9@$]+(?=[a-z])")
_SINGLE_LETTER_RUN = re.compile(r"(?<![a-z0-9])(?:[a-z][\s.\-_*/|·]+){1,}[a-z](?![a-z0-9])")


@dataclass(frozen=True)
class Word:
    """A word of the listing: its folded form and whether folding undid a disguise."""

    text: str
    disguise: str = ""  # "" | "look-alike letters" | "spaced letters"
    # How else the word reads: its digits as letters ("y3t1" → "yeti"), pinyin without its tone numbers
    # ("tie3he4" → "tiehe"); empty for a word without digits among letters.
    readings: tuple[str, ...] = ()
    raw: str = ""  # as written, folded but with its digits ("t4mb3rly"), when that differs from `text`


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
        folded, disguise = _fold_char(char)
        chars.append(folded)
        disguises += [disguise] * len(folded)
    return "".join(chars), disguises


@lru_cache(maxsize=20000)
def _fold_char(char: str) -> tuple[str, str]:
    if char.isascii():
        return char.lower(), ""
    plain = _strip_marks(unicodedata.normalize("NFKC", char))
    latin = plain.translate(_LOOKALIKES)
    disguise = ""
    if latin != plain:
        disguise = "look-alike letters"
    elif plain != char and unicodedata.east_asian_width(char) == "F":
        disguise = "full-width letters"
    return latin.lower(), disguise


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
        words.append(Word(letters, disguise, _readings(text), text if text != letters else ""))
    return words


def _readings(word: str) -> tuple[str, ...]:
    if word.isalpha() or not _HAS_LETTER.search(word):
        return ()
    readings = [word.translate(_DIGITS_AS_LETTERS)]
    if _TONE_NUMBERS.match(word):
        readings.append(re.sub("[1-5]", "", word))
    return tuple(readings)


def skeleton(word: str) -> str:
    """A folded word with the letters that look alike at a glance made one: i, l, 1 and | read as l, 0 as o,
    rn as m, vv as w (Unicode's confusables skeleton, for words already folded to lower-case Latin)."""
    return word.translate(_SKELETON).replace("rn", "m").replace("vv", "w")


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


# Initials and finals that Chinese speakers (and counterfeiters) swap: zh/z, ch/c, sh/s, -ng/-n, the
# aspirated partner of an unaspirated initial (b/p, d/t, g/k, j/q, z/c),
# n/l and f/h, which many southern speakers do not tell apart, too.
_INITIAL_GROUPS = {
    "zh": "z",
    "ch": "z",
    "sh": "s",
    "c": "z",
    "p": "b",
    "t": "d",
    "k": "g",
    "q": "j",
    "n": "l",
    "h": "f",
}


@lru_cache(maxsize=20000)
def syllable(char: str) -> str:
    """The toneless pinyin of one Chinese character (its most common reading), from pypinyin's table."""
    from pypinyin import Style, lazy_pinyin

    readings = lazy_pinyin(char, style=Style.NORMAL, errors="ignore") if char else []
    return readings[0] if readings else ""  # a rare character without a reading in pypinyin's table


@lru_cache(maxsize=20000)
def char_sound(char: str) -> str:
    return sound(syllable(char))


def sound(pinyin_syllable: str) -> str:
    """A syllable reduced to how it is confused: 存 cun, 纯 chun → zun; 培 pei, 倍 bei → bei."""
    initial = pinyin_syllable[:2] if pinyin_syllable[:2] in ("zh", "ch", "sh") else pinyin_syllable[:1]
    rest = pinyin_syllable[len(initial) :]
    if rest.endswith("ng"):
        rest = rest[:-1]
    return _INITIAL_GROUPS.get(initial, initial) + rest


def toneless_pinyin(text: str) -> list[str]:
    return [syllable(c) for run in han_runs(text) for c in run]


@lru_cache(maxsize=5000)
def phrase_pinyin(text: str) -> list[str]:
    """The toneless pinyin of Chinese text read as words (pypinyin's phrase table picks each character's
    reading in context)."""
    from pypinyin import Style, lazy_pinyin

    return [s for run in han_runs(text) for s in lazy_pinyin(run, style=Style.NORMAL, errors="ignore")]
