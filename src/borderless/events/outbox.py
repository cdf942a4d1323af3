"""The transactional outbox: messages written with the state change, delivered after commit, at least once.

`enqueue` is called inside the transaction that changes state; when it commits, the `deliver_outbox` task is
kicked. A worker takes a message under a short lease, delivers it and marks it sent; a worker killed in
between leaves the message unsent, and the next run (the periodic retry, or a worker starting) sends it
again once the lease has run out. Receivers deduplicate (webhook events by id; event handlers by the
`HandledEvent` row written with their effects, see `borderless.events.bus`).

Messages of one aggregate (`aggregate`, e.g. "order:<public id>") leave in the order they were written: a
message waits while an earlier one of its aggregate is unsent. Events published by a delivery are handled
in the same run (`deliver_due`), as the kick of that delivery's commit would.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from borderless.events.models import OutboxMessage

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 25  # about a day of backoff; then an operator looks at last_error
EVENT_PREFIX = "event:"  # the topic of an event is EVENT_PREFIX + its name
_handlers: dict[str, Callable[[dict], None]] = {}


def handler(topic: str):
    """Register the function that delivers messages of `topic` (it raises to have the message retried)."""

    def register(fn):
        _handlers[topic] = fn
        return fn

    return register


def enqueue(
    topic: str, payload: dict, *, delay: timedelta | None = None, aggregate: str = ""
) -> OutboxMessage:
    """Write a message in the caller's transaction; it is delivered after the commit, not before."""
    now = timezone.now()
    message = OutboxMessage.objects.create(
        topic=topic,
        aggregate=aggregate,
        payload=payload,
        created_at=now,
        available_at=now + (delay or timedelta(0)),
    )
    transaction.on_commit(kick)
    return message


def kick() -> None:
    """Ask a worker to deliver what is due (in tests, immediate mode delivers right here)."""
    from borderless.events.tasks import deliver_outbox

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


def _waits_for_earlier(pk: int, aggregate: str) -> bool:
    """An earlier message of the same aggregate is unsent (leased, backing off, or failing)."""
    return (
        bool(aggregate)
        and OutboxMessage.objects.filter(aggregate=aggregate, sent_at__isnull=True, pk__lt=pk).exists()
    )


def deliver_due(now: datetime | None = None, limit: int = 100) -> int:
    """Deliver the messages that are due; the number sent. Safe to run in several workers at once.

    A message behind an earlier one of its aggregate is tried again once the batch's others are done (the
    earlier one may have left meanwhile). Then come the events those deliveries published (each round only
    newer ones, so a waiting event does not keep the run going), up to `limit` messages in all."""
    now = now or timezone.now()
    sent = considered = 0
    at = now  # later rounds: the events were published after `now`
    batch = list(_due(at).order_by("available_at", "id").values_list("pk", "aggregate")[:limit])
    while batch:
        waiting = []
        for pk, aggregate in batch:
            considered += 1
            outcome = _deliver_one(pk, aggregate, at)
            sent += outcome == SENT
            if outcome == WAITING:
                waiting.append((pk, aggregate))
        for pk, aggregate in sorted(waiting):
            sent += _deliver_one(pk, aggregate, at) == SENT
        if considered >= limit:
            break
        newest, at = max(pk for pk, _ in batch), max(now, timezone.now())
        batch = list(
            _due(at)
            .filter(topic__startswith=EVENT_PREFIX, pk__gt=newest)
            .order_by("id")
            .values_list("pk", "aggregate")[: limit - considered]
        )
    return sent


SENT, FAILED, WAITING, TAKEN = "sent", "failed", "waiting", "taken"


def _deliver_one(pk: int, aggregate: str, now: datetime) -> str:
    if _waits_for_earlier(pk, aggregate):
        return WAITING
    lease = timezone.now() + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    # Claim with one conditional UPDATE: of two workers, one wins and the other skips the message.
    claimed = _due(now).filter(pk=pk).update(locked_until=lease, attempts=F("attempts") + 1)
    if not claimed:
        return TAKEN
    message = OutboxMessage.objects.get(pk=pk)
    try:
        if message.topic.startswith(EVENT_PREFIX):
            from borderless.events import bus

            bus.dispatch(message)
        else:
            _handlers[message.topic](message.payload)
    except Exception as exc:
        log.warning("Outbox message %s (%s) not delivered: %s", message.public_id, message.topic, exc)
        OutboxMessage.objects.filter(pk=pk).update(
            locked_until=None,
            last_error=f"{type(exc).__name__}: {exc}"[:500],
            available_at=timezone.now() + _backoff(message.attempts),
        )
        return FAILED
    OutboxMessage.objects.filter(pk=pk).update(sent_at=timezone.now(), locked_until=None, last_error="")
    return SENT


def pending_count() -> int:
    return OutboxMessage.objects.filter(sent_at__isnull=True).count()
