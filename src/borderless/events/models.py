"""The platform's outbox (messages and events written with the state change, delivered after the commit) and
the record of which event handler has applied which event (so a redelivery applies nothing twice)."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone


class OutboxMessage(models.Model):
    """A message to send once its transaction has committed; the worker delivers it, at least once.

    An event (`borderless.events.publish`) is a message whose topic is "event:<name>"; the messages of one
    aggregate (e.g. "order:<public id>") are delivered in the order they were written.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    topic = models.CharField(max_length=60)  # e.g. "sandbox.webhook", "event:payment succeeded"
    aggregate = models.CharField(max_length=100, blank=True, default="")  # "" delivers in no particular order
    payload = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)
    available_at = models.DateTimeField(default=timezone.now)  # not before (late deliveries, retries)
    locked_until = models.DateTimeField(null=True, blank=True)  # a worker's lease while it delivers
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "payments_outboxmessage"  # the table it had when payments owned the outbox
        ordering = ["available_at", "id"]
        indexes = [
            models.Index(fields=["available_at"], name="outbox_pending", condition=Q(sent_at__isnull=True)),
            models.Index(
                fields=["aggregate", "id"],
                name="outbox_aggregate_pending",
                condition=Q(sent_at__isnull=True) & ~Q(aggregate=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic} {self.public_id}"


class HandledEvent(models.Model):
    """One handler has applied one event, in the same transaction as its effects: written once, ever."""

    event = models.UUIDField()  # the OutboxMessage's public_id
    handler = models.CharField(max_length=200)  # the handler's registered name
    handled_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["handled_at", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "handler"], name="event_handled_once")]

    def __str__(self) -> str:
        return f"{self.event} by {self.handler}"
