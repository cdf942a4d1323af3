"""Escrow release: the worked example to the cent, idempotency, what stops the clock, auto-confirmation."""

from datetime import timedelta
from decimal import Decimal

import pytest
from payouts_support import T0, account_balance, paid_order

from borderless.ledger import chart
from borderless.ledger import services as ledger
from borderless.orders import services as orders
from borderless.orders.errors import IllegalTransition
from borderless.orders.models import Order, Shipment
from borderless.orders.state import OrderStatus
from borderless.payouts import services
from borderless.payouts.models import Release, ReleaseTrigger
from factories import make_buyer, make_operator, owner_of, tracking_number

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def ten_percent_on_ginseng(settings):
    settings.PLATFORM_COMMISSION_RATES = {"american-ginseng": "0.10"}


def delivered(order, at=T0, number=None):
    seller_user = owner_of(order.seller)
    services.ship(seller_user, order.public_id, "USPS", number or tracking_number(), now=at)
    services.deliver(seller_user, order.public_id, now=at + timedelta(days=3))
    order.refresh_from_db()
    return order


def test_release_posts_taxes_fx_margin_commission_and_net_exactly():
    order = delivered(paid_order(), number="9400 1118 9922 3197 4284 90")
    assert Shipment.objects.get(order=order).tracking_number == "9400111899223197428490"
    now = T0 + timedelta(days=4)
    services.confirm_receipt(order.buyer, order.public_id, now=now)

    order.refresh_from_db()
    assert order.status == OrderStatus.COMPLETED and order.completed_at == now
    release = Release.objects.get(order=order)
    assert (release.gross, release.taxes, release.converted, release.fx_margin) == (
        Decimal("991.00"), Decimal("91.00"), Decimal("891.00"), Decimal("9.00"),
    )  # fmt: skip
    assert (release.amount, release.commission, release.net) == (
        Decimal("125.00"), Decimal("12.50"), Decimal("112.50"),
    )  # fmt: skip
    assert release.fx_rate == Decimal("7.2") and release.fx_date.isoformat() == "2026-11-24"
    assert release.trigger == ReleaseTrigger.BUYER_CONFIRMED and release.released_at == now

    seller = order.seller.public_id
    assert account_balance(chart.escrow(order.public_id)) == Decimal("0.00")
    assert account_balance(chart.customs_taxes_payable("CNY")) == Decimal("91.00")
    assert account_balance(chart.fx_margin("CNY")) == Decimal("9.00")
    assert account_balance(chart.platform_commission("USD")) == Decimal("12.50")
    assert account_balance(chart.seller_payable(seller, "USD")) == Decimal("112.50")
    assert ledger.trial_balance()["balanced"] is True
    assert ledger.verify_ledger() == []


def test_release_is_idempotent():
    order = delivered(paid_order())
    first = services.release_escrow(order, "system:test", T0 + timedelta(days=4))
    again = services.release_escrow(order, "system:test", T0 + timedelta(days=5))
    assert again.pk == first.pk and again.released_at == first.released_at
    # Confirming a completed order again changes nothing.
    services.confirm_receipt(order.buyer, order.public_id, now=T0 + timedelta(days=6))
    assert Release.objects.filter(order=order).count() == 1
    assert account_balance(chart.seller_payable(order.seller.public_id, "USD")) == Decimal("112.50")


def test_only_the_buyer_confirms_and_only_a_delivered_or_shipped_order():
    order = paid_order()
    with pytest.raises(Order.DoesNotExist):
        services.confirm_receipt(make_buyer(), order.public_id)
    with pytest.raises(Order.DoesNotExist):
        services.confirm_receipt(owner_of(order.seller), order.public_id)
    with pytest.raises(services.ReleaseNotAllowed):  # paid, not shipped: 409
        services.confirm_receipt(order.buyer, order.public_id)
    assert not Release.objects.exists()


def test_the_buyer_confirming_a_shipped_order_records_delivery_then_releases():
    order = paid_order()
    services.ship(owner_of(order.seller), order.public_id, "UPS", "1Z999AA10123456784", now=T0)
    services.confirm_receipt(order.buyer, order.public_id, now=T0 + timedelta(days=2))
    order.refresh_from_db()
    assert order.status == OrderStatus.COMPLETED and order.delivered_at == T0 + timedelta(days=2)


def test_ship_and_deliver_permissions_and_states():
    order = paid_order()
    with pytest.raises(Order.DoesNotExist):
        services.ship(order.buyer, order.public_id, "UPS", "1Z999AA10123456784")
    with pytest.raises(services.InvalidShipment):
        services.ship(owner_of(order.seller), order.public_id, "UPS", "  ")
    with pytest.raises(services.InvalidShipment):
        services.ship(owner_of(order.seller), order.public_id, "UPS", "1Z1")  # not UPS's format
    with pytest.raises(IllegalTransition):
        services.deliver(make_operator(), order.public_id)  # not shipped yet
    services.ship(owner_of(order.seller), order.public_id, "UPS", "1Z999AA10123456784")
    with pytest.raises(IllegalTransition):
        services.ship(owner_of(order.seller), order.public_id, "UPS", "1Z999AA10123456785")
    with pytest.raises(Order.DoesNotExist):
        services.deliver(order.buyer, order.public_id)
    services.deliver(make_operator(), order.public_id)
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED


