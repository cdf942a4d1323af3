"""A seeded generator of look-alike listings and hard negatives for any registered brand.

Given a brand (English and Chinese names, a product kind, a reference product with MSRP and GTIN), it writes
listings the way counterfeiters disguise a name: letters swapped for look-alikes from Unicode's confusables
table, digits for letters, one or two edits, spaces and punctuation inside the name, the Chinese name in
pinyin (toneless or tone-marked, joined or spaced, tone numbers), homophone and near-homophone characters,
part of the name, words that call it a copy ("-style", "inspired by", "compatible with", "not genuine",
同款, 平替), a price far below MSRP, and the brand's GTIN on an unbranded listing. And listings that must stay
clear: everyday words that contain or resemble the name (English and Chinese), accessories that name the
brand to say what they fit, the brand's own and its authorised sellers, and unbranded goods of the same kind.

Two splits: `DEV_BRANDS` with `DEV_SEED`, which screening rules may be developed against, and `TEST_BRANDS`
with `TEST_SEED`: other brands, another seed, used only to report figures. The generator knows nothing of
the rules; it uses the confusables table, pypinyin, wordfreq and jieba's dictionary directly.
"""

import random
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from borderless.trust.rules import BrandFacts, BrandRegistry, ListingFacts, ReferenceProduct

DEV_SEED = 20
TEST_SEED = 2027
OTHER_SELLERS = range(5000, 5100)


@dataclass(frozen=True)
class BrandSpec:
    name_en: str  # for a Chinese-only mark, its characters
    name_zh: str
    kind_en: str  # what the brand's reference product is, in two or three words
    kind_zh: str
    msrp: str
    shape: str  # one-word, two-word, corporate, short, common-word, chinese-only


@dataclass(frozen=True)
class Generated:
    facts: ListingFacts
    label: str  # "flag" | "clear"
    technique: str
    brand: str


# Brands the rules may be developed against.
DEV_BRANDS = (
    BrandSpec("Lumora", "露摩拉", "desk lamp", "台灯", "89.00", "one-word"),
    BrandSpec("Kestrel", "凯斯卓", "hunting binoculars", "望远镜", "329.00", "one-word"),
    BrandSpec("Vantor", "梵拓", "wireless headphones", "无线耳机", "249.00", "one-word"),
    BrandSpec("Zephyra", "泽菲拉", "tower fan", "塔扇", "129.00", "one-word"),
    BrandSpec("Orvika", "奥维卡", "vitamin serum", "精华液", "68.00", "one-word"),
    BrandSpec("Brivio", "布里维", "espresso machine", "咖啡机", "599.00", "one-word"),
    BrandSpec("Silver Fern", "银蕨", "merino sweater", "羊毛衫", "145.00", "two-word"),
    BrandSpec("Iron Crane", "铁鹤", "cast iron skillet", "铸铁锅", "95.00", "two-word"),
    BrandSpec("Blue Heron", "蓝鹭", "kayak paddle", "皮划艇桨", "179.00", "two-word"),
    BrandSpec("Maple Ridge", "枫岭", "maple syrup", "枫糖浆", "24.00", "two-word"),
    BrandSpec("Copper Fox", "铜狐", "whiskey glasses", "威士忌杯", "59.00", "two-word"),
    BrandSpec("Halvard & Co.", "哈尔瓦", "leather wallet", "真皮钱包", "120.00", "corporate"),
    BrandSpec("Marlow Goods Co.", "马洛", "canvas backpack", "帆布背包", "165.00", "corporate"),
    BrandSpec("Tessaro Inc.", "泰萨罗", "automatic watch", "机械手表", "890.00", "corporate"),
    BrandSpec("Pinecrest Outfitters Inc.", "松冠", "camping tent", "露营帐篷", "420.00", "corporate"),
    BrandSpec("QX", "奇讯", "wireless earbuds", "蓝牙耳机", "129.00", "short"),
    BrandSpec("Voy", "沃伊", "carry-on suitcase", "登机箱", "275.00", "short"),
    BrandSpec("ZAE", "泽艺", "running sneakers", "跑步鞋", "140.00", "short"),
    BrandSpec("Summit", "顶峰", "down jacket", "羽绒服", "310.00", "common-word"),
    BrandSpec("Anchor", "锚牌", "chef knife", "厨师刀", "150.00", "common-word"),
    BrandSpec("云朵坊", "云朵坊", "memory foam pillow", "记忆棉枕头", "79.00", "chinese-only"),
    BrandSpec("青禾堂", "青禾堂", "oolong tea", "乌龙茶", "45.00", "chinese-only"),
)

