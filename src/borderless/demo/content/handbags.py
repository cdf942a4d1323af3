"""Handbags, totes and wallets from US leather workshops and canvas makers."""

from borderless.demo.content.base import CategoryContent, Line, Option
from borderless.demo.content.base import Pack as P

LEATHER = (
    Option("SAD", "Saddle tan", "马鞍棕", "1"),
    Option("BLK", "Black", "黑色", "1"),
    Option("OXB", "Oxblood", "酒红色", "1.05"),
)
CANVAS = (
    Option("NAT", "Natural canvas", "原色帆布", "1"),
    Option("OLV", "Olive", "橄榄绿", "1"),
    Option("NVY", "Navy", "藏青色", "1"),
)


def _one(code, weight, price):
    return P(code, "1", "piece", weight, "", "", price)


CONTENT = CategoryContent(
    slug="handbags",
    background=(242, 236, 230),
    state_in_zh_title=False,
    lines=(
        Line(
            "TT",
            "leather",
            "420221",
            "Full-Grain Leather Tote",
            "头层牛皮托特包 手工制作",
            (_one("1", 1100, "245"),),
            LEATHER,
            ("A roomy tote cut from full-grain vegetable-tanned cowhide and saddle-stitched by hand.",),
            ("选用植鞣头层牛皮，手工马鞍缝制，容量宽敞。",),
            "bag",
        ),
        Line(
            "CB",
            "leather",
            "420221",
            "Leather Crossbody Bag",
            "真皮斜挎包",
            (_one("1", 650, "165"),),
            LEATHER,
            ("A compact crossbody bag with an adjustable strap and solid brass hardware.",),
            ("小巧斜挎包，肩带可调节，配实心黄铜五金。",),
            "bag",
        ),
        Line(
            "SA",
            "leather",
            "420221",
            "Leather Saddlebag Purse",
            "复古马鞍包 真皮",
            (_one("1", 800, "189"),),
            LEATHER[:2],
            ("A western-style saddlebag purse with hand-tooled floral border.",),
            ("西部风格马鞍包，边缘手工雕刻花纹。",),
            "bag",
        ),
        Line(
            "WB",
            "wallet",
            "420231",
            "Leather Bifold Wallet",
            "真皮对折钱包",
            (_one("1", 110, "65"),),
            LEATHER,
            ("A slim bifold wallet with six card slots, edges burnished by hand.",),
            ("轻薄对折钱包，六个卡位，手工打磨封边。",),
            "wallet",
        ),
        Line(
            "CH",
            "wallet",
            "420231",
            "Leather Card Holder",
            "真皮卡包",
            (_one("1", 40, "38"),),
            LEATHER,
            ("A minimalist card holder for four cards and folded notes.",),
            ("极简卡包，可放四张卡与折叠纸币。",),
            "wallet",
        ),
        Line(
            "CT",
            "canvas",
            "420222",
            "Waxed Canvas Tote Bag",
            "油蜡帆布托特包",
            (_one("1", 700, "98"),),
            CANVAS,
            (
                "A waxed cotton canvas tote with leather handles; it "
                "shrugs off rain and gains character with use.",
            ),
            ("油蜡棉帆布托特包配皮革提手，防泼水，越用越有味道。",),
            "bag",
        ),
        Line(
            "WK",
            "canvas",
            "420222",
            "Canvas Weekender Bag",
            "帆布旅行袋 周末包",
            (_one("1", 1400, "158"),),
            CANVAS,
            ("A weekender duffel of heavy canvas with a separate shoe compartment.",),
            ("厚帆布旅行袋，独立鞋仓，适合短途出行。",),
            "bag",
        ),
    ),
    story_en=(
        "Cut, stitched and finished by hand at the {brand} workshop in {city}, {state}.",
        "Made with leather from a US tannery and solid brass hardware that will not chip.",
        "Each piece is numbered and backed by our lifetime repair promise.",
        "A small workshop of six craftspeople in {state}.",
    ),
    story_zh=(
        "在美国{state}{city}的{brand}工坊手工裁剪、缝制与整理。",
        "选用美国制革厂皮料，实心黄铜五金不掉色。",
        "每件产品均有编号，并享终身维修服务。",
        "一间只有六位匠人的{state}小工坊。",
    ),
    usage_en=(
        "Condition the leather twice a year; keep away from long exposure to water and direct heat.",
        "Store stuffed with paper in the dust bag provided.",
    ),
    usage_zh=(
        "保养建议：每年护理皮革两次，避免长时间接触水与高温。",
        "不用时请填充纸团，放入随附防尘袋保存。",
    ),
)
