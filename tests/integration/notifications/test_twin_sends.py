"""Two workers sending the same notice at once (a lease ran out under a slow send): the notice's row lock
lets one hand it over; the other finds it sent. PostgreSQL, real threads and connections."""

import pytest
from django.core import mail
from notifications_support import paid_order, sms_sent

from borderless.events import outbox
from borderless.notifications import channels, services
from borderless.notifications.models import Notice
from factories import make_buyer
from support import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_twin_sends_of_one_notice_send_it_once(on_postgres):
    buyer = make_buyer()
    services.save_preferences(buyer, {("order_paid", "sms"): True}, mobile="13700137000")
    paid_order(buyer)
    outbox.deliver_due()  # the event: the notices are written, their sends queued (and kicked on commit)
    for notice in Notice.objects.exclude(channel="inbox"):
        Notice.objects.filter(pk=notice.pk).update(sent_at=None, reference="")
    mail.outbox.clear()
    to_buyer = list(Notice.objects.filter(recipient=buyer).exclude(channel="inbox"))
    assert sorted(n.channel for n in to_buyer) == ["email", "sms"]
    for notice in to_buyer:
        results = at_once(4, lambda i, n=notice: channels.send({"notice": str(n.public_id)}))
        assert results == [None] * 4
    assert [m.to for m in mail.outbox] == [[buyer.email]]
    assert len(sms_sent()) == 1
    assert Notice.objects.filter(recipient=buyer, sent_at__isnull=False).count() == 2
