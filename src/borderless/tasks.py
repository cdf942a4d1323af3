"""Every background job of the platform, on the one Huey queue (settings.HUEY).

`borderless worker` (and the worker that `borderless serve` starts) imports this module, then the `tasks`
module of every installed app (Huey's autodiscovery). Each domain keeps its jobs in `<app>/tasks.py`.

Periodic jobs (UTC):
- orders.tasks.expire_unpaid_orders   every minute  unpaid orders past their window: stock and quota back
- payments.retry_outbox               every minute  undelivered outbox messages and events sent again
                                                   (borderless.events.tasks; the name predates it)
- payments.retry_refunds              every 5 min   refunds left waiting for the provider's answer
- payments.reconcile_yesterday        02:30         settlement file against the ledger, report stored
- trust.casework_deadlines           every 10 min  takedowns past their deadlines upheld or restored
- trust.lapse_strikes                03:20         strikes older than 365 days stop counting
- logistics.cancel_late_orders     every 15 min  paid orders past handling time and grace: refunded
- logistics.deliver_released_orders every 15 min parcels reported delivered while customs held them
- payouts.auto_confirm / run_payouts / reconcile_transfers_yesterday, translation.retry_translations
Each is declared with `borderless.fleet.jobs.periodic_job`: it runs once per period however many workers
and schedulers fire it (ADR 1101). In a fleet, workers run with WORKER_PERIODIC=0 and `borderless scheduler`
queues the jobs.
"""

import borderless.conversations.tasks  # noqa: F401
import borderless.events.tasks  # noqa: F401
import borderless.fleet.tasks  # noqa: F401
import borderless.logistics.tasks  # noqa: F401
import borderless.orders.tasks  # noqa: F401
import borderless.payments.tasks  # noqa: F401
import borderless.payouts.tasks  # noqa: F401
import borderless.translation.tasks  # noqa: F401
import borderless.trust.casework_tasks  # noqa: F401
import borderless.trust.tasks  # noqa: F401