# Brands for the figures only: never screened while the rules were developed.
TEST_BRANDS = (
    BrandSpec("Norvell", "诺维尔", "countertop blender", "破壁机", "199.00", "one-word"),
    BrandSpec("Castelo", "卡斯特罗", "polarized sunglasses", "偏光太阳镜", "210.00", "one-word"),
    BrandSpec("Quinlan", "昆兰", "leather handbag", "真皮手提包", "380.00", "one-word"),
    BrandSpec("Ravella", "拉维拉", "hair dryer", "吹风机", "299.00", "one-word"),
    BrandSpec("Tovaro", "托瓦罗", "camera drone", "航拍无人机", "799.00", "one-word"),
    BrandSpec("Selvino", "塞尔维诺", "eau de parfum", "香水", "135.00", "one-word"),
    BrandSpec("Red Kite", "红鸢", "trail running shoes", "越野跑鞋", "160.00", "two-word"),
    BrandSpec("Stone Harbor", "石港", "scented candle", "香薰蜡烛", "42.00", "two-word"),
    BrandSpec("Golden Pika", "金鼠兔", "plush toy", "毛绒玩具", "35.00", "two-word"),
    BrandSpec("Frost Peak", "霜峰", "ski goggles", "滑雪镜", "185.00", "two-word"),
    BrandSpec("Wild Juniper", "野杜松", "body lotion", "身体乳", "38.00", "two-word"),
    BrandSpec("Ashford & Co.", "阿什福德", "fountain pen", "钢笔", "240.00", "corporate"),
    BrandSpec("Bellwether Goods Co.", "贝尔韦瑟", "duffel bag", "旅行包", "260.00", "corporate"),
    BrandSpec("Dunmore Inc.", "邓莫尔", "bluetooth speaker", "蓝牙音箱", "349.00", "corporate"),
    BrandSpec("Calvora Brands Inc.", "卡沃拉", "yoga mat", "瑜伽垫", "120.00", "corporate"),
    BrandSpec("JX", "佳讯", "power bank", "充电宝", "69.00", "short"),
    BrandSpec("Oru", "欧如", "rice cooker", "电饭煲", "159.00", "short"),
    BrandSpec("KLV", "凯莱威", "smart watch", "智能手表", "299.00", "short"),
    BrandSpec("Harbor", "港湾", "rain jacket", "冲锋衣", "230.00", "common-word"),
    BrandSpec("Falcon", "猎鹰", "electric scooter", "电动滑板车", "699.00", "common-word"),
    BrandSpec("山海间", "山海间", "ceramic tea set", "陶瓷茶具", "128.00", "chinese-only"),
    BrandSpec("白鹭洲", "白鹭洲", "silk scarf", "真丝围巾", "98.00", "chinese-only"),
)

_FILLERS_EN = (
    "",
    "2026 new",
    "free shipping",
    "gift box",
    "hot sale",
    "high quality",
    "best seller",
    "US stock",
)
_FILLERS_ZH = ("", "新款", "包邮", "热卖", "现货", "送礼", "爆款")
_UNBRANDED = ("", "", "Generic", "Unbranded", "OEM", "No brand")
_DESCRIPTIONS = (
    "Fast shipping from our warehouse.",
    "Great gift for family and friends.",
    "Please check the size chart before ordering.",
    "Brand new, never used.",
    "",
)
_OTHER_KINDS = (
    ("poster", "海报"),
    ("coffee mug", "马克杯"),
    ("spiral notebook", "笔记本"),
    ("cotton t-shirt", "棉T恤"),
    ("phone stand", "手机支架"),
    ("garden seeds", "花种子"),
    ("wall clock", "挂钟"),
)
_ACCESSORIES = (
    ("carrying case", "收纳盒"),
    ("replacement strap", "替换表带"),
    ("protective cover", "保护套"),
    ("charging cable", "充电线"),
    ("replacement filter", "替换滤芯"),
    ("wall mount", "壁挂支架"),
    ("storage pouch", "收纳袋"),
    ("cleaning kit", "清洁套装"),
)
_DIGITS = {"o": "0", "i": "1", "l": "1", "e": "3", "a": "4", "s": "5", "t": "7", "b": "8", "g": "9"}
_SUFFIXES = ("co", "inc", "ltd", "llc", "corp", "company", "&")


