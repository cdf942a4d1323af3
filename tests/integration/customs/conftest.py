"""Customs tests run the task queue in immediate mode: the outbox delivers in the caller, as a worker does."""

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
def _sandbox_settings(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    settings.SANDBOX_WEBHOOK_SECRET = "whsec_test_" + "0" * 32
    settings.SANDBOX_WEBHOOK_URL = ""
    settings.CUSTOMS_GATEWAY = "sandbox"
    settings.CUSTOMS_SANDBOX_VERDICT_SECONDS = 60
