"""Infant formula made in the United States: organic cow's milk, goat milk and gentle formulas, by stage."""

from borderless.demo.content.base import CategoryContent, Line, Option
from borderless.demo.content.base import Pack as P

STAGES = (
    Option("S1", "Stage 1, 0-6 months", "1段 0-6个月", "1"),
    Option("S2", "Stage 2, 6-12 months", "2段 6-12个月", "1"),
    Option("S3", "Stage 3, 12-36 months", "3段 12-36个月", "0.95"),
)
CAN = (
    P("800", "800", "g", 1050, "800 g can", "800克 罐装", "42"),
    P("680", "680", "g", 900, "24 oz can (680 g)", "680克", "36"),
)

CONTENT = CategoryContent(
    slug="infant-formula",
    background=(232, 238, 248),
    state_in_zh_title=False,
    lines=(
        Line(
            "OR",
            "cow",
            "190110",
            "Organic Infant Formula with Iron",
            "有机婴幼儿配方奶粉 含铁",
            CAN,
            STAGES,
            ("USDA-organic infant formula from grass-fed cows, with DHA, lutein and iron.",),
            ("美国农业部有机认证，奶源来自草饲奶牛，添加DHA、叶黄素与铁。",),
            "can",
        ),
        Line(
            "A2",
            "cow",
            "190110",
            "A2 Milk Infant Formula",
            "A2蛋白婴幼儿配方奶粉",
            CAN,
            STAGES,
            ("Infant formula made from milk of cows that naturally produce only A2 beta-casein protein.",),
            ("奶源来自天然只产A2型β-酪蛋白的奶牛。",),
            "can",
        ),
        Line(
            "GT",
            "goat",
            "190110",
            "Goat Milk Infant Formula",
            "羊奶婴幼儿配方奶粉",
            CAN,
            STAGES,
            ("Whole goat milk infant formula, naturally gentle and easy to digest.",),
            ("全脂羊奶配方，天然温和，易于消化吸收。",),
            "can",
        ),
        Line(
            "GE",
            "cow",
            "190110",
            "Gentle Partially Hydrolysed Formula",
            "适度水解蛋白婴儿配方奶粉",
            (P("800", "800", "g", 1050, "800 g can", "800克 罐装", "46"),),
            STAGES[:2],
            ("Partially hydrolysed milk protein for babies with sensitive tummies.",),
            ("部分水解乳蛋白配方，适合肠胃敏感的宝宝。",),
            "can",
        ),
        Line(
            "TO",
            "cow",
            "190110",
            "Organic Toddler Milk Drink",
            "有机幼儿成长配方奶粉",
            (P("800", "800", "g", 1050, "800 g can", "800克 罐装", "34"),),
            STAGES[2:],
            ("Organic toddler formula for children from one year, with DHA and prebiotic fibre.",),
            ("适合1岁以上幼儿的有机成长配方奶粉，含DHA与益生元。",),
            "can",
        ),
        Line(
            "GO",
            "goat",
            "190110",
            "Organic Goat Milk Toddler Formula",
            "有机羊奶幼儿配方奶粉",
            (P("800", "800", "g", 1050, "800 g can", "800克 罐装", "44"),),
            STAGES[2:],
            ("Organic whole goat milk formula for toddlers from twelve months.",),
            ("适合12个月以上幼儿的有机全脂羊奶配方。",),
            "can",
        ),
    ),
    story_en=(
        "Made by {brand} in {city}, {state}, from milk of family dairy farms in the Midwest.",
        "Meets the nutrient requirements of the US Infant Formula Act; every lot is tested before release.",
        "Registered for cross-border sale to China; the can carries a Chinese back label.",
        "Non-GMO, with no added corn syrup or palm oil.",
    ),
    story_zh=(
        "由{brand}在美国{state}{city}生产，奶源来自美国中西部家庭牧场。",
        "符合美国《婴儿配方奶粉法》营养要求，每批次出厂前检验。",
        "已完成跨境电商配方注册，罐身附中文背标。",
        "非转基因，不添加玉米糖浆与棕榈油。",
    ),
    usage_en=(
        "Breast milk is best for babies. Prepare with boiled water cooled to 70 °C; use within one hour.",
        "Follow the mixing table on the can exactly. Ask your paediatrician before changing formula.",
    ),
    usage_zh=(
        "母乳是婴儿最好的食物。冲调请用煮沸后冷却至70°C的水，冲调后一小时内食用。",
        "请严格按照罐身冲调表操作；更换奶粉前请咨询儿科医生。",
    ),
)
