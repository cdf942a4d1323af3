import pytest

from borderless.payouts.providers import SandboxBankRail
from borderless.trade import preload


@pytest.fixture(scope="session", autouse=True)
def _warm_trade_data():
    preload()


@pytest.fixture(autouse=True)
def _fresh_rail():
    SandboxBankRail.sent = {}
    yield
    SandboxBankRail.sent = {}
