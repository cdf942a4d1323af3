"""A checkout's payment: opened by the buyer, then succeeded or failed as the provider's events say."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from borderless import events
from borderless.accounts.models import User
from borderless.orders import services as orders
from borderless.orders.models import Checkout, CheckoutStatus, Order
from borderless.orders.state import OrderStatus
from borderless.payments import accounting
from borderless.payments.errors import InvalidEvent, PaymentNotPayable
from borderless.payments.models import Payment, PaymentShare, PaymentStatus, Refund
from borderless.payments.providers import ProviderPayment, get_provider
from borderless.rows import insert_family

SYSTEM_PAYMENTS = "system:payments"
LATE_PAYMENT_REASON = "paid after the order was cancelled (payment window expired)"
PAYMENT_SUCCEEDED = "payment succeeded"  # an order is paid: {"order", "payment"} (public ids)


def _announce_paid(order: Order, payment: Payment) -> None:
    """In the payment's transaction: whoever cares (customs declares the order, CN-C9) hears it after the
    commit, once (borderless.events)."""
    events.publish(
        PAYMENT_SUCCEEDED, order, {"order": str(order.public_id), "payment": str(payment.public_id)}
    )


def start_payment(buyer: User, checkout_public_id) -> tuple[Payment, ProviderPayment]:
    """Open (or find again) the one payment of the buyer's checkout, split into one share per order.

    PaymentNotPayable if the checkout is no longer awaiting payment; Checkout.DoesNotExist if it is not
    the buyer's. The payer is the orderer (CN-C9): name and masked ID number come from the checkout.
    """
    if buyer is None or not buyer.is_authenticated:
        raise PermissionDenied("Sign in to pay.")
    checkout = Checkout.objects.get(buyer=buyer, public_id=checkout_public_id)
    provider = get_provider()
    existing = Payment.objects.filter(checkout=checkout).first()
    if existing is not None:
        return existing, get_provider(existing.provider).create_payment(existing)
    orders_ = list(checkout.orders.order_by("id"))
    try:
        with transaction.atomic():
            return _open(buyer, checkout, orders_, provider)
    except IntegrityError:  # a concurrent request opened it first
        payment = Payment.objects.get(checkout=checkout)
        return payment, get_provider(payment.provider).create_payment(payment)


def open_new_payment(
    buyer: User, checkout: Checkout, orders_: list[Order]
) -> tuple[Payment, ProviderPayment]:
    """The payment of a checkout placed in the caller's transaction, from the rows in hand.

    Nobody else sees the checkout before that transaction commits, so it has no payment yet and none can be
    opened concurrently: nothing to read again and no savepoint to take. PaymentNotPayable as start_payment.
    """
    return _open(buyer, checkout, orders_, get_provider())


def _open(buyer: User, checkout: Checkout, orders_: list[Order], provider) -> tuple[Payment, ProviderPayment]:
    if checkout.status != CheckoutStatus.PENDING_PAYMENT or checkout.expires_at <= timezone.now():
        raise PaymentNotPayable(
            f"This checkout is {checkout.status} and can no longer be paid.",
            {"checkout": str(checkout.public_id)},
        )
    if checkout.total_currency != "CNY" or any(o.landed_currency != "CNY" for o in orders_):
        raise PaymentNotPayable("Payments are taken in CNY only.")
    if sum(o.landed_total for o in orders_) != checkout.total or checkout.total <= 0:
        raise PaymentNotPayable("The checkout's orders do not add up to its total.")
    payment = Payment(
        checkout=checkout,
        buyer=buyer,
        amount=checkout.total,
        currency="CNY",
        provider=provider.name,
        payer_name=orders_[0].buyer_name,
        payer_id_masked=orders_[0].buyer_id_masked,
    )
    # The provider knows the payment by its public id, which exists before the row: the reference goes in
    # with the INSERT, no UPDATE after it.
    opened = provider.create_payment(payment)
    payment.provider_reference = opened.reference
    shares = [PaymentShare(payment=payment, order=o, amount=o.landed_total) for o in orders_]
    insert_family([payment], [(shares, "payment")])  # one statement on PostgreSQL
    return payment, opened


def get_payment(user: User, public_id) -> Payment:
    """The buyer's own payment (operators see all); Payment.DoesNotExist for anyone else."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied("Sign in to see payments.")
    found = Payment.objects.select_related("checkout").get(public_id=public_id)
    if found.buyer_id != user.pk and not user.is_operator:
        raise Payment.DoesNotExist
    return found


def _check_event_matches(payment: Payment, data: dict) -> None:
    if str(data.get("amount")) != str(payment.amount) or data.get("currency") != payment.currency:
        raise InvalidEvent(
            "The event's amount differs from the payment's.",
            {"payment": str(payment.amount), "event": f"{data.get('amount')} {data.get('currency')}"},
        )


def apply_succeeded(payment: Payment, data: dict, now: datetime) -> str:
    """Inside the event's transaction, with the payment row locked. Returns what was done, in words."""
    _check_event_matches(payment, data)
    if payment.status != PaymentStatus.REQUIRES_PAYMENT and payment.status != PaymentStatus.FAILED:
        return f"ignored: payment already {payment.status}"
    was_failed = payment.status == PaymentStatus.FAILED
    payment.status = PaymentStatus.SUCCEEDED
    payment.succeeded_at = now
    payment.provider_reference = data.get("reference") or payment.provider_reference
    payment.save(update_fields=["status", "succeeded_at", "provider_reference"])
    shares = list(payment.shares.select_related("order").order_by("order_id"))
    accounting.capture(payment, shares)
    statuses = dict(
        Order.objects.select_for_update()
        .filter(checkout_id=payment.checkout_id)
        .order_by("id")
        .values_list("pk", "status")
    )
    if all(status == OrderStatus.PENDING_PAYMENT for status in statuses.values()):
        paid = orders.mark_checkout_paid(
            payment.checkout, SYSTEM_PAYMENTS, f"payment {payment.public_id}", now=now
        )
        for order in paid:
            _announce_paid(order, payment)
        return "applied: payment succeeded, orders paid"
    late = []
    for share in shares:
        if statuses[share.order_id] == OrderStatus.PENDING_PAYMENT:
            orders.mark_paid(share.order, SYSTEM_PAYMENTS, f"payment {payment.public_id}", now=now)
            _announce_paid(share.order, payment)
        else:  # cancelled meanwhile (expired, or the payment had failed): the money goes back
            late.append(share)
    from borderless.payments.refunds import open_system_refund

    for share in late:
        open_system_refund(payment, share, LATE_PAYMENT_REASON, now)
    prefix = "applied after failure" if was_failed else "applied"
    return f"{prefix}: payment succeeded, {len(late)} cancelled order(s) refunded"


def apply_failed(payment: Payment, data: dict, now: datetime) -> str:
    _check_event_matches(payment, data)
    if payment.status != PaymentStatus.REQUIRES_PAYMENT:
        # Out of order: a failure after success (or a second failure) changes nothing.
        return f"ignored: payment already {payment.status}"
    payment.status = PaymentStatus.FAILED
    payment.failed_at = now
    payment.save(update_fields=["status", "failed_at"])
    cancelled = orders.cancel_checkout(
        payment.checkout, SYSTEM_PAYMENTS, f"payment {payment.public_id} failed", now=now
    )
    return f"applied: payment failed, {len(cancelled)} order(s) cancelled"


def refunds_of(payment: Payment):
    return Refund.objects.filter(payment=payment).order_by("created_at", "id")
