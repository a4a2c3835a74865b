from datetime import date

import pytest

from bot.core.legal_age import age_on, birthday, month_end, period_containing, reaches_age_on


def test_reaches_age_the_day_before_the_birthday() -> None:
    assert reaches_age_on(date(1957, 3, 2), 70) == date(2027, 3, 1)


def test_first_of_month_reaches_age_at_the_end_of_the_previous_month() -> None:
    assert reaches_age_on(date(1957, 3, 1), 70) == date(2027, 2, 28)


def test_leap_day_birthday_falls_on_1_march_in_common_years() -> None:
    assert birthday(date(1952, 2, 29), 75) == date(2027, 3, 1)
    assert reaches_age_on(date(1952, 2, 29), 75) == date(2027, 2, 28)
    assert birthday(date(1952, 2, 29), 76) == date(2028, 2, 29)


@pytest.mark.parametrize(
    "born, day, age",
    [
        (date(1956, 11, 22), date(2026, 11, 21), 69),
        (date(1956, 11, 22), date(2026, 11, 22), 70),
        (date(1952, 2, 29), date(2027, 2, 28), 74),
        (date(1952, 2, 29), date(2027, 3, 1), 75),
    ],
)
def test_age_on_counts_the_birthday(born: date, day: date, age: int) -> None:
    assert age_on(born, day) == age


def test_month_end_handles_december_and_february() -> None:
    assert month_end(date(2026, 12, 5)) == date(2026, 12, 31)
    assert month_end(date(2028, 2, 1)) == date(2028, 2, 29)


@pytest.mark.parametrize(
    "day, start, end",
    [
        (date(2026, 7, 31), date(2025, 8, 1), date(2026, 7, 31)),
        (date(2026, 8, 1), date(2026, 8, 1), date(2027, 7, 31)),
        (date(2026, 11, 22), date(2026, 8, 1), date(2027, 7, 31)),
    ],
)
def test_period_boundaries_7_31_and_8_1(day: date, start: date, end: date) -> None:
    period = period_containing(day, 8, 1)
    assert (period.start, period.end) == (start, end)


def test_period_follows_the_profile_renewal_date() -> None:
    period = period_containing(date(2026, 11, 22), 12, 1)  # e.g. 神戸市
    assert (period.start, period.end) == (date(2025, 12, 1), date(2026, 11, 30))
