"""Handling time: late paid orders are flagged, then refunded in full after the grace; the clock is moved."""

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from huey.contrib.djhuey import HUEY

from borderless.catalog.models import Sku
from borderless.logistics import handling
from borderless.orders.models import Order
from borderless.payments.models import Refund
from factories import make_operator, owner_of, tracking_number

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "customs"))
from customs_support import committed, paid_order  # noqa: E402

pytestmark = pytest.mark.django_db
FRIDAY = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _sandbox(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    settings.SANDBOX_WEBHOOK_SECRET = "whsec_test_" + "0" * 32
    settings.SANDBOX_WEBHOOK_URL = ""
    before, HUEY.immediate = HUEY.immediate, True
    yield
    HUEY.immediate = before


def paid_on(moment: datetime) -> Order:
    order = paid_order(deliver=False)
    Order.objects.filter(pk=order.pk).update(paid_at=moment)
    order.refresh_from_db()
    return order


def test_business_days_skip_the_weekend():
    assert handling.add_business_days(FRIDAY, 3) == datetime(2026, 11, 25, 10, 0, tzinfo=UTC)  # Wednesday
    assert handling.add_business_days(FRIDAY + timedelta(days=1), 1) == datetime(
        2026, 11, 23, 10, 0, tzinfo=UTC
    )
    assert handling.cancel_from(FRIDAY) == datetime(2026, 11, 27, 10, 0, tzinfo=UTC)  # + 2 of grace


def test_an_order_is_late_after_three_business_days_and_refunded_after_the_grace():
    order = paid_on(FRIDAY)
    stock = Sku.objects.get(public_id=order.lines.get().sku_public_id).stock
    wednesday = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    assert handling.late_orders(now=wednesday) == []  # on the dot: still in time
    [late] = handling.late_orders(now=wednesday + timedelta(seconds=1))
    assert late.order == order and late.ship_by == wednesday
    assert handling.cancel_late_orders(now=wednesday + timedelta(days=1)) == 0  # in the grace: flagged only
    with committed():
        assert handling.cancel_late_orders(now=datetime(2026, 11, 27, 10, 0, 1, tzinfo=UTC)) == 1
    order.refresh_from_db()
    assert order.status == "refunded" and order.quota_released_at is not None
    refund = Refund.objects.get(order=order)
    assert (
        refund.status == "succeeded"
        and refund.amount == order.landed_total
        and "3 business days" in refund.reason
    )
    assert Sku.objects.get(public_id=order.lines.get().sku_public_id).stock == stock + 1
    # Run again: nothing more to do.
    assert handling.cancel_late_orders(now=datetime(2026, 12, 31, tzinfo=UTC)) == 0


def test_an_order_shipped_in_the_grace_is_not_refunded():
    order = paid_on(FRIDAY)
    from borderless.payouts.services import ship

    ship(owner_of(order.seller), order.public_id, "UPS", tracking_number("UPS"))
    assert handling.cancel_late_orders(now=datetime(2026, 12, 1, tzinfo=UTC)) == 0
    assert not Refund.objects.filter(order=order).exists()


def test_the_seller_centre_and_the_ops_console_flag_late_orders(client):
    order = paid_on(datetime.now(UTC) - timedelta(days=8))  # a week holds 5 business days: late on any day
    on_time = paid_on(datetime.now(UTC))
    client.force_login(owner_of(order.seller))
    page = client.get("/seller/orders/").content.decode()
    assert 'id="late-orders"' in page and "Late: ship by" in page
    client.force_login(owner_of(on_time.seller))
    assert "Late: ship by" not in client.get("/seller/orders/").content.decode()
    client.force_login(make_operator())
    ops = client.get("/ops/late-orders/").content.decode()
    assert f'data-order="{order.public_id}"' in ops