def _gtin(number: int) -> str:
    body = f"{690000000000 + number * 7919:012d}"[-12:]
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def core_name(name: str) -> str:
    """The name as a counterfeiter writes it: without "& Co.", "Inc." and the like."""
    words = name.replace("&", " ").replace(".", " ").split()
    while len(words) > 1 and words[-1].lower() in _SUFFIXES:
        words.pop()
    return " ".join(words)


def has_latin(spec: BrandSpec) -> bool:
    return spec.name_en != spec.name_zh and any(c.isascii() and c.isalpha() for c in spec.name_en)


def brand_facts(specs: tuple[BrandSpec, ...], first_id: int = 1) -> list[BrandFacts]:
    facts = []
    for number, spec in enumerate(specs, first_id):
        product = ReferenceProduct(
            key=f"ref-{number}",
            name_en=f"{core_name(spec.name_en) if has_latin(spec) else ''} {spec.kind_en}".strip(),
            name_zh=f"{spec.name_zh}{spec.kind_zh}",
            msrp_usd=Decimal(spec.msrp),
            gtins=(_gtin(number),),
        )
        facts.append(
            BrandFacts(
                id=number,
                name_en=spec.name_en,
                name_zh=spec.name_zh,
                allowed_seller_ids=frozenset({own_seller(number), authorised_seller(number)}),
                products=(product,),
            )
        )
    return facts


def own_seller(brand_id: int) -> int:
    return 100 + brand_id


def authorised_seller(brand_id: int) -> int:
    return 300 + brand_id


# ----- the disguises -------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _lookalikes() -> dict[str, list[str]]:
    """Per Latin letter, the characters of other scripts Unicode's confusables table says look like it."""
    from confusable_homoglyphs.confusables import confusables_data

    table: dict[str, list[str]] = {}
    for char, glyphs in confusables_data.items():
        if len(char) != 1 or not char.isascii() or not char.isalpha():
            continue
        for glyph in glyphs:
            c = glyph["c"]
            foreign = len(c) == 1 and not c.isascii() and unicodedata.east_asian_width(c) not in "WF"
            if foreign and unicodedata.normalize("NFKC", c) == c:  # not one NFKC folds back on its own
                table.setdefault(char, []).append(c)
    return table


def confusable(name: str, rng: random.Random) -> str | None:
    letters = [i for i, c in enumerate(name) if c in _lookalikes()]
    if not letters:
        return None
    chosen = rng.sample(letters, min(len(letters), rng.choice((1, 2))))
    out = list(name)
    for i in chosen:
        out[i] = rng.choice(_lookalikes()[name[i]])
    return "".join(out)


def digits(name: str, rng: random.Random) -> str | None:
    places = [i for i, c in enumerate(name) if c.lower() in _DIGITS]
    if not places:
        return None
    chosen = rng.sample(places, min(len(places), rng.choice((1, 2))))
    return "".join(_DIGITS[c.lower()] if i in chosen else c for i, c in enumerate(name))


def edit(name: str, rng: random.Random) -> str | None:
    """One edit, or two for a name of ten letters or more: insertion, deletion, substitution, transposition;
    never of the first letter, as a buyer searching for the brand must still find it."""
    letters = sum(c.isalpha() for c in name)
    if letters < 4:
        return None
    out = name
    for _ in range(2 if letters >= 10 else 1):
        positions = [i for i, c in enumerate(out) if c.isalpha() and i > 0]
        i = rng.choice(positions)
        how = rng.choice(("insert", "delete", "substitute", "transpose"))
        letter = rng.choice("aeioulnrst")
        if how == "insert":
            out = out[:i] + letter + out[i:]
        elif how == "delete":
            out = out[:i] + out[i + 1 :]
        elif how == "substitute":
            out = out[:i] + (letter if letter != out[i].lower() else "y") + out[i + 1 :]
        elif i + 1 < len(out) and out[i + 1].isalpha():
            out = out[:i] + out[i + 1] + out[i] + out[i + 2 :]
        else:
            out = out[:i] + out[i] + out[i:]  # a doubled letter
    return out if out.lower() != name.lower() else None


