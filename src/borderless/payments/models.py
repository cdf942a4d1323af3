"""Payments of checkouts, their split per order, provider events (deduplicated), refunds, the
sandbox provider's own books, settlement files and reconciliation reports."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderless.orders.models import Checkout, Order


def _amount(**kwargs) -> models.DecimalField:
    return models.DecimalField(max_digits=14, decimal_places=2, **kwargs)


class PaymentStatus(models.TextChoices):
    REQUIRES_PAYMENT = "requires_payment", _("Awaiting payment")
    SUCCEEDED = "succeeded", _("Paid")
    FAILED = "failed", _("Failed")
    PARTIALLY_REFUNDED = "partially_refunded", _("Partially refunded")
    REFUNDED = "refunded", _("Refunded")


class Payment(models.Model):
    """The buyer's one payment for a checkout (all its orders), at one provider."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    checkout = models.OneToOneField(Checkout, on_delete=models.PROTECT, related_name="payment")
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="payments")
    amount = _amount()
    currency = models.CharField(max_length=3, default="CNY")
    status = models.CharField(
        max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.REQUIRES_PAYMENT
    )
    provider = models.CharField(max_length=30)
    provider_reference = models.CharField(max_length=100, blank=True)
    # CN-C9: the payer is the orderer; the checkout's identity snapshot, the number only masked.
    payer_name = models.CharField(max_length=50)
    payer_id_masked = models.CharField(max_length=18)
    created_at = models.DateTimeField(default=timezone.now)
    succeeded_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    refunded_amount = _amount(default=Decimal("0.00"))

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=PaymentStatus.values), name="payment_status_valid"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive"),
            models.CheckConstraint(condition=Q(currency="CNY"), name="payment_currency_cny"),
            models.CheckConstraint(
                condition=Q(refunded_amount__gte=0) & Q(refunded_amount__lte=F("amount")),
                name="payment_refunds_within_amount",
            ),
        ]
        indexes = [models.Index(fields=["provider", "provider_reference"])]

    def __str__(self) -> str:
        return str(self.public_id)


class PaymentShare(models.Model):
    """One order's part of the payment; the shares of a payment add up to it exactly."""

    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, related_name="shares")
    order = models.OneToOneField(Order, on_delete=models.PROTECT, related_name="payment_share")
    amount = _amount()
    refunded = _amount(default=Decimal("0.00"))  # refunds taken or in flight; never above `amount`

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="share_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(refunded__gte=0) & Q(refunded__lte=F("amount")), name="share_refund_within_paid"
            ),
        ]


class PaymentEvent(models.Model):
    """A provider event as received; the unique id makes a second delivery a no-op."""

    provider = models.CharField(max_length=30)
    event_id = models.CharField(max_length=100)
    type = models.CharField(max_length=60)
    payment = models.ForeignKey(
        Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    payload = models.JSONField()
    received_at = models.DateTimeField(default=timezone.now)
    applied_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=200, blank=True)  # what applying it did, e.g. "ignored: ..."

    class Meta:
        ordering = ["received_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "event_id"], name="payment_event_once"),
        ]


class RefundStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SUCCEEDED = "succeeded", _("Refunded")
    FAILED = "failed", _("Failed")


class Refund(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="refunds")
    amount = _amount()
    currency = models.CharField(max_length=3, default="CNY")
    reason = models.CharField(max_length=500)
    status = models.CharField(max_length=10, choices=RefundStatus.choices, default=RefundStatus.PENDING)
    idempotency_key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_label = models.CharField(max_length=80)
    provider_reference = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="refund_amount_positive"),
            models.CheckConstraint(condition=Q(status__in=RefundStatus.values), name="refund_status_valid"),
            models.UniqueConstraint(fields=["order", "idempotency_key"], name="refund_idempotency_key"),
        ]


class SandboxRecord(models.Model):
    """The sandbox provider's own books: what it captured and refunded (the settlement file reads these)."""

    PAYMENT, REFUND = "payment", "refund"
    reference = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=10, choices=[(PAYMENT, PAYMENT), (REFUND, REFUND)])
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="+")
    amount = _amount()
    currency = models.CharField(max_length=3)
    status = models.CharField(max_length=10)  # succeeded / failed
    occurred_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["occurred_at", "id"]
        constraints = [
            # The provider completes a payment once: a second pay or fail of it is refused.
            models.UniqueConstraint(
                fields=["payment"], condition=Q(kind="payment"), name="sandbox_payment_completed_once"
            ),
        ]


class SettlementFile(models.Model):
    provider = models.CharField(max_length=30)
    date = models.DateField()
    sha256 = models.CharField(max_length=64)
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "date"], name="settlement_one_per_day")]


class SettlementLine(models.Model):
    file = models.ForeignKey(SettlementFile, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(max_length=10)  # payment / refund
    reference = models.CharField(max_length=100)
    payment_public_id = models.CharField(max_length=36, blank=True)
    amount = _amount()
    currency = models.CharField(max_length=3)

    class Meta:
        ordering = ["id"]


class ReconciliationReport(models.Model):
    provider = models.CharField(max_length=30)
    date = models.DateField()
    ran_at = models.DateTimeField(default=timezone.now)
    matched = models.PositiveIntegerField(default=0)
    differences = models.JSONField(default=list)

    class Meta:
        ordering = ["-ran_at", "-id"]

    @property
    def clean(self) -> bool:
        return not self.differences
