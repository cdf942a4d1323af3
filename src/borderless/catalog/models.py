"""Products, SKUs, images and categories: what sellers list, in English and Chinese."""

import uuid
from decimal import Decimal

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderless.accounts.models import Seller
from borderless.accounts.regions import US_STATE_CHOICES
from borderless.catalog.gtin import validate_gtin
from borderless.catalog.hs import validate_eccn, validate_hs_code


class Category(models.Model):
    slug = models.SlugField(unique=True)
    name_en = models.CharField(max_length=80)
    name_zh = models.CharField(max_length=80)
    typical_hs_code = models.CharField(max_length=10)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name_en

    def name(self, lang: str) -> str:
        return self.name_zh if lang.startswith("zh") else self.name_en


class NetContentUnit(models.TextChoices):
    GRAM = "g", _("g")
    MILLILITRE = "ml", _("ml")
    PIECE = "piece", _("piece")


class ProductStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    SUSPENDED = "suspended", _("Suspended")


class ChineseOrigin(models.TextChoices):
    """Who wrote a Chinese text of a listing. Only `machine` and `reviewed` text is ever re-translated."""

    MISSING = "", _("Missing")
    SELLER = "seller", _("Written by the seller")
    MACHINE = "machine", _("Machine-translated")
    REVIEWED = "reviewed", _("Machine-translated, reviewed")


class TranslationStatus(models.TextChoices):
    DONE = "done", _("Done")
    QUEUED = "queued", _("Queued")
    FAILED = "failed", _("Failed, will retry")


class ProductQuerySet(models.QuerySet):
    def visible_to_buyers(self):
        return self.filter(
            status=ProductStatus.PUBLISHED, seller__verification_status="verified", held_from_buyers=False
        )


class Product(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="products")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="products")
    brand_name = models.CharField(max_length=100)
    hs_code = models.CharField(max_length=10, validators=[validate_hs_code])
    # Export Control Classification Number; blank or EAR99 when the item is on no CCL entry (US-X2).
    eccn = models.CharField("ECCN", max_length=5, blank=True, validators=[validate_eccn])
    origin_country = models.CharField(max_length=2, default="US")
    origin_state = models.CharField(max_length=2, choices=US_STATE_CHOICES)
    title_en = models.CharField(max_length=200)
    title_zh = models.CharField(max_length=200, blank=True)
    # TextField's max_length is not validated by Django itself: the validator makes every save path (the
    # CSV import, the services) refuse a longer text, as the API and the form do.
    description_en = models.TextField(max_length=5000, validators=[MaxLengthValidator(5000)])
    description_zh = models.TextField(max_length=5000, blank=True, validators=[MaxLengthValidator(5000)])
    # Missing Chinese is machine-translated in the background (borderless.translation.listings); these say
    # who wrote each text, whether a translation is pending, and why the last attempt failed or what it
    # could not translate (shown to the seller).
    title_zh_origin = models.CharField(
        max_length=10, choices=ChineseOrigin.choices, default="seller", blank=True
    )
    description_zh_origin = models.CharField(
        max_length=10, choices=ChineseOrigin.choices, default="seller", blank=True
    )
    translation_status = models.CharField(
        max_length=10, choices=TranslationStatus.choices, default=TranslationStatus.DONE
    )
    translation_note = models.CharField(max_length=500, blank=True)
    translation_attempts = models.PositiveSmallIntegerField(default=0)
    # The seller asked to publish before the Chinese title existed: published as soon as it does.
    publish_when_translated = models.BooleanField(default=False)
    net_content_value = models.DecimalField(
        max_digits=10, decimal_places=3, validators=[MinValueValidator(Decimal("0.001"))]
    )
    net_content_unit = models.CharField(max_length=5, choices=NetContentUnit.choices)
    unit_weight_g = models.DecimalField(
        "unit weight (g)",
        max_digits=9,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("30000"))],
    )
    status = models.CharField(max_length=10, choices=ProductStatus.choices, default=ProductStatus.DRAFT)
    # Kept from buyers by brand protection (screening or takedown) until an operator clears it; the seller
    # still sees and edits the listing. Set only by `set_held_from_buyers()`, which tells the search index.
    held_from_buyers = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ProductStatus.values), name="product_status_valid"),
            models.CheckConstraint(condition=Q(net_content_value__gt=0), name="product_net_content_positive"),
            models.CheckConstraint(condition=Q(unit_weight_g__gt=0), name="product_weight_positive"),
            models.CheckConstraint(
                condition=Q(net_content_unit__in=NetContentUnit.values), name="product_unit_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["seller", "status"]),
            models.Index(fields=["status", "category", "published_at"]),
            models.Index(fields=["status", "origin_state"]),
            # Newest published first (home page, seller pages): walked in order, stops after the page.
            models.Index(fields=["status", "-published_at", "-id"], name="product_status_newest_idx"),
        ]

    def __str__(self) -> str:
        return self.title_en

    def title(self, lang: str) -> str:
        return (self.title_zh or self.title_en) if lang.startswith("zh") else self.title_en

    def description(self, lang: str) -> str:
        if lang.startswith("zh"):
            return self.description_zh or self.description_en
        return self.description_en

    @property
    def machine_translated(self) -> bool:
        """Buyers see 机器翻译 on this listing: some Chinese text of it the seller has not reviewed yet."""
        return ChineseOrigin.MACHINE in (self.title_zh_origin, self.description_zh_origin)


