"""The buyer's annual CBEC quota (CN-C2): a counter per buyer and year, moved only by conditional updates."""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F

from borderless.orders.models import ANNUAL_LIMIT_FEN, AnnualQuota, cny_to_fen, fen_to_cny


def used_this_year(buyer_id: int, year: int) -> Decimal:
    used = AnnualQuota.objects.filter(buyer_id=buyer_id, year=year).values_list("used_fen", flat=True).first()
    return fen_to_cny(used or 0)


def reserve(buyer_id: int, year: int, amount: Decimal) -> bool:
    """Add `amount` to the year's total unless that would pass the annual limit (equal is allowed, CN-C5).

    A single conditional UPDATE: two checkouts of one buyer at once cannot both squeeze under the limit.
    """
    fen = cny_to_fen(amount)
    if fen <= 0:
        return True
    rows = AnnualQuota.objects.filter(
        buyer_id=buyer_id, year=year, used_fen__lte=ANNUAL_LIMIT_FEN - fen
    ).update(used_fen=F("used_fen") + fen)
    if rows:
        return True
    if fen > ANNUAL_LIMIT_FEN or AnnualQuota.objects.filter(buyer_id=buyer_id, year=year).exists():
        return False
    try:
        with transaction.atomic():  # the first purchase of the year; a racing one may create it first
            AnnualQuota.objects.create(buyer_id=buyer_id, year=year, used_fen=fen)
        return True
    except IntegrityError:
        return reserve(buyer_id, year, amount)


def give_back(buyer_id: int, year: int, amount: Decimal) -> None:
    """Restore quota (cancellation, expiry, refund: CN-C6). The CHECK keeps it from going below zero."""
    fen = cny_to_fen(amount)
    if fen <= 0:
        return
    rows = AnnualQuota.objects.filter(buyer_id=buyer_id, year=year, used_fen__gte=fen).update(
        used_fen=F("used_fen") - fen
    )
    if not rows:
        raise RuntimeError(f"Annual quota {year} of buyer {buyer_id} holds less than {amount} to give back.")
