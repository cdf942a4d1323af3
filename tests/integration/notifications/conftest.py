"""Notifications tests: the outbox delivered by hand (as a worker does), e-mail in Django's locmem outbox,
the SMS sandbox's record in the test's own folder."""

import pytest

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
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SMS_PROVIDER = "sandbox"
