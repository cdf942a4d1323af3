"""Every background job of the platform, registered on the one Huey queue (settings.HUEY).

`borderless worker` (and the worker that `borderless serve` starts) imports this module, then the
`tasks` module of every installed app. Each domain keeps its own jobs in `<app>/tasks.py`; jobs that call a
domain's service on a schedule and belong to nobody's queue module live here.

Periodic jobs (UTC):
- orders.expire_reservations  every minute  unpaid orders past their window: cancelled, stock and quota back
- payments.retry_outbox       every minute  (borderless.payments.tasks)
- payments.retry_refunds      every 5 min   (borderless.payments.tasks)
- payments.reconcile_yesterday  02:30       (borderless.payments.tasks)
Escrow release, auto-confirmation of receipt and payouts: add them in `borderless/payouts/tasks.py`
(found by the worker as an installed app's tasks module) with `db_periodic_task`, calling the payouts
services, the same way as below.
"""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

import borderless.payments.tasks  # noqa: F401  (registers the payment tasks)
from borderless.orders import services as orders


@db_periodic_task(crontab(minute="*"), name="orders.expire_reservations")
def expire_reservations() -> int:
    return orders.expire_reservations()