def spacing(name: str, rng: random.Random) -> str:
    how = rng.choice(("letters", "dots", "split", "split", "zero-width"))
    plain = name.replace(" ", "")
    if how == "letters":
        return " ".join(plain)
    if how == "dots":
        return rng.choice((".", "-", "*", "·")).join(plain)
    if how == "zero-width":
        i = rng.randrange(1, len(plain))
        return plain[:i] + "\u200b" + plain[i:]
    i = rng.randrange(1, max(2, len(plain) - 1))
    return plain[:i] + rng.choice((" ", "-", ".", "_", "/", " - ")) + plain[i:]


def pinyin(name_zh: str, rng: random.Random, tones: bool) -> str:
    from pypinyin import Style, lazy_pinyin

    style = rng.choice((Style.TONE, Style.TONE, Style.TONE3)) if tones else Style.NORMAL
    syllables = lazy_pinyin(name_zh, style=style)
    joined = rng.choice(("", " ", " ", "-"))
    text = joined.join(syllables)
    return rng.choice((text, text.title(), text.upper() if not tones else text))


@lru_cache(maxsize=1)
def _characters_by_sound() -> dict[str, list[str]]:
    """Common characters (jieba's dictionary, as single-character words) grouped by toneless syllable."""
    import jieba
    from pypinyin import Style, lazy_pinyin

    jieba.setLogLevel(60)
    jieba.dt.check_initialized()
    by_sound: dict[str, list[str]] = {}
    for word, count in jieba.dt.FREQ.items():
        if len(word) == 1 and "\u4e00" <= word <= "\u9fff" and count >= 3000:
            by_sound.setdefault(lazy_pinyin(word, style=Style.NORMAL)[0], []).append(word)
    return by_sound


def _near_sounds(syllable: str) -> list[str]:
    """How a syllable is misheard: zh/z, ch/c, sh/s, n/l, f/h at the start; -ng/-n at the end."""
    out = []
    for a, b in (("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"), ("l", "n"), ("f", "h"), ("h", "f")):
        if syllable.startswith(a) and not (a in "zcs" and syllable[:2] in ("zh", "ch", "sh")):
            out.append(b + syllable[len(a) :])
        elif a in ("z", "c", "s") and syllable.startswith(b) and syllable[:2] not in ("zh", "ch", "sh"):
            out.append(a + syllable[len(b) :])
    if syllable.endswith("ng"):
        out.append(syllable[:-1])
    elif syllable.endswith("n"):
        out.append(syllable + "g")
    return [s for s in out if s != syllable]


def homophone(name_zh: str, rng: random.Random, near: bool) -> str | None:
    from pypinyin import Style, lazy_pinyin

    by_sound = _characters_by_sound()
    syllables = lazy_pinyin(name_zh, style=Style.NORMAL)
    options = []
    for i, (char, syl) in enumerate(zip(name_zh, syllables, strict=False)):
        sounds = _near_sounds(syl) if near else [syl]
        for s in sounds:
            options += [(i, c) for c in by_sound.get(s, ()) if c != char]
    if not options:
        return None
    i, char = rng.choice(options)
    return name_zh[:i] + char + name_zh[i + 1 :]


def partial(spec: BrandSpec, rng: random.Random) -> tuple[str, str] | None:
    """Part of the name: the most distinctive word of a longer English name, the name cut short, or two
    characters of a Chinese name of three or more. Returns (English part, Chinese part)."""
    from wordfreq import zipf_frequency

    if has_latin(spec):
        words = core_name(spec.name_en).split()
        if len(words) > 1:
            rare = min(words, key=lambda w: zipf_frequency(w.lower(), "en"))
            if zipf_frequency(rare.lower(), "en") < 3.0 and len(rare) >= 5:
                return rare, ""
        elif len(words[0]) >= 6:
            return words[0][: len(words[0]) - 1], ""
    if len(spec.name_zh) >= 3:
        # An everyday word (云朵 of 云朵坊) is no part of a name: a cloud pillow is not a 云朵坊 pillow.
        windows = [spec.name_zh[i : i + 2] for i in range(len(spec.name_zh) - 1)]
        parts = [w for w in windows if w not in _chinese_words()]
        return ("", rng.choice(parts)) if parts else None
    return None


