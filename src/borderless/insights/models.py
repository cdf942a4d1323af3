"""Rendered reports kept as snapshots: the cache of the reports built off the request path.

A snapshot is keyed by what was asked (report, period, language, format) and by the ledger's high-water mark
when it was asked: the ledger is append-only and every payment, refund, release and payout posts to it, so
a new ledger transaction means new figures and a new snapshot; the same mark means the cached one is right.
Brand protection moves without the ledger (a notice books nothing), so the period's brand-protection counts
are a second part of the key: a takedown or a hold in the period makes a new snapshot.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone

FORMATS = ("html", "pdf", "csv")
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
}


class SnapshotStatus(models.TextChoices):
    PENDING = "pending", "Being prepared"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class ReportSnapshot(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    report = models.CharField(max_length=20, default="impact")
    period_start = models.DateField()
    period_end = models.DateField()
    lang = models.CharField(max_length=10)
    format = models.CharField(max_length=4)
    ledger_mark = models.BigIntegerField()  # the last ledger transaction id when it was asked for
    casework_mark = models.CharField(max_length=40, default="")  # the period's brand-protection counts
    status = models.CharField(max_length=10, choices=SnapshotStatus.choices, default=SnapshotStatus.PENDING)
    content = models.BinaryField(blank=True, default=b"")
    error = models.CharField(max_length=500, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "report",
                    "period_start",
                    "period_end",
                    "lang",
                    "format",
                    "ledger_mark",
                    "casework_mark",
                ],  # fmt: skip
                name="snapshot_one_per_question_and_marks",
            ),
            models.CheckConstraint(
                condition=Q(period_start__lte=models.F("period_end")), name="snapshot_period"
            ),
            models.CheckConstraint(condition=Q(format__in=FORMATS), name="snapshot_format"),
            models.CheckConstraint(condition=Q(status__in=SnapshotStatus.values), name="snapshot_status"),
        ]

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.format]

    @property
    def filename(self) -> str:
        return f"export-impact-{self.period_start}-{self.period_end}-{self.lang}.{self.format}"
