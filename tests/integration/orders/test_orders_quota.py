"""The annual quota counter (CN-C2, CN-C5): conditional updates, exact in fen, a CHECK as the backstop."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from borderless.orders import quota
from borderless.orders.models import AnnualQuota

pytestmark = pytest.mark.django_db


def test_reaching_exactly_26000_is_allowed_one_fen_more_is_not(buyer):
    assert quota.reserve(buyer.pk, 2025, Decimal("25999.99"))
    assert not quota.reserve(buyer.pk, 2025, Decimal("0.02"))
    assert quota.reserve(buyer.pk, 2025, Decimal("0.01"))
    assert quota.used_this_year(buyer.pk, 2025) == Decimal("26000.00")
    assert not quota.reserve(buyer.pk, 2025, Decimal("0.01"))


def test_a_first_reservation_over_the_limit_creates_nothing(buyer):
    assert not quota.reserve(buyer.pk, 2025, Decimal("26000.01"))
    assert not AnnualQuota.objects.exists()


def test_giving_back_is_exact_and_never_below_zero(buyer):
    for amount in ("0.10", "0.20", "380.54", "380.53"):
        assert quota.reserve(buyer.pk, 2025, Decimal(amount))
    for amount in ("380.54", "0.10", "380.53", "0.20"):
        quota.give_back(buyer.pk, 2025, Decimal(amount))
    assert AnnualQuota.objects.get().used_fen == 0
    with pytest.raises(RuntimeError):
        quota.give_back(buyer.pk, 2025, Decimal("0.01"))


def test_the_database_refuses_a_quota_over_the_limit(buyer):
    with pytest.raises(IntegrityError), transaction.atomic():
        AnnualQuota.objects.create(buyer=buyer, year=2025, used_fen=2_600_001)
    with pytest.raises(IntegrityError), transaction.atomic():
        AnnualQuota.objects.create(buyer=buyer, year=2025, used_fen=-1)
