"""The facts every report is computed from: one row per paid order, one per refund.

They are read from the reports database (`settings.REPORTS_DATABASE`, the primary unless a read replica is
configured) or from a Parquet export of the same columns (`export_parquet`, `read_parquet`). Both give
Arrow tables with the same schema, so one set of queries (`figures.py`, DuckDB SQL) serves both.
Amounts are exact decimals: CNY as the buyer paid, USD at the rate recorded on the order at checkout.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from django.conf import settings

CENT = Decimal("0.01")
RATE_PLACES = Decimal("1E-10")  # as the release records it (payouts.Release.fx_rate)
MONEY = pa.decimal128(14, 2)
MOMENT = pa.timestamp("us")  # naive UTC

ORDER_SCHEMA = pa.schema(
    [
        ("order_id", pa.string()),
        ("seller_id", pa.int64()),
        ("seller_state", pa.string()),
        ("business_type", pa.string()),
        ("employee_band", pa.string()),
        ("revenue_band", pa.string()),
        ("buyer_id", pa.int64()),
        ("destination", pa.string()),
        ("province", pa.string()),
        ("category", pa.string()),
        ("paid_at", MOMENT),
        ("paid_cny", MONEY),
        ("paid_usd", MONEY),
        ("goods_usd", MONEY),
        ("rate", pa.decimal128(20, 10)),
        ("delivered_at", MOMENT),
        ("released_at", MOMENT),
        ("payout_paid_at", MOMENT),
    ]
)
REFUND_SCHEMA = pa.schema(
    [("order_id", pa.string()), ("at", MOMENT), ("amount_cny", MONEY), ("amount_usd", MONEY)]
)


@dataclass(frozen=True)
class Facts:
    """Arrow tables read from the database, or the folder of a Parquet export (DuckDB reads it itself)."""

    orders: pa.Table | None = None
    refunds: pa.Table | None = None
    folder: Path | None = None


def reports_database() -> str:
    """The database alias reports read from: a read replica when one is configured (REPORTS_DATABASE_URL)."""
    return getattr(settings, "REPORTS_DATABASE", "default")


def naive_utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def to_usd(cny: Decimal, rate: Decimal | None) -> Decimal:
    """CNY at the order's recorded rate (CNY per USD), to the cent; no rate means no conversion was made."""
    if rate is None or rate == 0:
        return cny.quantize(CENT)
    return (cny / rate).quantize(CENT)


def _rate(fx) -> Decimal | None:
    if not fx or not fx.get("rate"):
        return None
    return Decimal(str(fx["rate"]))


def _main_categories(order_ids, using: str) -> dict[int, str]:
    """Each order's category: that of its line with the most goods value (ties: the first line)."""
    from borderless.catalog.models import Product
    from borderless.orders.models import OrderLine

    lines = list(
        OrderLine.objects.using(using)
        .filter(order_id__in=order_ids)
        .order_by("order_id", "id")
        .values_list("order_id", "product_public_id", "unit_price", "quantity")
    )
    products = {p for _o, p, _u, _q in lines}
    category_of = dict(
        Product.objects.using(using).filter(public_id__in=products).values_list("public_id", "category__slug")
    )
    best: dict[int, tuple[Decimal, str]] = {}
    for order_id, product, unit_price, quantity in lines:
        value = unit_price * quantity
        if order_id not in best or value > best[order_id][0]:
            best[order_id] = (value, category_of.get(product, "unknown"))
    return {order_id: category for order_id, (_v, category) in best.items()}


def load_facts(until: datetime | None = None, seller_id: int | None = None) -> Facts:
    """Paid orders (and their refunds) up to `until`, from the reports database.

    Every paid order before the period's end is read, not only the period's: first-time exporters and the
    previous period need the history.
    """
    from borderless.orders.models import Order
    from borderless.payments.models import Refund, RefundStatus
    from borderless.payouts.models import PayoutStatus

    using = reports_database()
    orders = Order.objects.using(using).filter(paid_at__isnull=False, payment_share__isnull=False)
    refunds = Refund.objects.using(using).exclude(status=RefundStatus.FAILED)
    if until is not None:
        orders = orders.filter(paid_at__lt=until)
        refunds = refunds.filter(created_at__lt=until)
    if seller_id is not None:
        orders = orders.filter(seller_id=seller_id)
        refunds = refunds.filter(order__seller_id=seller_id)
    rows = list(
        orders.order_by("id").values_list(
            "id", "public_id", "seller_id", "seller__state", "seller__business_type",
            "seller__employee_band", "seller__revenue_band", "buyer_id", "quote__destination",
            "address__province", "paid_at", "payment_share__amount", "goods_total", "fx",
            "delivered_at", "release__released_at", "release__payout__paid_at", "release__payout__status",
        )
    )  # fmt: skip
    categories = _main_categories([r[0] for r in rows], using)
    columns: dict[str, list] = {name: [] for name in ORDER_SCHEMA.names}
    rate_of: dict[str, Decimal | None] = {}
    for (pk, public_id, seller, state, btype, band, revenue, buyer, destination, province, paid_at, paid,
         goods, fx, delivered_at, released_at, payout_paid_at, payout_status) in rows:  # fmt: skip
        rate = _rate(fx)
        order_id = str(public_id)
        rate_of[order_id] = rate
        values = (
            order_id, seller, state, btype, band, revenue, buyer, destination or "CN", province or "",
            categories.get(pk, "unknown"), naive_utc(paid_at), paid, to_usd(paid, rate), goods,
            None if rate is None else rate.quantize(RATE_PLACES),
            naive_utc(delivered_at), naive_utc(released_at),
            naive_utc(payout_paid_at) if payout_status == PayoutStatus.PAID else None,
        )  # fmt: skip
        for name, value in zip(ORDER_SCHEMA.names, values, strict=True):
            columns[name].append(value)
    refund_columns: dict[str, list] = {name: [] for name in REFUND_SCHEMA.names}
    for public_id, at, amount in refunds.order_by("id").values_list(
        "order__public_id", "created_at", "amount"
    ):
        order_id = str(public_id)
        if order_id not in rate_of:
            continue  # a refund of an order paid after `until` (cannot happen in time order; kept safe)
        for name, value in zip(
            REFUND_SCHEMA.names,
            (order_id, naive_utc(at), amount, to_usd(amount, rate_of[order_id])),
            strict=True,
        ):
            refund_columns[name].append(value)
    return Facts(
        orders=pa.table(columns, schema=ORDER_SCHEMA),
        refunds=pa.table(refund_columns, schema=REFUND_SCHEMA),
    )


def export_parquet(facts: Facts, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(facts.orders, folder / "orders.parquet")
    pq.write_table(facts.refunds, folder / "refunds.parquet")
    return folder


def read_parquet(folder: Path) -> Facts:
    """The Parquet export, checked against the schema (a file of another shape is refused, not guessed)."""
    orders = pq.read_table(folder / "orders.parquet")
    refunds = pq.read_table(folder / "refunds.parquet")
    for name, table, schema in (("orders", orders, ORDER_SCHEMA), ("refunds", refunds, REFUND_SCHEMA)):
        if not table.schema.equals(schema, check_metadata=False):
            raise ValueError(
                f"{folder / (name + '.parquet')}: the columns are not the report's {name} facts."
            )
    return Facts(orders=orders, refunds=refunds)
