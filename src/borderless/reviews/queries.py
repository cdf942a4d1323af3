"""What pages read of reviews: prepared ratings by key, and a product's latest published reviews in three
queries whatever their number (reviews, their follow-ups, the photos of both)."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection

from borderless.reviews.models import (
    ProductRating,
    Review,
    ReviewKind,
    ReviewPhoto,
    ReviewStatus,
    SellerRating,
)

SHOWN_ON_PAGE = 10


@dataclass(frozen=True)
class Rating:
    count: int = 0
    stars: int = 0

    @property
    def average(self) -> Decimal | None:
        """The mean of the stars to one decimal (4.5), None without reviews."""
        if not self.count:
            return None
        return (Decimal(self.stars) / Decimal(self.count)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class ShownReview:
    review: Review
    photos: list[ReviewPhoto] = field(default_factory=list)
    follow_up: Review | None = None
    follow_up_photos: list[ReviewPhoto] = field(default_factory=list)


def product_ratings(product_ids) -> dict[int, Rating]:
    """Ratings of several products, one query."""
    rows = ProductRating.objects.filter(product_id__in=list(product_ids)).values_list(
        "product_id", "count", "stars"
    )
    return {pk: Rating(count, stars) for pk, count, stars in rows}


def ratings_of(product_id: int, seller_id: int) -> tuple[Rating, Rating]:
    """A product's and its seller's rating, one query."""
    sql = (
        f"SELECT 'p', count, stars FROM {ProductRating._meta.db_table} WHERE product_id = %s "  # noqa: S608
        f"UNION ALL SELECT 's', count, stars FROM {SellerRating._meta.db_table} WHERE seller_id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [product_id, seller_id])
        found = {kind: Rating(count, stars) for kind, count, stars in cursor.fetchall()}
    return found.get("p", Rating()), found.get("s", Rating())


def product_reviews(product_id: int, limit: int = SHOWN_ON_PAGE) -> list[ShownReview]:
    firsts = list(
        Review.objects.filter(
            product_id=product_id, kind=ReviewKind.FIRST, status=ReviewStatus.PUBLISHED
        ).order_by("-created_at", "-id")[:limit]
    )
    if not firsts:
        return []
    shown = {r.pk: ShownReview(r) for r in firsts}
    follow_ups = Review.objects.filter(follows_id__in=list(shown), status=ReviewStatus.PUBLISHED)
    by_id = {}
    for follow_up in follow_ups:
        shown[follow_up.follows_id].follow_up = follow_up
        by_id[follow_up.pk] = shown[follow_up.follows_id]
    for photo in ReviewPhoto.objects.filter(review_id__in=[*shown, *by_id]):
        if photo.review_id in shown:
            shown[photo.review_id].photos.append(photo)
        else:
            by_id[photo.review_id].follow_up_photos.append(photo)
    return [shown[r.pk] for r in firsts]
