"""What happens after payment, as the web faces ask for it: the seller ships, the buyer confirms receipt.

Both go through the payouts domain (escrow release follows receipt); until it offers these use cases, the
order's own state machine records the step.
"""

from borderless.orders import services as orders
from borderless.orders.models import Order
from borderless.orders.state import OrderStatus


def _payouts():
    try:
        from borderless.payouts import services
    except ImportError:
        return None
    return services


def ship(user, order: Order, carrier: str, tracking_number: str) -> Order:
    payouts = _payouts()
    if payouts is not None and hasattr(payouts, "ship"):
        return payouts.ship(user, order.public_id, carrier, tracking_number)
    return orders.transition(order, OrderStatus.SHIPPED, user, f"shipped: {carrier} {tracking_number}")


def confirm_receipt(user, order: Order) -> Order:
    payouts = _payouts()
    if payouts is not None and hasattr(payouts, "confirm_receipt"):
        return payouts.confirm_receipt(user, order.public_id)
    return orders.transition(order, OrderStatus.COMPLETED, user, "receipt confirmed by the buyer")
