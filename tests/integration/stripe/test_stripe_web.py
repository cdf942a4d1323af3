"""The storefront's Stripe payment pages, through Django's test client against the local Stripe server."""

import pytest
from stripe_support import StripeDriver, open_payment

from borderless.orders import services as orders
from borderless.orders.models import Order
from borderless.payments.models import Payment
from factories import make_buyer, make_product, make_seller

pytestmark = pytest.mark.django_db

CHECKOUT = {
    "name": "张三", "phone": "13800138000", "province": "北京市", "city": "北京市", "district": "朝阳区",
    "street": "建国路 88 号", "real_name": "张三", "id_number": "11010519491231002X",
}  # fmt: skip


@pytest.fixture
def driver(stripe_settings, local_stripe):
    return StripeDriver(stripe_settings, local_stripe)


def test_stripe_down_at_checkout_shows_a_retry_message_and_the_orders_wait(driver, local_stripe, client):
    buyer = make_buyer()
    product = make_product(make_seller())
    orders.add_to_cart(buyer, product.skus.first().public_id, 1)
    client.force_login(buyer)
    local_stripe.fail_next("/v1/payment_intents", "drop", times=3)

    answer = client.post("/checkout/", {**CHECKOUT, "idempotency_key": "web-co-1"}, follow=True)

    assert answer.status_code == 200
    assert "支付服务暂时没有响应，未扣款" in answer.content.decode()
    order = Order.objects.get(buyer=buyer)
    assert order.status == "pending_payment" and not Payment.objects.exists()
    # "Pay now" on the order, Stripe answering again: the payment page of one new payment.
    again = client.post(f"/checkout/{order.checkout.public_id}/pay/")
    payment = Payment.objects.get()
    assert again.status_code == 302 and again["Location"] == f"/pay/stripe/{payment.public_id}/"


def test_alipay_goes_to_alipay_and_a_refusal_comes_back_to_choose_again(driver, local_stripe, client):
    buyer, payment, _ = open_payment(sellers=2)
    client.force_login(buyer)

    page = client.get(f"/pay/stripe/{payment.public_id}/")
    assert (
        page.status_code == 200
        and "支付宝支付" in page.content.decode()
        and "微信支付" in page.content.decode()
    )
    chosen = client.post(f"/pay/stripe/{payment.public_id}/", {"method": "alipay"})
    assert chosen["Location"] == f"/pay/stripe/{payment.public_id}/alipay/"
    leave = client.get(chosen["Location"]).content.decode()
    assert f"{local_stripe.url}/_test/alipay/{payment.provider_reference}" in leave

    local_stripe.authorize(payment.provider_reference, "failed")
    back = client.get(f"/pay/stripe/{payment.public_id}/return/?redirect_status=failed", follow=True)
    assert "付款未获确认，未扣款" in back.content.decode()
    payment.refresh_from_db()
    assert payment.status == "requires_payment"


def test_the_return_page_waits_for_stripes_word_then_shows_the_orders(driver, local_stripe, client):
    buyer, payment, _ = open_payment()
    client.force_login(buyer)
    client.post(f"/pay/stripe/{payment.public_id}/", {"method": "alipay"})
    local_stripe.authorize(payment.provider_reference)

    waiting = client.get(f"/pay/stripe/{payment.public_id}/return/?redirect_status=succeeded")
    assert waiting.status_code == 200 and 'http-equiv="refresh"' in waiting.content.decode()
    driver.deliver_new()  # Stripe's webhook
    done = client.get(f"/pay/stripe/{payment.public_id}/return/?redirect_status=succeeded")
    assert done.status_code == 302 and done["Location"].startswith("/orders/?checkout=")


def test_another_buyers_payment_page_is_not_found(driver, client):
    _, payment, _ = open_payment()
    client.force_login(make_buyer())
    assert client.get(f"/pay/stripe/{payment.public_id}/").status_code == 404
    assert client.post(f"/pay/stripe/{payment.public_id}/", {"method": "alipay"}).status_code == 404


def test_an_unknown_method_is_refused_and_nothing_is_asked_of_stripe(driver, local_stripe, client):
    buyer, payment, _ = open_payment()
    client.force_login(buyer)

    answer = client.post(f"/pay/stripe/{payment.public_id}/", {"method": "bitcoin"}, follow=True)

    assert "请选择支付宝或微信支付" in answer.content.decode()
    assert local_stripe.requests_to(f"/v1/payment_intents/{payment.provider_reference}/confirm") == []
