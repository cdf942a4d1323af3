"""Tents, sleeping bags and packs from small US outdoor-gear makers."""

from borderless.demo.content.base import CategoryContent, Line, Option
from borderless.demo.content.base import Pack as P

TENT_COLOURS = (
    Option("SND", "Sand / green fly", "沙色 绿色外帐", "1"),
    Option("ORG", "Orange fly", "橙色外帐", "1"),
)
BAG_SIZES = (
    Option("REG", "Regular, fits to 6 ft", "标准款 适合身高183厘米以下", "1"),
    Option("LNG", "Long, fits to 6 ft 6 in", "加长款 适合身高198厘米以下", "1.08"),
)


def _one(code, weight, price, en="", zh=""):
    return P(code, "1", "piece", weight, en, zh, price)


CONTENT = CategoryContent(
    slug="outdoor-gear",
    background=(226, 236, 228),
    state_in_zh_title=False,
    lines=(
        Line(
            "T2",
            "tent",
            "630622",
            "Ultralight Backpacking Tent",
            "超轻双人徒步帐篷",
            (_one("2P", 1350, "389", "2-person", "双人"), _one("1P", 980, "329", "1-person", "单人")),
            TENT_COLOURS,
            (
                "A freestanding, double-wall backpacking tent of ripstop "
                "nylon with two doors and two vestibules.",
            ),
            ("自立式双层徒步帐篷，防撕裂尼龙面料，双门双前厅。",),
            "tent",
        ),
        Line(
            "T4",
            "tent",
            "630622",
            "Family Camping Tent",
            "家庭露营帐篷",
            (_one("4P", 5400, "459", "4-person", "四人"), _one("6P", 7800, "589", "6-person", "六人")),
            TENT_COLOURS,
            ("A roomy camping tent with full-height walls, a rainfly to the ground and polyester fabric.",),
            ("空间宽敞的家庭露营帐篷，侧壁陡直，外帐全覆盖，涤纶面料。",),
            "tent",
        ),
        Line(
            "DS",
            "sleeping-bag",
            "940430",
            "Down Sleeping Bag",
            "羽绒睡袋",
            (
                _one("20F", 900, "429", "20 °F / -7 °C", "舒适温度-7°C"),
                _one("0F", 1250, "529", "0 °F / -18 °C", "舒适温度-18°C"),
            ),
            BAG_SIZES,
            ("A mummy sleeping bag filled with 850-fill responsibly sourced goose down.",),
            ("木乃伊式睡袋，填充850蓬松度、符合责任羽绒标准的鹅绒。",),
            "sleeping-bag",
        ),
        Line(
            "SS",
            "sleeping-bag",
            "940430",
            "Synthetic Camping Sleeping Bag",
            "化纤露营睡袋",
            (_one("30F", 1600, "149", "30 °F / -1 °C", "舒适温度-1°C"),),
            BAG_SIZES,
            ("A rectangular synthetic sleeping bag that stays warm when damp and unzips into a quilt.",),
            ("矩形化纤睡袋，受潮仍保暖，拉链全开可当被子使用。",),
            "sleeping-bag",
        ),
        Line(
            "QL",
            "sleeping-bag",
            "940430",
            "Down Backpacking Quilt",
            "羽绒露营被",
            (_one("30F", 620, "299", "30 °F / -1 °C", "舒适温度-1°C"),),
            BAG_SIZES,
            ("A hoodless down quilt for ultralight trips, with pad straps to seal out drafts.",),
            ("无帽羽绒露营被，超轻徒步之选，附睡垫固定带防漏风。",),
            "sleeping-bag",
        ),
        Line(
            "T3",
            "tent",
            "630622",
            "Three-Season Trekking Tent",
            "三季徒步帐篷",
            (_one("3P", 1900, "429", "3-person", "三人"),),
            TENT_COLOURS,
            ("A roomy three-person tent with a steep-walled pole design and two large doors.",),
            ("三人空间，立杆设计使侧壁陡直，配两扇大门。",),
            "tent",
        ),
        Line(
            "KB",
            "sleeping-bag",
            "940430",
            "Kids' Sleeping Bag",
            "儿童睡袋",
            (_one("40F", 800, "79", "40 °F / 4 °C", "舒适温度4°C"),),
            (Option("BLU", "Blue", "蓝色", "1"), Option("RED", "Red", "红色", "1")),
            ("A warm, washable sleeping bag sized for children up to 5 feet tall.",),
            ("保暖可机洗，适合身高152厘米以下儿童。",),
            "sleeping-bag",
        ),
        Line(
            "DB",
            "sleeping-bag",
            "940430",
            "Double Sleeping Bag",
            "双人睡袋",
            (_one("30F", 3200, "219", "30 °F / -1 °C", "舒适温度-1°C"),),
            (),
            ("A two-person sleeping bag for car camping that unzips into two separate quilts.",),
            ("适合自驾露营的双人睡袋，拉链打开可变成两床被子。",),
            "sleeping-bag",
        ),
    ),
    story_en=(
        "Designed and sewn by {brand} in {city}, {state}, and field-tested in the mountains nearby.",
        "Every seam is taped and every stake loop bar-tacked; we repair what we make.",
        "Made in the USA in a workshop of twenty people.",
        "Comes with a stuff sack, repair kit and printed set-up guide.",
    ),
    story_zh=(
        "由{brand}在美国{state}{city}设计缝制，并在附近山区实地测试。",
        "所有接缝压胶，受力点加固打结，终身提供维修。",
        "美国制造，出自一间二十人的工坊。",
        "附收纳袋、修补工具包与纸质搭建说明。",
    ),
    usage_en=(
        "Dry completely before storing; store loosely, not compressed.",
        "Pitch once at home before your first trip; clean with water and mild soap only.",
    ),
    usage_zh=(
        "使用建议：收纳前请彻底晾干，长期存放时请勿压缩。",
        "首次出行前请在家试搭一次；仅用清水和中性皂清洁。",
    ),
)
