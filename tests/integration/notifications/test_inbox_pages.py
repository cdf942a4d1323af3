"""The inbox pages: the buyer's in Chinese with the unread count in the header, the seller's in English;
marking read; another buyer's notice is a 404 that changes nothing; the preference forms save valid choices
and refuse a bad mobile number with a visible error, changing nothing."""

import pytest
from django.test import Client
from notifications_support import deliver, paid_order

from borderless.notifications.models import MobileNumber, Notice, Preference
from factories import make_buyer

pytestmark = pytest.mark.django_db


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_buyer_reads_their_notices_in_chinese_and_marks_them_read():
    order, owner = paid_order()
    deliver()
    client = client_of(order.buyer)
    page = client.get("/notifications/").content.decode()
    assert "订单已支付" in page and str(order.public_id)[:8] in page
    assert 'id="notifications-count">1<' in page
    notice = Notice.objects.get(recipient=order.buyer, channel="inbox")
    answer = client.post(f"/notifications/{notice.public_id}/read/")
    assert answer.status_code == 302 and answer["Location"] == "/orders/"
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert 'id="notifications-count"' not in client.get("/notifications/").content.decode()


def test_a_buyer_never_reads_or_marks_another_buyers_notice():
    order, _ = paid_order()
    deliver()
    notice = Notice.objects.get(recipient=order.buyer, channel="inbox")
    other = client_of(make_buyer())
    assert str(order.public_id)[:8] not in other.get("/notifications/").content.decode()
    assert other.post(f"/notifications/{notice.public_id}/read/").status_code == 404
    other.post("/notifications/read-all/")
    notice.refresh_from_db()
    assert notice.read_at is None


def test_the_seller_reads_new_orders_in_english():
    order, owner = paid_order()
    deliver()
    client = client_of(owner)
    page = client.get("/seller/notifications/").content.decode()
    assert "New paid order" in page and "$39.00" in page
    assert 'id="seller-notifications-count">1<' in page
    client.post("/seller/notifications/read-all/")
    assert not Notice.objects.filter(recipient=owner, channel="inbox", read_at__isnull=True).exists()


def test_the_buyer_chooses_sms_with_a_mobile_number():
    buyer = make_buyer()
    client = client_of(buyer)
    page = client.get("/account/notifications/").content.decode()
    assert "通知设置" in page and "短信" in page
    answer = client.post("/account/notifications/", {"sms_order_paid": "on", "mobile": "138 0013 8000"})
    assert answer.status_code == 302
    assert MobileNumber.objects.get(user=buyer).number == "13800138000"
    assert Preference.objects.get(user=buyer, kind="order_paid", channel="sms").wanted
    assert not Preference.objects.get(user=buyer, kind="order_paid", channel="email").wanted


@pytest.mark.parametrize("mobile", ["12345", "1380013800x", "<script>", "9" * 20, ""])
def test_a_bad_mobile_number_is_refused_and_changes_nothing(mobile):
    buyer = make_buyer()
    answer = client_of(buyer).post("/account/notifications/", {"sms_order_paid": "on", "mobile": mobile})
    assert answer.status_code == 200 and b'class="errorlist' in answer.content
    assert not Preference.objects.exists() and not MobileNumber.objects.exists()


def test_the_seller_chooses_e_mail_only():
    order, owner = paid_order()
    client = client_of(owner)
    page = client.get("/seller/notifications/preferences/").content.decode()
    assert "New paid order" in page and "SMS" not in page
    assert client.post("/seller/notifications/preferences/", {}).status_code == 302
    assert not Preference.objects.get(user=owner, kind="new_order", channel="email").wanted
    deliver()
    assert list(Notice.objects.filter(recipient=owner).values_list("channel", flat=True)) == ["inbox"]
