"""Stripe adapter tests: the official `stripe` library talks to a local server speaking Stripe's API."""

import pytest
from huey.contrib.djhuey import HUEY

from borderless.trade import preload
from stripe_server import API_KEY, WEBHOOK_SECRET, LocalStripe


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
    settings.SANDBOX_WEBHOOK_SECRET = "whsec_test_" + "0" * 32


@pytest.fixture
def local_stripe():
    server = LocalStripe().start()
    yield server
    server.stop()


@pytest.fixture
def stripe_settings(settings, local_stripe):
    settings.PAYMENT_PROVIDER = "stripe"
    settings.STRIPE_SECRET_KEY = API_KEY
    settings.STRIPE_API_BASE = local_stripe.url
    settings.STRIPE_WEBHOOK_SECRETS = [WEBHOOK_SECRET]
    settings.STRIPE_TIMEOUT_SECONDS = 1.0
    settings.STRIPE_MAX_NETWORK_RETRIES = 2
    local_stripe.timeout_seconds = 2.5
    return settings
