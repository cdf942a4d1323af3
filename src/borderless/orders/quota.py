"""The buyer's annual CBEC quota (CN-C2): a counter per buyer and year, moved only by conditional updates."""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F

from borderless.orders.models import ANNUAL_LIMIT_CNY, AnnualQuota


def used_this_year(buyer_id: int, year: int) -> Decimal:
    used = AnnualQuota.objects.filter(buyer_id=buyer_id, year=year).values_list("used", flat=True).first()
    return Decimal("0.00") if used is None else used


def reserve(buyer_id: int, year: int, amount: Decimal) -> bool:
    """Add `amount` to the year's total unless that would pass the annual limit (equal is allowed, CN-C5).

    A single conditional UPDATE: two checkouts of one buyer at once cannot both squeeze under the limit.
    """
    if amount <= 0:
        return True
    rows = AnnualQuota.objects.filter(
        buyer_id=buyer_id, year=year, used__lte=ANNUAL_LIMIT_CNY - amount
    ).update(used=F("used") + amount)
    if rows:
        return True
    if amount > ANNUAL_LIMIT_CNY or AnnualQuota.objects.filter(buyer_id=buyer_id, year=year).exists():
        return False
    try:
        with transaction.atomic():  # the first purchase of the year; a racing one may create it first
            AnnualQuota.objects.create(buyer_id=buyer_id, year=year, used=amount)
        return True
    except IntegrityError:
        return reserve(buyer_id, year, amount)


def give_back(buyer_id: int, year: int, amount: Decimal) -> None:
    """Restore quota (cancellation, expiry, refund: CN-C6). The CHECK keeps it from going below zero."""
    if amount <= 0:
        return
    rows = AnnualQuota.objects.filter(buyer_id=buyer_id, year=year, used__gte=amount).update(
        used=F("used") - amount
    )
    if not rows:
        raise RuntimeError(f"Annual quota {year} of buyer {buyer_id} holds less than {amount} to give back.")
