"""Insights tests trade through the platform's services with the task queue in immediate mode."""

import pytest
from huey.contrib.djhuey import HUEY

from borderless.trade import preload


@pytest.fixture(scope="session", autouse=True)
def _warm_trade_data():
    preload()


@pytest.fixture(autouse=True)
def immediate_queue(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    settings.SANDBOX_WEBHOOK_SECRET = "whsec_test_" + "0" * 32
    before = HUEY.immediate
    HUEY.immediate = True
    yield HUEY
    HUEY.immediate = before
