"""The buyer's cart, checkout and sandbox payment pages, the buyer's orders and the seller's orders."""

import itertools
import re
from decimal import Decimal

import pytest
from huey.contrib.djhuey import HUEY

from borderless.catalog.models import Sku
from borderless.orders.models import CartItem, Checkout, Order
from borderless.payments.models import Payment
from factories import make_buyer, make_product, make_seller, owner_of

pytestmark = pytest.mark.django_db
_codes = itertools.count(1)
FORM = {
    "name": "张三",
    "phone": "13800138000",
    "province": "北京市",
    "city": "北京市",
    "district": "朝阳区",
    "street": "建国路 88 号 1 单元 101",
    "real_name": "张三",
    "id_number": "11010519491231002X",
}


@pytest.fixture(autouse=True)
def immediate_queue(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    before = HUEY.immediate
    HUEY.immediate = True  # the payment's webhook is delivered in the request, as a worker would
    yield
    HUEY.immediate = before


def sku(seller=None, price="39.00", stock=10, **fields) -> Sku:
    product = make_product(
        seller or make_seller(),
        skus=[{"code": f"WC{next(_codes)}", "price_usd": Decimal(price), "stock": stock}],
        **fields,
    )
    return product.skus.get()


@pytest.fixture
def buyer():
    return make_buyer()


@pytest.fixture
def shopper(client, buyer):
    client.force_login(buyer)
    return client


@pytest.fixture
def two(db):
    ginseng = sku(make_seller(state="WI", display_name_zh="许氏农场"), title_zh="花旗参")
    syrup = sku(make_seller(state="VT"), price="12.50", category="maple-syrup", hs_code="170220",
                title_en="Maple syrup", title_zh="枫糖浆")  # fmt: skip
    return ginseng, syrup


def add(client, item, quantity=1):
    return client.post("/cart/add/", {"sku": str(item.public_id), "quantity": quantity})


def key_of(html: str) -> str:
    return re.search(r'name="idempotency_key" value="([0-9a-f]+)"', html).group(1)


def nothing_placed(buyer, lines: int):
    assert not Checkout.objects.filter(buyer=buyer).exists()
    assert CartItem.objects.filter(cart__buyer=buyer).count() == lines


def test_product_page_offers_add_to_cart_and_the_header_counts_units(shopper, two):
    ginseng, _ = two
    html = shopper.get(f"/p/{ginseng.product.public_id}/").content.decode()
    assert 'action="/cart/add/"' in html and "加入购物车" in html
    response = add(shopper, ginseng, 3)
    assert response.status_code == 302 and response["Location"] == "/cart/"
    html = shopper.get("/cart/").content.decode()
    assert re.search(r'id="cart-count">3<', html)


def test_anonymous_visitors_log_in_before_adding(client, two):
    response = add(client, two[0])
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=")
    assert not CartItem.objects.exists()


def test_cart_groups_per_seller_with_landed_quotes_and_the_annual_total(shopper, two):
    ginseng, syrup = two
    add(shopper, ginseng, 2)
    add(shopper, syrup)
    html = shopper.get("/cart/").content.decode()
    assert html.count('class="panel seller-cart"') == 2
    assert "许氏农场" in html and "花旗参" in html and "枫糖浆" in html
    assert "运费" in html and "税费" in html and "到手价" in html
    assert 'id="annual-used"' in html and "¥0.00" in html
    assert 'id="to-checkout"' in html


def test_quantity_change_and_remove(shopper, buyer, two):
    ginseng, syrup = two
    add(shopper, ginseng)
    add(shopper, syrup)
    shopper.post("/cart/update/", {"sku": str(ginseng.public_id), "quantity": 4})
    assert CartItem.objects.get(cart__buyer=buyer, sku=ginseng).quantity == 4
    shopper.post("/cart/update/", {"sku": str(ginseng.public_id), "quantity": -2})
    assert CartItem.objects.get(cart__buyer=buyer, sku=ginseng).quantity == 4
    shopper.post("/cart/remove/", {"sku": str(syrup.public_id)})
    assert list(CartItem.objects.filter(cart__buyer=buyer).values_list("sku", flat=True)) == [ginseng.pk]


def test_a_refused_order_is_explained_and_checkout_is_not_offered(shopper, two):
    add(shopper, sku(price="400.00"), 3)
    html = shopper.get("/cart/").content.decode()
    assert "跨境电商" in html and 'id="to-checkout"' not in html


@pytest.fixture
def pay(django_capture_on_commit_callbacks):
    """Post to the sandbox page's buttons; the webhook leaves on commit (a test transaction never commits)."""

    def post(client, url, outcome):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, {"outcome": outcome})

    return post


