"""Both sides told why: the buyer's orders in Chinese, the seller's order in English; the ops console's list,
detail and XML as sent (operators only)."""

import pytest
from customs_support import IDENTITY, declaration, later, message, paid_order, ship_order
from django.test import Client

from borderless.customs import schema
from borderless.payments.models import Payment
from factories import make_operator, owner_of

pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def rejected():
    order = paid_order(deliver=False)
    Payment.objects.filter(pk=order.payment_share.payment_id).update(payer_name="李四")
    later(0)
    order.refresh_from_db()
    assert order.status == "refunded"
    return order


def test_the_buyer_reads_the_reason_in_chinese(rejected):
    page = _as(rejected.buyer).get("/orders/").content.decode()
    assert 'data-customs="rejected"' in page
    assert (
        "中国海关: 海关退单" in page and "支付人与订购人不一致。" in page and "您的货款已全额退还。" in page
    )
    assert IDENTITY["id_number"] not in page


def test_the_seller_reads_the_reason_in_english(rejected):
    page = _as(owner_of(rejected.seller)).get(f"/seller/orders/{rejected.public_id}/").content.decode()
    assert 'id="customs" data-status="rejected"' in page
    assert "The payer is not the person who placed the order." in page
    assert "The buyer has been refunded in full" in page
    assert IDENTITY["id_number"] not in page


def test_operators_list_declarations_and_download_the_xml_as_sent():
    order = ship_order(paid_order())
    ops = _as(make_operator())
    listing = ops.get("/ops/customs/?status=declared").content.decode()
    d = declaration(order)
    assert f'data-declaration="{d.public_id}"' in listing
    assert str(d.public_id) not in ops.get("/ops/customs/?status=rejected").content.decode()
    detail = ops.get(f"/ops/customs/{d.public_id}/").content.decode()
    assert detail.count('data-kind="CEB') == 4 and "Import inventory list (CEB621)" in detail
    inventory = message(order, "CEB621")
    download = ops.get(f"/ops/customs/messages/{inventory.guid}.xml")
    assert download.status_code == 200 and download["Content-Type"].startswith("application/xml")
    assert download.content == inventory.xml.encode() and schema.errors_of(download.content) == []
    assert IDENTITY["id_number"].encode() in download.content  # customs needs it; only operators get it


def test_only_operators_reach_the_customs_console():
    order = paid_order()
    guid = message(order, "CEB311").guid
    for user in (order.buyer, owner_of(order.seller)):
        client = _as(user)
        assert client.get("/ops/customs/").status_code == 403
        assert client.get(f"/ops/customs/messages/{guid}.xml").status_code == 403
    ops = _as(make_operator())
    assert ops.get("/ops/customs/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert ops.get("/ops/customs/messages/00000000-0000-0000-0000-000000000000.xml").status_code == 404


def test_the_orders_page_reads_declarations_in_one_query_however_many_orders():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for sellers in (1, 3):
        order = paid_order(sellers=sellers)
        client = _as(order.buyer)
        client.get("/orders/")  # warm the session and caches
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/orders/").content.decode()
        assert page.count('data-customs="open"') == sellers
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_an_operator_sends_a_failed_declaration_again_once_the_data_is_fixed():
    from customs_support import committed

    from borderless.orders.models import OrderLine

    order = paid_order(deliver=False)
    OrderLine.objects.filter(order=order).update(title_zh="", title_en="")  # no name: the schema needs one
    later(0)
    d = declaration(order)
    assert d.status == "failed"
    ops = _as(make_operator())
    assert 'id="resend"' in ops.get(f"/ops/customs/{d.public_id}/").content.decode()
    assert _as(owner_of(order.seller)).post(f"/ops/customs/{d.public_id}/resend/").status_code == 403
    OrderLine.objects.filter(order=order).update(title_zh="面霜")
    with committed():
        response = ops.post(f"/ops/customs/{d.public_id}/resend/")
    assert response.status_code == 302
    assert declaration(order).status == "open"
    assert message(order, "CEB311").status == "accepted" and message(order, "CEB411").status == "accepted"
    again = ops.post(f"/ops/customs/{d.public_id}/resend/", follow=True).content.decode()
    assert "Only a declaration that needs an operator can be sent again." in again
