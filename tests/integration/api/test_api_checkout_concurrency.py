"""A checkout request sent several times at once with one Idempotency-Key (a double-clicking app, a retrying
proxy) places one checkout and opens one payment; every answer names them. Real threads, PostgreSQL."""

import threading
from decimal import Decimal

import pytest
from api_support import ApiClient, token_for
from django.db import connection

from borderless.catalog.models import Sku
from borderless.orders.models import Checkout, Order
from borderless.payments.models import Payment
from factories import make_buyer, make_product, make_seller

pytestmark = pytest.mark.django_db(transaction=True)
BODY = {
    "address": {
        "name": "张三",
        "phone": "13800138000",
        "province": "北京市",
        "city": "北京市",
        "street": "建国路 88 号",
    },
    "identity": {"name": "张三", "id_number": "11010519491231002X"},
}


def test_one_key_sent_eight_times_at_once_places_one_checkout(on_postgres):
    skus = [
        make_product(
            make_seller(), skus=[{"code": f"CC{n}", "price_usd": Decimal("30.00"), "stock": 5}]
        ).skus.get()
        for n in range(2)
    ]
    buyer = make_buyer()
    token = token_for(buyer)
    api = ApiClient(token)
    for sku in skus:
        assert api.post("/cart/items", {"sku": str(sku.public_id), "quantity": 2}).status_code == 201
    start = threading.Barrier(8)
    answers: list = [None] * 8

    def send(i: int) -> None:
        try:
            start.wait(10)
            answers[i] = ApiClient(token).post("/checkout", BODY, headers={"Idempotency-Key": "double-click"})
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200] * 7 + [201], [a.content for a in answers if a.status_code not in (200, 201)]
    bodies = [a.json() for a in answers]
    assert len({b["checkout_id"] for b in bodies}) == 1
    assert len({b["payment"]["id"] for b in bodies}) == 1
    assert len({tuple(sorted(o["id"] for o in b["orders"])) for b in bodies}) == 1
    assert Checkout.objects.count() == 1 and Order.objects.count() == 2 and Payment.objects.count() == 1
    assert sorted(Sku.objects.filter(pk__in=[s.pk for s in skus]).values_list("stock", flat=True)) == [3, 3]