def test_checkout_then_sandbox_payment_then_two_paid_orders(shopper, buyer, two, pay):
    ginseng, syrup = two
    add(shopper, ginseng, 2)
    add(shopper, syrup)
    page = shopper.get("/checkout/")
    assert page.status_code == 200
    key = key_of(page.content.decode())
    response = shopper.post("/checkout/", {**FORM, "idempotency_key": key})
    assert response.status_code == 302, response.content.decode()
    payment = Payment.objects.get(buyer=buyer)
    assert response["Location"] == f"/pay/sandbox/{payment.public_id}/"
    # A double submit of the same form creates nothing more and leads to the same payment.
    again = shopper.post("/checkout/", {**FORM, "idempotency_key": key})
    assert again["Location"] == response["Location"]
    assert Checkout.objects.filter(buyer=buyer).count() == 1
    html = shopper.get(response["Location"]).content.decode()
    assert f"¥{payment.amount}" in html.replace(",", "")
    assert html.count("许氏农场") == 1 and ">支付<" in html and ">支付失败<" in html
    done = pay(shopper, f"/pay/sandbox/{payment.public_id}/complete/", "succeeded")
    assert done.status_code == 302 and done["Location"] == f"/orders/?checkout={payment.checkout.public_id}"
    assert set(Order.objects.filter(buyer=buyer).values_list("status", flat=True)) == {"paid"}
    html = shopper.get(done["Location"]).content.decode()
    assert html.count('data-status="paid"') == 2 and "已支付" in html
    assert "110105********002X" in html and "11010519491231002X" not in html
    assert 'id="payment-waiting"' not in html
    # Paid: the pay buttons are gone, a second completion changes nothing.
    assert ">支付失败<" not in shopper.get(f"/pay/sandbox/{payment.public_id}/").content.decode()
    pay(shopper, f"/pay/sandbox/{payment.public_id}/complete/", "failed")
    assert set(Order.objects.filter(buyer=buyer).values_list("status", flat=True)) == {"paid"}


def test_a_failed_payment_cancels_the_orders_and_gives_the_stock_back(shopper, buyer, two, pay):
    ginseng, _ = two
    add(shopper, ginseng, 2)
    key = key_of(shopper.get("/checkout/").content.decode())
    location = shopper.post("/checkout/", {**FORM, "idempotency_key": key})["Location"]
    payment_id = location.strip("/").split("/")[-1]
    pay(shopper, f"/pay/sandbox/{payment_id}/complete/", "failed")
    assert Order.objects.get(buyer=buyer).status == "cancelled"
    ginseng.refresh_from_db()
    assert ginseng.stock == 10


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("id_number", "110105194912310021", "校验位"),
        ("id_number", "1101051949", "18"),
        ("real_name", "张", "真实姓名"),
        ("street", "", "必填"),
    ],
)
def test_bad_identity_or_address_is_shown_on_the_form_and_nothing_changes(shopper, buyer, two, field, value,
                                                                           message):  # fmt: skip
    add(shopper, two[0])
    key = key_of(shopper.get("/checkout/").content.decode())
    response = shopper.post("/checkout/", {**FORM, field: value, "idempotency_key": key})
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html
    assert key_of(html) == key
    nothing_placed(buyer, 1)


@pytest.mark.parametrize(
    ("changes", "message"),
    [({"id_number": "110105194912310021"}, "校验位"), ({"street": ""}, "必填")],
    ids=["mistyped number", "valid number, another field wrong"],
)
def test_a_checkout_form_shown_again_does_not_echo_the_id_number(shopper, two, changes, message):
    """The form shown again after an error asks for the ID number anew: it is never written into the page."""
    add(shopper, two[0])
    key = key_of(shopper.get("/checkout/").content.decode())
    posted = {**FORM, **changes, "idempotency_key": key}
    response = shopper.post("/checkout/", posted)
    html = response.content.decode()
    assert response.status_code == 422 and message in html
    assert posted["id_number"] not in html
    assert 'name="id_number"' in html and posted["real_name"] in html  # the other fields are kept


def test_out_of_stock_and_cbec_limit_are_explained_and_nothing_changes(shopper, buyer, two):
    scarce = sku(price="20.00", stock=1)
    add(shopper, two[0])
    add(shopper, scarce, 2)
    key = key_of(shopper.get("/checkout/").content.decode())
    response = shopper.post("/checkout/", {**FORM, "idempotency_key": key})
    assert response.status_code == 422 and "库存不足" in response.content.decode()
    nothing_placed(buyer, 2)
    shopper.post("/cart/remove/", {"sku": str(scarce.public_id)})
    add(shopper, sku(price="400.00"), 3)
    response = shopper.post("/checkout/", {**FORM, "idempotency_key": key})
    assert response.status_code == 422 and "5,000" in response.content.decode()
    nothing_placed(buyer, 2)
    scarce.refresh_from_db()
    assert scarce.stock == 1


