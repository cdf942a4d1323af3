"""Rejections through the sandbox customs: the buyer refunded in full, stock and quota back, reason kept."""

from decimal import Decimal

import pytest
from customs_support import SKIN_CARE, declaration, later, message, paid_order, ship_order

from borderless.customs.models import SandboxCustomsRecord
from borderless.customs.sandbox import SandboxCustoms
from borderless.orders.identity import encrypt_id_number
from borderless.orders.models import AnnualQuota, Order
from borderless.payments.models import Payment, PaymentShare, Refund

pytestmark = pytest.mark.django_db


def _stock(order):
    sku = order.lines.get().sku
    sku.refresh_from_db()
    return sku.stock


def _assert_refunded_in_full(order, code):
    order.refresh_from_db()
    d = declaration(order)
    assert d.status == "rejected" and d.reason_code == code
    assert order.status == "refunded"
    refund = Refund.objects.get(order=order)
    assert refund.status == "succeeded" and refund.amount == order.landed_total
    assert refund.reason.startswith("customs rejected")
    share = PaymentShare.objects.get(order=order)
    assert share.refunded == share.amount
    assert AnnualQuota.objects.get(buyer=order.buyer).used_fen == 0
    assert order.quota_released_at is not None


def test_payer_who_is_not_the_orderer_is_rejected_and_the_order_refunded():
    order = paid_order(stock=5, deliver=False)
    assert _stock(order) == 4
    Payment.objects.filter(pk=order.payment_share.payment_id).update(payer_name="李四")
    later(0)
    assert message(order, "CEB311").status == "accepted"
    assert message(order, "CEB411").status == "rejected"
    _assert_refunded_in_full(order, "payer_not_orderer")
    assert _stock(order) == 5


def test_actural_paid_that_differs_from_the_payment_is_rejected():
    order = paid_order(deliver=False)
    Order.objects.filter(pk=order.pk).update(tax_total=order.tax_total + Decimal("0.01"))
    later(0)
    assert message(order, "CEB411").status == "rejected"
    _assert_refunded_in_full(order, "paid_mismatch")


def test_wrong_id_check_digit_is_rejected_before_anything_ships():
    order = paid_order(deliver=False)
    Order.objects.filter(pk=order.pk).update(buyer_id_encrypted=encrypt_id_number("110105194912310021"))
    later(0)
    assert message(order, "CEB311").status == "rejected"
    assert message(order, "CEB411").status == "rejected"  # left with it: customs has no order for it
    _assert_refunded_in_full(order, "id_check_digit")


def test_rejected_inventory_list_of_a_shipped_order_refunds_and_restocks():
    order = paid_order(stock=5)
    order = ship_order(order, deliver=False)
    # The waybill left but customs never took it (another agent's link failed): the list lacks it.
    SandboxCustomsRecord.objects.all().delete()
    later(0)
    assert message(order, "CEB621").status == "rejected"
    order.refresh_from_db()
    assert [t for t in order.transitions.values_list("to_status", flat=True)][-2:] == [
        "refund_requested", "refunded",
    ]  # fmt: skip
    _assert_refunded_in_full(order, "missing_document")
    assert _stock(order) == 5  # the parcel comes back to the seller's shelf


def test_sandbox_refuses_an_inventory_list_without_the_three_documents():
    order = ship_order(paid_order(deliver=False), deliver=False)
    inventory = message(order, "CEB621")
    from borderless.customs import delivery

    delivery._build(inventory)
    SandboxCustoms().submit(str(inventory.guid), "CEB621", inventory.xml.encode())
    record = SandboxCustomsRecord.objects.get(guid=inventory.guid)
    assert not record.accepted and record.code == "missing_document"


def test_refusal_after_a_hold_tells_the_reason_and_no_second_refund_on_a_twin_receipt():
    order = ship_order(paid_order(quantity=7, price=Decimal("5.00"), **SKIN_CARE))
    later(61)
    later(121)
    order.refresh_from_db()
    assert order.status == "refunded" and declaration(order).status == "refused"
    receipt = declaration(order).receipts.get(kind="refused")
    from borderless.customs.receipts import receive

    again = receive("sandbox", receipt.payload)
    assert again.duplicate
    assert Refund.objects.filter(order=order).count() == 1
