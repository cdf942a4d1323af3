"""Products with stock for the order tests (a module of its own: `conftest` names another file when several
test folders are collected together)."""

import itertools
from decimal import Decimal

from factories import make_product, make_seller

ID_NUMBER = "11010519491231002X"

_codes = itertools.count(1)


def sku_of(product):
    return product.skus.get()


def product_with_stock(seller=None, price=Decimal("39.00"), stock=10, **fields):
    seller = seller or make_seller()
    product = make_product(
        seller, skus=[{"code": f"S{next(_codes)}", "price_usd": price, "stock": stock}], **fields
    )
    return sku_of(product)