def test_another_buyers_payment_page_and_orders_are_not_found(client, shopper, buyer, two):
    add(shopper, two[0])
    key = key_of(shopper.get("/checkout/").content.decode())
    location = shopper.post("/checkout/", {**FORM, "idempotency_key": key})["Location"]
    client.force_login(make_buyer())
    assert client.get(location).status_code == 404
    assert client.post(location + "complete/", {"outcome": "succeeded"}).status_code == 404
    order = Order.objects.get(buyer=buyer)
    assert client.post(f"/orders/{order.public_id}/cancel/").status_code == 404
    assert 'data-status="' not in client.get("/orders/").content.decode()


def test_sandbox_page_is_not_there_when_another_provider_is_configured(settings, shopper, two):
    add(shopper, two[0])
    key = key_of(shopper.get("/checkout/").content.decode())
    location = shopper.post("/checkout/", {**FORM, "idempotency_key": key})["Location"]
    settings.PAYMENT_PROVIDER = "elsewhere"
    assert shopper.get(location).status_code == 404


def _paid_order(shopper, buyer, item, pay):
    add(shopper, item)
    key = key_of(shopper.get("/checkout/").content.decode())
    location = shopper.post("/checkout/", {**FORM, "idempotency_key": key})["Location"]
    pay(shopper, location + "complete/", "succeeded")
    return Order.objects.get(buyer=buyer, status="paid")


def test_the_seller_lists_paid_orders_first_and_ships_with_a_tracking_number(
    client, shopper, buyer, two, pay
):
    ginseng, _ = two
    order = _paid_order(shopper, buyer, ginseng, pay)
    seller_client = client.__class__()
    seller_client.force_login(owner_of(order.seller))
    html = seller_client.get("/seller/orders/").content.decode()
    assert str(order.public_id) in html and "Paid" in html
    page = seller_client.get(f"/seller/orders/{order.public_id}/").content.decode()
    assert "110105********002X" in page and 'id="ship-form"' in page
    bad = seller_client.post(
        f"/seller/orders/{order.public_id}/ship/", {"carrier": "USPS", "tracking_number": "x"}
    )
    assert bad.status_code == 422
    order.refresh_from_db()
    assert order.status == "paid"
    seller_client.post(
        f"/seller/orders/{order.public_id}/ship/",
        {"carrier": "USPS", "tracking_number": "9400111899223197428490"},
    )
    order.refresh_from_db()
    assert order.status == "shipped" and order.shipment.tracking_number == "9400111899223197428490"
    other = client.__class__()
    other.force_login(owner_of(make_seller()))
    assert other.get(f"/seller/orders/{order.public_id}/").status_code == 404
    assert other.post(
        f"/seller/orders/{order.public_id}/ship/", {"carrier": "USPS", "tracking_number": "9400111899223197"}
    ).status_code == 404  # fmt: skip


def test_the_buyer_confirms_receipt_and_the_seller_reads_the_payout_statement(
    client, shopper, buyer, two, pay
):
    from borderless.payouts import services as payouts

    order = _paid_order(shopper, buyer, two[0], pay)
    seller = owner_of(order.seller)
    payouts.ship(seller, order, "USPS", "9400111899223197428490")
    assert "确认收货" not in shopper.get("/orders/").content.decode()
    payouts.deliver("system:carrier", order)
    assert "确认收货" in shopper.get("/orders/").content.decode()
    shopper.post(f"/orders/{order.public_id}/confirm/")
    order.refresh_from_db()
    assert order.status == "completed"
    [payout] = payouts.run_payouts()
    seller_client = client.__class__()
    seller_client.force_login(seller)
    assert f"${payout.amount}" in seller_client.get("/seller/orders/").content.decode()
    statement = seller_client.get("/seller/statement.csv")
    assert statement["Content-Type"].startswith("text/csv")
    assert (
        str(order.public_id) in statement.content.decode()
        and str(payout.amount) in statement.content.decode()
    )
    assert seller_client.get("/seller/statement.pdf").content.startswith(b"%PDF")
    assert seller_client.get("/seller/statement.xls").status_code == 404
    other = client.__class__()
    other.force_login(owner_of(make_seller()))
    assert str(order.public_id) not in other.get("/seller/statement.csv").content.decode()


