"""Brand-protection figures for the reports: counterfeits stopped = listings held by screening before a buyer
could buy them + listings taken down on brand owners' notices, each part counted once per product in the
period, as the trust app's own casework figures count them (`trust.casework_metrics`).
"""

from __future__ import annotations

from django.apps import apps

from borderless.insights.facts import reports_database
from borderless.insights.period import Period


def listings_stopped(period: Period) -> int | None:
    """Listings screening held (review or blocked) and no operator cleared, by the moment of screening."""
    if not apps.is_installed("borderless.trust"):
        return None
    from borderless.trust.models import Decision, ListingScreening, Verdict

    return (
        ListingScreening.objects.using(reports_database())
        .filter(screened_at__gte=period.starts_at, screened_at__lt=period.ends_before)
        .exclude(verdict=Verdict.CLEAR)
        .exclude(decision=Decision.CLEARED)
        .values("product")
        .distinct()
        .count()
    )


def takedowns(period: Period) -> int | None:
    """Listings taken down on brand owners' notices, by the moment of the takedown."""
    if not apps.is_installed("borderless.trust"):
        return None
    from borderless.trust.casework_models import Case

    return (
        Case.objects.using(reports_database())
        .filter(taken_down_at__gte=period.starts_at, taken_down_at__lt=period.ends_before)
        .values("product")
        .distinct()
        .count()
    )


def counterfeits_stopped(period: Period) -> int | None:
    return figures(period)["counterfeits_stopped"]


def figures(period: Period) -> dict[str, int | None]:
    """The three figures from two counts."""
    stopped, taken_down = listings_stopped(period), takedowns(period)
    total = None if stopped is None or taken_down is None else stopped + taken_down
    return {"listings_stopped": stopped, "takedowns": taken_down, "counterfeits_stopped": total}
