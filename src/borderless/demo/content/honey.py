"""Raw and varietal honey from US beekeepers."""

from borderless.demo.content.base import CategoryContent, Line, Option
from borderless.demo.content.base import Pack as P

PACKS = (
    Option("JAR", "Glass jar", "玻璃罐装", "1"),
    Option("GB", "Gift box with dipper", "礼盒装 附蜂蜜棒", "1.2"),
)
JARS = (
    P("340", "340", "g", 520, "12 oz jar (340 g)", "340克 玻璃罐"),
    P("454", "454", "g", 680, "1 lb jar (454 g)", "454克"),
    P("1000", "1000", "g", 1350, "1 kg jar", "1公斤 大罐装"),
)


def _honey(code, kind, name_en, name_zh, about_en, about_zh, price, packs=JARS, options=PACKS, shape="jar"):
    return Line(
        code, kind, "040900", name_en, name_zh, packs, options, (about_en,), (about_zh,), shape, price
    )


CONTENT = CategoryContent(
    slug="honey",
    background=(250, 240, 205),
    lines=(
        _honey(
            "WC",
            "wildflower",
            "Raw Wildflower Honey",
            "生蜂蜜 野花蜜",
            "Raw wildflower honey, only strained, never heated, so it keeps its pollen and aroma.",
            "未经加热的野花生蜂蜜，仅作过滤，保留花粉与天然香气。",
            "3",
        ),
        _honey(
            "CL",
            "wildflower",
            "Clover Honey",
            "三叶草蜂蜜",
            "Light, mild clover honey, the classic American table honey.",
            "色泽浅、口感温和的三叶草蜂蜜，经典美式餐桌蜜。",
            "2.4",
        ),
        _honey(
            "BW",
            "buckwheat",
            "Buckwheat Honey",
            "荞麦蜂蜜",
            "Dark buckwheat honey with a malty, molasses-like taste and plenty of antioxidants.",
            "深色荞麦蜜，带麦芽与糖蜜般的浓郁风味，富含抗氧化物质。",
            "3",
        ),
        _honey(
            "CR",
            "creamed",
            "Creamed Honey",
            "奶油蜂蜜 结晶蜜",
            "Honey gently crystallised into a smooth, spreadable cream; nothing is added.",
            "蜂蜜经控温缓慢结晶成细腻可涂抹的质地，无任何添加。",
            "3.5",
        ),
        _honey(
            "CB",
            "comb",
            "Honeycomb",
            "巢蜜 蜂巢蜜",
            "A whole piece of capped honeycomb cut straight from the frame; eat the wax and all.",
            "整块封盖蜂巢直接从巢框切下，蜂蜡可一同咀嚼食用。",
            "6.5",
            packs=(P("340", "340", "g", 600, "12 oz box (340 g)", "340克 盒装"),),
            options=(),
            shape="box",
        ),
        _honey(
            "TP",
            "tupelo",
            "Tupelo Honey",
            "紫树蜂蜜",
            "Rare white tupelo honey from the river swamps; it is so "
            "high in fructose it hardly crystallises.",
            "稀有的白紫树蜂蜜，果糖含量高，几乎不结晶。",
            "5",
        ),
        _honey(
            "OH",
            "hawaiian",
            "Raw Ohia Lehua Honey",
            "欧希亚花蜂蜜 白蜜",
            "Creamy white honey from the red ohia lehua blossoms of the Big Island's volcanic forests.",
            "来自夏威夷大岛火山森林红色欧希亚花的白色奶油状蜂蜜。",
            "6.5",
        ),
        _honey(
            "OR",
            "orange",
            "Orange Blossom Honey",
            "橙花蜂蜜",
            "Fragrant orange blossom honey gathered while the citrus groves are in bloom.",
            "柑橘园花期采集的橙花蜜，花香浓郁。",
            "3.2",
        ),
    ),
    story_en=(
        "Our bees forage around {city}, {state}, far from industrial farms.",
        "{brand} keeps a few hundred hives and extracts every batch by hand.",
        "Tested by an independent laboratory for purity and residues; no syrup, no blending.",
        "Honey from {state}, packed in glass at our own honey house.",
    ),
    story_zh=(
        "蜂场位于美国{state}{city}周边，远离工业化农田。",
        "{brand}养蜂数百箱，每批蜂蜜均为人工摇取。",
        "经第三方实验室检测纯度与残留，不掺糖浆、不勾兑。",
        "产地{state}，在自家蜂蜜工坊玻璃罐装。",
    ),
    usage_en=(
        "Stir into warm water or tea, spread on toast, or drizzle "
        "over fruit. Not for infants under one year.",
        "Crystallising is natural; warm the jar gently in water to make it liquid again.",
    ),
    usage_zh=(
        "食用方法：温水冲调、搭配吐司或水果均可。一岁以下婴儿不宜食用。",
        "蜂蜜结晶属自然现象，隔温水加热即可恢复液态，请勿用沸水冲泡。",
    ),
)
