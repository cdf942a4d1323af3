"""A customer-service message tells the other side once (conversations publishes "message received",
notifications hears it); a seller's answer to a review tells the review's buyer once."""

import pytest
from django.core import mail
from django.db import transaction
from notifications_support import deliver, paid_order, publish, redeliver

from borderless.conversations import services as conversations
from borderless.notifications.models import Notice
from borderless.reviews import services as reviews
from factories import make_buyer, make_product, make_seller, owner_of, staff_of
from reviews_support import delivered_order

pytestmark = pytest.mark.django_db


def post(user, chat, text, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        conversations.post_message(user, chat.public_id, text)


def test_each_message_tells_the_other_side_once(django_capture_on_commit_callbacks):
    order, owner = paid_order()
    staff = staff_of(order.seller)
    deliver()
    chat = conversations.open_about_order(order.buyer, order.public_id)
    post(order.buyer, chat, "什么时候发货？", django_capture_on_commit_callbacks)
    deliver()
    told = Notice.objects.filter(kind="message", channel="inbox")
    assert sorted(told.values_list("recipient", flat=True)) == sorted([owner.pk, staff.pk])
    assert "A buyer wrote to you" in mail.outbox[-1].body

    post(owner, chat, "It ships within two business days.", django_capture_on_commit_callbacks)
    deliver()
    redeliver("event:message received")
    to_buyer = Notice.objects.filter(kind="message", recipient=order.buyer)
    assert sorted(to_buyer.values_list("channel", flat=True)) == ["email", "inbox"]
    assert to_buyer.get(channel="inbox").params["conversation"] == str(chat.public_id)
    assert Notice.objects.filter(kind="message").count() == 6  # 2 members × 2 channels, the buyer × 2
    assert [m for m in mail.outbox if m.to == [order.buyer.email] and "新消息" in m.subject]


def test_a_review_answer_tells_its_buyer_once():
    buyer = make_buyer()
    seller = make_seller()
    product = make_product(seller, title_zh="花旗参")
    order, sku = delivered_order(buyer, product)
    review = reviews.write_review(buyer, order.public_id, sku.public_id, stars=5, text="很好，包装完好。")
    reviews.answer(owner_of(seller), review.public_id, "Thank you!")
    payload = {"review": str(review.public_id), "buyer": buyer.pk}
    publish("review answered", review, payload)
    publish("review answered", review, payload)
    deliver()
    notices = Notice.objects.filter(kind="review_answered")
    assert sorted(notices.values_list("recipient", "channel")) == [(buyer.pk, "email"), (buyer.pk, "inbox")]
    [email] = [m for m in mail.outbox if "评价已回复" in m.subject]
    assert "花旗参" in email.body


def test_a_review_answered_event_naming_another_buyer_tells_nobody():
    buyer, other = make_buyer(), make_buyer()
    order, sku = delivered_order(buyer)
    review = reviews.write_review(buyer, order.public_id, sku.public_id, stars=4, text="不错")
    publish("review answered", review, {"review": str(review.public_id), "buyer": other.pk})
    deliver()
    assert not Notice.objects.filter(kind="review_answered").exists()
