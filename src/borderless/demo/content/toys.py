"""Wooden toys, plush and board games from small US toy makers."""

from borderless.demo.content.base import CategoryContent, Line, Option
from borderless.demo.content.base import Pack as P

FINISH = (Option("NAT", "Natural wood", "原木色", "1"), Option("CLR", "Rainbow colours", "彩虹色", "1.1"))
PLUSH = (
    Option("BR", "Bear", "小熊", "1"),
    Option("BN", "Bunny", "小兔", "1"),
    Option("FX", "Fox", "小狐狸", "1"),
)
EDITION = (
    Option("STD", "Standard edition", "标准版", "1"),
    Option("DLX", "Deluxe edition", "豪华版", "1.45"),
)


def _set(code, count, weight, price, en, zh):
    return P(code, str(count), "piece", weight, en, zh, price)


CONTENT = CategoryContent(
    slug="toys",
    background=(250, 238, 222),
    state_in_zh_title=False,
    lines=(
        Line(
            "BL",
            "wooden",
            "950300",
            "Hardwood Building Blocks",
            "实木积木",
            (
                _set("30", 30, 1600, "42", "30-piece set", "30块装"),
                _set("60", 60, 2900, "72", "60-piece set", "60块装"),
            ),
            FINISH,
            (
                "Building blocks cut from sustainably harvested maple and "
                "sanded smooth, with a food-safe finish.",
            ),
            ("选用可持续采伐的枫木切割打磨，表面为食品级安全涂层。",),
            "blocks",
        ),
        Line(
            "TR",
            "wooden",
            "950300",
            "Wooden Train Set",
            "木制小火车轨道套装",
            (_set("40", 40, 2100, "89", "40-piece set", "40件套"),),
            FINISH,
            ("A wooden train set with track, bridge and magnetic cars, compatible with the major brands.",),
            ("木制火车轨道套装，含桥梁与磁性车厢，可兼容主流品牌轨道。",),
            "blocks",
        ),
        Line(
            "PZ",
            "wooden",
            "950300",
            "Wooden Animal Puzzle",
            "木制动物拼图",
            (_set("12", 12, 450, "24", "12 pieces", "12片"),),
            FINISH,
            ("A chunky puzzle with farm animals for little hands, ages 2 and up.",),
            ("大块农场动物拼图，适合小手抓握，适用2岁以上。",),
            "blocks",
        ),
        Line(
            "PL",
            "plush",
            "950300",
            "Organic Cotton Plush Animal",
            "有机棉毛绒公仔",
            (_set("1", 1, 250, "32", "12 in (30 cm)", "30厘米"),),
            PLUSH,
            ("A soft plush friend sewn from organic cotton and filled with corn fibre.",),
            ("有机棉面料缝制，填充玉米纤维，柔软亲肤。",),
            "plush",
        ),
        Line(
            "BG",
            "games",
            "950490",
            "Family Strategy Board Game",
            "家庭策略桌游",
            (_set("1", 1, 1300, "45", "2-5 players", "2-5人"),),
            EDITION,
            ("A family board game about building farms and trading crops; 45 minutes, ages 8 and up.",),
            ("经营农场、交易作物的家庭策略桌游，单局约45分钟，适合8岁以上。",),
            "game",
        ),
        Line(
            "CG",
            "games",
            "950490",
            "Card Game for Kids",
            "儿童卡牌游戏",
            (_set("1", 1, 220, "16", "2-6 players", "2-6人"),),
            (),
            ("A quick matching card game that teaches colours and counting; ages 4 and up.",),
            ("快节奏配对卡牌游戏，帮助认识颜色和数数，适合4岁以上。",),
            "game",
        ),
        Line(
            "RB",
            "wooden",
            "950300",
            "Wooden Stacking Rainbow",
            "木制彩虹叠叠乐",
            (_set("7", 7, 900, "48", "7 arches", "7片"),),
            FINISH,
            ("Seven nesting arches of solid basswood for open-ended play.",),
            ("七片实心椴木拱形积木，可自由搭建玩耍。",),
            "blocks",
        ),
        Line(
            "JP",
            "games",
            "950300",
            "1000-Piece Jigsaw Puzzle: National Parks",
            "1000片拼图 美国国家公园",
            (_set("1000", 1000, 700, "22", "1000 pieces", "1000片"),),
            (),
            ("A jigsaw puzzle of vintage-style national park posters, printed on recycled board.",),
            ("复古海报风格的国家公园拼图，再生纸板印制。",),
            "game",
        ),
        Line(
            "DG",
            "games",
            "950490",
            "Family Dice Game",
            "家庭骰子游戏",
            (_set("1", 1, 300, "19", "2-6 players", "2-6人"),),
            (),
            ("A fast, lucky dice game that grandparents and grandchildren can play together.",),
            ("节奏明快的骰子游戏，祖孙三代都能一起玩。",),
            "game",
        ),
        Line(
            "KD",
            "plush",
            "950300",
            "Hand-Knit Cotton Doll",
            "手工编织棉布娃娃",
            (_set("1", 1, 200, "38", "10 in (25 cm)", "25厘米"),),
            PLUSH[:1],
            ("A soft doll knitted by hand from organic cotton yarn, with embroidered eyes for safety.",),
            ("有机棉线手工编织的布娃娃，眼睛为刺绣，安全放心。",),
            "plush",
        ),
        Line(
            "CO",
            "games",
            "950490",
            "Cooperative Orchard Game",
            "合作式果园桌游",
            (_set("1", 1, 900, "34", "1-4 players, ages 3+", "1-4人 3岁以上"),),
            (),
            (
                "Young players work together to pick the fruit before the "
                "crow reaches the orchard; nobody loses alone.",
            ),
            ("小玩家们齐心协力，赶在乌鸦飞到果园之前摘完水果，一起赢或一起输。",),
            "game",
        ),
        Line(
            "CC",
            "games",
            "950490",
            "Wooden Chess and Checkers Set",
            "木制国际象棋跳棋两用套装",
            (_set("1", 1, 1500, "79", "folding board", "折叠棋盘"),),
            (Option("WAL", "Walnut and maple", "胡桃木与枫木", "1"),),
            ("A folding hardwood board with hand-turned chess pieces and checkers stored inside.",),
            ("实木折叠棋盘，内置手工车制的国际象棋子与跳棋。",),
            "game",
        ),
        Line(
            "SC",
            "games",
            "950490",
            "Strategy Card Game: Trade Winds",
            "策略卡牌游戏《信风贸易》",
            (_set("1", 1, 400, "25", "2-4 players, ages 10+", "2-4人 10岁以上"),),
            EDITION,
            (
                "A card game of sailing ships and spice markets for older "
                "children and adults, 30 minutes a game.",
            ),
            ("扬帆航海、经营香料市场的卡牌游戏，适合大孩子与成人，单局约30分钟。",),
            "game",
        ),
    ),
    story_en=(
        "Designed and made by {brand} in {city}, {state}.",
        "Tested to ASTM F963 and CPSIA; no BPA, no phthalates, no lead paint.",
        "A family toy workshop; every piece is checked by hand before it is boxed.",
        "Packed in recycled cardboard without plastic.",
    ),
    story_zh=(
        "由{brand}在美国{state}{city}设计并制作。",
        "通过美国ASTM F963与CPSIA安全检测，不含双酚A、邻苯二甲酸盐与含铅涂料。",
        "家庭玩具工坊，每一件出厂前都经人工检查。",
        "使用再生纸板包装，不含塑料。",
    ),
    usage_en=(
        "Warning: small parts, not for children under 3 unless stated. Wipe clean with a damp cloth.",
        "Adult supervision recommended. Clean with a damp cloth; do not soak.",
    ),
    usage_zh=(
        "注意：含小零件，除特别注明外不适合3岁以下儿童。可用湿布擦拭清洁。",
        "建议在成人看护下使用。用湿布擦拭，请勿浸泡。",
    ),
)
