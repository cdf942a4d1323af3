"""Receipts twice, late or early apply once, in customs' order; messages leave once, even after a crash."""

import pytest
from customs_support import (
    SKIN_CARE,
    committed,
    declaration,
    later,
    message,
    paid_order,
    receipts_waiting,
    send_without_answers,
    ship_order,
)

from borderless.customs import delivery
from borderless.customs.errors import InvalidReceipt
from borderless.customs.models import CustomsMessage, CustomsReceipt, Declaration, SandboxCustomsRecord
from borderless.customs.receipts import receive
from borderless.customs.services import declare_order
from borderless.events import outbox
from borderless.events.models import OutboxMessage
from borderless.orders.models import Order, OrderLine
from borderless.payments.models import Refund

pytestmark = pytest.mark.django_db


def _shipped_with_receipts_waiting(**product):
    """A shipped order whose messages all left; the sandbox's receipts not delivered yet."""
    order = paid_order(**product)
    order = ship_order(order, deliver=False)
    send_without_answers()
    by_kind = {}
    for payload in receipts_waiting():
        by_kind.setdefault(payload["kind"], []).append(payload)
    return order, by_kind


def _statuses(order):
    return list(order.transitions.values_list("to_status", flat=True))


def test_release_before_the_acceptance_waits_for_it():
    order, waiting = _shipped_with_receipts_waiting()
    assert set(waiting) == {"accepted", "released"}
    released = waiting["released"][0]
    first = receive("sandbox", released)
    assert not first.duplicate and first.outcome == "waiting for an earlier receipt"
    order.refresh_from_db()
    assert order.status == "shipped"
    for payload in waiting["accepted"]:
        receive("sandbox", payload)
    order.refresh_from_db()
    assert order.status == "customs_released"
    assert _statuses(order)[-3:] == ["shipped", "customs_declared", "customs_released"]
    assert CustomsReceipt.objects.get(receipt_id=released["id"]).applied_at is not None


def test_each_receipt_applies_once_however_often_it_comes():
    order, waiting = _shipped_with_receipts_waiting()
    payloads = waiting["accepted"] + waiting["released"]
    for payload in payloads + payloads[::-1]:
        receive("sandbox", payload)
    order.refresh_from_db()
    assert order.status == "customs_released"
    assert _statuses(order).count("customs_declared") == 1
    assert _statuses(order).count("customs_released") == 1
    # two more came at payment (order and payment accepted)
    assert CustomsReceipt.objects.filter(declaration__order=order).count() == len(payloads) + 2
    assert receive("sandbox", payloads[0]).duplicate


def test_refusal_before_its_hold_waits_then_refunds_once():
    order, waiting = _shipped_with_receipts_waiting(quantity=7, **SKIN_CARE)
    assert set(waiting) == {"accepted", "held", "refused"}
    receive("sandbox", waiting["refused"][0])
    for payload in waiting["accepted"]:
        receive("sandbox", payload)
    order.refresh_from_db()
    assert order.status == "customs_declared"  # the refusal still waits for its hold
    with committed():  # the refund completes after the commit
        receive("sandbox", waiting["held"][0])
    order.refresh_from_db()
    assert order.status == "refunded"
    assert _statuses(order)[-3:] == ["customs_declared", "customs_held", "refunded"]
    assert Refund.objects.filter(order=order).count() == 1


def test_a_stale_hold_after_the_release_changes_nothing():
    order, waiting = _shipped_with_receipts_waiting(quantity=2, **SKIN_CARE)
    for payload in waiting["accepted"] + waiting["released"]:
        receive("sandbox", payload)
    late = receive("sandbox", waiting["held"][0])
    assert late.outcome == "ignored: the declaration is already released"
    order.refresh_from_db()
    assert order.status == "customs_released" and "customs_held" not in _statuses(order)


def test_malformed_or_unknown_receipts_are_refused_and_nothing_recorded():
    order, waiting = _shipped_with_receipts_waiting()
    good = waiting["accepted"][0]
    for bad in (
        {**good, "kind": "maybe"},
        {**good, "issued_at": "yesterday"},
        {**good, "id": ""},
        {**good, "message": "not-a-guid"},
        {**good, "message": "00000000-0000-0000-0000-000000000000"},
        "not an object",
    ):
        with pytest.raises(InvalidReceipt):
            receive("sandbox", bad)
    with pytest.raises(InvalidReceipt):
        receive("another-gateway", good)
    assert CustomsReceipt.objects.count() == 2  # the order's and payment's, taken at payment


def test_a_crash_after_the_commit_loses_nothing():
    order = paid_order(deliver=False)  # committed; the worker died before sending anything
    assert set(CustomsMessage.objects.values_list("status", flat=True)) == {"queued"}
    assert OutboxMessage.objects.filter(topic="customs.send", sent_at__isnull=True).count() == 2
    later(0)  # the periodic retry, or the next worker
    assert message(order, "CEB311").status == "accepted" and message(order, "CEB411").status == "accepted"


def test_a_resend_of_the_same_message_is_not_a_second_declaration():
    order = paid_order()
    sent = message(order, "CEB311")
    records, receipts = SandboxCustomsRecord.objects.count(), OutboxMessage.objects.count()
    # The gateway took it but the worker died before recording that: the outbox sends it again.
    CustomsMessage.objects.filter(pk=sent.pk).update(status="queued")
    assert delivery.send_message(sent.guid) == "sent"
    assert SandboxCustomsRecord.objects.count() == records
    assert OutboxMessage.objects.count() == receipts  # no second receipt
    assert delivery.send_message(sent.guid) == "already sent"


def test_an_inventory_list_waits_for_the_waybill():
    order = ship_order(paid_order(), deliver=False)
    inventory = message(order, "CEB621")
    with pytest.raises(delivery.NotYet):
        delivery.send_message(inventory.guid)
    assert message(order, "CEB621").status == "queued"
    assert not SandboxCustomsRecord.objects.filter(kind="CEB621").exists()


def test_a_message_that_breaks_the_schema_is_never_sent():
    order = paid_order(deliver=False)
    OrderLine.objects.filter(order=order).update(title_zh="", title_en="")  # no name: the schema needs one
    later(0)
    invalid = message(order, "CEB311")
    assert invalid.status == "invalid" and "itemName" in invalid.error
    assert invalid.xml == ""
    d = declaration(order)
    assert d.status == "failed" and d.reason_code == "invalid_message"
    assert not SandboxCustomsRecord.objects.exists()
    assert message(order, "CEB411").status == "queued"  # nothing more leaves for a failed declaration
    order.refresh_from_db()
    assert order.status == "paid"  # an operator decides


def test_orders_not_bound_for_china_are_skipped():
    order = paid_order()
    Declaration.objects.all().delete()
    Order.objects.filter(pk=order.pk).update(quote={**order.quote, "destination": "JP", "regime": "JP"})
    order.refresh_from_db()
    pending = outbox.pending_count()
    assert declare_order(order) is None
    assert not Declaration.objects.exists() and outbox.pending_count() == pending
