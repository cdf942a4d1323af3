"""Brand protection: registered brands and their trademarks, reference products, authorised sellers, and the
screening of every listing version against them."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderless.accounts.models import Seller
from borderless.catalog.gtin import validate_gtin
from borderless.catalog.models import Product
from borderless.trust.storage import private_storage


class BrandStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class Brand(models.Model):
    """A brand a brand owner claims; it protects listings only once an operator has verified it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="brands")
    name_en = models.CharField(max_length=100)
    name_zh = models.CharField(max_length=100, blank=True)
    # Toneless pinyin of the Chinese name, spaces between syllables ("ke lan"); filled from name_zh if empty.
    name_pinyin = models.CharField(max_length=200, blank=True)
    # Other names buyers and counterfeiters use: abbreviations, former names, common transliterations.
    aliases = models.JSONField(default=list, blank=True)
    # The brand's own seller organisation, if it sells here itself: always clear, like authorised ones.
    own_seller = models.ForeignKey(
        Seller, on_delete=models.SET_NULL, null=True, blank=True, related_name="own_brands"
    )
    website = models.URLField(blank=True)
    status = models.CharField(max_length=10, choices=BrandStatus.choices, default=BrandStatus.PENDING)
    status_note = models.CharField(max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name_en", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=BrandStatus.values), name="brand_status_valid"),
            # Two owners may claim a name while pending; only one brand of a name can be verified.
            models.UniqueConstraint(
                Lower("name_en"), condition=Q(status="verified"), name="brand_verified_name_unique"
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(reviewed_by__isnull=False, reviewed_at__isnull=False),
                name="brand_review_recorded",
            ),
        ]

    def __str__(self) -> str:
        return self.name_en

    @property
    def is_verified(self) -> bool:
        return self.status == BrandStatus.VERIFIED


class RegistryVersion(models.Model):
    """One row whose number moves in the transaction of every change to the brand registry. Its row lock
    orders concurrent changes by commit, so the number screening reads always moves once a change commits;
    a brand's `updated_at`, taken before the commit, may not move the registry's latest time."""

    number = models.BigIntegerField(default=0)


class TrademarkOffice(models.TextChoices):
    USPTO = "USPTO", "USPTO (United States)"
    CNIPA = "CNIPA", "CNIPA (China)"
    EUIPO = "EUIPO", "EUIPO (European Union)"
    UKIPO = "UKIPO", "UKIPO (United Kingdom)"
    JPO = "JPO", "JPO (Japan)"
    WIPO = "WIPO", "WIPO (Madrid international)"
    OTHER = "OTHER", _("Other office")


class TrademarkRegistration(models.Model):
    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="trademarks")
    office = models.CharField(max_length=8, choices=TrademarkOffice.choices)
    number = models.CharField(max_length=40)
    # Nice classification classes, 1 to 45 (e.g. [3, 30]).
    classes = models.JSONField(default=list)
    expires_on = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["office", "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(office__in=TrademarkOffice.values), name="trademark_office_valid"
            ),
            models.UniqueConstraint(fields=["office", "number", "brand"], name="trademark_unique_per_brand"),
        ]

    def __str__(self) -> str:
        return f"{self.office} {self.number}"


