"""Chinese and English text as search words: jieba for Chinese, light folding for English, toneless pinyin.

The index and the query go through the same functions, so a word the buyer types is spelled exactly as the
word stored for the product. Every word is a run of letters or digits (no punctuation, no spaces): whatever
the buyer types, nothing reaching the database can be read as query syntax.
"""

import logging
import re
import threading
import unicodedata
from collections.abc import Iterator

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A run of Chinese characters (segmented by jieba), or a run of other letters and digits.
_RUN = re.compile(rf"[{_HAN}]+|[^\W_{_HAN}]+")
_HAN_ONLY = re.compile(rf"[{_HAN}]+")
MAX_WORD_LENGTH = 64

# Words too common to tell products apart; dropped from documents and queries alike.
_STOPWORDS_EN = "a an and are as at be by for from in into is it its of on or our the this to with"
_STOPWORDS_ZH = "的 了 和 与 及 或 是 在 有 为 等 并 也 都 就"
STOPWORDS = frozenset(_STOPWORDS_EN.split() + _STOPWORDS_ZH.split())

_lock = threading.Lock()
_jieba = None


def _segmenter():
    """jieba's tokenizer with the glossary's Chinese terms in its dictionary, built once per process."""
    global _jieba
    if _jieba is None:
        with _lock:
            if _jieba is None:
                import jieba

                from borderless.search.glossary import chinese_terms

                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                for term in chinese_terms():
                    tokenizer.add_word(term)
                _jieba = tokenizer
    return _jieba


def normalise(text: str) -> str:
    """Full-width to half-width, compatibility forms folded, lower case."""
    return unicodedata.normalize("NFKC", text or "").lower()


def fold_english(word: str) -> str:
    """A crude singular, so "walnuts" finds "walnut"; applied to documents and queries alike."""
    if not (word.isascii() and word.isalpha()) or len(word) <= 3:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _words(text: str, for_index: bool) -> Iterator[str]:
    segmenter = None
    for run in _RUN.findall(normalise(text)):
        if _HAN_ONLY.fullmatch(run):
            segmenter = segmenter or _segmenter()
            # The index also keeps the shorter words inside long ones (西洋参 → 西洋, 洋参, 西洋参), so a
            # query segmented without context still meets the words of the document.
            pieces = segmenter.cut_for_search(run) if for_index else segmenter.cut(run)
        else:
            pieces = (run,)
        for piece in pieces:
            if not piece or len(piece) > MAX_WORD_LENGTH or piece in STOPWORDS:
                continue
            yield fold_english(piece)


def index_words(text: str) -> list[str]:
    """The words of a document, including the shorter words inside long Chinese ones."""
    return list(_words(text, for_index=True))


def query_words(text: str) -> list[str]:
    """The words of a query, segmented precisely (one reading of the text)."""
    return list(_words(text, for_index=False))


def pinyin(word: str) -> str:
    """Toneless pinyin of a Chinese word, without spaces: 西洋参 → xiyangshen."""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(word)).lower()


def pinyin_words(text: str) -> list[str]:
    """Pinyin of the Chinese words (two characters or more) of a title, so "xiyangshen" finds 西洋参."""
    found = []
    for word in index_words(text):
        if len(word) >= 2 and _HAN_ONLY.fullmatch(word):
            spelled = pinyin(word)
            if spelled.isascii() and spelled.isalpha() and spelled not in found:
                found.append(spelled)
    return found
