"""The cart, checkout and order endpoints: the contract a buyer's app relies on."""

import itertools
from decimal import Decimal

import pytest
from api_support import ApiClient, assert_error, token_for
from django.db import connection

from borderless.catalog.models import Sku
from borderless.orders.models import CartItem, Checkout, Order
from borderless.payments.models import Payment
from factories import ADDRESS, IDENTITY, make_buyer, make_operator, make_product, make_seller, owner_of

BODY = {"address": ADDRESS, "identity": IDENTITY}
_codes = itertools.count(1)


def sku(seller=None, price="39.00", stock=10, **fields) -> Sku:
    seller = seller or make_seller()
    product = make_product(
        seller, skus=[{"code": f"AC{next(_codes)}", "price_usd": Decimal(price), "stock": stock}], **fields
    )
    return product.skus.get()


def add(api: ApiClient, item: Sku, quantity: int = 1):
    return api.post("/cart/items", {"sku": str(item.public_id), "quantity": quantity})


def checkout(api: ApiClient, key: str | None = "key-1", body: dict = BODY):
    headers = {"Idempotency-Key": key} if key is not None else {}
    return api.post("/checkout", body, headers=headers)


def nothing_written(buyer, skus_stock: dict[Sku, int], cart_lines: int) -> None:
    assert not Checkout.objects.filter(buyer=buyer).exists()
    assert not Order.objects.filter(buyer=buyer).exists()
    assert CartItem.objects.filter(cart__buyer=buyer).count() == cart_lines
    for item, stock in skus_stock.items():
        item.refresh_from_db()
        assert item.stock == stock


@pytest.fixture
def two_sellers(db):
    syrup = {"category": "maple-syrup", "hs_code": "170220", "title_en": "Maple syrup", "title_zh": "枫糖浆"}
    return sku(make_seller(state="WI")), sku(make_seller(state="VT"), price="12.50", **syrup)


# --- cart ---


def test_cart_groups_lines_per_seller_with_a_landed_quote_each(buyer_api, two_sellers):
    ginseng, syrup = two_sellers
    response = add(buyer_api, ginseng, 2)
    assert response.status_code == 201
    assert response.json() == {"sku": str(ginseng.public_id), "quantity": 2, "count": 2}
    assert add(buyer_api, syrup, 1).json()["count"] == 3
    cart = buyer_api.get("/cart").json()
    assert cart["count"] == 3
    assert [len(s["lines"]) for s in cart["sellers"]] == [1, 1]
    assert {s["seller"]["id"] for s in cart["sellers"]} == {
        str(ginseng.product.seller.public_id),
        str(syrup.product.seller.public_id),
    }
    for group in cart["sellers"]:
        q = group["quote"]
        assert group["allowed"] and q["currency"] == "CNY"
        assert Decimal(q["total"]) == Decimal(q["goods_value"]) + Decimal(q["freight"]) + Decimal(
            q["total_tax"]
        )
    assert Decimal(cart["total"]["amount"]) == sum(Decimal(s["quote"]["total"]) for s in cart["sellers"])
    assert cart["annual_used"] == {"amount": "0.00", "currency": "CNY"}


def test_adding_again_adds_units_and_put_sets_them(buyer_api, two_sellers):
    ginseng, _ = two_sellers
    add(buyer_api, ginseng, 2)
    assert add(buyer_api, ginseng, 3).json() == {"sku": str(ginseng.public_id), "quantity": 5, "count": 5}
    response = buyer_api.put(f"/cart/items/{ginseng.public_id}", {"quantity": 1})
    assert response.status_code == 200 and response.json()["count"] == 1
    response = buyer_api.put(f"/cart/items/{ginseng.public_id}", {"quantity": 0})
    assert response.status_code == 200 and response.json()["sellers"] == []


