"""Notice and takedown: a brand owner's notice, one case per listing it names, the seller's counter-notice,
the brand owner's pursuit (complaint or suit), strikes against sellers and their standing.

models.py imports this module so the app registers these models; this module names models.py's models by
their label ("trust.Brand") and never imports it, so the arrow goes one way."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderless.accounts.models import Seller
from borderless.catalog.models import Product
from borderless.trust.storage import private_storage


class NoticeReason(models.TextChoices):
    COUNTERFEIT = "counterfeit", _("Counterfeit goods")
    TRADEMARK = "trademark", _("Trademark misuse")
    COPYRIGHT = "copyright", _("Copyright (images or text)")
    OTHER_IP = "other_ip", _("Other intellectual property right")


class Notice(models.Model):
    """A brand owner's notice against listings; its listings are taken down when it is filed."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    brand = models.ForeignKey("trust.Brand", on_delete=models.PROTECT, related_name="notices")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=12, choices=NoticeReason.choices)
    statement = models.TextField(max_length=5000)
    # Filed by a brand owner whose notices proved accurate: no operator pre-check.
    fast_tracked = models.BooleanField(default=False)
    prechecked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    prechecked_at = models.DateTimeField(null=True, blank=True)
    filed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-filed_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(reason__in=NoticeReason.values), name="notice_reason_valid"),
        ]

    def __str__(self) -> str:
        return f"Notice {self.public_id} ({self.brand})"


def evidence_path(instance, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"casework/{uuid.uuid4().hex}.{extension}"


class EvidenceFile(models.Model):
    """A file filed with a notice (the complainant's, never shown to sellers) or a counter-notice (shown to
    the brand owner only if the seller shares it). Kept in private storage."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    notice = models.ForeignKey(
        Notice, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence_files"
    )
    counter_notice = models.ForeignKey(
        "CounterNotice", on_delete=models.CASCADE, null=True, blank=True, related_name="evidence_files"
    )
    shared_with_brand = models.BooleanField(default=False)
    file = models.FileField(upload_to=evidence_path, storage=private_storage)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=60)
    size_bytes = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(notice__isnull=False, counter_notice__isnull=True, shared_with_brand=False)
                | Q(notice__isnull=True, counter_notice__isnull=False),
                name="evidence_file_one_owner",
            ),
        ]


class CaseStatus(models.TextChoices):
    TAKEN_DOWN = "taken_down", _("Taken down, awaiting the seller")
    COUNTERED = "countered", _("Counter-notice received")
    PURSUED = "pursued", _("Complaint or suit reported by the brand owner")
    UPHELD = "upheld", _("Upheld: stays down")
    RESTORED = "restored", _("Restored")


OPEN_STATUSES = (CaseStatus.TAKEN_DOWN, CaseStatus.COUNTERED, CaseStatus.PURSUED)
# A case in one of these keeps its listing from buyers.
HOLDING_STATUSES = (*OPEN_STATUSES, CaseStatus.UPHELD)


class Resolution(models.TextChoices):
    NONE = "", _("Open")
    UNCONTESTED = "uncontested", _("No counter-notice in time")
    OPERATOR_UPHELD = "operator_upheld", _("Upheld by an operator")
    OPERATOR_REJECTED = "operator_rejected", _("Notice rejected by an operator")
    NOT_PURSUED = "not_pursued", _("Not pursued within 15 days of the counter-notice")
    WITHDRAWN = "withdrawn", _("Notice withdrawn")


class Case(models.Model):
    """One listing taken down on one notice: the unit sellers answer, operators decide and evidence covers."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="cases")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="takedown_cases")
    seller = models.ForeignKey(Seller, on_delete=models.PROTECT, related_name="takedown_cases")
    status = models.CharField(max_length=12, choices=CaseStatus.choices, default=CaseStatus.TAKEN_DOWN)
    resolution = models.CharField(max_length=20, choices=Resolution.choices, blank=True, default="")
    taken_down_at = models.DateTimeField(default=timezone.now)
    counter_deadline = models.DateTimeField()
    countered_at = models.DateTimeField(null=True, blank=True)
    pursuit_deadline = models.DateTimeField(null=True, blank=True)
    pursued_at = models.DateTimeField(null=True, blank=True)
    pursuit_kind = models.CharField(max_length=12, blank=True)
    pursuit_reference = models.CharField(max_length=200, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision_note = models.CharField(max_length=500, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-taken_down_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=CaseStatus.values), name="case_status_valid"),
            models.CheckConstraint(
                condition=Q(resolution__in=Resolution.values), name="case_resolution_valid"
            ),
            models.CheckConstraint(
                condition=(Q(status__in=OPEN_STATUSES) & Q(resolution="", closed_at__isnull=True))
                | (~Q(status__in=OPEN_STATUSES) & ~Q(resolution="") & Q(closed_at__isnull=False)),
                name="case_closed_with_resolution",
            ),
            models.CheckConstraint(
                condition=Q(countered_at__isnull=True) | Q(pursuit_deadline__isnull=False),
                name="case_counter_sets_pursuit_deadline",
            ),
            models.UniqueConstraint(fields=["notice", "product"], name="case_one_per_listing_per_notice"),
        ]
        indexes = [
            models.Index(fields=["status", "counter_deadline"], name="case_counter_deadline_idx"),
            models.Index(fields=["status", "pursuit_deadline"], name="case_pursuit_deadline_idx"),
            models.Index(fields=["product", "status"], name="case_product_status_idx"),
            models.Index(fields=["seller", "status"], name="case_seller_status_idx"),
        ]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class CounterNotice(models.Model):
    """A seller's answer to a notice, covering that seller's listings in it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="counter_notices")
    seller = models.ForeignKey(Seller, on_delete=models.PROTECT, related_name="counter_notices")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    statement = models.TextField(max_length=5000)
    filed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["filed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "seller"], name="counter_notice_one_per_seller"),
        ]


class Strike(models.Model):
    """A penalty point against a seller for an upheld case; counted over a rolling 365 days."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    seller = models.ForeignKey(Seller, on_delete=models.PROTECT, related_name="strikes")
    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="strike")
    serious = models.BooleanField()
    issued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-issued_at", "-id"]
        indexes = [models.Index(fields=["seller", "issued_at"], name="strike_seller_window_idx")]


class Standing(models.TextChoices):
    GOOD = "good", _("Good standing")
    WARNING = "warning", _("Warning")
    LISTING_FREEZE = "listing_freeze", _("Listing freeze: no new or changed listings")
    STORE_FREEZE = "store_freeze", _("Store freeze: listings held from buyers")
    CLOSED = "closed", _("Store closed")


class SellerStanding(models.Model):
    """A seller's standing from its strikes, kept so the hold rule and the seller centre read one row."""

    seller = models.OneToOneField(Seller, on_delete=models.CASCADE, primary_key=True, related_name="standing")
    level = models.CharField(max_length=16, choices=Standing.choices, default=Standing.GOOD)
    strikes_in_window = models.PositiveSmallIntegerField(default=0)
    serious_strikes = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(level__in=Standing.values), name="seller_standing_valid"),
        ]

    @property
    def holds_listings(self) -> bool:
        return self.level in (Standing.STORE_FREEZE, Standing.CLOSED)


class EvidenceExport(models.Model):
    """A downloaded evidence bundle: who took it, when, and its manifest's head hash."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="evidence_exports")
    head = models.CharField(max_length=64, db_index=True)
    files = models.PositiveIntegerField()
    exported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    exported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-exported_at", "-id"]
