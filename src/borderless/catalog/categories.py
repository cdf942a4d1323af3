"""The categories US small exporters really sell to China, with a typical HS code for each."""

from typing import NamedTuple


class CategorySpec(NamedTuple):
    slug: str
    name_en: str
    name_zh: str
    typical_hs_code: str


CATEGORIES: tuple[CategorySpec, ...] = (
    CategorySpec("american-ginseng", "American ginseng", "西洋参", "121120"),
    CategorySpec("maple-syrup", "Maple syrup and sweets", "枫糖浆与甜品", "170220"),
    CategorySpec("honey", "Honey", "蜂蜜", "040900"),
    CategorySpec("nuts-dried-fruit", "Nuts and dried fruit", "坚果果干", "080251"),
    CategorySpec("wine", "Wine", "葡萄酒", "220421"),
    CategorySpec("supplements", "Dietary supplements", "膳食补充剂", "210690"),
    CategorySpec("skin-care", "Skin care", "护肤品", "330499"),
    CategorySpec("infant-formula", "Infant formula", "婴幼儿配方奶粉", "190110"),
    CategorySpec("handbags", "Handbags and leather goods", "手袋与皮具", "420221"),
    CategorySpec("outdoor-gear", "Outdoor gear", "户外装备", "630622"),
    CategorySpec("toys", "Toys and games", "玩具", "950300"),
    CategorySpec("books", "Books", "图书", "490199"),
)
