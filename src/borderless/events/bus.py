"""Events between domains: `publish` in the transaction of the change, `handler` in the interested domain.

    from borderless import events

    events.publish("payment succeeded", f"order:{order.public_id}", {"order": ..., "payment": ...})

    @events.handler("payment succeeded")          # in <domain>/handlers.py, imported by its AppConfig.ready
    def declare(event: events.Event) -> None: ...

An event is an outbox message (topic "event:<name>"), so it leaves after the publisher's commit and is
delivered by the task queue with the outbox's lease and retries. Each handler runs in its own transaction,
which also writes a `HandledEvent` row (event id, handler name) under a unique constraint: its effects and
that row commit together or not at all, so a redelivered event (a worker killed mid-handler, a handler after
it that failed) applies nothing twice. A handler that raises has the event retried with backoff; the
handlers that already applied it are skipped. Events of one aggregate are handled in the order published.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

log = logging.getLogger(__name__)
_subscribers: dict[str, dict[str, Callable[[Event], None]]] = {}


@dataclass(frozen=True, slots=True)
class Event:
    id: UUID  # the outbox message's public id: the same on every redelivery
    name: str
    aggregate: str
    payload: dict
    published_at: datetime


def handler(name: str, *, key: str | None = None):
    """Register a function run once for every event `name` published. `key` (default: module.function) is
    what the applied events are recorded under: keep it stable once events have been handled."""

    def register(fn: Callable[[Event], None]):
        registered = key or f"{fn.__module__}.{fn.__qualname__}"
        _subscribers.setdefault(name, {})[registered] = fn
        return fn

    return register


def handlers_of(name: str) -> dict[str, Callable[[Event], None]]:
    return dict(_subscribers.get(name, {}))


def publish(name: str, aggregate, payload: dict, *, delay: timedelta | None = None):
    """Write the event in the caller's transaction (it must run inside one); the OutboxMessage.

    `aggregate` is what the event is about: a string such as "order:<public id>", or a model instance (its
    app label, model name and public id). Events of one aggregate are delivered in the order published."""
    from django.db import transaction

    from borderless.events.outbox import EVENT_PREFIX, enqueue

    topic = EVENT_PREFIX + name
    if len(topic) > 60:
        raise ValueError(f"Event name too long: {name!r}")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("events.publish runs inside the transaction of the change it announces.")
    return enqueue(topic, payload, delay=delay, aggregate=_aggregate_key(aggregate))


def _aggregate_key(aggregate) -> str:
    if aggregate is None:
        return ""
    if isinstance(aggregate, str):
        return aggregate[:100]
    meta = aggregate._meta
    identity = getattr(aggregate, "public_id", None) or aggregate.pk
    return f"{meta.label_lower}:{identity}"[:100]


def dispatch(message) -> int:
    """Run every handler of the event that has not applied it yet; the number that applied it now.
    Raises what a handler raised (after the handlers before it have committed)."""
    from django.db import IntegrityError, transaction

    from borderless.events.models import HandledEvent
    from borderless.events.outbox import EVENT_PREFIX

    name = message.topic.removeprefix(EVENT_PREFIX)
    event = Event(message.public_id, name, message.aggregate, message.payload, message.created_at)
    applied = 0
    for key, fn in handlers_of(name).items():
        if HandledEvent.objects.filter(event=event.id, handler=key).exists():
            continue
        try:
            with transaction.atomic():
                # The row first: a twin worker (the lease ran out under a slow handler) waits here on the
                # unique index until this transaction ends, then fails the insert and skips the handler.
                HandledEvent.objects.create(event=event.id, handler=key)
                fn(event)
        except IntegrityError:
            if not HandledEvent.objects.filter(event=event.id, handler=key).exists():
                raise  # the handler's own integrity error: retry the event
            continue
        applied += 1
    return applied
