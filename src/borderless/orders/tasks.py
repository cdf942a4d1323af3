"""Background work of the order domain."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from borderless.orders.lifecycle import expire_reservations


@db_periodic_task(crontab(minute="*"))
def expire_unpaid_orders() -> int:
    """Every minute: unpaid orders past their payment window give their stock and annual quota back."""
    return expire_reservations()
