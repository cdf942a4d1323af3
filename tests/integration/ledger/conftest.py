import pytest

from borderless.ledger import chart
from borderless.ledger.services import get_or_create_account


@pytest.fixture
def clearing(db):
    return get_or_create_account(chart.payment_clearing("CNY"), "CNY")


@pytest.fixture
def escrow(db):
    return get_or_create_account(chart.escrow("6f1c3d0e-8a4b-4f57-9a43-0c7e2d1b5a99"), "CNY")


@pytest.fixture
def refunds(db):
    return get_or_create_account(chart.refunds("CNY"), "CNY")
