"""Sellers paid through Stripe Connect: orders paid through the Stripe adapter, shipped, cleared by the
sandbox customs, delivered and confirmed, so their escrow is released into the seller's payable dollars."""

from datetime import timedelta

from django.utils import timezone
from stripe_support import open_payment

from borderless.events import outbox
from borderless.payouts import services as payouts
from borderless.payouts.models import Release
from factories import owner_of, tracking_number


def released_orders(driver, sellers: int = 1):
    """A checkout of `sellers` orders paid with Alipay through Stripe, each released; the releases."""
    buyer, payment, _ = open_payment(sellers=sellers)
    driver.pay(buyer, payment)
    releases = []
    for share in payment.shares.select_related("order__seller"):
        order = share.order
        payouts.ship(owner_of(order.seller), order.public_id, "USPS", tracking_number())
        outbox.deliver_due(now=timezone.now() + timedelta(seconds=61))  # the sandbox customs releases it
        payouts.deliver("system:carrier", order.public_id)
        payouts.confirm_receipt(buyer, order.public_id)
        releases.append(Release.objects.get(order=order))
    return releases