@pytest.mark.parametrize("quantity", [0, -1, 1000, "2", 1.5, None])
def test_bad_quantities_are_refused_and_change_nothing(buyer, buyer_api, two_sellers, quantity):
    ginseng, _ = two_sellers
    add(buyer_api, ginseng, 1)
    response = buyer_api.post("/cart/items", {"sku": str(ginseng.public_id), "quantity": quantity})
    assert_error(response, 422)
    assert CartItem.objects.get(cart__buyer=buyer).quantity == 1


def test_a_line_past_999_units_is_refused(buyer, buyer_api, two_sellers):
    ginseng, _ = two_sellers
    add(buyer_api, ginseng, 999)
    assert_error(add(buyer_api, ginseng, 1), 422, "invalid_cart")
    assert CartItem.objects.get(cart__buyer=buyer).quantity == 999


def test_unknown_unpublished_and_malformed_skus_are_refused(buyer, buyer_api):
    import uuid

    draft = sku(status="draft")
    unverified = sku(make_seller(verified=False), status="draft")
    for public_id in (uuid.uuid4(), draft.public_id, unverified.public_id):
        error = assert_error(buyer_api.post("/cart/items", {"sku": str(public_id), "quantity": 1}), 422)
        assert error["code"] == "invalid_cart"
    assert_error(buyer_api.post("/cart/items", {"sku": "not-a-uuid", "quantity": 1}), 422, "invalid")
    assert_error(buyer_api.post("/cart/items", {"quantity": 1}), 422, "invalid")
    assert not CartItem.objects.filter(cart__buyer=buyer).exists()


def test_delete_takes_the_line_out_by_sku_id_and_404s_when_absent(buyer_api, two_sellers):
    ginseng, syrup = two_sellers
    add(buyer_api, ginseng)
    add(buyer_api, syrup)
    response = buyer_api.delete(f"/cart/items/{ginseng.public_id}")
    assert response.status_code == 200
    assert [g["lines"][0]["sku"] for g in response.json()["sellers"]] == [str(syrup.public_id)]
    assert_error(buyer_api.delete(f"/cart/items/{ginseng.public_id}"), 404, "not_found")


def test_only_signed_in_buyers_have_a_cart(anon, seller_api, two_sellers):
    ginseng, _ = two_sellers
    assert_error(anon.get("/cart"), 401)
    assert_error(add(anon, ginseng), 401)
    assert_error(add(seller_api, ginseng), 403)
    assert_error(checkout(seller_api), 403)


# --- checkout ---


def test_checkout_creates_one_order_per_seller_and_one_payment(buyer, buyer_api, two_sellers):
    ginseng, syrup = two_sellers
    add(buyer_api, ginseng, 2)
    add(buyer_api, syrup, 1)
    quoted = buyer_api.get("/cart").json()
    response = checkout(buyer_api)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["replayed"] is False and body["status"] == "pending_payment"
    assert len(body["orders"]) == 2
    assert {o["seller"]["id"] for o in body["orders"]} == {g["seller"]["id"] for g in quoted["sellers"]}
    for order in body["orders"]:
        assert order["status"] == "pending_payment"
        assert order["buyer_id_masked"] == "110105********002X"
        assert "19491231" not in str(order)
        q = order["quote"]
        assert Decimal(q["total"]["amount"]) == (
            Decimal(q["goods_cny"]) + Decimal(q["freight"]["amount"]) + Decimal(q["tax_total"]["amount"])
        )
    assert body["total"] == quoted["total"]
    payment = body["payment"]
    assert payment["status"] == "requires_payment" and payment["currency"] == "CNY"
    assert payment["amount"] == body["total"]["amount"]
    assert payment["redirect_url"] == f"/pay/sandbox/{payment['id']}/"
    assert Payment.objects.get(public_id=payment["id"]).checkout.public_id.hex == body["checkout_id"].replace(
        "-", ""
    )
    ginseng.refresh_from_db()
    assert ginseng.stock == 8
    assert buyer_api.get("/cart").json()["sellers"] == []


