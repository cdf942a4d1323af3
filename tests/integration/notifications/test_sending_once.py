"""A send killed after the channel took the message and before the notice was marked sent is retried:
the SMS gateway takes it once (the idempotency key), the e-mail goes again with the same Message-ID; a send
killed before the hand-over sends once on the retry. Nothing is told twice in the inbox."""

import pytest
from django.core import mail
from notifications_support import deliver, paid_order, sms_sent

from borderless.events.models import OutboxMessage
from borderless.notifications import channels, services
from borderless.notifications.models import Notice
from factories import make_buyer

pytestmark = pytest.mark.django_db


class Killed(Exception):
    """The worker dies here (its transaction is rolled back, the outbox message stays unsent)."""


@pytest.fixture
def dies_once(monkeypatch):
    def install(channel: str, *, after_hand_over: bool):
        real = channels.SENDERS[channel]
        calls = []

        def sender(notice):
            calls.append(notice.public_id)
            if len(calls) == 1:
                if after_hand_over:
                    real(notice)
                raise Killed
            return real(notice)

        monkeypatch.setitem(channels.SENDERS, channel, sender)
        return calls

    return install


def sms_buyer():
    buyer = make_buyer()
    services.save_preferences(
        buyer, {("order_paid", "sms"): True, ("order_paid", "email"): False}, mobile="13900139000"
    )
    return buyer


def test_an_sms_retried_after_the_hand_over_is_sent_once(dies_once):
    calls = dies_once("sms", after_hand_over=True)
    buyer = sms_buyer()
    paid_order(buyer)
    deliver()
    notice = Notice.objects.get(channel="sms")
    assert notice.sent_at is None and len(sms_sent()) == 1
    send = OutboxMessage.objects.get(topic="notifications.send", payload={"notice": str(notice.public_id)})
    assert send.sent_at is None and "Killed" in send.last_error
    deliver(later_seconds=3600)
    notice.refresh_from_db()
    assert len(calls) == 2 and notice.sent_at is not None
    [sent] = sms_sent()
    assert notice.reference == sent["message_id"]


def test_an_sms_killed_before_the_hand_over_is_sent_on_the_retry(dies_once):
    dies_once("sms", after_hand_over=False)
    paid_order(sms_buyer())
    deliver()
    assert sms_sent() == []
    deliver(later_seconds=3600)
    assert len(sms_sent()) == 1
    deliver(later_seconds=7200)
    assert len(sms_sent()) == 1


def test_an_email_retried_after_the_hand_over_carries_the_same_message_id(dies_once):
    dies_once("email", after_hand_over=True)
    order, _ = paid_order()
    deliver()
    deliver(later_seconds=3600)
    to_buyer = [m for m in mail.outbox if m.to == [order.buyer.email]]
    assert len(to_buyer) == 2
    assert len({m.extra_headers["Message-ID"] for m in to_buyer}) == 1
    assert Notice.objects.filter(recipient=order.buyer).count() == 2
    assert Notice.objects.get(recipient=order.buyer, channel="email").sent_at is not None
