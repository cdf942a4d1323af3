"""Penalties and good faith: strikes against sellers whose listings are taken down for good, the standing
they lead to, and the fast track of brand owners whose notices prove accurate.

Escalation over a rolling 365 days: 1 strike → warning, 2 → listing freeze, 3 or more → store freeze; three
serious strikes (a counterfeit notice upheld) → closure, which does not lapse."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from borderless.trust.casework_models import (
    Case,
    CaseStatus,
    NoticeReason,
    Resolution,
    SellerStanding,
    Standing,
    Strike,
)
from borderless.trust.deadlines import FAST_TRACK_WINDOW_DAYS, STRIKE_WINDOW_DAYS
from borderless.trust.holds import refresh_seller_holds
from borderless.trust.models import Brand

SERIOUS_REASONS = frozenset({NoticeReason.COUNTERFEIT})
CLOSURE_SERIOUS_STRIKES = 3

FAST_TRACK_MIN_CASES = 10
FAST_TRACK_MIN_UPHELD = 0.90
FAST_TRACK_MAX_SUCCESSFUL_COUNTERS = 0.05


def standing_for(strikes: int, serious: int) -> str:
    """The level a seller's strikes in the window lead to (plain rule)."""
    if serious >= CLOSURE_SERIOUS_STRIKES:
        return Standing.CLOSED
    if strikes >= 3:
        return Standing.STORE_FREEZE
    if strikes == 2:
        return Standing.LISTING_FREEZE
    if strikes == 1:
        return Standing.WARNING
    return Standing.GOOD


def update_standing(seller_id: int, now: datetime) -> SellerStanding:
    """Recount the seller's strikes in the window; listings follow a store freeze starting or ending."""
    since = now - timedelta(days=STRIKE_WINDOW_DAYS)
    counts = Strike.objects.filter(seller_id=seller_id, issued_at__gt=since, issued_at__lte=now).aggregate(
        strikes=Count("id"), serious=Count("id", filter=Q(serious=True))
    )
    standing, _ = SellerStanding.objects.select_for_update().get_or_create(seller_id=seller_id)
    was_holding = standing.holds_listings
    level = standing_for(counts["strikes"], counts["serious"])
    if standing.level == Standing.CLOSED:
        level = Standing.CLOSED
    standing.level = level
    standing.strikes_in_window = counts["strikes"]
    standing.serious_strikes = counts["serious"]
    standing.updated_at = now
    standing.save()
    if standing.holds_listings != was_holding:
        refresh_seller_holds(seller_id)
    return standing


def issue_strike(case: Case, now: datetime) -> Strike:
    strike = Strike.objects.create(
        seller_id=case.seller_id, case=case, serious=case.notice.reason in SERIOUS_REASONS, issued_at=now
    )
    update_standing(case.seller_id, now)
    return strike


@transaction.atomic
def lapse_old_strikes(now: datetime) -> int:
    """Daily: standings whose strikes have aged out of the window step down (closure stays)."""
    changed = 0
    for standing in SellerStanding.objects.exclude(level__in=[Standing.GOOD, Standing.CLOSED]):
        before = standing.level
        if update_standing(standing.seller_id, now).level != before:
            changed += 1
    return changed


def seller_standing(seller_id: int) -> str:
    standing = SellerStanding.objects.filter(seller_id=seller_id).first()
    return standing.level if standing else Standing.GOOD


@dataclass(frozen=True)
class NoticeAccuracy:
    decided: int
    upheld: int
    successful_counters: int

    @property
    def upheld_share(self) -> float:
        return self.upheld / self.decided if self.decided else 0.0

    @property
    def successful_counter_share(self) -> float:
        return self.successful_counters / self.decided if self.decided else 0.0

    @property
    def fast_track(self) -> bool:
        return (
            self.decided >= FAST_TRACK_MIN_CASES
            and self.upheld_share >= FAST_TRACK_MIN_UPHELD
            and self.successful_counter_share <= FAST_TRACK_MAX_SUCCESSFUL_COUNTERS
        )


def notice_accuracy(brand: Brand, now: datetime) -> NoticeAccuracy:
    """How the brand's cases closed in the last 3 months: upheld, or restored after a counter-notice."""
    since = now - timedelta(days=FAST_TRACK_WINDOW_DAYS)
    counts = Case.objects.filter(notice__brand=brand, closed_at__gt=since, closed_at__lte=now).aggregate(
        decided=Count("id"),
        upheld=Count("id", filter=Q(status=CaseStatus.UPHELD)),
        countered=Count(
            "id",
            filter=Q(
                countered_at__isnull=False,
                resolution__in=[Resolution.NOT_PURSUED, Resolution.OPERATOR_REJECTED],
            ),
        ),
    )
    return NoticeAccuracy(counts["decided"], counts["upheld"], counts["countered"])


FROZEN_LISTINGS = (Standing.LISTING_FREEZE, Standing.STORE_FREEZE, Standing.CLOSED)


def ensure_may_list(seller_id: int) -> None:
    """A seller under a listing freeze (or worse) may not create or change listings."""
    level = seller_standing(seller_id)
    if level in FROZEN_LISTINGS:
        raise ValidationError(
            {"__all__": [_("Your listings are frozen after repeated infringement strikes (%(level)s).")
                         % {"level": Standing(level).label}]}
        )  # fmt: skip
