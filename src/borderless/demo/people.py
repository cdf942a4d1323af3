"""The demo's people besides seller owners: the operator, a staff member, a brand owner, the buyers."""

from typing import NamedTuple

# One memorable password for every demo account. It passes the validators in settings (10+ characters,
# not common, not numeric, not like any demo email address or name).
DEMO_PASSWORD = "borderless-demo"

OPERATOR_EMAIL = "operator@demo.example"
OPERATOR_NAME = "Olivia Chen"
STAFF_EMAIL = "kevin@marathonginseng.example"
STAFF_NAME = "Kevin Vang"
BRAND_OWNER_EMAIL = "brand@demo.example"
BRAND_OWNER_NAME = "Rachel Stein"


class Buyer(NamedTuple):
    email: str
    full_name: str
    province: str  # ISO 3166-2:CN subdivision code
    city: str


BUYERS: tuple[Buyer, ...] = (
    Buyer("buyer@demo.example", "王芳", "ZJ", "杭州"),
    Buyer("li.na@demo.example", "李娜", "GD", "深圳"),
    Buyer("zhang.wei@demo.example", "张伟", "SH", "上海"),
    Buyer("liu.yang@demo.example", "刘洋", "BJ", "北京"),
    Buyer("chen.jing@demo.example", "陈静", "SC", "成都"),
    Buyer("yang.fan@demo.example", "杨帆", "JS", "南京"),
    Buyer("zhao.lei@demo.example", "赵磊", "HB", "武汉"),
    Buyer("huang.li@demo.example", "黄丽", "FJ", "厦门"),
    Buyer("zhou.jie@demo.example", "周杰", "SD", "青岛"),
    Buyer("wu.min@demo.example", "吴敏", "HN", "长沙"),
    Buyer("xu.ting@demo.example", "徐婷", "ZJ", "宁波"),
    Buyer("sun.hao@demo.example", "孙浩", "GD", "广州"),
    Buyer("ma.xiaoyan@demo.example", "马晓燕", "CQ", "重庆"),
    Buyer("guo.qiang@demo.example", "郭强", "LN", "大连"),
)
