"""Still and sparkling wine from small family wineries on the West Coast and in New York."""

from borderless.demo.content.base import CategoryContent, Line, Option
from borderless.demo.content.base import Pack as P

BOTTLE = (P("750", "750", "ml", 1300, "750 ml", "750毫升"),)
MAGNUM = (P("1500", "1500", "ml", 2500, "1.5 L magnum", "1.5升 大瓶装"),)
VINTAGE = (
    Option("21", "2021 vintage", "2021年份", "1.08"),
    Option("22", "2022 vintage", "2022年份", "1"),
    Option("22G", "2022 vintage, gift box", "2022年份 礼盒装", "1.06"),
)


def _wine(
    code, kind, name_en, name_zh, about_en, about_zh, price, hs="220421", packs=BOTTLE, options=VINTAGE
):
    return Line(code, kind, hs, name_en, name_zh, packs, options, (about_en,), (about_zh,), "wine", price)


CONTENT = CategoryContent(
    slug="wine",
    background=(236, 226, 230),
    lines=(
        _wine(
            "PN",
            "pinot",
            "Estate Pinot Noir",
            "庄园 黑皮诺 干红葡萄酒",
            "Silky estate Pinot Noir with red cherry, raspberry and "
            "forest-floor notes, aged ten months in French oak.",
            "酒庄自产黑皮诺，口感丝滑，带红樱桃、覆盆子与林间泥土气息，法国橡木桶陈酿十个月。",
            "5.6",
        ),
        _wine(
            "PG",
            "pinot",
            "Pinot Gris",
            "灰皮诺 干白葡萄酒",
            "Crisp Pinot Gris with pear, melon and a clean mineral finish.",
            "清爽的灰皮诺干白，带梨与甜瓜香气，收尾干净带矿物感。",
            "3.2",
        ),
        _wine(
            "CH",
            "chardonnay",
            "Chardonnay",
            "霞多丽 干白葡萄酒",
            "Barrel-fermented Chardonnay: ripe apple, lemon curd and a touch of toasted oak.",
            "橡木桶发酵的霞多丽，成熟苹果与柠檬凝乳香气，带轻微烘烤橡木味。",
            "4.3",
        ),
        _wine(
            "CS",
            "cabernet",
            "Cabernet Sauvignon",
            "赤霞珠 干红葡萄酒",
            "Structured Cabernet Sauvignon with blackcurrant, cedar and firm, fine-grained tannins.",
            "结构感强的赤霞珠，黑醋栗与雪松香气，单宁紧实细腻。",
            "6.4",
        ),
        _wine(
            "ZN",
            "zinfandel",
            "Old-Vine Zinfandel",
            "老藤仙粉黛 干红葡萄酒",
            "Old-vine Zinfandel from head-trained vines planted in the "
            "1940s: brambly fruit and black pepper.",
            "上世纪四十年代种植的杯状老藤仙粉黛，黑莓果香与黑胡椒风味。",
            "4.8",
        ),
        _wine(
            "RI",
            "riesling",
            "Dry Riesling",
            "干型雷司令 白葡萄酒",
            "Dry Riesling with lime, green apple and bright acidity; lovely with spicy food.",
            "干型雷司令，青柠与青苹果香气，酸度明亮，适合搭配川湘菜。",
            "2.9",
        ),
        _wine(
            "SY",
            "syrah",
            "Syrah",
            "西拉 干红葡萄酒",
            "Dark, savoury Syrah with blackberry, smoked meat and violet.",
            "深色西拉，带黑莓、烟熏肉与紫罗兰香气。",
            "5.1",
        ),
        _wine(
            "BR",
            "sparkling",
            "Brut Sparkling Wine",
            "传统法起泡酒 天然型",
            "Traditional-method sparkling wine, two years on the lees, "
            "with fine bubbles and a brioche finish.",
            "传统香槟法酿造，带酒泥陈酿两年，气泡细腻，尾韵带面包香。",
            "6",
            hs="220410",
            options=VINTAGE[1:2],
        ),
        _wine(
            "PM",
            "pinot",
            "Reserve Pinot Noir Magnum",
            "珍藏 黑皮诺 干红葡萄酒",
            "Our reserve Pinot Noir from the oldest block, bottled in magnum for cellaring.",
            "选自最老地块的珍藏黑皮诺，大瓶装更适合窖藏。",
            "8",
            packs=MAGNUM,
            options=VINTAGE[:1],
        ),
        _wine(
            "RO",
            "pinot",
            "Rosé of Pinot Noir",
            "黑皮诺桃红葡萄酒",
            "A pale, dry rosé with strawberry and watermelon, pressed straight from Pinot Noir grapes.",
            "色泽浅淡的干型桃红，带草莓与西瓜香气，黑皮诺葡萄直接压榨酿成。",
            "3.7",
        ),
        _wine(
            "ME",
            "cabernet",
            "Merlot",
            "梅洛 干红葡萄酒",
            "A round, generous Merlot with plum, cocoa and soft tannins.",
            "圆润饱满的梅洛，李子与可可风味，单宁柔和。",
            "4.3",
        ),
        _wine(
            "RB",
            "cabernet",
            "Red Blend",
            "混酿干红葡萄酒",
            "Our winemaker's blend of Cabernet Sauvignon, Merlot and Cabernet Franc.",
            "酿酒师以赤霞珠、梅洛与品丽珠调配的混酿干红。",
            "4",
        ),
        _wine(
            "SB",
            "chardonnay",
            "Sauvignon Blanc",
            "长相思 干白葡萄酒",
            "Zesty Sauvignon Blanc with grapefruit, passion fruit and fresh-cut grass.",
            "清新的长相思，带西柚、百香果与青草香气。",
            "3.2",
        ),
        _wine(
            "GW",
            "riesling",
            "Gewürztraminer",
            "琼瑶浆 白葡萄酒",
            "Aromatic off-dry Gewürztraminer with lychee and rose petal.",
            "芳香型半干琼瑶浆，带荔枝与玫瑰花瓣香气。",
            "3.1",
        ),
        _wine(
            "LH",
            "riesling",
            "Late Harvest Riesling",
            "晚收雷司令 甜白葡萄酒",
            "A honeyed dessert wine from Riesling grapes left on the vine into November.",
            "葡萄留在藤上至十一月才采收，酿成蜜香浓郁的甜白葡萄酒。",
            "8",
            packs=(P("375", "375", "ml", 750, "375 ml half bottle", "375毫升"),),
            options=VINTAGE[:2],
        ),
        _wine(
            "GR",
            "syrah",
            "Grenache",
            "歌海娜 干红葡萄酒",
            "Bright, juicy Grenache with raspberry and dried herbs.",
            "明亮多汁的歌海娜，覆盆子与干香草风味。",
            "4.4",
        ),
        _wine(
            "BB",
            "sparkling",
            "Blanc de Blancs Sparkling Wine",
            "白中白 起泡葡萄酒",
            "A traditional-method sparkling wine made only from Chardonnay, crisp and elegant.",
            "仅用霞多丽以传统法酿造的起泡酒，清爽优雅。",
            "6.6",
            hs="220410",
            options=VINTAGE[1:2],
        ),
        _wine(
            "SR",
            "sparkling",
            "Sparkling Rosé",
            "桃红起泡葡萄酒",
            "A pink sparkling wine of Pinot Noir with red berries and fine, lively bubbles.",
            "以黑皮诺酿造的桃红起泡酒，红色浆果香气，气泡细腻活泼。",
            "5.6",
            hs="220410",
            options=VINTAGE[1:2],
        ),
    ),
    story_en=(
        "Grown, made and bottled by {brand}, a family winery near {city}, {state}.",
        "The grapes are hand-picked and sorted; we make fewer than five thousand cases a year.",
        "Our vineyard is farmed sustainably, with cover crops and no herbicides.",
        "Alcohol 13.5% by volume. Contains sulfites.",
    ),
    story_zh=(
        "美国{state}{city}附近的家族酒庄{brand}自种、自酿、原瓶灌装。",
        "葡萄人工采摘分选，酒庄年产量不足五千箱。",
        "葡萄园可持续耕作，种植覆盖作物，不使用除草剂。",
        "酒精度13.5%vol，含二氧化硫。",
    ),
    usage_en=(
        "Serve reds at 16-18 °C and whites and sparkling at 8-10 °C. Sale only to adults.",
        "Store bottles lying down away from light and heat. Not sold to persons under 18.",
    ),
    usage_zh=(
        "饮用建议：红葡萄酒16-18°C，白葡萄酒与起泡酒8-10°C。未成年人请勿饮酒。",
        "请平放避光保存，远离高温。禁止向未满18周岁者销售。",
    ),
)
