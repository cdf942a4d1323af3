"""The whole way through the sandbox customs: paid, shipped, declared, then released or held."""

from decimal import Decimal

import pytest
from customs_support import SKIN_CARE, declaration, later, paid_order, ship_order
from django.test import Client

from borderless.customs.models import SandboxCustomsRecord
from borderless.orders.models import AnnualQuota
from borderless.payments.models import Refund
from borderless.payouts.release import confirm_receipt

pytestmark = pytest.mark.django_db


def test_paid_order_sends_order_and_payment_and_they_are_accepted():
    order = paid_order()
    assert order.status == "paid"
    d = declaration(order)
    assert d.status == "open"
    kinds = sorted(d.messages.values_list("kind", "status"))
    assert kinds == [("CEB311", "accepted"), ("CEB411", "accepted")]
    assert SandboxCustomsRecord.objects.filter(reference=order.public_id.hex.upper()).count() == 2


def test_shipped_order_is_declared_then_released():
    order = ship_order(paid_order())
    assert order.status == "customs_declared"
    assert declaration(order).status == "declared"
    assert set(declaration(order).messages.values_list("status", flat=True)) == {"accepted"}
    later(61)
    order.refresh_from_db()
    assert order.status == "customs_released"
    assert declaration(order).status == "released"
    assert list(order.transitions.values_list("to_status", flat=True))[-3:] == [
        "shipped", "customs_declared", "customs_released",
    ]  # fmt: skip


def test_a_released_parcel_is_delivered_and_its_escrow_released_when_the_buyer_confirms():
    order = ship_order(paid_order())
    later(61)
    page = Client()
    page.force_login(order.buyer)
    assert f'action="/orders/{order.public_id}/confirm/"' in page.get("/orders/").content.decode()
    confirm_receipt(order.buyer, order.public_id)
    order.refresh_from_db()
    assert order.status == "completed"
    assert list(order.transitions.values_list("to_status", flat=True))[-3:] == [
        "customs_released", "delivered", "completed",
    ]  # fmt: skip


def test_cosmetics_are_held_then_released():
    order = ship_order(paid_order(quantity=2, **SKIN_CARE))
    later(61)
    order.refresh_from_db()
    assert order.status == "customs_held" and declaration(order).reason_code == "inspection"
    later(121)
    order.refresh_from_db()
    assert order.status == "customs_released"


def test_hold_that_ends_in_refusal_refunds_restocks_and_restores_quota():
    order = ship_order(paid_order(quantity=7, price=Decimal("5.00"), stock=10, **SKIN_CARE))
    sku = order.lines.get().sku
    sku.refresh_from_db()
    assert sku.stock == 3
    later(61)
    later(121)
    order.refresh_from_db()
    d = declaration(order)
    assert d.status == "refused" and d.reason_code == "personal_use_exceeded"
    assert order.status == "refunded"
    refund = Refund.objects.get(order=order)
    assert refund.status == "succeeded" and refund.amount == order.landed_total
    sku.refresh_from_db()
    assert sku.stock == 10
    assert AnnualQuota.objects.get(buyer=order.buyer).used_fen == 0
