"""Brand-protection figures for the reports: listings blocked or removed proactively, plus takedowns.

The platform does not record brand-protection actions yet; until it does, the figure is None and the
reports say "not yet available" rather than show a number nobody measured.
"""

from __future__ import annotations

from borderless.insights.period import Period


def counterfeits_stopped(period: Period) -> int | None:
    return None
