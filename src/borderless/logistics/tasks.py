"""Background work of logistics, on the Huey queue (found by the worker's autodiscovery).

logistics.cancel_late_orders      every 15 minutes  paid orders past handling time and grace: refunded
logistics.deliver_released_orders every 15 minutes  orders whose parcels all reported delivery while
                                                    customs still held them: delivered once released
"""

from huey import crontab

from borderless.fleet.jobs import periodic_job
from borderless.logistics import handling, tracking


@periodic_job("logistics.cancel_late_orders", crontab(minute="*/15"), seconds=900)
def cancel_late_orders() -> int:
    return handling.cancel_late_orders()


@periodic_job("logistics.deliver_released_orders", crontab(minute="*/15"), seconds=900)
def deliver_released_orders() -> int:
    return len(tracking.deliver_released())
