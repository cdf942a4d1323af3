"""Background work of payouts, on the Huey queue (found by the worker's autodiscovery).

payouts.auto_confirm  every 15 minutes  delivered orders past the window: escrow released
payouts.run_payouts   every hour        one payout per seller per UTC day: the first run of the day that
                                        finds available dollars pays them, so no release waits 24 hours
"""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from borderless.payouts import services


@db_periodic_task(crontab(minute="*/15"), name="payouts.auto_confirm")
def auto_confirm() -> int:
    return services.auto_confirm()


@db_periodic_task(crontab(minute="5"), name="payouts.run_payouts")
def run_payouts() -> int:
    return len(services.run_payouts())
