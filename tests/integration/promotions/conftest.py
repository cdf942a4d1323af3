"""Fixtures for the promotion tests."""

import pytest

from borderless.trade import preload


@pytest.fixture(scope="session", autouse=True)
def _warm_trade_data():
    preload()  # rates and tariffs read once, so that races measure the database only
