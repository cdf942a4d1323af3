"""Fixtures for the order tests: buyers with an identity and an address, products from several sellers."""

from decimal import Decimal

import pytest

from borderless.trade import preload
from factories import make_buyer, make_product, make_seller

ID_NUMBER = "11010519491231002X"


@pytest.fixture(scope="session", autouse=True)
def _warm_trade_data():
    preload()  # rates and tariffs read once, so that query counts and races measure the database only


def sku_of(product):
    return product.skus.get()


def product_with_stock(seller=None, price=Decimal("39.00"), stock=10, **fields):
    seller = seller or make_seller()
    product = make_product(
        seller, skus=[{"code": f"S{next(_codes)}", "price_usd": price, "stock": stock}], **fields
    )
    return sku_of(product)


def _counter():
    n = 0
    while True:
        n += 1
        yield n


_codes = _counter()


@pytest.fixture
def buyer():
    return make_buyer()
