"""Background work of notice and takedown (registered in borderless.tasks)."""

from huey import crontab

from borderless.fleet.jobs import periodic_job
from borderless.trust.strikes import lapse_old_strikes
from borderless.trust.takedowns import run_deadlines


@periodic_job("trust.casework_deadlines", crontab(minute="*/10"), seconds=600)
def casework_deadlines() -> dict[str, int]:
    """Every 10 minutes: uncontested takedowns past the answer deadline are upheld; counter-noticed ones not
    pursued within 15 days are restored (E-Commerce Law art. 43)."""
    return run_deadlines()


@periodic_job("trust.lapse_strikes", crontab(minute="20", hour="3"), seconds=86400)
def lapse_strikes() -> int:
    """Daily: sellers whose strikes aged out of the 365-day window step down (closure stays)."""
    from django.utils import timezone

    return lapse_old_strikes(timezone.now())
