"""Legal age (年齢計算ニ関スル法律) and the yearly document period.

A person reaches age N at the end of the day before their N-th birthday
(shared/domain-rules.md, "Legal age"). A 29 February birthday falls on 1 March in
common years, so such a person reaches the age at the end of 28 February.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


def birthday(birthdate: date, age: int) -> date:
    """The N-th birthday; 29 February becomes 1 March in common years."""
    year = birthdate.year + age
    try:
        return birthdate.replace(year=year)
    except ValueError:  # 29 February in a common year
        return date(year, 3, 1)


def reaches_age_on(birthdate: date, age: int) -> date:
    """The day at whose end the person legally reaches `age` (the day before the birthday)."""
    return birthday(birthdate, age) - ONE_DAY


def age_on(birthdate: date, day: date) -> int:
    """Age at the start of `day`: completed years, counting the birthday itself."""
    age = day.year - birthdate.year
    if birthday(birthdate, age) > day:
        age -= 1
    return age


def month_end(day: date) -> date:
    """Last day of the month containing `day`."""
    first_next = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return first_next - ONE_DAY


@dataclass(frozen=True)
class Period:
    """One yearly document period, both ends inclusive."""

    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def period_containing(day: date, renewal_month: int, renewal_day: int) -> Period:
    """The yearly period (renewal date to the day before the next one) that contains `day`.

    The renewal date comes from the municipality profile: 8/1 in most cities, not everywhere.
    """
    start = date(day.year, renewal_month, renewal_day)
    if start > day:
        start = date(day.year - 1, renewal_month, renewal_day)
    end = date(start.year + 1, renewal_month, renewal_day) - ONE_DAY
    return Period(start, end)