@lru_cache(maxsize=1)
def _chinese_words() -> frozenset[str]:
    import jieba

    jieba.setLogLevel(60)
    jieba.dt.check_initialized()
    return frozenset(w for w, count in jieba.dt.FREQ.items() if count > 0)


# ----- hard negatives ------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _english_words() -> tuple[str, ...]:
    from wordfreq import top_n_list

    return tuple(w for w in top_n_list("en", 25000) if w.isalpha() and w.isascii() and len(w) >= 3)


def ordinary_words(spec: BrandSpec) -> list[str]:
    """Everyday English words that contain the name, or are one or two letters from it."""
    from rapidfuzz.distance import OSA

    if not has_latin(spec):
        return []
    words = core_name(spec.name_en).lower().split()
    name = "".join(words)
    found = []
    for word in _english_words():
        if word == name or word in words:
            continue
        if (len(name) >= 3 and name in word) or (
            len(name) >= 4 and abs(len(word) - len(name)) <= 2 and OSA.distance(word, name) <= 2
        ):
            found.append(word)
    # A word of a longer name used plainly (Iron, Ridge), and a name that is itself a word (Summit).
    found += [w for w in words if len(words) > 1 and w in set(_english_words())]
    return found


@lru_cache(maxsize=64)
def ordinary_chinese(name_zh: str) -> list[str]:
    """Everyday Chinese words (jieba's dictionary) that share a character with the name but are not it."""
    import jieba

    jieba.setLogLevel(60)
    jieba.dt.check_initialized()
    found = [
        w
        for w, count in jieba.dt.FREQ.items()
        if count >= 200 and 2 <= len(w) <= 3 and w != name_zh and set(w) & set(name_zh) and w not in name_zh
    ]
    return sorted(found)


# ----- listings ------------------------------------------------------------------------------------------


def _fill(rng: random.Random, pool: tuple[str, ...]) -> str:
    return rng.choice(pool)


def _listing(rng, spec, brand_id, title_en, title_zh, price, *, brand_field=None, seller=None, gtins=()):
    if brand_field is None:
        brand_field = rng.choice(_UNBRANDED)
    return ListingFacts(
        seller_id=seller if seller is not None else rng.choice(OTHER_SELLERS),
        brand_field=brand_field,
        title_en=" ".join(title_en.split()) if "\u200b" not in title_en else title_en.strip(),
        title_zh=title_zh.strip(),
        description_en=rng.choice(_DESCRIPTIONS),
        prices_usd=(price,),
        gtins=gtins,
    )


def _price(spec: BrandSpec, rng: random.Random, low: float = 0.5, high: float = 1.0) -> Decimal:
    share = Decimal(str(round(rng.uniform(low, high), 2)))
    return (Decimal(spec.msrp) * share).quantize(Decimal("0.01"))


