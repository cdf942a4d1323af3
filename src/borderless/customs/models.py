"""Customs declarations (one per order bound for China), their messages as sent, and the receipts back."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderless.orders.models import Order


class DeclarationStatus(models.TextChoices):
    OPEN = "open", _("Being declared")  # messages on their way, the inventory list not yet accepted
    DECLARED = "declared", _("Declared")  # the import inventory list (CEB621) accepted
    HELD = "held", _("Held by customs")
    RELEASED = "released", _("Released by customs")
    REJECTED = "rejected", _("Rejected by customs")  # a message rejected: the order is refunded
    REFUSED = "refused", _("Refused by customs")  # a hold that ended in refusal: the order is refunded
    FAILED = "failed", _("Needs an operator")  # a message we could not build or that broke the schema


FINAL_STATUSES = frozenset(
    {DeclarationStatus.RELEASED, DeclarationStatus.REJECTED, DeclarationStatus.REFUSED}
)


class Declaration(models.Model):
    """One order's 9610 direct-purchase declaration (CN-C7): its four messages and what customs decided."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    order = models.OneToOneField(Order, on_delete=models.PROTECT, related_name="customs_declaration")
    trade_mode = models.CharField(max_length=4, default="9610")
    gateway = models.CharField(max_length=30)
    status = models.CharField(
        max_length=10, choices=DeclarationStatus.choices, default=DeclarationStatus.OPEN
    )
    # Why customs said no (or why we could not declare): a code from customs.reasons and the gateway's note.
    reason_code = models.CharField(max_length=40, blank=True)
    reason_note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=DeclarationStatus.values), name="declaration_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(trade_mode__in=["9610", "1210"]), name="declaration_trade_mode"
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.order.public_id} {self.status}"


class MessageKind(models.TextChoices):
    ORDER = "CEB311", _("Order (CEB311)")
    PAYMENT = "CEB411", _("Payment (CEB411)")
    WAYBILL = "CEB511", _("Waybill (CEB511)")
    INVENTORY = "CEB621", _("Import inventory list (CEB621)")


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")  # written with the order's change; the outbox sends it after commit
    INVALID = "invalid", _("Invalid")  # failed the schema: never sent
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class CustomsMessage(models.Model):
    """One message of a declaration. Its guid is its identity at the gateway: a resend is the same message."""

    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=6, choices=MessageKind.choices)
    status = models.CharField(max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED)
    xml = models.TextField(blank=True)  # built on the first delivery attempt, then sent as it is on retries
    error = models.TextField(blank=True)  # why it could not be built or validated
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["declaration", "kind"], name="customs_message_one_per_kind"),
            models.CheckConstraint(condition=Q(kind__in=MessageKind.values), name="customs_message_kind"),
            models.CheckConstraint(
                condition=Q(status__in=MessageStatus.values), name="customs_message_status"
            ),
        ]


class ReceiptKind(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    HELD = "held", _("Held")
    RELEASED = "released", _("Released")
    REFUSED = "refused", _("Refused")


class CustomsReceipt(models.Model):
    """An answer of the gateway, as received. The (gateway, receipt id) is unique: a twin is a no-op."""

    gateway = models.CharField(max_length=30)
    receipt_id = models.CharField(max_length=100)
    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="receipts")
    message = models.ForeignKey(
        CustomsMessage, null=True, blank=True, on_delete=models.CASCADE, related_name="receipts"
    )
    kind = models.CharField(max_length=10, choices=ReceiptKind.choices)
    code = models.CharField(max_length=40, blank=True)
    note = models.CharField(max_length=500, blank=True)
    issued_at = models.DateTimeField()
    payload = models.JSONField()
    received_at = models.DateTimeField(default=timezone.now)
    applied_at = models.DateTimeField(null=True, blank=True)  # null: waiting for an earlier receipt
    outcome = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["issued_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["gateway", "receipt_id"], name="customs_receipt_once"),
            models.CheckConstraint(condition=Q(kind__in=ReceiptKind.values), name="customs_receipt_kind"),
        ]


class SandboxCustomsRecord(models.Model):
    """The sandbox customs' own books: each message it took (by guid, once) and what it answered."""

    guid = models.UUIDField(unique=True)
    kind = models.CharField(max_length=6)
    reference = models.CharField(max_length=60, db_index=True)  # orderNo; logisticsNo for a waybill
    facts = models.JSONField()  # what later checks compare: payer, amounts, logistics number, lines
    accepted = models.BooleanField()
    code = models.CharField(max_length=40, blank=True)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["received_at", "id"]
