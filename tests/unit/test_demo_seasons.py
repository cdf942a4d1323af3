"""The demo's year of trade has the seasons of real cross-border trade to China, and brand protection."""

import random
from collections import Counter
from datetime import date, timedelta

from borderless.demo import casework
from borderless.demo.history import season


def test_singles_day_and_618_are_the_peaks():
    ordinary = season(date(2026, 9, 9))  # a Wednesday in September
    assert season(date(2026, 11, 11)) >= 6 * ordinary
    assert season(date(2026, 6, 18)) >= 4 * ordinary
    assert ordinary < season(date(2026, 11, 5)) < season(date(2026, 11, 11))
    assert ordinary < season(date(2026, 6, 10)) < season(date(2026, 6, 18))


def test_gifts_before_chinese_new_year_and_quiet_during_it():
    ordinary = season(date(2026, 3, 11))
    assert season(date(2026, 2, 5)) > ordinary  # the run-up to 17 February 2026
    assert season(date(2026, 2, 19)) < ordinary / 2  # couriers stop for the holiday
    assert season(date(2027, 2, 8)) < ordinary / 2  # 6 February 2027


def test_weekends_a_little_busier():
    assert season(date(2026, 9, 12)) > season(date(2026, 9, 9))


def test_brand_protection_runs_through_the_year_with_every_ending():
    deal = casework.dealer(random.Random(7))
    year = Counter(deal() for _ in range(len(casework.FATES)))
    # Each deck holds every ending of a case: upheld uncontested (a strike), restored after 15 days
    # unpursued, pursued and upheld by an operator (a strike), pursued and rejected.
    assert year == Counter(casework.FATES)
    assert set(year) == {"uncontested", "not_pursued", "pursued_upheld", "pursued_rejected"}
    assert 5 <= casework.NOTICES <= 30 and 3 <= casework.KNOCK_OFFS <= 20  # tens of cases, not thousands


def test_counterfeiters_follow_the_buyers_into_the_seasons():
    rng = random.Random(3)
    start = date(2025, 11, 25)
    days = [casework.notice_day(rng, start, season) for _ in range(3000)]
    assert all(start <= day < start + timedelta(days=365) for day in days)
    singles_day = sum(day == date(2026, 11, 11) for day in days)
    ordinary = sum(day == date(2026, 9, 9) for day in days)
    assert singles_day > 3 * max(ordinary, 1)
