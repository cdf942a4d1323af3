"""Background work of the order domain."""

from huey import crontab

from borderless.fleet.jobs import periodic_job
from borderless.orders.lifecycle import expire_reservations


@periodic_job("orders.expire_unpaid_orders", crontab(minute="*"), seconds=60)
def expire_unpaid_orders() -> int:
    """Every minute: unpaid orders past their payment window give their stock and annual quota back."""
    return expire_reservations()
