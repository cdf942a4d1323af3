"""What an order's parcel weighs before the seller weighs it: the goods plus packaging, 10 % and at least
100 g. The shipping service and the customs waybill both estimate with it."""

from decimal import Decimal

from borderless.orders.models import Order

PACKAGING_SHARE = Decimal("0.10")
PACKAGING_MINIMUM_G = Decimal("100")


def goods_weight_g(order: Order) -> Decimal:
    return sum((ln.unit_weight_g * ln.quantity for ln in order.lines.all()), start=Decimal("0"))


def estimated_parcel_weight_g(order: Order) -> Decimal:
    """A parcel not weighed: the goods plus packaging, 10 % and at least 100 g (as customs estimates it)."""
    goods = goods_weight_g(order)
    return goods + max(goods * PACKAGING_SHARE, PACKAGING_MINIMUM_G)
