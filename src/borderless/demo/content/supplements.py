"""Dietary supplements made in the United States: fish oil, vitamins, probiotics, ginseng capsules."""

from borderless.demo.content.base import CategoryContent, Line, Option
from borderless.demo.content.base import Pack as P

COUNT = (Option("STD", "Bottle", "瓶装", "1"), Option("GB", "Gift box", "礼盒装", "1.1"))


def _caps(code, count, weight, price, zh_word="粒"):
    return P(code, str(count), "piece", weight, f"{count} capsules", f"{count}{zh_word}", price)


CONTENT = CategoryContent(
    slug="supplements",
    background=(226, 238, 232),
    state_in_zh_title=False,
    lines=(
        Line(
            "FO",
            "fish-oil",
            "150420",
            "Wild Alaska Fish Oil Omega-3 1000 mg",
            "阿拉斯加野生深海鱼油 Omega-3 1000毫克",
            (_caps("90", 90, 190, "24"), _caps("180", 180, 340, "42")),
            COUNT,
            ("Omega-3 fish oil from wild Alaska pollock and salmon, molecularly distilled, in softgels.",),
            ("选用阿拉斯加野生鳕鱼与三文鱼提取的Omega-3鱼油，分子蒸馏纯化，软胶囊剂型。",),
            "pills",
        ),
        Line(
            "KO",
            "fish-oil",
            "150420",
            "Wild Salmon Oil for Kids",
            "儿童野生三文鱼油",
            (_caps("60", 60, 120, "19"),),
            COUNT,
            ("Small, chewable softgels of wild salmon oil with natural strawberry flavour.",),
            ("小颗可咀嚼野生三文鱼油软胶囊，天然草莓味。",),
            "pills",
        ),
        Line(
            "GC",
            "ginseng",
            "210690",
            "American Ginseng Extract Capsules",
            "西洋参提取物胶囊",
            (_caps("60", 60, 110, "28"), _caps("120", 120, 190, "49")),
            COUNT,
            (
                "Standardised extract of American ginseng root grown in "
                "the United States, 500 mg per capsule.",
            ),
            ("美国产西洋参根标准化提取物，每粒500毫克。",),
            "pills",
        ),
        Line(
            "PB",
            "vitamins",
            "210690",
            "Probiotic 30 Billion CFU",
            "益生菌胶囊 300亿活菌",
            (_caps("30", 30, 80, "29"), _caps("60", 60, 120, "49")),
            COUNT,
            ("Ten probiotic strains, 30 billion CFU per capsule at the date of manufacture, shelf-stable.",),
            ("十种益生菌株，出厂时每粒含300亿活菌，常温保存。",),
            "pills",
        ),
        Line(
            "VD",
            "vitamins",
            "210690",
            "Vitamin D3 + K2 Softgels",
            "维生素D3+K2软胶囊",
            (_caps("120", 120, 110, "18"),),
            COUNT,
            ("Vitamin D3 2000 IU with vitamin K2 in olive oil softgels.",),
            ("维生素D3 2000IU搭配维生素K2，橄榄油软胶囊。",),
            "pills",
        ),
        Line(
            "CO",
            "vitamins",
            "210690",
            "Marine Collagen Peptides Powder",
            "海洋胶原蛋白肽粉",
            (P("300", "300", "g", 420, "300 g tub", "300克 罐装", "32"),),
            (),
            (
                "Unflavoured collagen peptides from wild-caught fish "
                "skin that dissolve in hot or cold drinks.",
            ),
            ("野生鱼皮提取胶原蛋白肽，无调味，冷热饮品均可溶解。",),
            "jar",
        ),
        Line(
            "ML",
            "vitamins",
            "210690",
            "Melatonin 3 mg Gummies",
            "褪黑素软糖 3毫克",
            (P("60", "60", "piece", 200, "60 gummies", "60粒", "15"),),
            COUNT,
            ("Gentle 3 mg melatonin gummies with natural berry flavour, for the occasional restless night.",),
            ("温和的3毫克褪黑素软糖，天然莓果味，偶尔失眠时使用。",),
            "pills",
        ),
    ),
    story_en=(
        "Made by {brand} in {city}, {state}, in an FDA-registered facility that follows cGMP.",
        "Every batch is tested by a third-party laboratory for identity, potency and contaminants.",
        "Free of gluten, artificial colours and preservatives.",
        "{brand} is a small family-owned company that has made supplements since its founding.",
    ),
    story_zh=(
        "由{brand}在美国{state}{city}的FDA注册工厂按cGMP标准生产。",
        "每批次均经第三方实验室检测成分、含量与污染物。",
        "不含麸质、人工色素与防腐剂。",
        "{brand}是一家家族经营的小型营养品企业。",
    ),
    usage_en=(
        "Take one to two servings a day with a meal. This product is "
        "not a medicine; ask your doctor if pregnant.",
        "Adults: one serving a day with water. Keep out of reach of children; store below 25 °C.",
    ),
    usage_zh=(
        "食用方法：每日1-2次，随餐服用。本品不能代替药物，孕妇请咨询医生。",
        "成人每日一次，温水送服。请放在儿童接触不到的地方，25°C以下保存。",
    ),
)
