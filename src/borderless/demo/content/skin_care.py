"""Small-batch skin care from US makers: creams, serums, lip balm and handmade soap."""

from borderless.demo.content.base import CategoryContent, Line, Option
from borderless.demo.content.base import Pack as P

SCENTS = (
    Option("UN", "Unscented", "无香型", "1"),
    Option("LV", "Lavender", "薰衣草", "1"),
    Option("BF", "Balsam fir", "香脂冷杉", "1"),
)
SOAPS = (
    Option("OAT", "Oatmeal and honey", "燕麦蜂蜜", "1"),
    Option("GM", "Goat milk, unscented", "羊奶 无香", "1"),
    Option("SEA", "Sea kelp", "海藻", "1"),
)
LIPS = (
    Option("PEP", "Peppermint", "薄荷", "1"),
    Option("HNY", "Honey vanilla", "蜂蜜香草", "1"),
    Option("UN", "Unscented", "无香型", "1"),
)

CONTENT = CategoryContent(
    slug="skin-care",
    background=(240, 232, 236),
    state_in_zh_title=False,
    lines=(
        Line(
            "FC",
            "cream",
            "330499",
            "Whipped Shea Face Cream",
            "乳木果面霜 保湿滋润",
            (P("50", "50", "ml", 160, "50 ml (1.7 fl oz)", "50毫升"),),
            SCENTS[:2],
            ("A rich but fast-absorbing face cream of shea butter, squalane and ceramides for dry skin.",),
            ("乳木果油、角鲨烷与神经酰胺调配的面霜，滋润不油腻，适合干性肌肤。",),
            "jar",
            price_per_100="76",
        ),
        Line(
            "SR",
            "cream",
            "330499",
            "Sea Buckthorn Vitamin C Serum",
            "沙棘维C精华液",
            (P("30", "30", "ml", 110, "30 ml dropper bottle", "30毫升 滴管瓶"),),
            (),
            ("A brightening serum of stable vitamin C and cold-pressed sea buckthorn oil.",),
            ("稳定型维生素C搭配冷压沙棘油，提亮肤色。",),
            "dropper",
            price_per_100="140",
        ),
        Line(
            "HB",
            "balm",
            "330499",
            "Hand and Body Balm",
            "护手身体膏",
            (
                P("60", "60", "g", 120, "2 oz tin (60 g)", "60克 铁盒"),
                P("120", "120", "g", 210, "4 oz tin (120 g)", "120克"),
            ),
            SCENTS,
            ("A solid balm of beeswax, olive and calendula oil for cracked hands and elbows.",),
            ("蜂蜡、橄榄油与金盏花油制成的固体膏，修护干裂双手与手肘。",),
            "tin",
            price_per_100="26.7",
        ),
        Line(
            "LB",
            "balm",
            "330410",
            "Beeswax Lip Balm",
            "蜂蜡润唇膏",
            (P("4", "4.25", "g", 20, "0.15 oz tube (4.25 g)", "4.25克"),),
            LIPS,
            ("Lip balm made with beeswax from local hives, cocoa butter and vitamin E.",),
            ("本地蜂场的蜂蜡搭配可可脂与维生素E制成的润唇膏。",),
            "tube",
            price_per_100="117",
        ),
        Line(
            "SP",
            "soap",
            "340111",
            "Cold-Process Bar Soap",
            "冷制手工皂",
            (P("140", "140", "g", 150, "5 oz bar (140 g)", "140克"),),
            SOAPS,
            (
                "Cold-process soap cured for six weeks: mild, "
                "long-lasting and made with olive and coconut oils.",
            ),
            ("冷制工艺，熟成六周，以橄榄油与椰子油制成，温和耐用。",),
            "soap",
            price_per_100="6.4",
        ),
        Line(
            "GL",
            "soap",
            "330499",
            "Goat Milk Body Lotion",
            "羊奶身体乳",
            (P("236", "236", "ml", 300, "8 fl oz pump (236 ml)", "236毫升 按压瓶"),),
            SCENTS,
            ("A light body lotion made with fresh goat milk from our own herd.",),
            ("使用自家牧场新鲜羊奶制成的轻薄身体乳。",),
            "bottle",
            price_per_100="7.6",
        ),
    ),
    story_en=(
        "Handmade in small batches by {brand} in {city}, {state}.",
        "No parabens, phthalates or synthetic fragrance; never tested on animals.",
        "We source beeswax, herbs and milk from farms near our workshop in {state}.",
        "Dermatologist-tested and suitable for sensitive skin.",
    ),
    story_zh=(
        "由{brand}在美国{state}{city}的工坊小批量手工制作。",
        "不含对羟基苯甲酸酯、邻苯二甲酸盐与合成香精，无动物实验。",
        "蜂蜡、草本与羊奶均来自工坊附近的农场。",
        "经皮肤科测试，敏感肌可用。",
    ),
    usage_en=(
        "Apply to clean skin morning and evening. For external use only; stop if irritation occurs.",
        "Use daily as needed. Store away from direct sunlight; use within 12 months of opening.",
    ),
    usage_zh=(
        "使用方法：早晚洁肤后取适量涂抹。仅供外用，如有不适请停止使用。",
        "每日按需使用。避免阳光直射，开封后12个月内用完。",
    ),
)
