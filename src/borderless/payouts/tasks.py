"""Background work of payouts, on the Huey queue (found by the worker's autodiscovery).

payouts.auto_confirm  every 15 minutes  delivered orders past the window: escrow released
payouts.run_payouts   every PAYOUT_RUN_MINUTES (60)  one payout per seller per UTC day: the first run of
                                        the day that finds available dollars pays them, so no release
                                        waits 24 hours
payouts.reconcile_transfers_yesterday  daily, 02:45 UTC  with PAYOUT_PROVIDER=stripe_connect: Stripe's
                                        transfers of yesterday against the payouts paid (report stored)
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from huey import crontab

from borderless.fleet.jobs import periodic_job
from borderless.payouts import services


@periodic_job("payouts.auto_confirm", crontab(minute="*/15"), seconds=900)
def auto_confirm() -> int:
    return services.auto_confirm()


@periodic_job(
    "payouts.run_payouts",
    crontab(minute=f"*/{settings.PAYOUT_RUN_MINUTES}" if settings.PAYOUT_RUN_MINUTES < 60 else "5"),
    seconds=lambda: settings.PAYOUT_RUN_MINUTES * 60,
)
def run_payouts() -> int:
    return len(services.run_payouts())


@periodic_job("payouts.reconcile_transfers_yesterday", crontab(minute="45", hour="2"), seconds=86400)
def reconcile_transfers_yesterday() -> int | None:
    """The number of differences found (stored in the report), or None when the rail is not Stripe Connect."""
    if settings.PAYOUT_PROVIDER != "stripe_connect":
        return None
    from borderless.payouts.stripe_connect import reconcile_transfers

    return len(reconcile_transfers((timezone.now() - timedelta(days=1)).date()).differences)
