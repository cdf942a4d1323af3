"""The clocks of notice and takedown, as plain functions (no database).

- A seller answers within 3 business days: Saturdays and Sundays do not count. Public holidays are not
  counted either (neither the US nor the Chinese calendar is assumed): a holiday calendar can be passed in.
- A brand owner pursues (complaint or suit) within 15 calendar days of the counter-notice (China
  E-Commerce Law art. 43 counts days, not business days).
"""

from collections.abc import Collection
from datetime import date, datetime, timedelta

COUNTER_NOTICE_BUSINESS_DAYS = 3
PURSUIT_DAYS = 15
STRIKE_WINDOW_DAYS = 365
FAST_TRACK_WINDOW_DAYS = 90


def add_business_days(start: datetime, days: int, holidays: Collection[date] = ()) -> datetime:
    """The moment `days` business days after `start` (same time of day); weekends and holidays skipped.

    Filed on a Friday afternoon (or on the weekend): due the next Wednesday at the same time."""
    moment = start
    remaining = days
    while remaining > 0:
        moment += timedelta(days=1)
        if moment.weekday() < 5 and moment.date() not in holidays:
            remaining -= 1
    return moment


def pursuit_deadline(countered_at: datetime) -> datetime:
    return countered_at + timedelta(days=PURSUIT_DAYS)
