"""Brand-protection figures for the reports: counterfeits stopped = listings stopped by screening before a
buyer could buy them + takedowns on brand owners' notices.

Listings stopped come from the screening records (`trust.ListingScreening`): a listing version blocked
by screening and not cleared by an operator, or held for review and upheld, counted once per product, in the
period of the stop. Takedowns are not recorded by the platform yet: that part, and so the total, is None
("not yet available") rather than a number nobody measured.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import Q

from borderless.insights.facts import reports_database
from borderless.insights.period import Period


def listings_stopped(period: Period) -> int | None:
    if not apps.is_installed("borderless.trust"):
        return None
    from borderless.trust.models import Decision, ListingScreening, Verdict

    inside = {"gte": period.starts_at, "lt": period.ends_before}
    blocked = Q(verdict=Verdict.BLOCKED, screened_at__gte=inside["gte"], screened_at__lt=inside["lt"]) & ~Q(
        decision=Decision.CLEARED
    )
    upheld = Q(decision=Decision.UPHELD, decided_at__gte=inside["gte"], decided_at__lt=inside["lt"])
    return (
        ListingScreening.objects.using(reports_database())
        .filter(blocked | upheld)
        .values("product")
        .distinct()
        .count()
    )


def takedowns(period: Period) -> int | None:
    return None  # notice-and-takedown is not recorded yet


def counterfeits_stopped(period: Period) -> int | None:
    stopped, taken_down = listings_stopped(period), takedowns(period)
    if stopped is None or taken_down is None:
        return None
    return stopped + taken_down


def figures(period: Period) -> dict[str, int | None]:
    return {
        "listings_stopped": listings_stopped(period),
        "takedowns": takedowns(period),
        "counterfeits_stopped": counterfeits_stopped(period),
    }