def test_a_retry_with_the_same_key_returns_the_first_result(buyer, buyer_api, two_sellers):
    ginseng, syrup = two_sellers
    add(buyer_api, ginseng)
    add(buyer_api, syrup)
    first = checkout(buyer_api, "same-key")
    assert first.status_code == 201
    again = checkout(buyer_api, "same-key")
    assert again.status_code == 200
    a, b = first.json(), again.json()
    assert b["replayed"] is True
    assert b["checkout_id"] == a["checkout_id"] and b["payment"]["id"] == a["payment"]["id"]
    assert [o["id"] for o in b["orders"]] == [o["id"] for o in a["orders"]]
    assert Checkout.objects.filter(buyer=buyer).count() == 1 and Payment.objects.count() == 1
    ginseng.refresh_from_db()
    assert ginseng.stock == 9


def test_the_same_key_with_another_body_is_a_conflict(buyer_api, two_sellers):
    add(buyer_api, two_sellers[0])
    assert checkout(buyer_api, "k").status_code == 201
    other = {"address": {**ADDRESS, "street": "另一条路 1 号"}, "identity": IDENTITY}
    assert_error(checkout(buyer_api, "k", other), 409, "idempotency_conflict")


@pytest.mark.parametrize("key", [None, "", "   "])
def test_checkout_without_an_idempotency_key_is_a_400(buyer, buyer_api, two_sellers, key):
    ginseng, _ = two_sellers
    add(buyer_api, ginseng)
    assert_error(checkout(buyer_api, key), 400, "idempotency_key_required")
    nothing_written(buyer, {ginseng: 10}, 1)


def test_out_of_stock_is_a_409_and_nothing_changes(buyer, buyer_api, two_sellers):
    ginseng, _ = two_sellers
    scarce = sku(price="20.00", stock=1)
    add(buyer_api, ginseng, 1)
    add(buyer_api, scarce, 2)
    error = assert_error(checkout(buyer_api), 409, "out_of_stock")
    assert error["details"] == {"sku": str(scarce.public_id), "requested": 2}
    nothing_written(buyer, {ginseng: 10, scarce: 1}, 2)


def test_an_order_china_refuses_is_a_422_customs_limit_and_nothing_changes(buyer, buyer_api, two_sellers):
    ginseng, _ = two_sellers
    dear = sku(price="400.00", stock=10)  # three units: over RMB 5,000 with more than one item (CN-C4)
    add(buyer_api, ginseng, 1)
    add(buyer_api, dear, 3)
    cart = buyer_api.get("/cart").json()
    refused = [g for g in cart["sellers"] if not g["allowed"]]
    assert len(refused) == 1 and cart["total"] is None
    assert any(r["rule"] == "CN-C4" for r in refused[0]["quote"]["reasons"])
    error = assert_error(checkout(buyer_api), 422, "customs_limit")
    assert error["details"]["seller"] == str(dear.product.seller.public_id)
    assert any(r["rule"] == "CN-C4" for r in error["details"]["reasons"])
    nothing_written(buyer, {ginseng: 10, dear: 10}, 2)


@pytest.mark.parametrize(
    ("identity", "words"),
    [
        ({"name": "张三", "id_number": "110105194912310021"}, "check digit"),
        ({"name": "张三", "id_number": "1101051949"}, "18 characters"),
        ({"name": "张", "id_number": "11010519491231002X"}, "real name"),
    ],
)
def test_a_bad_identity_is_a_422_naming_the_problem(buyer, buyer_api, two_sellers, identity, words):
    add(buyer_api, two_sellers[0])
    error = assert_error(checkout(buyer_api, body={"address": ADDRESS, "identity": identity}), 422)
    assert error["code"] == "invalid_identity" and words in error["message"]
    nothing_written(buyer, {two_sellers[0]: 10}, 1)


