"""Review use cases: write a review or a follow-up of a delivered order line, answer one, moderate one.

Each is one transaction and writes nothing when it refuses (ReviewRefused: a clear message, in the buyer's
language for the buyer's cases). Publishing or hiding a first review recounts the product's and the seller's
rating under a lock of their aggregate rows, and any change buyers see writes the catalog's outbox row
(ProductChange): the search index refreshes the product and its generation moves, so cached search pages and
product pages showing the old rating or reviews are obsolete at once (ADR 0203).
"""

from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from borderless.catalog.images import normalise_image
from borderless.catalog.models import ProductChange
from borderless.orders.models import Order, OrderLine
from borderless.reviews.errors import ReviewRefused
from borderless.reviews.models import (
    MAX_ANSWER,
    MAX_PHOTOS,
    MAX_TEXT,
    ProductRating,
    Review,
    ReviewKind,
    ReviewPhoto,
    ReviewStatus,
    SellerRating,
)
from borderless.reviews.screening import held_reasons


def _refuse(message: str, code: str) -> ReviewRefused:
    return ReviewRefused(message, code=code)


def reviewable_line(buyer, order_public_id, sku_public_id) -> OrderLine:
    """The buyer's own line of a delivered order; ReviewRefused for anyone else's or an undelivered one."""
    if buyer is None or not buyer.is_authenticated or not getattr(buyer, "is_buyer", False):
        raise _refuse(_("Only the buyer who received this item can review it."), "not_buyer")
    try:
        line = OrderLine.objects.select_related("order").get(
            order__public_id=order_public_id, order__buyer=buyer, sku_public_id=sku_public_id
        )
    except (OrderLine.DoesNotExist, OrderLine.MultipleObjectsReturned, ValidationError, ValueError):
        raise _refuse(_("Only the buyer who received this item can review it."), "not_buyer") from None
    if line.order.delivered_at is None:
        raise _refuse(_("You can review this item once it has been delivered."), "not_delivered")
    return line


def _clean_text(text, *, limit: int, required_message: str) -> str:
    text = str(text or "").strip()
    if not text:
        raise _refuse(required_message, "text_required")
    if len(text) > limit:
        raise _refuse(_("At most %(limit)d characters, please.") % {"limit": limit}, "text_too_long")
    return text


_PHOTO_MESSAGES = {
    "image_too_large": lambda: _("Each photo may be at most 5 MB."),
    "image_format": lambda: _("Upload a JPEG, PNG, WebP or GIF photo."),
}


def _checked_photos(photos: Sequence) -> list:
    """Each upload read and re-encoded as a JPEG (catalog.images: by content, not by name or type)."""
    photos = [p for p in (photos or []) if p]
    if len(photos) > MAX_PHOTOS:
        raise _refuse(_("At most %(count)d photos.") % {"count": MAX_PHOTOS}, "too_many_photos")
    checked = []
    for upload in photos:
        try:
            checked.append(normalise_image(upload))
        except ValidationError as exc:
            message = _PHOTO_MESSAGES.get(exc.code, lambda: _("This file is not a photo we can read."))()
            raise _refuse(message, "photo_invalid") from None
    return checked


def _stars(value) -> int:
    try:
        stars = int(value)
    except (TypeError, ValueError):
        stars = 0
    if isinstance(value, bool) or not 1 <= stars <= 5 or str(value).strip() != str(stars):
        raise _refuse(_("Choose from 1 to 5 stars."), "stars")
    return stars


def write_review(
    buyer, order_public_id, sku_public_id, *, stars, text, photos=(), now: datetime | None = None
):
    """The buyer's one review of a delivered order line: stars, text, photos (at most MAX_PHOTOS)."""
    line = reviewable_line(buyer, order_public_id, sku_public_id)
    stars = _stars(stars)
    text = _clean_text(text, limit=MAX_TEXT, required_message=_("Write a few words about the item."))
    checked = _checked_photos(photos)
    if Review.objects.filter(line=line, kind=ReviewKind.FIRST).exists():
        raise _refuse(_("You have already reviewed this item; you can add a follow-up review."), "reviewed")
    return _save(line, ReviewKind.FIRST, stars, text, checked, None, now or timezone.now())


def write_follow_up(buyer, order_public_id, sku_public_id, *, text, photos=(), now: datetime | None = None):
    """The buyer's one follow-up (追评) to their review of the line: text and photos, no stars."""
    line = reviewable_line(buyer, order_public_id, sku_public_id)
    text = _clean_text(text, limit=MAX_TEXT, required_message=_("Write a few words about the item."))
    checked = _checked_photos(photos)
    first = Review.objects.filter(line=line, kind=ReviewKind.FIRST).first()
    if first is None:
        raise _refuse(_("Review the item first; a follow-up comes after."), "no_review")
    if Review.objects.filter(line=line, kind=ReviewKind.FOLLOW_UP).exists():
        raise _refuse(_("You have already added a follow-up review."), "reviewed")
    return _save(line, ReviewKind.FOLLOW_UP, None, text, checked, first, now or timezone.now())


