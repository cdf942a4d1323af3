"""Notices (one per fact, recipient and channel), what each user chose to receive, and their SMS number."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from borderless.notifications.kinds import Channel, Kind


class Notice(models.Model):
    """One fact told to one user on one channel. The unique (fact, recipient, channel) is what makes a
    redelivered event, or a second event about the same fact, tell nobody twice.

    `params` holds what the text needs (an order's short reference, a seller's name, an amount, a tracking
    number), never the buyer's identity: the text is rendered in the reader's language when shown or sent.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    fact = models.CharField(max_length=150)  # e.g. "order_paid:<order public id>"
    params = models.JSONField(default=dict)
    address = models.CharField(max_length=254, blank=True)  # the e-mail address or mobile it goes to
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)  # in-site notices
    sent_at = models.DateTimeField(null=True, blank=True)  # e-mail and SMS: handed to the backend
    reference = models.CharField(max_length=200, blank=True)  # the Message-ID, or the SMS gateway's id

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["fact", "recipient", "channel"], name="notice_once_per_fact"),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="notice_kind_valid"),
            models.CheckConstraint(condition=Q(channel__in=Channel.values), name="notice_channel_valid"),
        ]
        indexes = [
            models.Index(
                fields=["recipient", "-created_at"],
                name="notice_inbox",
                condition=Q(channel="inbox"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.recipient_id} by {self.channel}"


class Preference(models.Model):
    """A user's choice for one kind of notice on one optional channel (absent: the channel's default)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    wanted = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "channel"], name="preference_once"),
            models.CheckConstraint(
                condition=Q(channel__in=["email", "sms"]), name="preference_optional_channel"
            ),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="preference_kind_valid"),
        ]


class MobileNumber(models.Model):
    """The mainland mobile number a buyer receives SMS notices on (11 digits, without +86)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sms_number")
    number = models.CharField(max_length=11)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(number__regex=r"^1[3-9][0-9]{9}$"), name="mobile_cn")
        ]