def test_a_missing_address_field_or_an_empty_cart_is_a_422(buyer, buyer_api, two_sellers):
    assert_error(checkout(buyer_api), 422, "empty_cart")
    add(buyer_api, two_sellers[0])
    address = {k: v for k, v in ADDRESS.items() if k != "street"}
    error = assert_error(checkout(buyer_api, body={"address": address, "identity": IDENTITY}), 422, "invalid")
    assert "address.street" in error["details"]
    error = assert_error(
        checkout(buyer_api, body={"address": {**ADDRESS, "city": " "}, "identity": IDENTITY}), 422
    )
    assert error["code"] == "invalid_address"
    nothing_written(buyer, {two_sellers[0]: 10}, 1)


# --- orders ---


@pytest.fixture
def placed(buyer_api, two_sellers):
    add(buyer_api, two_sellers[0])
    add(buyer_api, two_sellers[1])
    return checkout(buyer_api).json()


def test_an_order_is_seen_by_its_buyer_seller_and_operators_only(buyer_api, placed, two_sellers):
    order = placed["orders"][0]
    seller = Order.objects.get(public_id=order["id"]).seller
    other_order_seller = next(s for s in (x.product.seller for x in two_sellers) if s != seller)
    assert buyer_api.get(f"/orders/{order['id']}").json()["id"] == order["id"]
    assert ApiClient(token_for(owner_of(seller))).get(f"/orders/{order['id']}").status_code == 200
    assert ApiClient(token_for(make_operator())).get(f"/orders/{order['id']}").status_code == 200
    for stranger in (make_buyer(), owner_of(other_order_seller), owner_of(make_seller())):
        assert_error(ApiClient(token_for(stranger)).get(f"/orders/{order['id']}"), 404, "not_found")
        assert_error(ApiClient(token_for(stranger)).post(f"/orders/{order['id']}/cancel"), 404)
    assert_error(ApiClient().get(f"/orders/{order['id']}"), 401)
    listed = buyer_api.get("/orders").json()["orders"]
    assert {o["id"] for o in listed} == {o["id"] for o in placed["orders"]}
    assert ApiClient(token_for(make_buyer())).get("/orders").json() == {"orders": []}


def test_the_buyer_cancels_an_unpaid_order_and_its_stock_comes_back(buyer_api, placed, two_sellers):
    order = placed["orders"][0]
    response = buyer_api.post(f"/orders/{order['id']}/cancel")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert {s.stock for s in Sku.objects.filter(pk__in=[s.pk for s in two_sellers])} == {9, 10}
    assert_error(buyer_api.post(f"/orders/{order['id']}/cancel"), 409, "illegal_transition")


def test_the_checkout_can_be_read_again_with_its_payment(buyer_api, placed):
    response = buyer_api.get(f"/checkouts/{placed['checkout_id']}")
    assert response.status_code == 200
    assert response.json()["payment"]["id"] == placed["payment"]["id"]
    assert_error(ApiClient(token_for(make_buyer())).get(f"/checkouts/{placed['checkout_id']}"), 404)


def test_the_checkout_request_stays_within_its_query_budget(
    buyer_api, two_sellers, django_assert_max_num_queries
):
    # auth (1) + orders.checkout for two sellers (11 on SQLite, 7 on PostgreSQL, savepoints included) + the
    # payment and its shares (2 on SQLite, 1 on PostgreSQL); the answer's lines come from memory
    postgres = connection.vendor == "postgresql"
    add(buyer_api, two_sellers[0])
    add(buyer_api, two_sellers[1])
    with django_assert_max_num_queries(9 if postgres else 14):
        assert checkout(buyer_api).status_code == 201
    # PostgreSQL: the token, then one statement that finds the SKU for sale, upserts cart and line and counts
    # the cart (its own transaction); SQLite: token, savepoints, SKU, cart upsert, line upsert, the count
    with django_assert_max_num_queries(2 if postgres else 7):
        assert add(buyer_api, two_sellers[0]).status_code == 201
