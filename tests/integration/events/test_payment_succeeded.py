"""Payments announces a paid order ("payment succeeded"); customs, which payments no longer imports,
declares it: after the payment's commit, once per event however often it is delivered."""

import pytest
from events_support import open_payment, provider_says_paid

from borderless.customs.models import CustomsMessage, Declaration
from borderless.events import outbox
from borderless.events.models import HandledEvent, OutboxMessage

pytestmark = pytest.mark.django_db


def test_a_paid_order_is_announced_in_the_payment_transaction_and_declared_on_delivery():
    payment, order = open_payment()
    provider_says_paid(payment)
    event = OutboxMessage.objects.get(topic="event:payment succeeded")
    assert event.payload == {"order": str(order.public_id), "payment": str(payment.public_id)}
    assert event.aggregate == f"orders.order:{order.public_id}"
    order.refresh_from_db()
    assert order.status == "paid" and not Declaration.objects.exists()  # customs hears it after the commit
    outbox.deliver_due()
    declaration = Declaration.objects.get(order=order)
    assert sorted(declaration.messages.values_list("kind", flat=True)) == ["CEB311", "CEB411"]
    assert list(
        HandledEvent.objects.filter(handler__startswith="customs.").values_list("event", "handler")
    ) == [(event.public_id, "customs.declare_paid_order")]


def test_a_redelivered_payment_succeeded_declares_nothing_twice():
    payment, order = open_payment()
    provider_says_paid(payment)
    outbox.deliver_due()
    event = OutboxMessage.objects.get(topic="event:payment succeeded")
    sends = OutboxMessage.objects.filter(topic="customs.send").count()
    for _ in range(2):
        OutboxMessage.objects.filter(pk=event.pk).update(sent_at=None, locked_until=None)
        outbox.deliver_due()
    assert Declaration.objects.filter(order=order).count() == 1
    assert CustomsMessage.objects.filter(declaration__order=order).count() == 2
    assert OutboxMessage.objects.filter(topic="customs.send").count() == sends
    assert HandledEvent.objects.filter(handler__startswith="customs.").count() == 1


def test_payments_does_not_import_customs():
    import ast
    from pathlib import Path

    import borderless.payments

    for path in Path(borderless.payments.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            assert not any(n.startswith("borderless.customs") for n in names), path
