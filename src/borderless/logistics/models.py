"""Parcels an order travels in, the export filing it left under, and what the carriers reported."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderless.orders.models import Order


class TrackingStatus(models.TextChoices):
    """The one vocabulary every carrier's codes are mapped to (data/tracking_codes.json), in journey order."""

    LABEL_CREATED = "label_created", _("Label created")
    PICKED_UP = "picked_up", _("Picked up")
    DEPARTED_ORIGIN = "departed_origin", _("Departed the country of origin")
    ARRIVED_DESTINATION = "arrived_destination", _("Arrived in the destination country")
    CUSTOMS_RELEASED = "customs_released", _("Released by customs")
    OUT_FOR_DELIVERY = "out_for_delivery", _("Out for delivery")
    DELIVERED = "delivered", _("Delivered")
    EXCEPTION = "exception", _("Delivery exception")


class Parcel(models.Model):
    """One box of an order, with the carrier's tracking number (unique per carrier)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="parcels")
    carrier = models.CharField(max_length=20)
    tracking_number = models.CharField(max_length=40)
    weight_g = models.DecimalField(max_digits=9, decimal_places=1)
    length_cm = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    width_cm = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    height_cm = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["carrier", "tracking_number"], name="parcel_tracking_once_per_carrier"
            ),
            models.CheckConstraint(condition=Q(weight_g__gt=0), name="parcel_weight_positive"),
            models.CheckConstraint(
                condition=(Q(length_cm__isnull=True) & Q(width_cm__isnull=True) & Q(height_cm__isnull=True))
                | (Q(length_cm__gt=0) & Q(width_cm__gt=0) & Q(height_cm__gt=0)),
                name="parcel_dimensions_all_or_none",
            ),
            models.CheckConstraint(condition=~Q(tracking_number=""), name="parcel_tracking_number"),
        ]

    def __str__(self) -> str:
        return f"{self.carrier} {self.tracking_number}"

    @property
    def dims_cm(self):
        if self.length_cm is None:
            return None
        return (self.length_cm, self.width_cm, self.height_cm)


class ExportFiling(models.Model):
    """The order's US export filing as decided when it shipped: EEI needed or not, and the ITN if it was."""

    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="export_filing")
    eei_required = models.BooleanField()
    reasons = models.JSONField(default=list)
    itn = models.CharField(max_length=15, blank=True)
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(eei_required=False) | ~Q(itn=""), name="exportfiling_itn_when_eei"
            ),
        ]


class EventSource(models.TextChoices):
    WEBHOOK = "webhook", "webhook"
    CSV = "csv", "CSV upload"


class TrackingEvent(models.Model):
    """One carrier scan, stored once: the fingerprint (carrier, number, code, time, place) is unique."""

    parcel = models.ForeignKey(Parcel, on_delete=models.CASCADE, related_name="events")
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="tracking_events")
    status = models.CharField(max_length=20, choices=TrackingStatus.choices)
    carrier_code = models.CharField(max_length=40)
    occurred_at = models.DateTimeField()
    location = models.CharField(max_length=120, blank=True)
    description = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=10, choices=EventSource.choices)
    fingerprint = models.CharField(max_length=64, unique=True)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["occurred_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=TrackingStatus.values), name="trackingevent_status_valid"
            ),
            models.CheckConstraint(condition=Q(source__in=EventSource.values), name="trackingevent_source"),
        ]
        indexes = [models.Index(fields=["order", "occurred_at"])]
