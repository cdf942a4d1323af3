"""The sandbox translator of customer-service messages: offline and deterministic, both ways (zh ⇄ en).

The built-in glossary translator reads English listings into Chinese only; a buyer's question is Chinese and
a seller's answer English, so messages need both directions. With no translation vendor configured, this
provider stands in at the vendor's border, behind the same interface (`Provider`): whole sentences from a
customer-service phrasebook, then the trade glossary word by word (English to Chinese through the glossary
translator; Chinese to English through the glossary read backwards), and what it cannot read left as written.
"""

import re
from collections.abc import Mapping, Sequence
from functools import cache

import jieba

from borderless.translation.glossary import GlossaryTranslator, vocabulary
from borderless.translation.providers import Translation

# Sentences buyers and sellers write to each other, as a phrasebook: Chinese, English.
PHRASEBOOK = (
    ("你好", "Hello"),
    ("您好", "Hello"),
    ("谢谢", "Thank you"),
    ("谢谢！", "Thank you!"),
    ("这个产品有货吗？", "Is this product in stock?"),
    ("这个有货吗？", "Is this in stock?"),
    ("什么时候发货？", "When will it ship?"),
    ("多久能到？", "How long does delivery take?"),
    ("可以便宜一点吗？", "Can you make it a little cheaper?"),
    ("保质期多久？", "How long is the shelf life?"),
    ("这是正品吗？", "Is this genuine?"),
    ("适合老人吃吗？", "Is it suitable for elderly people?"),
    ("我的包裹到哪里了？", "Where is my parcel?"),
    ("可以退货吗？", "Can I return it?"),
    ("有中文说明书吗？", "Is there a Chinese manual?"),
    ("Yes, it is in stock.", "有货。"),
    ("It ships within two business days.", "两个工作日内发货。"),
    ("Delivery takes about 7 to 10 days.", "大约7到10天送达。"),
    ("It is 100% genuine, shipped from our farm.", "百分之百正品，从我们的农场直接发货。"),
    ("The shelf life is two years.", "保质期为两年。"),
    ("Yes, you can return it within 7 days.", "可以，7天内可以退货。"),
    ("Thank you for your order!", "感谢您的订购！"),
    ("Your parcel has cleared customs.", "您的包裹已清关。"),
    ("Sorry, we cannot lower the price.", "抱歉，我们无法降价。"),
)
_PUNCT_ZH = str.maketrans({"?": "？", "!": "！", ",": "，"})


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().translate(_PUNCT_ZH)).lower()


@cache
def _phrases() -> dict[tuple[str, str], dict[str, str]]:
    zh_en = {_key(zh): en for zh, en in PHRASEBOOK if re.search(r"[\u4e00-\u9fff]", zh)}
    en_zh = {_key(en): zh for en, zh in PHRASEBOOK if not re.search(r"[\u4e00-\u9fff]", en)}
    # each pair read the other way too
    for zh, en in PHRASEBOOK:
        if re.search(r"[\u4e00-\u9fff]", zh):
            en_zh.setdefault(_key(en), zh)
        else:
            zh_en.setdefault(_key(en), zh)
    return {("zh", "en"): zh_en, ("en", "zh"): en_zh}


@cache
def _reverse_glossary() -> dict[str, str]:
    """Chinese term → English term from the trade vocabulary (the first English term naming it)."""
    pairs: dict[str, str] = {}
    for words, zh in vocabulary().phrases.items():
        en = " ".join(words)
        if zh and re.search(r"[\u4e00-\u9fff]", zh) and zh not in pairs:
            pairs[zh] = en
    return pairs


class SandboxTranslator:
    name = "sandbox"

    @property
    def memory_key(self) -> str:
        return f"sandbox:{vocabulary().version}"

    def translate(
        self, texts: Sequence[str], source: str, target: str, glossary: Mapping[str, str] | None = None
    ) -> list[Translation]:
        pair = (source.lower()[:2], target.lower()[:2])
        if pair not in (("zh", "en"), ("en", "zh")):
            raise ValueError("The sandbox translator translates between Chinese and English only.")
        return [self._one(text, pair, glossary or {}) for text in texts]

    def _one(self, text: str, pair: tuple[str, str], glossary: Mapping[str, str]) -> Translation:
        if not text.strip():
            return Translation("")
        known = _phrases()[pair].get(_key(text))
        if known is not None:
            return Translation(known)
        if pair == ("en", "zh"):
            return GlossaryTranslator().translate([text], "en", "zh", glossary)[0]
        reverse = _reverse_glossary()
        out = " ".join(reverse.get(word, word) for word in jieba.cut(text) if word.strip())
        out = re.sub(r"\s+", " ", out.translate(str.maketrans("？！，。：", "?!,.:"))).strip()
        return Translation(out, tuple(re.findall(r"[\u4e00-\u9fff]+", out)))
