"""Background work of logistics, on the Huey queue (found by the worker's autodiscovery).

logistics.cancel_late_orders      every 15 minutes  paid orders past handling time and grace: refunded
logistics.deliver_released_orders every 15 minutes  orders whose parcels all reported delivery while
                                                    customs still held them: delivered once released
"""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from borderless.logistics import handling, tracking


@db_periodic_task(crontab(minute="*/15"), name="logistics.cancel_late_orders")
def cancel_late_orders() -> int:
    return handling.cancel_late_orders()


@db_periodic_task(crontab(minute="*/15"), name="logistics.deliver_released_orders")
def deliver_released_orders() -> int:
    return len(tracking.deliver_released())
