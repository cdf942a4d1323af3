"""Reviews of delivered order lines, their photos, the seller's answer, and the prepared rating aggregates.

Only a first review carries stars; a follow-up (追评) adds text and photos to it later. What buyers see is a
published review; a held one waits for an operator, a hidden one is kept for the record only.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderless.accounts.models import Seller
from borderless.catalog.models import Product
from borderless.orders.models import Order, OrderLine

MAX_TEXT = 2000
MAX_ANSWER = 1000
MAX_PHOTOS = 6


class ReviewKind(models.TextChoices):
    FIRST = "first", _("Review")
    FOLLOW_UP = "follow_up", _("Follow-up review")


class ReviewStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    HELD = "held", _("Held for moderation")
    HIDDEN = "hidden", _("Hidden")


class Review(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="reviews")
    line = models.ForeignKey(OrderLine, on_delete=models.PROTECT, related_name="reviews")
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews")
    seller = models.ForeignKey(Seller, on_delete=models.PROTECT, related_name="reviews")
    product = models.ForeignKey(Product, null=True, on_delete=models.SET_NULL, related_name="reviews")
    kind = models.CharField(max_length=10, choices=ReviewKind.choices, default=ReviewKind.FIRST)
    follows = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="follow_ups"
    )  # a follow-up's first review
    stars = models.PositiveSmallIntegerField(null=True)  # first reviews only, 1 to 5
    text = models.TextField(max_length=MAX_TEXT)
    status = models.CharField(max_length=10, choices=ReviewStatus.choices)
    held_reasons = models.JSONField(default=list, blank=True)  # what screening found, for the operator
    answer = models.TextField(max_length=MAX_ANSWER, blank=True)  # the seller's one public answer
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderation_note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["line", "kind"], name="review_once_per_line_and_kind"),
            models.CheckConstraint(
                condition=(Q(kind="first") & Q(stars__gte=1) & Q(stars__lte=5) & Q(follows__isnull=True))
                | (Q(kind="follow_up") & Q(stars__isnull=True) & Q(follows__isnull=False)),
                name="review_stars_on_first_only",
            ),
            models.CheckConstraint(condition=Q(status__in=ReviewStatus.values), name="review_status_valid"),
            models.CheckConstraint(
                condition=Q(answer="") | Q(answered_at__isnull=False), name="review_answer_dated"
            ),
        ]
        indexes = [
            models.Index(fields=["product", "status", "created_at"]),
            models.Index(fields=["seller", "created_at"]),
            models.Index(fields=["status", "created_at"]),
        ]

    def __str__(self) -> str:
        return str(self.public_id)


class ReviewPhoto(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to="reviews/%Y/%m/")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]


class ProductRating(models.Model):
    """The published first reviews of a product, counted when one is published or hidden (not per page)."""

    product = models.OneToOneField(Product, primary_key=True, on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField(default=0)
    stars = models.PositiveIntegerField(default=0)  # the sum of their stars

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(stars__gte=models.F("count")) & Q(stars__lte=models.F("count") * 5),
                name="product_rating_in_range",
            )
        ]


class SellerRating(models.Model):
    """The published first reviews of all of a seller's products."""

    seller = models.OneToOneField(Seller, primary_key=True, on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField(default=0)
    stars = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(stars__gte=models.F("count")) & Q(stars__lte=models.F("count") * 5),
                name="seller_rating_in_range",
            )
        ]
