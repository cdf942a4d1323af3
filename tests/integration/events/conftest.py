"""Events tests: the outbox delivered by hand (as a worker does), handlers registered per test."""

import pytest
from events_support import EFFECT

from borderless.events import bus, outbox
from borderless.trade import preload


@pytest.fixture(scope="session", autouse=True)
def _warm_trade_data():
    preload()


@pytest.fixture(autouse=True)
def _sandbox_settings(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    settings.SANDBOX_WEBHOOK_SECRET = "whsec_test_" + "0" * 32
    settings.SANDBOX_WEBHOOK_URL = ""
    settings.CUSTOMS_GATEWAY = "sandbox"
    settings.CUSTOMS_SANDBOX_VERDICT_SECONDS = 60


@pytest.fixture
def subscribers():
    """Handlers a test registers are gone after it; the platform's stay."""
    saved = {name: dict(found) for name, found in bus._subscribers.items()}
    outbox._handlers[EFFECT] = lambda payload: None
    yield bus._subscribers
    bus._subscribers.clear()
    bus._subscribers.update(saved)
    outbox._handlers.pop(EFFECT, None)
