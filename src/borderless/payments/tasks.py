"""Background work of payments, on the Huey queue (run by `borderless worker`, or inside `borderless serve`).

Task names are stable (queued messages name them): payments.complete_refund, payments.retry_refunds (every
five minutes), payments.reconcile_yesterday (daily, 02:30 UTC). The outbox's tasks (payments.deliver_outbox,
payments.retry_outbox) kept their names and live in borderless.events.tasks.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_task

from borderless.fleet.jobs import periodic_job
from borderless.payments import reconciliation, refunds


@db_task(name="payments.complete_refund", retries=5, retry_delay=60)
def complete_refund_task(refund_pk: int) -> None:
    refunds.complete_refund(refund_pk)


@periodic_job("payments.retry_refunds", crontab(minute="*/5"), seconds=300)
def retry_refunds() -> int:
    return refunds.retry_pending()


@periodic_job("payments.reconcile_yesterday", crontab(minute="30", hour="2"), seconds=86400)
def reconcile_yesterday() -> int:
    """Yesterday's settlement file against the ledger; the number of differences (stored in the report)."""
    report = reconciliation.reconcile((timezone.now() - timedelta(days=1)).date())
    return len(report.differences)