def knockoffs(spec: BrandSpec, brand_id: int, rng: random.Random) -> list[tuple[str, ListingFacts]]:
    """(technique, listing) for every technique that applies to the brand, two of each."""
    out: list[tuple[str, ListingFacts]] = []
    latin = has_latin(spec)
    name = core_name(spec.name_en) if latin else ""
    kind, kind_zh = spec.kind_en, spec.kind_zh

    def english(technique, written):
        if not written:
            return
        filler, filler_zh = _fill(rng, _FILLERS_EN), _fill(rng, _FILLERS_ZH)
        if rng.random() < 0.25:
            title, brand_field = f"{kind} {filler}", written
        else:
            title, brand_field = (
                rng.choice((f"{written} {kind} {filler}", f"{filler} {kind} {written}")),
                None,
            )
        listing = _listing(
            rng, spec, brand_id, title, f"{kind_zh} {filler_zh}", _price(spec, rng), brand_field=brand_field
        )
        out.append((technique, listing))

    def chinese(technique, written, english_too=""):
        if not written:
            return
        filler, filler_zh = _fill(rng, _FILLERS_EN), _fill(rng, _FILLERS_ZH)
        title_zh = rng.choice((f"{written}{kind_zh} {filler_zh}", f"{filler_zh} {written} {kind_zh}"))
        listing = _listing(rng, spec, brand_id, f"{english_too} {kind} {filler}", title_zh, _price(spec, rng))
        out.append((technique, listing))

    for _ in range(2):
        if latin:
            english("confusable letters", confusable(name, rng))
            english("digits for letters", digits(name, rng))
            english("edit distance", edit(name, rng))
            english("spacing and punctuation", spacing(name, rng))
            mixed = digits(confusable(name, rng) or name, rng)
            if mixed:
                fake = rng.choice(("1:1", "replica", "AAA quality", "mirror quality", "dupe"))
                english("digits, look-alikes and a fake word", f"{mixed} {fake}")
            copy = rng.choice(
                (
                    f"{name}-style",
                    f"{name}-inspired",
                    f"inspired by {name}",
                    f"not genuine {name}",
                    f"compatible with {name}",
                    f"{name} style",
                    f"{name} alternative",
                    f"similar to {name}",
                )
            )
            english("copy disclaimer (English)", copy)
            cheap = _listing(
                rng,
                spec,
                brand_id,
                f"{name} {kind} {_fill(rng, _FILLERS_EN)}",
                "",
                _price(spec, rng, 0.08, 0.3),
                brand_field=rng.choice(("", name)),
            )
            out.append(("price far below MSRP", cheap))
        chinese("pinyin without tones", pinyin(spec.name_zh, rng, tones=False))
        chinese("pinyin with tones", pinyin(spec.name_zh, rng, tones=True))
        chinese("homophone characters", homophone(spec.name_zh, rng, near=False))
        chinese("near-homophone characters", homophone(spec.name_zh, rng, near=True))
        chinese(
            "copy disclaimer (Chinese)",
            rng.choice(
                (f"{spec.name_zh}同款", f"{spec.name_zh}平替", f"仿{spec.name_zh}", f"{spec.name_zh}风格")
            ),
        )
        if spec.shape == "chinese-only":
            chinese("spacing and punctuation", rng.choice((" ", "·", "-", "*")).join(spec.name_zh))
        part = partial(spec, rng)
        if part and part[0]:
            english("partial name", part[0])
        elif part:
            chinese("partial name", part[1])
        gtin_listing = _listing(
            rng,
            spec,
            brand_id,
            f"{kind} {_fill(rng, _FILLERS_EN)}",
            f"{kind_zh} {_fill(rng, _FILLERS_ZH)}",
            _price(spec, rng, 0.3, 0.9),
            gtins=(_gtin(brand_id),),
        )
        out.append(("GTIN reuse", gtin_listing))
    return out


