"""Taking a checkout's stock: one statement for all its SKUs, none of them ever below zero."""

from __future__ import annotations

from django.db import connections, router

from borderless.catalog.models import Sku

# Rows are locked first, in SKU id order (the CTE's FOR UPDATE sits above its sort), so two checkouts sharing
# SKUs wait for each other instead of deadlocking; the UPDATE touches only rows already locked. Its WHERE is
# re-checked on the newest row version after a wait (READ COMMITTED), so stock cannot go below zero.
_TAKE_POSTGRESQL = """\
WITH wanted (id, quantity) AS (VALUES {values}),
locked AS MATERIALIZED (
    SELECT id FROM catalog_sku WHERE id IN (SELECT id FROM wanted) ORDER BY id FOR UPDATE
)
UPDATE catalog_sku SET stock = catalog_sku.stock - wanted.quantity FROM wanted
WHERE catalog_sku.id = wanted.id AND catalog_sku.id IN (SELECT id FROM locked)
    AND catalog_sku.stock >= wanted.quantity
RETURNING catalog_sku.id
"""
# SQLite runs one writer at a time: no lock order to keep.
_TAKE_SQLITE = """\
WITH wanted (id, quantity) AS (VALUES {values})
UPDATE catalog_sku SET stock = catalog_sku.stock - wanted.quantity FROM wanted
WHERE catalog_sku.id = wanted.id AND catalog_sku.stock >= wanted.quantity
RETURNING id
"""


def take(quantities: dict[int, int]) -> set[int]:
    """Take `quantity` units of each SKU (by id) if it has them; the ids that were short are returned.

    Those that were not short are taken all the same: the caller rolls the transaction back on a shortfall.
    """
    if not quantities:
        return set()
    connection = connections[router.db_for_write(Sku)]
    sql = _TAKE_POSTGRESQL if connection.vendor == "postgresql" else _TAKE_SQLITE
    params = [value for sku_id in sorted(quantities) for value in (int(sku_id), int(quantities[sku_id]))]
    with connection.cursor() as cursor:
        cursor.execute(sql.format(values=", ".join(["(%s, %s)"] * len(quantities))), params)
        taken = {row[0] for row in cursor.fetchall()}
    return set(quantities) - taken
