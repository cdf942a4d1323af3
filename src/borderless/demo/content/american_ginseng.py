"""American ginseng (Panax quinquefolius): roots, slices and powder from Wisconsin and Appalachian growers."""

from borderless.demo.content.base import CategoryContent, Line, Option
from borderless.demo.content.base import Pack as P

GRADES = (
    Option("A", "Grade A, medium roots", "一级 中支", "1"),
    Option("AA", "Grade AA, large roots", "特级 大支", "1.35"),
    Option("GB", "Gift box", "礼盒装", "1.15"),
)
SLICE_OPTIONS = (
    Option("STD", "Standard pouch", "袋装", "1"),
    Option("GB", "Gift tin", "铁罐礼盒装", "1.12"),
)

CONTENT = CategoryContent(
    slug="american-ginseng",
    background=(236, 230, 214),
    lines=(
        Line(
            "WR",
            "cultivated",
            "121120",
            "American Ginseng Whole Root",
            "花旗参 整枝",
            (
                P("113", "113", "g", 180, "4 oz (113 g)", "113克"),
                P("227", "227", "g", 320, "8 oz (227 g)", "227克"),
                P("454", "454", "g", 600, "1 lb (454 g)", "454克"),
            ),
            GRADES,
            (
                "Whole American ginseng roots, dug in their fourth year, "
                "washed and slowly air-dried at low heat.",
            ),
            ("精选四年生西洋参整枝，人工清洗后低温慢速风干，保留参须与完整形态。",),
            "box",
            price_per_100="30",
        ),
        Line(
            "SL",
            "cultivated",
            "121120",
            "American Ginseng Root Slices",
            "花旗参切片",
            (
                P("57", "57", "g", 110, "2 oz (57 g)", "57克"),
                P("113", "113", "g", 190, "4 oz (113 g)", "113克"),
            ),
            SLICE_OPTIONS,
            ("Dried American ginseng roots cut into thin, even slices that steep quickly in hot water.",),
            ("西洋参干根切成均匀薄片，开水冲泡即可出味，口感先苦后甘。",),
            "pouch",
            price_per_100="35",
        ),
        Line(
            "PR",
            "cultivated",
            "121120",
            "American Ginseng Prong Roots",
            "花旗参 短枝",
            (
                P("227", "227", "g", 320, "8 oz (227 g)", "227克"),
                P("454", "454", "g", 600, "1 lb (454 g)", "454克"),
            ),
            GRADES[:2],
            (
                "Short, dense American ginseng prongs: the thick middle "
                "of the root, prized for stewing in soup.",
            ),
            ("西洋参短枝取主根中段，参体饱满结实，适合炖汤与切片。",),
            "box",
            price_per_100="25",
        ),
        Line(
            "PW",
            "cultivated",
            "121120",
            "American Ginseng Root Powder",
            "花旗参粉",
            (
                P("100", "100", "g", 170, "3.5 oz (100 g)", "100克"),
                P("200", "200", "g", 300, "7 oz (200 g)", "200克"),
            ),
            (),
            ("Finely milled American ginseng root, nothing added, packed in a resealable pouch.",),
            ("西洋参根磨成细粉，无任何添加，可冲饮或加入汤品，自封袋包装。",),
            "pouch",
            price_per_100="28",
        ),
        Line(
            "FB",
            "cultivated",
            "121120",
            "American Ginseng Fibrous Roots",
            "花旗参 参须",
            (P("227", "227", "g", 300, "8 oz (227 g)", "227克"),),
            (),
            ("The fine side roots of American ginseng, an economical choice for daily tea.",),
            ("西洋参参须，性价比高，适合日常泡茶饮用。",),
            "pouch",
            price_per_100="14",
        ),
        Line(
            "WS",
            "wild-simulated",
            "121120",
            "Wild-Simulated American Ginseng Roots",
            "林下 野山花旗参",
            (P("28", "28", "g", 90, "1 oz (28 g)", "28克"), P("57", "57", "g", 140, "2 oz (57 g)", "57克")),
            (Option("GB", "Wooden gift box", "木质礼盒装", "1"),),
            (
                "American ginseng grown from seed under hardwood forest shade for eight years or more, "
                "with the slow growth rings and gnarled shape of wild roots.",
            ),
            ("西洋参种子播于阔叶林下自然生长八年以上，芦头长、纹路深，形态接近野生。",),
            "box",
            price_per_100="285",
        ),
        Line(
            "TB",
            "cultivated",
            "121120",
            "American Ginseng Root Tea Bags",
            "花旗参 袋泡茶",
            (P("40", "60", "g", 140, "20 tea bags (60 g)", "20包 60克"),),
            SLICE_OPTIONS,
            ("Cut American ginseng root in unbleached tea bags, one bag per cup.",),
            ("西洋参根切碎装入无漂白茶包，一杯一包，方便冲泡。",),
            "box",
            price_per_100="30",
        ),
        Line(
            "LR",
            "cultivated",
            "121120",
            "American Ginseng Long Roots",
            "花旗参 长枝 原枝",
            (
                P("113", "113", "g", 180, "4 oz (113 g)", "113克"),
                P("227", "227", "g", 320, "8 oz (227 g)", "227克"),
            ),
            GRADES,
            (
                "Long, slender American ginseng roots with their fine "
                "rootlets left on, as graded at the farm.",
            ),
            ("西洋参长枝原枝，保留细须，按农场原始分级出售。",),
            "box",
            price_per_100="27",
        ),
    ),
    story_en=(
        "Grown by {brand} in the cool, well-drained soil around {city}, {state}.",
        "Every lot is tested for pesticide residues and heavy metals before it leaves the farm.",
        "Our family has raised American ginseng in {state} for "
        "generations, under shade cloth and straw mulch.",
        "Each root is graded by hand for size, colour and firmness.",
    ),
    story_zh=(
        "产地：美国{state}，由{brand}在凉爽、排水良好的土壤中种植。",
        "每批次出厂前均经农残与重金属检测。",
        "家族在{state}种植花旗参已有数代，遮阳棚下覆草栽培。",
        "每一支参都经人工按大小、色泽与坚实度分级。",
    ),
    usage_en=(
        "To enjoy, steep 3-5 slices in hot water for ten minutes, or simmer with chicken soup.",
        "Chew a slice slowly, brew as tea, or add to soups; store in a cool, dry place.",
    ),
    usage_zh=(
        "食用方法：每次取3-5片，热水冲泡十分钟即可饮用，也可与鸡汤同炖。",
        "食用方法：可含服、泡茶或煲汤；请存放于阴凉干燥处。",
    ),
)
