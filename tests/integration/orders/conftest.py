"""Fixtures for the order tests: buyers with an identity and an address, products from several sellers
(orders_support.py)."""

import pytest

from borderless.trade import preload
from factories import make_buyer


@pytest.fixture(scope="session", autouse=True)
def _warm_trade_data():
    preload()  # rates and tariffs read once, so that query counts and races measure the database only


@pytest.fixture
def buyer():
    return make_buyer()