def test_orders_wait_for_the_webhook_then_offer_to_pay_again_when_unpaid(shopper, buyer, two):
    add(shopper, two[0])
    key = key_of(shopper.get("/checkout/").content.decode())
    location = shopper.post("/checkout/", {**FORM, "idempotency_key": key})["Location"]
    order = Order.objects.get(buyer=buyer)
    html = shopper.get(f"/orders/?checkout={order.checkout.public_id}").content.decode()
    assert 'id="payment-waiting"' not in html and "去支付" in html  # not paid yet: nothing to wait for
    back = shopper.post(f"/checkout/{order.checkout.public_id}/pay/")
    assert back["Location"] == location
    shopper.post(location + "complete/", {"outcome": "succeeded"})  # the webhook leaves only on commit
    html = shopper.get(f"/orders/?checkout={order.checkout.public_id}").content.decode()
    assert 'id="payment-waiting"' in html and 'hx-trigger="every 2s"' in html
    fragment = shopper.get(f"/orders/?checkout={order.checkout.public_id}", headers={"HX-Request": "true"})
    assert fragment.content.decode().startswith('<div id="orders"')


def test_the_seller_sees_orders_to_ship_first(client, buyer, two):
    from borderless.orders import services as orders

    ginseng, _ = two
    seller = ginseng.product.seller
    address = {k: FORM[k] for k in ("name", "phone", "province", "city", "street")}
    identity = {"name": "张三", "id_number": FORM["id_number"]}

    def place(key):
        orders.add_to_cart(buyer, ginseng.public_id, 1)
        return orders.checkout(buyer, key, address, identity).orders[0]

    placed = [place(f"k{n}") for n in range(3)]
    for order in placed:
        orders.mark_paid(order, "system:payments")
    orders.transition(placed[0], "shipped", owner_of(seller))
    unpaid = place("unpaid")
    client.force_login(owner_of(seller))
    html = client.get("/seller/orders/").content.decode()
    ids = re.findall(r'data-order="([0-9a-f-]+)"', html)
    assert ids[:2] == [str(placed[2].public_id), str(placed[1].public_id)]
    assert ids[2] == str(placed[0].public_id) and str(unpaid.public_id) not in ids
    assert "2 paid orders to ship" in html


def test_the_buyer_returns_part_then_the_rest_and_the_seller_sees_it(client, shopper, buyer, two, pay):
    from datetime import timedelta

    from django.utils import timezone

    from borderless.orders.models import AnnualQuota
    from borderless.payouts import services as payouts

    order = _paid_order(shopper, buyer, two[0], pay)
    seller = owner_of(order.seller)
    payouts.ship(seller, order, "USPS", "9400111899223197428490")
    assert "申请退货" not in shopper.get("/orders/").content.decode()  # not delivered yet
    payouts.deliver("system:carrier", order)
    shopper.post(f"/orders/{order.public_id}/confirm/")  # released: the return reverses the release
    page = shopper.get("/orders/").content.decode()
    assert "申请退货" in page and "签收后 30 天" in page
    key = re.search(r'name="key" value="([0-9a-f]+)"', page).group(1)
    quota = AnnualQuota.objects.get(buyer=buyer).used
    url = f"/orders/{order.public_id}/return/"

    too_much = shopper.post(url, {"amount": str(order.landed_total + 1), "reason": "坏了", "key": key})
    assert too_much.status_code == 422 and "超出该订单可退款的剩余金额" in too_much.content.decode()
    blank = shopper.post(url, {"amount": "10.00", "reason": "", "key": key})
    assert blank.status_code == 422
    assert not order.returns.exists()

    assert shopper.post(url, {"amount": "10.00", "reason": "少了一盒", "key": key}).status_code == 302
    assert (
        shopper.post(url, {"amount": "10.00", "reason": "少了一盒", "key": key}).status_code == 302
    )  # twice
    assert order.returns.count() == 1
    page = shopper.get("/orders/").content.decode()
    returned = re.search(r'<tr data-return="[^"]+">(.*?)</tr>', page).group(1)
    assert "少了一盒" in returned and "10.00" in returned and "已退款" in returned
    assert AnnualQuota.objects.get(buyer=buyer).used < quota

    rest = str(order.landed_total - 10)
    assert shopper.post(url, {"amount": rest, "reason": "全部退回", "key": "second"}).status_code == 302
    order.refresh_from_db()
    assert order.status == "refunded" and order.returns.count() == 2
    assert AnnualQuota.objects.get(buyer=buyer).used == quota - order.quota_amount

    seller_client = client.__class__()
    seller_client.force_login(seller)
    detail = seller_client.get(f"/seller/orders/{order.public_id}/").content.decode()
    assert 'id="returns"' in detail and "少了一盒" in detail and "全部退回" in detail

    # Past the window: a form error, nothing changes.
    other = _paid_order(shopper, buyer, two[1], pay)
    payouts.ship(owner_of(other.seller), other, "USPS", "9400111899223197428491")
    payouts.deliver("system:carrier", other, now=timezone.now() - timedelta(days=31))
    late = shopper.post(
        f"/orders/{other.public_id}/return/", {"amount": "1.00", "reason": "晚了", "key": "k"}
    )
    assert late.status_code == 422 and "退货期限已于" in late.content.decode()
    assert not other.returns.exists()
