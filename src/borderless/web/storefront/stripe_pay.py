"""The buyer's payment pages when payments go through Stripe: choose Alipay or WeChat Pay, go to Alipay (and
come back), or scan WeChat Pay's QR code. The orders are confirmed by Stripe's webhook, not by these pages:
they show what the platform has recorded and look again every few seconds."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from borderless.money import Money
from borderless.payments import services as payments
from borderless.payments.errors import PaymentError, ProviderUnavailable
from borderless.payments.models import Payment, PaymentStatus
from borderless.web.storefront.checkout import _order_row, buyer_required

METHODS = {"alipay": "web:pay-stripe-alipay", "wechat_pay": "web:pay-stripe-wechat"}
REFRESH_SECONDS = 3


def _own(request, payment_id) -> Payment:
    try:
        payment = payments.get_payment(request.user, payment_id)
    except Payment.DoesNotExist:
        raise Http404 from None
    if payment.provider != "stripe":
        raise Http404
    return payment


def _orders_page(payment: Payment) -> str:
    return f"{reverse('web:orders')}?checkout={payment.checkout.public_id}"


def _context(payment: Payment, **extra) -> dict:
    rows = payment.checkout.orders.select_related("seller").prefetch_related("lines").order_by("id")
    return {
        "payment": payment,
        "amount": Money(payment.amount, payment.currency),
        "orders": [_order_row(o) for o in rows],
        "payable": payment.status == PaymentStatus.REQUIRES_PAYMENT,
        "refresh": REFRESH_SECONDS,
        **extra,
    }


def _paid(request, payment: Payment):
    messages.success(request, _("Payment received. Your orders are paid."))
    return redirect(_orders_page(payment))


def _step(request, payment: Payment, method: str):
    """The provider's next step, or None with the reason shown to the buyer."""
    return_url = request.build_absolute_uri(reverse("web:pay-stripe-return", args=[payment.public_id]))
    try:
        return payments.payment_step(request.user, payment.public_id, method, return_url)
    except ProviderUnavailable:
        messages.error(
            request, _("The payment service did not answer. Nothing was charged; try again in a minute.")
        )
        return None
    except PaymentError as exc:
        messages.error(request, exc.message)
        return None


@buyer_required
def pay(request, payment_id):
    """The amount, the orders it pays for, and the methods: Alipay, WeChat Pay."""
    payment = _own(request, payment_id)
    if payment.status == PaymentStatus.SUCCEEDED:
        return _paid(request, payment)
    if request.method == "POST":
        method = request.POST.get("method")
        if method not in METHODS:
            messages.error(request, _("Choose Alipay or WeChat Pay."))
            return redirect("web:pay-stripe", payment_id=payment.public_id)
        step = _step(request, payment, method)
        if step is None:
            return redirect("web:pay-stripe", payment_id=payment.public_id)
        if step.kind == "done":
            return _paid(request, payment)
        # A page of ours first: the browser leaves for Alipay from there, not as the form's redirect.
        return redirect(METHODS[method], payment_id=payment.public_id)
    return render(request, "web/storefront/pay_stripe.html", _context(payment))


@buyer_required
def alipay(request, payment_id):
    """Leave for Alipay (the page refreshes to its address; a link for browsers that do not)."""
    payment = _own(request, payment_id)
    if payment.status != PaymentStatus.REQUIRES_PAYMENT:
        return redirect("web:pay-stripe-return", payment_id=payment.public_id)
    step = _step(request, payment, "alipay")
    if step is None or step.kind != "redirect":
        return redirect("web:pay-stripe", payment_id=payment.public_id)
    return render(request, "web/storefront/pay_stripe_alipay.html", _context(payment, step=step))


@buyer_required
def wechat(request, payment_id):
    """WeChat Pay's QR code, to scan with the WeChat app; the page looks again until the payment is in."""
    payment = _own(request, payment_id)
    if payment.status == PaymentStatus.SUCCEEDED:
        return _paid(request, payment)
    if payment.status != PaymentStatus.REQUIRES_PAYMENT:
        return redirect(_orders_page(payment))
    step = _step(request, payment, "wechat_pay")
    if step is None:
        return redirect("web:pay-stripe", payment_id=payment.public_id)
    if step.kind == "done":  # paid; the webhook has not arrived yet
        return render(request, "web/storefront/pay_stripe_return.html", _context(payment, waiting=True))
    return render(request, "web/storefront/pay_stripe_wechat.html", _context(payment, step=step))


@buyer_required
def back(request, payment_id):
    """Where Alipay sends the buyer back: paid, refused (choose again), or waiting for Stripe's word."""
    payment = _own(request, payment_id)
    if payment.status == PaymentStatus.SUCCEEDED:
        return _paid(request, payment)
    if payment.status != PaymentStatus.REQUIRES_PAYMENT:
        return redirect(_orders_page(payment))
    if request.GET.get("redirect_status") == "failed":
        messages.error(
            request, _("The payment was not authorized. Nothing was charged; choose a way to pay.")
        )
        return redirect("web:pay-stripe", payment_id=payment.public_id)
    return render(request, "web/storefront/pay_stripe_return.html", _context(payment, waiting=True))
