"""The transactional outbox: messages written with the state change, delivered after commit, at least once.

`enqueue` is called inside the transaction that changes state; when it commits, the `deliver_outbox` task is
kicked. A worker takes a message under a short lease, delivers it and marks it sent; a worker killed in
between leaves the message unsent, and the next run (the periodic retry, or a worker starting) sends it
again once the lease has run out. Receivers deduplicate (webhook events by id).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from borderless.payments.models import OutboxMessage

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 25  # about a day of backoff; then an operator looks at last_error
_handlers: dict[str, Callable[[dict], None]] = {}


def handler(topic: str):
    """Register the function that delivers messages of `topic` (it raises to have the message retried)."""

    def register(fn):
        _handlers[topic] = fn
        return fn

    return register


def enqueue(topic: str, payload: dict, *, delay: timedelta | None = None) -> OutboxMessage:
    """Write a message in the caller's transaction; it is delivered after the commit, not before."""
    now = timezone.now()
    message = OutboxMessage.objects.create(
        topic=topic, payload=payload, created_at=now, available_at=now + (delay or timedelta(0))
    )
    transaction.on_commit(kick)
    return message


def kick() -> None:
    """Ask a worker to deliver what is due (in tests, immediate mode delivers right here)."""
    from borderless.payments.tasks import deliver_outbox

    try:
        deliver_outbox()
    except Exception:  # the queue is down: the periodic retry delivers the message later
        log.exception("Could not enqueue outbox delivery; the periodic retry will send it.")


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(3600, 2 ** min(attempts, 12)))


def _due(now: datetime):
    return OutboxMessage.objects.filter(
        Q(locked_until__isnull=True) | Q(locked_until__lt=now),
        sent_at__isnull=True,
        available_at__lte=now,
        attempts__lt=MAX_ATTEMPTS,
    )


def deliver_due(now: datetime | None = None, limit: int = 100) -> int:
    """Deliver the messages that are due; the number sent. Safe to run in several workers at once."""
    import borderless.payments.sandbox  # noqa: F401  (registers its webhook handler)

    now = now or timezone.now()
    sent = 0
    for pk in list(_due(now).order_by("available_at", "id").values_list("pk", flat=True)[:limit]):
        lease = timezone.now() + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
        # Claim with one conditional UPDATE: of two workers, one wins and the other skips the message.
        claimed = _due(now).filter(pk=pk).update(locked_until=lease, attempts=F("attempts") + 1)
        if not claimed:
            continue
        message = OutboxMessage.objects.get(pk=pk)
        try:
            _handlers[message.topic](message.payload)
        except Exception as exc:
            log.warning("Outbox message %s (%s) not delivered: %s", message.public_id, message.topic, exc)
            OutboxMessage.objects.filter(pk=pk).update(
                locked_until=None,
                last_error=f"{type(exc).__name__}: {exc}"[:500],
                available_at=timezone.now() + _backoff(message.attempts),
            )
            continue
        OutboxMessage.objects.filter(pk=pk).update(sent_at=timezone.now(), locked_until=None, last_error="")
        sent += 1
    return sent


def pending_count() -> int:
    return OutboxMessage.objects.filter(sent_at__isnull=True).count()
