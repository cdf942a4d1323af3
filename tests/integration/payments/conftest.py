"""Payment tests run the task queue in immediate mode (tasks run in the caller) unless they start a worker."""

import pytest
from huey.contrib.djhuey import HUEY

from borderless.trade import preload


@pytest.fixture(scope="session", autouse=True)
def _warm_trade_data():
    preload()


@pytest.fixture(autouse=True)
def immediate_queue():
    before = HUEY.immediate
    HUEY.immediate = True
    yield HUEY
    HUEY.immediate = before


@pytest.fixture(autouse=True)
def _settlements_in_tmp(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"


@pytest.fixture
def secret(settings):
    settings.SANDBOX_WEBHOOK_SECRET = "whsec_test_" + "0" * 32
    return settings.SANDBOX_WEBHOOK_SECRET
