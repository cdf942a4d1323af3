"""A reporting period: whole UTC days, `start` to `end` inclusive. Plain Python."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

MAX_DAYS = 3660  # ten years: longer asks are a typo, not a report


class PeriodError(ValueError):
    """A period that cannot be reported on; the message says why, for the person who asked."""


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date  # inclusive

    def __post_init__(self):
        if self.start > self.end:
            raise PeriodError(f"The period starts ({self.start}) after it ends ({self.end}).")
        if self.days > MAX_DAYS:
            raise PeriodError(f"The period is {self.days} days long; at most {MAX_DAYS} are reported.")

    @classmethod
    def parse(cls, start: str | None, end: str | None) -> Period:
        if not start or not end:
            raise PeriodError("Give both ends of the period: --from YYYY-MM-DD --to YYYY-MM-DD.")
        return cls(_day(start, "from"), _day(end, "to"))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.start, time.min, tzinfo=UTC)

    @property
    def ends_before(self) -> datetime:
        """The first instant after the period (periods are half-open in time)."""
        return datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=UTC)

    def previous(self) -> Period:
        """The period of equal length just before this one."""
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def __str__(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat()}"


def _day(text: str, name: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise PeriodError(f"--{name}: expected a date as YYYY-MM-DD, not {text!r}.") from None


def last_days(today: date, days: int) -> Period:
    return Period(today - timedelta(days=days - 1), today)
