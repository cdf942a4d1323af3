"""The buyer's annual CBEC quota (CN-C2): a counter per buyer and year, moved only by conditional updates."""

from __future__ import annotations

from decimal import Decimal

from django.db import connections, router
from django.db.models import F

from borderless.orders.models import ANNUAL_LIMIT_FEN, AnnualQuota, cny_to_fen, fen_to_cny


def used_this_year(buyer_id: int, year: int) -> Decimal:
    used = AnnualQuota.objects.filter(buyer_id=buyer_id, year=year).values_list("used_fen", flat=True).first()
    return fen_to_cny(used or 0)


# One statement whether or not the year's row exists yet (PostgreSQL, and SQLite from 3.35): a racing first
# purchase of the same year waits on the unique key instead of failing, and no savepoint is needed.
_RESERVE = (
    "INSERT INTO orders_annualquota (buyer_id, year, used_fen) VALUES (%s, %s, %s) "
    "ON CONFLICT (buyer_id, year) DO UPDATE SET used_fen = orders_annualquota.used_fen + excluded.used_fen "
    "WHERE orders_annualquota.used_fen + excluded.used_fen <= %s RETURNING id"
)


def reserve(buyer_id: int, year: int, amount: Decimal) -> bool:
    """Add `amount` to the year's total unless that would pass the annual limit (equal is allowed, CN-C5).

    A single conditional upsert: two checkouts of one buyer at once cannot both squeeze under the limit.
    """
    fen = cny_to_fen(amount)
    if fen <= 0:
        return True
    if fen > ANNUAL_LIMIT_FEN:
        return False
    with connections[router.db_for_write(AnnualQuota)].cursor() as cursor:
        cursor.execute(_RESERVE, [buyer_id, year, fen, ANNUAL_LIMIT_FEN])
        return cursor.fetchone() is not None


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
