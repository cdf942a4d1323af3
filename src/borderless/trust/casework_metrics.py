"""Figures operators watch for notice and takedown, from the records themselves.

- share of removals made proactively: listings screening held (not cleared by an operator) against those
  plus listings taken down on notices, each counted once per product, in the period;
- time from notice to takedown: median and 95th percentile (nearest rank) over the period's cases;
- counter-notice rate: the period's cases the seller answered, over all its cases;
- repeat offenders: sellers with two or more strikes in the rolling 365 days."""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, F, Q
from django.utils import timezone

from borderless.trust.casework_models import Case, CaseStatus, Notice, Strike
from borderless.trust.deadlines import STRIKE_WINDOW_DAYS
from borderless.trust.models import Decision, ListingScreening, Verdict


@dataclass(frozen=True)
class CaseworkMetrics:
    since: datetime
    until: datetime
    proactive: int
    on_notice: int
    cases: int
    countered: int
    takedown_median_s: float | None
    takedown_p95_s: float | None
    repeat_offenders: list[dict]

    @property
    def proactive_share(self) -> float | None:
        total = self.proactive + self.on_notice
        return self.proactive / total if total else None

    @property
    def counter_notice_rate(self) -> float | None:
        return self.countered / self.cases if self.cases else None


def nearest_rank(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def casework_metrics(days: int = 90, now: datetime | None = None) -> CaseworkMetrics:
    until = now or timezone.now()
    since = until - timedelta(days=days)
    proactive = (
        ListingScreening.objects.filter(screened_at__gt=since, screened_at__lte=until)
        .exclude(verdict=Verdict.CLEAR)
        .exclude(decision=Decision.CLEARED)
        .values("product")
        .distinct()
        .count()
    )
    cases = Case.objects.filter(taken_down_at__gt=since, taken_down_at__lte=until)
    counts = cases.aggregate(
        cases=Count("id"),
        countered=Count("id", filter=Q(countered_at__isnull=False)),
        products=Count("product", distinct=True),
    )
    delays = [
        delay.total_seconds()
        for delay in cases.annotate(delay=F("taken_down_at") - F("notice__filed_at")).values_list(
            "delay", flat=True
        )
    ]
    window = until - timedelta(days=STRIKE_WINDOW_DAYS)
    offenders = (
        Strike.objects.filter(issued_at__gt=window, issued_at__lte=until)
        .values("seller__public_id", "seller__display_name", "seller__standing__level")
        .annotate(strikes=Count("id"), serious=Count("id", filter=Q(serious=True)))
        .filter(strikes__gte=2)
        .order_by("-strikes", "-serious", "seller__display_name")
    )
    return CaseworkMetrics(
        since=since,
        until=until,
        proactive=proactive,
        on_notice=counts["products"],
        cases=counts["cases"],
        countered=counts["countered"],
        takedown_median_s=nearest_rank(delays, 0.5),
        takedown_p95_s=nearest_rank(delays, 0.95),
        repeat_offenders=[
            {
                "seller": row["seller__public_id"],
                "name": row["seller__display_name"],
                "level": row["seller__standing__level"] or "good",
                "strikes": row["strikes"],
                "serious": row["serious"],
            }
            for row in offenders
        ],
    )


def disputed_cases():
    """Counter-noticed or pursued cases awaiting an operator, oldest answer first."""
    return (
        Case.objects.filter(status__in=[CaseStatus.COUNTERED, CaseStatus.PURSUED])
        .select_related("notice__brand", "product", "seller")
        .order_by("countered_at", "id")
    )


def notices_to_precheck():
    """Notices not on the fast track that no operator has checked yet, oldest first."""
    return (
        Notice.objects.filter(prechecked_at__isnull=True)
        .select_related("brand")
        .annotate(listings=Count("cases"))
        .order_by("filed_at", "id")
    )
