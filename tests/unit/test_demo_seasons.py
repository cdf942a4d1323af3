"""The demo's year of trade has the seasons of real cross-border trade to China."""

from datetime import date

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
