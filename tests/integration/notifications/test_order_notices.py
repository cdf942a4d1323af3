"""Each event about an order gives one notice per recipient and chosen channel; a redelivered event, or a
second event about the same fact, tells nobody twice; preferences are respected; the buyer reads Chinese,
the seller English; the buyer's ID number is never in a notice."""

import uuid

import pytest
from django.core import mail
from notifications_support import deliver, paid_order, publish, redeliver, sms_sent

from borderless.logistics import services as logistics
from borderless.notifications import services, texts
from borderless.notifications.models import Notice
from factories import IDENTITY, make_buyer, staff_of, tracking_number

pytestmark = pytest.mark.django_db


def channels_of(user, kind):
    return sorted(Notice.objects.filter(recipient=user, kind=kind).values_list("channel", flat=True))


def test_a_paid_order_tells_the_buyer_in_chinese_and_the_seller_in_english_once():
    order, owner = paid_order()
    staff = staff_of(order.seller)
    assert not Notice.objects.exists()  # told after the payment's commit, by the event's delivery
    deliver()
    assert channels_of(order.buyer, "order_paid") == ["email", "inbox"]
    assert channels_of(owner, "new_order") == ["email", "inbox"]
    assert channels_of(staff, "new_order") == ["email", "inbox"]
    by_address = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_address) == sorted([order.buyer.email, owner.email, staff.email])
    to_buyer = by_address[order.buyer.email]
    assert "订单已支付" in to_buyer.subject and "已支付" in to_buyer.body
    assert str(order.public_id)[:8] in to_buyer.body
    assert "New paid order" in by_address[owner.email].subject
    assert "$39.00" in by_address[owner.email].body
    assert Notice.objects.filter(channel="email", sent_at__isnull=True).count() == 0

    redeliver("event:payment succeeded")
    redeliver("notifications.send")
    assert Notice.objects.count() == 6 and len(mail.outbox) == 3


def test_the_same_fact_announced_twice_is_told_once():
    order, owner = paid_order()
    deliver()
    publish("payment succeeded", order, {"order": str(order.public_id), "payment": str(uuid.uuid4())})
    deliver()
    assert Notice.objects.filter(recipient=order.buyer).count() == 2
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    ("event", "kind", "chinese"),
    [
        ("order shipped", "order_shipped", "已发货"),
        ("parcel released", "customs_released", "海关"),
        ("parcel delivered", "delivered", "签收"),
    ],
)
def test_a_parcel_event_tells_the_buyer_with_the_tracking_number(event, kind, chinese):
    order, owner = paid_order()
    deliver()
    number = tracking_number("USPS")
    logistics.ship(owner, order.public_id, "USPS", number)
    parcel = order.parcels.get()
    publish(event, order, {"order": str(order.public_id), "parcel": str(parcel.public_id)})
    deliver()
    redeliver(f"event:{event}")
    notices = Notice.objects.filter(kind=kind)
    assert sorted(notices.values_list("recipient", "channel")) == [
        (order.buyer.pk, "email"),
        (order.buyer.pk, "inbox"),
    ]
    told = [m for m in mail.outbox if chinese in m.subject + m.body]
    assert len(told) == 1 and str(order.public_id)[:8] in told[0].body
    assert notices.get(channel="inbox").params["tracking"] == number
    assert (number in told[0].body) == (kind == "order_shipped")


@pytest.mark.parametrize("parcel", [None, "5a0c8a1e-0000-4000-8000-00000000d1ce", "not-a-parcel"])
def test_a_parcel_event_without_a_known_parcel_still_names_the_order(parcel):
    order, _ = paid_order()
    deliver()
    payload = {"order": str(order.public_id)} | ({"parcel": parcel} if parcel else {})
    publish("parcel delivered", order, payload)
    deliver()
    notice = Notice.objects.get(kind="delivered", channel="inbox")
    assert notice.recipient == order.buyer
    assert str(order.public_id)[:8] in texts.body(notice.kind, notice.params)


def test_an_event_about_an_unknown_order_tells_nobody_and_does_not_retry():
    publish("order shipped", "orders.order:x", {"order": str(uuid.uuid4()), "parcel": None})
    publish("refund made", "orders.order:y", {"order": "garbage"})
    deliver()
    assert not Notice.objects.exists()


def test_a_refund_names_the_amount_in_yuan(settings):
    order, _ = paid_order()
    deliver()
    refund = str(uuid.uuid4())
    payload = {"order": str(order.public_id), "refund": refund, "amount": "12.50", "currency": "CNY"}
    publish("refund made", order, payload)
    publish("refund made", order, payload)  # the same refund announced twice
    deliver()
    assert channels_of(order.buyer, "refund_made") == ["email", "inbox"]
    refunded = [m for m in mail.outbox if "退款" in m.subject]
    assert len(refunded) == 1 and "¥12.50" in refunded[0].body


def test_preferences_turn_a_channel_off_and_sms_on():
    buyer = make_buyer()
    services.save_preferences(
        buyer, {("order_paid", "email"): False, ("order_paid", "sms"): True}, mobile="+86 138-0013-8000"
    )
    order, _ = paid_order(buyer)
    deliver()
    assert channels_of(buyer, "order_paid") == ["inbox", "sms"]
    assert [m.to for m in mail.outbox if buyer.email in m.to] == []
    [sent] = sms_sent()
    assert sent["phone"] == "13800138000" and sent["template"] == "BL_ORDER_PAID"
    assert sent["params"]["order"] == str(order.public_id)[:8]
    assert sent["idempotency_key"] == str(Notice.objects.get(channel="sms").public_id)
    redeliver("event:payment succeeded")
    redeliver("notifications.send")
    assert len(sms_sent()) == 1


def test_the_buyers_id_number_is_in_no_notice():
    buyer = make_buyer()
    services.save_preferences(buyer, {("order_paid", "sms"): True}, mobile="13800138000")
    order, owner = paid_order(buyer)
    deliver()
    logistics.ship(owner, order.public_id, "USPS", tracking_number("USPS"))
    publish("order shipped", order, {"order": str(order.public_id), "parcel": None})
    deliver()
    secret = IDENTITY["id_number"]
    said = [repr(n.params) + n.address + texts.body(n.kind, n.params) for n in Notice.objects.all()]
    said += [m.subject + m.body for m in mail.outbox] + [repr(s) for s in sms_sent()]
    assert len(said) >= 6
    assert not [text for text in said if secret in text or secret[-6:] in text]