def brand_document_path(instance: "BrandDocument", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"brands/{instance.brand.public_id}/documents/{uuid.uuid4().hex}.{extension}"


class BrandDocument(models.Model):
    """A supporting document (registration certificate, licence): private to the brand and operators."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="documents")
    trademark = models.ForeignKey(
        TrademarkRegistration, on_delete=models.SET_NULL, null=True, blank=True, related_name="documents"
    )
    file = models.FileField(upload_to=brand_document_path, storage=private_storage)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=60)
    size_bytes = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]


class BrandProduct(models.Model):
    """A reference product of a brand: what genuine goods are called, cost and look like."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="products")
    name_en = models.CharField(max_length=200)
    name_zh = models.CharField(max_length=200, blank=True)
    msrp_amount = models.DecimalField(max_digits=12, decimal_places=2)
    msrp_currency = models.CharField(max_length=3, default="USD")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name_en", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(msrp_amount__gt=Decimal("0")), name="brand_product_msrp_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name_en


class BrandGtin(models.Model):
    """A GTIN registered to a brand's reference product; one brand per GTIN (GS1 assigns it once)."""

    product = models.ForeignKey(BrandProduct, on_delete=models.CASCADE, related_name="gtins")
    gtin = models.CharField(max_length=14, unique=True, validators=[validate_gtin])

    def __str__(self) -> str:
        return self.gtin


def brand_image_path(instance: "BrandImage", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"brands/{instance.product.brand.public_id}/images/{uuid.uuid4().hex}.{extension}"


class BrandImage(models.Model):
    """An official image of a reference product and its perceptual hash (64-bit pHash, 16 hex digits)."""

    product = models.ForeignKey(BrandProduct, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(upload_to=brand_image_path)
    phash = models.CharField(max_length=16)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]


class AuthorizedSeller(models.Model):
    """A seller organisation the brand lets sell its goods: its listings of the brand are clear."""

    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="authorized_sellers")
    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="brand_authorizations")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["brand", "seller"], name="authorized_seller_unique"),
        ]


class ListingImageHash(models.Model):
    """The perceptual hash of a listing image, computed once when it is added; screening only reads it."""

    image = models.OneToOneField(
        "catalog.ProductImage", on_delete=models.CASCADE, primary_key=True, related_name="perceptual_hash"
    )
    phash = models.CharField(max_length=16)


class Verdict(models.TextChoices):
    CLEAR = "clear", _("Clear")
    REVIEW = "review", _("Held for review")
    BLOCKED = "blocked", _("Blocked")


class Decision(models.TextChoices):
    NONE = "", _("Not decided")
    CLEARED = "cleared", _("Cleared by an operator")
    UPHELD = "upheld", _("Hold upheld by an operator")


class Trigger(models.TextChoices):
    LISTING_SAVED = "listing_saved", _("Listing saved")
    BRAND_CHANGED = "brand_changed", _("Brand data changed")


class ListingScreening(models.Model):
    """The screening of one version of a listing (its screened content's SHA-256). The current row of a
    product decides whether buyers may see it; older rows are its history."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="screenings")
    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="screenings")
    content_hash = models.CharField(max_length=64)
    trigger = models.CharField(max_length=20, choices=Trigger.choices)
    score = models.PositiveSmallIntegerField()
    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    # [{"signal": "brand_name", "detail": "...", "points": 40}, ...], strongest first.
    reasons = models.JSONField(default=list)
    brand = models.ForeignKey(Brand, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    is_current = models.BooleanField(default=True)
    screened_at = models.DateTimeField(default=timezone.now)
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True, default="")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-screened_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(score__lte=100), name="screening_score_range"),
            models.CheckConstraint(condition=Q(verdict__in=Verdict.values), name="screening_verdict_valid"),
            models.CheckConstraint(
                condition=Q(decision__in=Decision.values), name="screening_decision_valid"
            ),
            models.CheckConstraint(
                condition=Q(decision="", decided_by__isnull=True, decided_at__isnull=True)
                | (~Q(decision="") & Q(decided_by__isnull=False, decided_at__isnull=False)),
                name="screening_decision_recorded",
            ),
            models.UniqueConstraint(
                fields=["product"], condition=Q(is_current=True), name="screening_one_current_per_product"
            ),
        ]
        indexes = [
            # The review queue: current, held, undecided, highest score first.
            models.Index(
                fields=["-score", "screened_at"],
                condition=Q(is_current=True, decision="") & ~Q(verdict="clear"),
                name="screening_review_queue_idx",
            ),
            models.Index(fields=["seller", "verdict"], name="screening_seller_history_idx"),
        ]

    @property
    def holds_listing(self) -> bool:
        """Buyers may not see the listing: held by the verdict and not cleared, or upheld by an operator."""
        if self.decision == Decision.CLEARED:
            return False
        return self.decision == Decision.UPHELD or self.verdict != Verdict.CLEAR


# Notice and takedown, strikes: their own module, registered with this app by this import.
from borderless.trust.casework_models import (  # noqa: E402, F401
    Case,
    CounterNotice,
    EvidenceExport,
    EvidenceFile,
    Notice,
    SellerStanding,
    Strike,
)
