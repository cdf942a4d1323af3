"""Publish and handle: an event leaves after its transaction, each handler applies it exactly once (however
often it is delivered), a failing handler is retried without the others running again, and the events of
one aggregate are handled in the order they were published. Runs on SQLite and on PostgreSQL."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from events_support import EFFECT

from borderless import events
from borderless.events import outbox
from borderless.events.models import HandledEvent, OutboxMessage

pytestmark = pytest.mark.django_db


def effects() -> list[dict]:
    return list(OutboxMessage.objects.filter(topic=EFFECT).order_by("id").values_list("payload", flat=True))


def effect(payload: dict) -> None:
    """A handler's side effect: a row written in its transaction (a message that is not due for a day)."""
    outbox.enqueue(EFFECT, payload, delay=timedelta(days=1))


def redeliver(message: OutboxMessage) -> None:
    """As if the worker that sent it died before marking it sent, and its lease has run out."""
    OutboxMessage.objects.filter(pk=message.pk).update(sent_at=None, locked_until=None)


def test_an_event_is_written_with_the_change_and_leaves_only_if_it_commits(subscribers):
    seen = []
    events.handler("thing happened", key="test.seen")(lambda event: seen.append(event.payload))
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        events.publish("thing happened", "thing:1", {"n": 1})
        1 / 0  # the change fails: its event goes with it
    assert not OutboxMessage.objects.exists()
    with transaction.atomic():
        message = events.publish("thing happened", "thing:2", {"n": 2})
    assert message.topic == "event:thing happened" and message.aggregate == "thing:2"
    assert seen == []  # nothing before delivery
    assert outbox.deliver_due() == 1
    assert seen == [{"n": 2}]
    message.refresh_from_db()
    assert message.sent_at is not None and message.attempts == 1


def test_each_handler_applies_an_event_once_however_often_it_is_delivered(subscribers):
    for key in ("test.first", "test.second"):
        events.handler("thing happened", key=key)(
            lambda event, key=key: effect({"by": key, "event": str(event.id)})
        )
    with transaction.atomic():
        message = events.publish("thing happened", "thing:1", {})
    assert outbox.deliver_due() == 1
    assert [e["by"] for e in effects()] == ["test.first", "test.second"]
    for _ in range(3):
        redeliver(message)
        assert outbox.deliver_due() == 1  # delivered again, applied by nobody again
    assert len(effects()) == 2
    assert sorted(HandledEvent.objects.values_list("handler", flat=True)) == ["test.first", "test.second"]
    assert set(HandledEvent.objects.values_list("event", flat=True)) == {message.public_id}


def test_a_handler_failing_after_its_side_effect_leaves_nothing_and_only_it_runs_again(subscribers):
    calls = {"ok": 0, "flaky": 0}

    def ok(event):
        calls["ok"] += 1
        effect({"by": "ok"})

    def flaky(event):
        calls["flaky"] += 1
        effect({"by": "flaky", "try": calls["flaky"]})  # the side effect, then the crash
        if calls["flaky"] == 1:
            raise RuntimeError("the process died here")

    events.handler("thing happened", key="test.ok")(ok)
    events.handler("thing happened", key="test.flaky")(flaky)
    with transaction.atomic():
        message = events.publish("thing happened", "", {})
    assert outbox.deliver_due() == 0
    message.refresh_from_db()
    assert message.sent_at is None and "the process died here" in message.last_error
    assert effects() == [{"by": "ok"}]  # the failed handler's effect was rolled back with it
    assert list(HandledEvent.objects.values_list("handler", flat=True)) == ["test.ok"]
    assert outbox.deliver_due() == 0  # backing off
    assert outbox.deliver_due(now=timezone.now() + timedelta(minutes=5)) == 1
    assert effects() == [{"by": "ok"}, {"by": "flaky", "try": 2}]
    assert calls == {"ok": 1, "flaky": 2}
    message.refresh_from_db()
    assert message.sent_at is not None and message.attempts == 2 and message.last_error == ""


def test_a_leased_event_waits_for_its_lease_then_is_delivered_again(subscribers, settings):
    events.handler("thing happened", key="test.effect")(lambda event: effect({}))
    with transaction.atomic():
        message = events.publish("thing happened", "thing:1", {})
    # A worker took it and died holding the lease, before its handler's transaction committed.
    lease_end = timezone.now() + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    OutboxMessage.objects.filter(pk=message.pk).update(locked_until=lease_end, attempts=1)
    assert outbox.deliver_due() == 0 and effects() == []
    assert outbox.deliver_due(now=lease_end + timedelta(seconds=1)) == 1
    assert len(effects()) == 1
    message.refresh_from_db()
    assert message.attempts == 2 and message.sent_at is not None


def test_events_of_one_aggregate_are_handled_in_order_others_do_not_wait(subscribers):
    handled, failed_once = [], set()

    def record(event):
        if event.payload["n"] == 1 and 1 not in failed_once:
            failed_once.add(1)
            raise RuntimeError("not now")
        handled.append((event.aggregate, event.payload["n"]))

    events.handler("thing happened", key="test.record")(record)
    with transaction.atomic():
        for aggregate, n in [("thing:a", 1), ("thing:a", 2), ("thing:b", 3), ("", 4)]:
            events.publish("thing happened", aggregate, {"n": n})
    assert outbox.deliver_due() == 2
    assert handled == [("thing:b", 3), ("", 4)]  # thing:a's second event waits for its first
    assert outbox.deliver_due(now=timezone.now() + timedelta(minutes=5)) == 2
    assert handled == [("thing:b", 3), ("", 4), ("thing:a", 1), ("thing:a", 2)]


def test_an_event_nobody_handles_is_delivered_and_recorded_by_nobody(subscribers):
    with transaction.atomic():
        events.publish("nobody listens", "thing:1", {})
    assert outbox.deliver_due() == 1
    assert not HandledEvent.objects.exists() and outbox.pending_count() == 0


def test_a_model_instance_names_its_aggregate(subscribers):
    from factories import make_buyer

    user = make_buyer()
    with transaction.atomic():
        message = events.publish("thing happened", user, {})
    identity = getattr(user, "public_id", None) or user.pk
    assert message.aggregate == f"accounts.user:{identity}"


def test_an_event_is_handled_once_per_handler_in_the_database_too(subscribers):
    """The unique (event, handler) row is the guarantee, not the check before it."""
    from django.db import IntegrityError

    with transaction.atomic():
        message = events.publish("thing happened", "thing:1", {})
    HandledEvent.objects.create(event=message.public_id, handler="test.once")
    with pytest.raises(IntegrityError), transaction.atomic():
        HandledEvent.objects.create(event=message.public_id, handler="test.once")