def test_auto_confirm_after_ten_days_and_not_before():
    order = delivered(paid_order())  # delivered at T0 + 3 days
    assert services.auto_confirm(now=T0 + timedelta(days=12, hours=23)) == 0
    assert services.auto_confirm(now=T0 + timedelta(days=13)) == 1
    release = Release.objects.get(order=order)
    assert release.trigger == ReleaseTrigger.AUTO_CONFIRMED
    order.refresh_from_db()
    assert order.status == OrderStatus.COMPLETED
    assert order.transitions.order_by("-id").first().actor_label == services.SYSTEM_AUTO_CONFIRM
    assert services.auto_confirm(now=T0 + timedelta(days=30)) == 0


def test_auto_confirm_window_is_configurable(settings):
    settings.ESCROW_AUTO_CONFIRM_DAYS = 3
    delivered(paid_order())
    assert services.auto_confirm(now=T0 + timedelta(days=6)) == 1


def test_a_refund_request_stops_the_clock():
    order = delivered(paid_order())
    orders.transition(order, OrderStatus.REFUND_REQUESTED, order.buyer, "arrived broken",
                      now=T0 + timedelta(days=5))  # fmt: skip
    assert services.auto_confirm(now=T0 + timedelta(days=40)) == 0
    with pytest.raises(services.ReleaseNotAllowed):
        services.confirm_receipt(order.buyer, order.public_id)
    with pytest.raises(services.ReleaseNotAllowed):
        services.release_escrow(order, "system:test")
    assert account_balance(chart.escrow(order.public_id)) == Decimal("991.00")


def test_a_dispute_stops_the_clock():
    order = delivered(paid_order())
    orders.transition(order, OrderStatus.DISPUTED, order.buyer, "not what was listed")
    assert services.auto_confirm(now=T0 + timedelta(days=40)) == 0
    assert not Release.objects.exists()


def test_a_partial_refund_before_release_releases_what_is_left():
    order = delivered(paid_order())
    # payments' refund_owed: escrow -> refunds:CNY (here 180.00 of the goods).
    ledger.transfer(
        f"test-refund:{order.public_id}",
        chart.escrow(order.public_id),
        ledger.get_or_create_account(chart.refunds("CNY"), "CNY"),
        ledger_money("180.00"),
    )
    release = services.release_escrow(order, "system:test", T0 + timedelta(days=4))
    assert release.gross == Decimal("811.00") and release.taxes == Decimal("91.00")
    assert release.amount == Decimal("100.00")  # 720 / 7.2
    assert release.commission + release.net == release.amount
    assert account_balance(chart.escrow(order.public_id)) == Decimal("0.00")


def test_an_order_in_a_category_without_override_uses_the_table(settings):
    settings.PLATFORM_COMMISSION_RATES = {}
    order = delivered(paid_order(category="handbags"))
    release = services.release_escrow(order, "system:test", T0 + timedelta(days=4))
    assert release.commission_rate == Decimal("0.12") and release.commission == Decimal("15.00")


def test_real_quote_without_pinned_rate_releases_and_balances():
    order = delivered(paid_order(worked=False, price=Decimal("58.00")))
    release = services.release_escrow(order, "system:test", T0 + timedelta(days=4))
    assert release.gross == order.landed_total and release.taxes == order.tax_total
    assert release.amount > 0 and release.commission + release.net == release.amount
    assert release.taxes + release.converted + release.fx_margin == release.gross
    assert ledger.trial_balance()["balanced"] is True and ledger.verify_ledger() == []


def test_a_remainder_too_small_to_convert_goes_to_the_fx_margin():
    order = delivered(paid_order())
    ledger.transfer(
        f"test-refund:{order.public_id}",
        chart.escrow(order.public_id),
        ledger.get_or_create_account(chart.refunds("CNY"), "CNY"),
        ledger_money("899.97"),
    )  # 91.03 left: the taxes and 0.03 CNY, less than a cent's worth of dollars
    release = services.release_escrow(order, "system:test", T0 + timedelta(days=4))
    assert (release.taxes, release.fx_margin, release.amount) == (
        Decimal("91.00"), Decimal("0.03"), Decimal("0.00"),
    )  # fmt: skip
    assert ledger.trial_balance()["balanced"] is True


def ledger_money(amount):
    from borderless.money import Money

    return Money(Decimal(amount), "CNY")


def test_an_order_completed_without_a_release_still_releases_its_escrow():
    order = delivered(paid_order())
    orders.transition(order, OrderStatus.COMPLETED, "system:test", "completed by the state machine alone")
    release = services.release_escrow(order, "system:test", T0 + timedelta(days=5))
    assert release.net == Decimal("112.50")
    order.refresh_from_db()
    assert order.status == OrderStatus.COMPLETED
    assert order.transitions.filter(to_status=OrderStatus.COMPLETED).count() == 1
