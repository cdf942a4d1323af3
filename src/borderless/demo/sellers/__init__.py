"""The demo sellers: small US businesses and farms, each with its owner, its story and what it sells.

The businesses are invented; the places, crops and trades are real. Email domains end in `.example`
(reserved by RFC 2606), so no demo address can ever reach a real inbox.
"""

from borderless.demo.sellers import growers, makers
from borderless.demo.sellers.spec import SellerSpec

SELLERS: tuple[SellerSpec, ...] = growers.SELLERS + makers.SELLERS

# Brands that differ from the business's display name (mostly to avoid "Ginseng … Ginseng" in titles).
BRANDS: dict[str, tuple[str, str]] = {
    "MCG": ("Marathon Gold", "马拉松金参"),
    "BRW": ("Blue Ridge Woods", "蓝岭山林"),
    "ERG": ("Eagle River", "鹰河"),
    "CUM": ("Cumberland", "坎伯兰"),
    "RSH": ("Ridgeline", "山脊"),
    "ADK": ("Adirondack Farm", "阿迪朗达克"),
    "NWS": ("North Woods", "北林"),
    "SVA": ("Sierra Vista", "西雅景"),
    "SVW": ("Valley Gold", "河谷金"),
    "YOH": ("Orchard Hill", "果园山"),
    "TBC": ("Traverse Bay", "特拉弗斯湾"),
    "CCB": ("Cape Cod Bog", "科德角"),
    "DEB": ("Down East", "缅因东岸"),
    "FRP": ("Flint River", "弗林特河"),
    "HMF": ("Hamakua", "哈马库阿"),
    "FLH": ("Finger Lakes", "五指湖"),
    "ARA": ("Apalachicola", "阿巴拉契科拉"),
    "KSN": ("Kodiak Sea", "科迪亚克"),
    "OGF": ("Ozark Goat Farm", "欧扎克山羊"),
    "HIN": ("Heartland Little Ones", "心田小宝"),
}


def brand_of(seller: SellerSpec) -> tuple[str, str]:
    return BRANDS.get(seller.code, (seller.display_name, seller.display_name_zh))


CITY_ZH: dict[str, str] = {
    "Wausau": "沃索",
    "Edgar": "埃德加",
    "Boone": "布恩",
    "Berea": "伯里亚",
    "Montpelier": "蒙彼利埃",
    "Saranac Lake": "萨拉纳克湖",
    "Skowhegan": "斯科希根",
    "Modesto": "莫德斯托",
    "Fresno": "弗雷斯诺",
    "Chico": "奇科",
    "Healdsburg": "希尔兹堡",
    "Dundee": "邓迪",
    "Walla Walla": "瓦拉瓦拉",
    "Hector": "赫克托",
    "Yakima": "雅基马",
    "Traverse City": "特拉弗斯城",
    "Wareham": "韦勒姆",
    "Machias": "马柴厄斯",
    "Albany": "奥尔巴尼",
    "Honokaa": "霍诺卡阿",
    "Ithaca": "伊萨卡",
    "Wewahitchka": "韦瓦希奇卡",
    "Orem": "奥勒姆",
    "Kodiak": "科迪亚克",
    "Portland": "波特兰",
    "Tucson": "图森",
    "Eureka Springs": "尤里卡斯普林斯",
    "Cedar Rapids": "锡达拉皮兹",
    "Tillamook": "蒂拉穆克",
    "Fredericksburg": "弗雷德里克斯堡",
    "Brooklyn": "布鲁克林",
    "Boulder": "博尔德",
    "Bozeman": "博兹曼",
    "Millersburg": "米勒斯堡",
    "Lancaster": "兰卡斯特",
    "Cambridge": "剑桥",
    "Minneapolis": "明尼阿波利斯",
    "Holland": "霍兰",
}


def city_zh(seller: SellerSpec) -> str:
    return CITY_ZH[seller.city]