def hard_negatives(spec: BrandSpec, brand_id: int, rng: random.Random) -> list[tuple[str, ListingFacts]]:
    out: list[tuple[str, ListingFacts]] = []
    latin = has_latin(spec)
    name = core_name(spec.name_en) if latin else spec.name_zh
    words = ordinary_words(spec)
    for word in rng.sample(words, min(3, len(words))):
        other, other_zh = rng.choice(_OTHER_KINDS)
        title = rng.choice(
            (f"{word.title()} {other}", f"{other} with {word} print", f"{word} {spec.kind_en}")
        )
        out.append(
            (
                "everyday English word",
                _listing(rng, spec, brand_id, title, other_zh, Decimal(rng.randint(5, 60))),
            )
        )
    chinese_words = ordinary_chinese(spec.name_zh)
    for word in rng.sample(chinese_words, min(3, len(chinese_words))):
        other, other_zh = rng.choice(_OTHER_KINDS)
        title_zh = rng.choice((f"{word}{other_zh}", f"{other_zh} {word}款", f"{word} {spec.kind_zh}"))
        out.append(
            (
                "everyday Chinese word",
                _listing(rng, spec, brand_id, other, title_zh, Decimal(rng.randint(5, 60))),
            )
        )
    for _ in range(2):
        accessory, accessory_zh = rng.choice(_ACCESSORIES)
        shown = name if latin else spec.name_zh
        title = rng.choice(
            (
                f"{accessory} compatible with {shown} {spec.kind_en}",
                f"{accessory} for {shown} {spec.kind_en}",
                f"{accessory} fits {shown} {spec.kind_en}",
            )
        )
        title_zh = rng.choice((f"适配{spec.name_zh}{spec.kind_zh}的{accessory_zh}", accessory_zh))
        out.append(
            (
                "compatible accessory",
                _listing(rng, spec, brand_id, title, title_zh, Decimal(rng.randint(6, 30))),
            )
        )
        genuine_en = f"{name if latin else ''} {spec.kind_en} {_fill(rng, _FILLERS_EN)}"
        genuine_zh = f"{spec.name_zh}{spec.kind_zh}"
        out.append(
            (
                "brand's own seller",
                _listing(
                    rng,
                    spec,
                    brand_id,
                    genuine_en,
                    genuine_zh,
                    _price(spec, rng, 0.6, 1.0),
                    brand_field=name,
                    seller=own_seller(brand_id),
                    gtins=(_gtin(brand_id),),
                ),
            )
        )
        out.append(
            (
                "authorised seller",
                _listing(
                    rng,
                    spec,
                    brand_id,
                    genuine_en,
                    genuine_zh,
                    _price(spec, rng, 0.7, 1.0),
                    brand_field=name,
                    seller=authorised_seller(brand_id),
                ),
            )
        )
        out.append(
            (
                "unbranded goods of the same kind",
                _listing(
                    rng,
                    spec,
                    brand_id,
                    f"{spec.kind_en} {_fill(rng, _FILLERS_EN)}",
                    f"{spec.kind_zh} {_fill(rng, _FILLERS_ZH)}",
                    _price(spec, rng, 0.1, 0.4),
                    brand_field=rng.choice(("", "Generic", "Hearth & Pine")),
                ),
            )
        )
    return out


def generate(specs: tuple[BrandSpec, ...], seed: int) -> tuple[BrandRegistry, list[Generated]]:
    """The registry of the brands and every generated listing, labelled, in a fixed order for the seed."""
    facts = brand_facts(specs)
    rng = random.Random(seed)
    listings = []
    for brand, spec in zip(facts, specs, strict=True):
        for technique, listing in knockoffs(spec, brand.id, rng):
            listings.append(Generated(listing, "flag", technique, spec.name_en))
        for technique, listing in hard_negatives(spec, brand.id, rng):
            listings.append(Generated(listing, "clear", technique, spec.name_en))
    return BrandRegistry(facts), listings


@dataclass
class Figures:
    flagged_right: int = 0  # knock-offs held (review or blocked)
    flagged_wrong: int = 0  # hard negatives held
    missed: int = 0  # knock-offs left clear
    cleared_right: int = 0  # hard negatives left clear

    @property
    def precision(self) -> float:
        held = self.flagged_right + self.flagged_wrong
        return self.flagged_right / held if held else 1.0

    @property
    def recall(self) -> float:
        wanted = self.flagged_right + self.missed
        return self.flagged_right / wanted if wanted else 1.0


def evaluate(registry: BrandRegistry, listings: list[Generated]):
    """The confusion matrix of "review or blocked" against the labels, and per technique how many of its
    listings the rules got wrong, with the wrong ones."""
    from borderless.trust.rules import screen

    figures = Figures()
    by_technique: dict[str, list[int]] = {}
    wrong: list[tuple[Generated, object]] = []
    for item in listings:
        result = screen(item.facts, registry)
        held = result.verdict != "clear"
        counts = by_technique.setdefault(item.technique, [0, 0])
        counts[0] += 1
        if item.label == "flag" and held:
            figures.flagged_right += 1
        elif item.label == "flag":
            figures.missed += 1
        elif held:
            figures.flagged_wrong += 1
        else:
            figures.cleared_right += 1
        if held != (item.label == "flag"):
            counts[1] += 1
            wrong.append((item, result))
    return figures, by_technique, wrong