def _save(line, kind, stars, text, checked, first, now) -> Review:
    reasons = held_reasons(text)
    status = ReviewStatus.HELD if reasons else ReviewStatus.PUBLISHED
    order: Order = line.order
    try:
        with transaction.atomic():
            review = Review.objects.create(
                order=order,
                line=line,
                buyer_id=order.buyer_id,
                seller_id=order.seller_id,
                product_id=line.sku.product_id if line.sku_id else None,
                kind=kind,
                follows=first,
                stars=stars,
                text=text,
                status=status,
                held_reasons=reasons,
                created_at=now,
            )
            for position, content in enumerate(checked):
                photo = ReviewPhoto(review=review, position=position)
                photo.image.save(content.name, content, save=False)
                photo.save()
            if status == ReviewStatus.PUBLISHED:
                _shown_changed(review)
    except IntegrityError:
        # Two submissions of the same review at once: the database keeps one (review_once_per_line_and_kind).
        raise _refuse(_("You have already reviewed this item."), "reviewed") from None
    return review


def answer(user, review_public_id, text, *, now: datetime | None = None) -> Review:
    """The seller's one public answer to a published review of its own product."""
    membership = getattr(user, "membership", None)
    review = Review.objects.filter(public_id=review_public_id).first() if membership else None
    if review is None or review.seller_id != membership.seller_id:
        raise _refuse("No such review of your products.", "not_found")
    text = _clean_text(text, limit=MAX_ANSWER, required_message="Write your answer.")
    if review.status != ReviewStatus.PUBLISHED:
        raise _refuse("Only published reviews can be answered.", "not_published")
    now = now or timezone.now()
    with transaction.atomic():
        taken = Review.objects.filter(pk=review.pk, answer="", status=ReviewStatus.PUBLISHED).update(
            answer=text, answered_at=now, answered_by=user
        )
        if not taken:
            raise _refuse("This review has been answered already; an answer is given once.", "answered")
        review.refresh_from_db()
        _shown_changed(review)
    return review


def moderate(operator, review_public_id, decision: str, note: str = "", *, now=None) -> Review:
    """An operator publishes (`approve`) or hides (`hide`) a review; the ratings follow."""
    if operator is None or not getattr(operator, "is_operator", False):
        raise _refuse("Only operators moderate reviews.", "not_operator")
    targets = {"approve": ReviewStatus.PUBLISHED, "hide": ReviewStatus.HIDDEN}
    if decision not in targets:
        raise _refuse("Choose approve or hide.", "decision")
    note = str(note or "").strip()[:500]
    with transaction.atomic():
        review = Review.objects.select_for_update().filter(public_id=review_public_id).first()
        if review is None:
            raise _refuse("No such review.", "not_found")
        before = review.status
        review.status = targets[decision]
        review.moderated_at = now or timezone.now()
        review.moderated_by = operator
        review.moderation_note = note
        review.save(update_fields=["status", "moderated_at", "moderated_by", "moderation_note"])
        if before != review.status and ReviewStatus.PUBLISHED in (before, review.status):
            _shown_changed(review)
    return review


def _shown_changed(review: Review) -> None:
    """What buyers see of the review's product changed: recount its ratings (a first review) and tell the
    search index, in the same transaction."""
    if review.kind == ReviewKind.FIRST:
        recount_ratings(review.product_id, review.seller_id)
    if review.product_id:
        ProductChange.objects.create(product_id=review.product_id)


def recount_ratings(product_id: int | None, seller_id: int) -> None:
    """Count the published first reviews of the product and of the seller again, each under the lock of
    its aggregate row, so two decisions at once cannot both write a count that misses the other."""
    first = Review.objects.filter(kind=ReviewKind.FIRST, status=ReviewStatus.PUBLISHED)
    if product_id:
        ProductRating.objects.get_or_create(product_id=product_id)
        row = ProductRating.objects.select_for_update().get(product_id=product_id)
        totals = first.filter(product_id=product_id).aggregate(n=Count("id"), s=Sum("stars"))
        row.count, row.stars = totals["n"], totals["s"] or 0
        row.save(update_fields=["count", "stars"])
    SellerRating.objects.get_or_create(seller_id=seller_id)
    row = SellerRating.objects.select_for_update().get(seller_id=seller_id)
    totals = first.filter(seller_id=seller_id).aggregate(n=Count("id"), s=Sum("stars"))
    row.count, row.stars = totals["n"], totals["s"] or 0
    row.save(update_fields=["count", "stars"])
