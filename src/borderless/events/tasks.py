"""Delivering the outbox, on the Huey queue (run by `borderless worker`, or inside `borderless serve`).

The task names are those they had when the outbox lived in payments, and they stay: queued messages name
them, and a job queued before an upgrade still runs after it. payments.deliver_outbox (kicked at each
commit that wrote a message), payments.retry_outbox (every minute).
"""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_task

from borderless.events import outbox
from borderless.fleet.jobs import periodic_job


@db_task(name="payments.deliver_outbox")
def deliver_outbox() -> int:
    return outbox.deliver_due()


@periodic_job("payments.retry_outbox", crontab(minute="*"), seconds=60)
def retry_outbox() -> int:
    """Sends what no kick delivered: a worker killed mid-delivery, a queue that was down at commit."""
    return outbox.deliver_due()