class Sku(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="skus")
    code = models.CharField("SKU code", max_length=64)
    option_en = models.CharField(max_length=100, blank=True)
    option_zh = models.CharField(max_length=100, blank=True)
    price_usd = models.DecimalField(
        "price (USD)",
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1000000"))],
    )
    stock = models.IntegerField(validators=[MinValueValidator(0), MaxValueValidator(10_000_000)])
    gtin = models.CharField("GTIN", max_length=14, blank=True, validators=[validate_gtin])

    class Meta:
        ordering = ["price_usd", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(price_usd__gt=0), name="sku_price_positive"),
            models.CheckConstraint(condition=Q(stock__gte=0), name="sku_stock_not_negative"),
            models.UniqueConstraint(fields=["product", "code"], name="sku_code_unique_per_product"),
        ]

    def __str__(self) -> str:
        return self.code


def product_image_path(instance: "ProductImage", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"products/{instance.product.public_id}/{uuid.uuid4().hex}.{extension}"


class ProductImage(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(upload_to=product_image_path)
    position = models.PositiveSmallIntegerField(default=0)
    alt_en = models.CharField(max_length=200, blank=True)
    alt_zh = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["position", "id"]


class ProductChange(models.Model):
    """Outbox: a product whose searchable content changed, written in the same transaction as the change.

    The search index consumes and deletes these rows; a crash between the two loses nothing.
    """

    product_id = models.BigIntegerField(db_index=True)
    created_at = models.DateTimeField(default=timezone.now)


class ListingVersion(models.Model):
    """What buyers were shown of a listing, one row per distinct content (recorded by the catalog's writes).

    Kept for evidence: a takedown case proves what was offered, when, even after the seller changed it. Images
    are referred to by their SHA-256; the bytes are kept under that name (`catalog.versions`)."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content_hash = models.CharField(max_length=64)
    content = models.JSONField()
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["product", "number"]
        constraints = [
            models.UniqueConstraint(fields=["product", "number"], name="listing_version_number_unique"),
        ]


class RateCard(models.Model):
    """A seller's own freight rates in USD, by zone and weight bracket, over the platform's default card.

    `brackets` holds the rows as `borderless.trade.rate_card` validated them (zone, up_to_g, base,
    per_additional_kg); `version` grows with every change, so a cached landed price can name the card it
    used. Changed only by `catalog.rate_cards.set_rate_card()`.
    """

    seller = models.OneToOneField(Seller, on_delete=models.CASCADE, related_name="rate_card")
    brackets = models.JSONField(default=list)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"rate card of {self.seller} (v{self.version})"
