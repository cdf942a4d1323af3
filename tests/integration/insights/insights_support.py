"""A small marketplace with real trade in it, made through the services (borderless.demo.trade)."""

import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from borderless.demo import trade
from borderless.orders.models import Order
from factories import make_buyer, make_product, make_seller

IDENTITY = {"name": "张三", "id_number": "11010519491231002X"}


def address(province: str = "北京市") -> dict:
    return {"name": "张三", "phone": "13800138000", "province": province, "city": "某市",
            "district": "某区", "street": "建国路 88 号"}  # fmt: skip


_codes = itertools.count(1)


def sku(seller, price=Decimal("40.00"), category="american-ginseng", stock=100):
    hs = {"american-ginseng": "121120", "honey": "040900", "handbags": "420221"}[category]
    skus = [{"code": f"IN{next(_codes)}", "price_usd": price, "stock": stock}]
    product = make_product(seller, category=category, hs_code=hs, skus=skus)
    return product.skus.get()


@dataclass
class Market:
    farm: object
    maker: object
    newcomer: object  # verified, sells nothing
    buyers: list
    skus: dict
    orders: list = field(default_factory=list)


def market() -> Market:
    farm = make_seller(state="WI", business_type="farm", employee_band="2-9")
    maker = make_seller(state="VT", business_type="manufacturer", employee_band="10-49",
                        legal_name="Maple Makers LLC", display_name="Maple Makers")  # fmt: skip
    newcomer = make_seller(state="OR", business_type="brand", employee_band="1")
    buyers = [make_buyer() for _ in range(3)]
    skus = {"ginseng": sku(farm), "honey": sku(farm, Decimal("25.00"), "honey"),
            "bag": sku(maker, Decimal("120.00"), "handbags")}  # fmt: skip
    return Market(farm, maker, newcomer, buyers, skus)


def sell(m: Market, buyer_index: int, *names_and_quantities, province="北京市") -> list[Order]:
    items = [(m.skus[name].public_id, qty) for name, qty in names_and_quantities]
    placed = trade.buy(m.buyers[buyer_index], items, address(province), IDENTITY)
    m.orders += placed
    return placed


def busy_market(django_capture_on_commit_callbacks) -> Market:
    """Three buyers, two exporting sellers, a delivered and paid-out order, a partial refund."""
    m = market()
    with django_capture_on_commit_callbacks(execute=True):
        first = sell(m, 0, ("ginseng", 2), ("bag", 1))
        sell(m, 1, ("honey", 3), province="上海市")
        sell(m, 2, ("ginseng", 1), province="广东省")
        farm_order = next(o for o in first if o.seller_id == m.farm.pk)
        trade.ship(farm_order, "EMS", "EE123456789US")
        trade.deliver(farm_order)
        trade.confirm(farm_order)
        trade.pay_sellers()
        bag_order = next(o for o in first if o.seller_id == m.maker.pk)
        trade.refund(bag_order, Decimal("50.00"), "scratched clasp")
    return m
