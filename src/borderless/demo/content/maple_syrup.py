"""Pure maple syrup, maple sugar and maple candy from sugarhouses in Vermont, New York and Maine."""

from borderless.demo.content.base import CategoryContent, Line, Option
from borderless.demo.content.base import Pack as P

GRADES = (
    Option("GLD", "Grade A Golden, delicate taste", "A级 金色 清淡风味", "1"),
    Option("AMB", "Grade A Amber, rich taste", "A级 琥珀色 浓郁风味", "1"),
    Option("DRK", "Grade A Dark, robust taste", "A级 深色 醇厚风味", "1"),
)
PACKS = (
    Option("STD", "Standard bottle", "标准装", "1"),
    Option("GB", "Gift box", "礼盒装", "1.12"),
)

CONTENT = CategoryContent(
    slug="maple-syrup",
    background=(245, 234, 214),
    lines=(
        Line(
            "SY",
            "syrup",
            "170220",
            "Pure Maple Syrup",
            "纯枫糖浆",
            (
                P("250", "250", "ml", 420, "250 ml glass bottle", "250毫升 玻璃瓶"),
                P("500", "500", "ml", 700, "500 ml (16.9 fl oz)", "500毫升"),
                P("946", "946", "ml", 1250, "1 quart (946 ml) jug", "946毫升 桶装"),
            ),
            GRADES,
            ("100% pure maple syrup boiled down from the spring sap of sugar maples; nothing added.",),
            ("100%纯枫糖浆，由春季糖枫树液熬制浓缩而成，无任何添加。",),
            "bottle",
            price_per_100="4",
        ),
        Line(
            "BA",
            "syrup",
            "170220",
            "Bourbon Barrel-Aged Maple Syrup",
            "波本桶陈酿枫糖浆",
            (P("375", "375", "ml", 600, "375 ml", "375毫升"),),
            PACKS,
            ("Amber maple syrup rested for months in charred oak bourbon barrels, with notes of vanilla.",),
            ("琥珀色枫糖浆在烘烤过的波本橡木桶中陈放数月，带有香草与橡木香气。",),
            "bottle",
            price_per_100="6.4",
        ),
        Line(
            "SG",
            "sugar",
            "170220",
            "Granulated Maple Sugar",
            "枫糖砂糖",
            (
                P("227", "227", "g", 300, "8 oz (227 g)", "227克"),
                P("454", "454", "g", 560, "1 lb (454 g)", "454克"),
            ),
            (),
            (
                "Pure maple syrup cooked until all the water is gone and "
                "stirred into fine granules; use like sugar.",
            ),
            ("枫糖浆持续熬煮至水分完全蒸发后搅拌成细颗粒，可代替白砂糖使用，带天然枫糖浆香气。",),
            "pouch",
            price_per_100="6",
        ),
        Line(
            "CD",
            "candy",
            "170490",
            "Maple Sugar Candy Leaves",
            "枫叶造型枫糖糖果",
            (
                P("85", "85", "g", 160, "3 oz gift box (85 g)", "85克 礼盒"),
                P("170", "170", "g", 280, "6 oz (170 g)", "170克"),
            ),
            (),
            ("Melt-in-the-mouth candies made only from maple syrup and poured into maple-leaf moulds.",),
            ("仅用枫糖浆制成的入口即化糖果，倒入枫叶模具定型，是传统伴手礼。",),
            "box",
            price_per_100="10.5",
        ),
        Line(
            "CR",
            "candy",
            "170490",
            "Maple Cream Spread",
            "枫糖奶油抹酱",
            (P("227", "227", "g", 380, "8 oz jar (227 g)", "227克 玻璃罐"),),
            (),
            (
                "Pure maple syrup heated, cooled and stirred until "
                "creamy; despite the name there is no dairy. "
                "Nothing else goes in.",
            ),
            ("纯枫糖浆经加热、冷却、搅拌制成的细腻抹酱，名为奶油但不含乳制品。",),
            "jar",
            price_per_100="4.8",
        ),
        Line(
            "LF",
            "syrup",
            "170220",
            "Maple Syrup in Maple-Leaf Glass Bottle",
            "枫叶造型玻璃瓶 纯枫糖浆",
            (
                P("100", "100", "ml", 260, "100 ml", "100毫升"),
                P("250", "250", "ml", 480, "250 ml", "250毫升"),
            ),
            GRADES[:2],
            ("Pure maple syrup in a clear maple-leaf bottle, our most popular gift.",),
            ("纯枫糖浆装在透明枫叶造型玻璃瓶中，是最受欢迎的伴手礼。",),
            "bottle",
            price_per_100="7",
        ),
        Line(
            "VD",
            "syrup",
            "170220",
            "Very Dark Maple Syrup for Cooking",
            "特深色 烹饪用枫糖浆",
            (
                P("946", "946", "ml", 1250, "1 quart (946 ml)", "946毫升"),
                P("3785", "3785", "ml", 4700, "1 gallon (3.78 L)", "3.78升 大桶装"),
            ),
            (),
            ("Late-season very dark maple syrup with a strong taste, made for baking, glazes and barbecue.",),
            ("采汁季末期的特深色枫糖浆，风味强烈，适合烘焙、烧烤酱与糖霜。",),
            "jug",
            price_per_100="3.2",
        ),
    ),
    story_en=(
        "Tapped and boiled by {brand} in our wood-fired sugarhouse near {city}, {state}.",
        "We collect sap from about eight thousand taps on our own hillside sugarbush each March.",
        "The syrup is graded to the US standard and hot-packed so it keeps without preservatives.",
        "A true taste of {state} maple syrup season, made by a small family business.",
    ),
    story_zh=(
        "产地：美国{state}{city}附近，由{brand}在柴火糖屋中采集熬制。",
        "每年三月从自家山坡上约八千个采汁口收集树液。",
        "按美国标准分级，热灌装密封，不含防腐剂也能长期保存。",
        "来自{state}家庭作坊的正宗枫糖浆风味。",
    ),
    usage_en=(
        "Pour over pancakes, waffles or yoghurt, or use in place of sugar "
        "in tea and baking. Refrigerate after opening.",
        "Delicious with oatmeal, roasted vegetables and coffee. Store in the fridge once opened.",
    ),
    usage_zh=(
        "食用方法：淋在松饼、华夫饼或酸奶上，也可代替白糖用于泡茶与烘焙。开封后请冷藏。",
        "搭配燕麦粥、烤蔬菜和咖啡都很美味；开封后请冷藏保存。",
    ),
)
